using System.Globalization;
using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Verification;

/// <summary>
/// The part of the data check that is not rows: where each sequence and identity column goes on. Copy and restore
/// carry them (<see cref="Backup.BackupCreator.SequencesAsync"/>), so a target whose counter went back — PostgreSQL
/// <c>setval('t_id_seq', 3)</c> behind ids up to 50, MariaDB <c>AUTO_INCREMENT</c> or <c>ALTER SEQUENCE ... RESTART</c>
/// — would hand out ids that exist (duplicate key on the next insert) or skip ranges; pg_dump carries them as
/// <c>setval</c> in its data section likewise (break test 25 F2).
/// </summary>
internal static class PositionComparer
{
    /// <summary>
    /// One difference per sequence (every one when no table is chosen; with <c>--tables</c>, those a chosen table's column
    /// draws its default from) and per column generating ids — an identity, or a default drawing from a sequence, which a
    /// copy to another engine makes of one another — both databases hold whose next value differs (bt38 H6: a
    /// <c>DEFAULT nextval('s')</c> column was compared neither with <c>--tables</c> nor against the identity a copy made
    /// of it). A position one side does not keep (a SQLite table without AUTOINCREMENT; SQLite before its first
    /// AUTOINCREMENT table, when sqlite_sequence does not exist yet) is not compared.
    /// </summary>
    /// <param name="left">The first database's session, inside the data check's snapshot.</param>
    /// <param name="right">The second database's.</param>
    /// <param name="a">The first database's schema (the tables compared).</param>
    /// <param name="b">The second database's schema.</param>
    /// <param name="da">The first database's dialect.</param>
    /// <param name="db">The second database's dialect.</param>
    /// <param name="tablesChosen">Whether <c>--tables</c> chose tables (a sequence no chosen table draws from is not compared then).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static async Task<IReadOnlyList<DataDifference>> CompareAsync(NexuSqlConnection left, NexuSqlConnection right, SchemaModel a, SchemaModel b,
        SqlDialect da, SqlDialect db, bool tablesChosen, CancellationToken cancellationToken)
    {
        var differences = new List<DataDifference>();
        var drawn = a.DrawnSequences(da);
        foreach (var sa in a.Sequences.Where(q => !tablesChosen || drawn.Contains(q)))
        {
            var sb = b.Sequences.FirstOrDefault(s => s.Schema == sa.Schema && string.Equals(s.Name, sa.Name, StringComparison.OrdinalIgnoreCase));
            if (sb is null || da.SequenceNextValueSql(sa.Name, sa.Schema) is not { } qa || db.SequenceNextValueSql(sb.Name, sb.Schema) is not { } qb) continue;
            var na = await left.ExecuteScalarAsync<decimal?>(qa, cancellationToken: cancellationToken).ConfigureAwait(false);
            var nb = await right.ExecuteScalarAsync<decimal?>(qb, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (na is not null && nb is not null && na != nb && !MayBeEqual(Range(na.Value, sa, da), Range(nb.Value, sb, db)))
                differences.Add(new DataDifference(sa.QualifiedName, "position", null,
                    $"the sequence's next value is {Show(na)} in the first database, {Show(nb)} in the second"));
        }
        var (presentA, presentB) = (await PresentAsync(left, da, cancellationToken).ConfigureAwait(false), await PresentAsync(right, db, cancellationToken).ConfigureAwait(false));
        foreach (var ta in a.Tables)
        {
            if (b.Table(ta.Name) is not { } tb) continue;
            foreach (var ca in ta.Columns)
            {
                if (tb.Columns.FirstOrDefault(c => string.Equals(c.Name, ca.Name, StringComparison.OrdinalIgnoreCase)) is not { } cb
                    || Generator(a, ta, ca, da, presentA) is not { } ga || Generator(b, tb, cb, db, presentB) is not { } gb
                    // two columns drawing from one sequence (by name): compared as that sequence, above
                    || ga.Sequence is not null && gb.Sequence is not null && string.Equals(ga.Sequence.QualifiedName, gb.Sequence.QualifiedName, StringComparison.OrdinalIgnoreCase))
                    continue;
                var na = await left.ExecuteScalarAsync<decimal?>(ga.Sql, cancellationToken: cancellationToken).ConfigureAwait(false);
                var nb = await right.ExecuteScalarAsync<decimal?>(gb.Sql, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (na is not null && nb is not null && na != nb
                    && !MayBeEqual(ga.Sequence is null ? (na.Value, na.Value) : Range(na.Value, ga.Sequence, da), gb.Sequence is null ? (nb.Value, nb.Value) : Range(nb.Value, gb.Sequence, db)))
                    differences.Add(new DataDifference(ta.Name, "position", null,
                        $"column {ca.Name}: the next value it generates is {Show(na)} in the first database, {Show(nb)} in the second"));
            }
        }
        return differences;
    }

    /// <summary>
    /// How a column's next generated value is read: an identity's (one that reuses ids — SQLite's plain INTEGER PRIMARY
    /// KEY — keeps no position; nor does SQLite before sqlite_sequence exists), or the next value of the sequence its
    /// default draws from; null for a column that generates nothing.
    /// </summary>
    private static (string Sql, SequenceModel? Sequence)? Generator(SchemaModel s, TableModel t, ColumnModel c, SqlDialect d, bool positionsPresent) =>
        c.Identity ? (c.IdentityOptions?.ReusesValues != true && positionsPresent && d.IdentityNextValueSql(t.Name, c.Name, t.Schema) is { } sql ? (sql, null) : null)
        : s.SequenceOfDefault(c, d) is { } q && d.SequenceNextValueSql(q.Name, q.Schema) is { } next ? (next, q) : null;

    /// <summary>
    /// The values a sequence's next value may be, read as <paramref name="read"/>: the value itself, or — where the
    /// engine reads the first value after its cache (MariaDB, <see cref="SqlDialect.SequenceCachePastPosition"/>) — any
    /// of the <c>CACHE</c> steps before it, which only the server's memory knows (bt35 M1: a MariaDB sequence used once
    /// since the server started read 1002 for 3, and verify reported every such sequence as differing).
    /// </summary>
    private static (decimal Low, decimal High) Range(decimal read, SequenceModel sequence, SqlDialect d)
    {
        if (d.SequenceCachePastPosition(sequence) is not { } cache || cache <= 1 || sequence.Increment == 0) return (read, read);
        var span = (decimal)cache * sequence.Increment;
        return span > 0 ? (read - span, read) : (read, read - span);
    }

    private static bool MayBeEqual((decimal Low, decimal High) a, (decimal Low, decimal High) b) => a.Low <= b.High && b.Low <= a.High;

    /// <summary>Whether the engine keeps identity positions yet (SQLite: sqlite_sequence exists once an AUTOINCREMENT table was made).</summary>
    private static async Task<bool> PresentAsync(NexuSqlConnection session, SqlDialect d, CancellationToken cancellationToken) =>
        d.IdentityPositionsPresentSql is not { } sql || await session.ExecuteScalarAsync<long>(sql, cancellationToken: cancellationToken).ConfigureAwait(false) > 0;

    private static string Show(decimal? value) => value!.Value.ToString(CultureInfo.InvariantCulture);
}
