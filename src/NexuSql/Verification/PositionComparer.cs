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
    /// One difference per sequence of <paramref name="sequences"/> and per column generating ids — an identity, or a
    /// default drawing from a sequence, which a copy to another engine makes of one another — both databases hold whose
    /// next value differs (bt38 H6: a <c>DEFAULT nextval('s')</c> column was compared neither with <c>--tables</c> nor
    /// against the identity a copy made of it), or whose next value is not past the values the column holds on one side
    /// only (bt39 H3, H5: a MariaDB sequence restarted within its cache steps; an identity restarted against a SQLite
    /// rowid, which keeps no position). A position one side does not keep (a SQLite table without AUTOINCREMENT; SQLite
    /// before its first AUTOINCREMENT table, when sqlite_sequence does not exist yet) is not compared by value.
    /// </summary>
    /// <param name="left">The first database's session, inside the data check's snapshot.</param>
    /// <param name="right">The second database's.</param>
    /// <param name="a">The first database's schema (the tables compared).</param>
    /// <param name="b">The second database's schema.</param>
    /// <param name="da">The first database's dialect.</param>
    /// <param name="db">The second database's dialect.</param>
    /// <param name="sequences">The first database's sequences compared: every one, or with <c>--tables</c> those the chosen
    /// tables' defaults, triggers and the routines they call draw from (<see cref="SchemaComparer.Only"/>; bt39 H2: one drawn
    /// through a function was not compared).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static async Task<IReadOnlyList<DataDifference>> CompareAsync(NexuSqlConnection left, NexuSqlConnection right, SchemaModel a, SchemaModel b,
        SqlDialect da, SqlDialect db, IEnumerable<SequenceModel> sequences, CancellationToken cancellationToken)
    {
        var differences = new List<DataDifference>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sa in sequences)
        {
            // spelled the same first: "Seq" and seq are two sequences of one PostgreSQL database (bt41 F29: one was read for both)
            var sb = NamePairing.Find(b.Sequences.Where(s => s.Schema == sa.Schema), s => s.Name, sa.Name);
            if (sb is null || da.SequenceNextValueSql(sa.Name, sa.Schema) is not { } qa || db.SequenceNextValueSql(sb.Name, sb.Schema) is not { } qb) continue;
            var na = await left.ExecuteScalarAsync<decimal?>(qa, cancellationToken: cancellationToken).ConfigureAwait(false);
            var nb = await right.ExecuteScalarAsync<decimal?>(qb, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (na is not null && nb is not null && na != nb && !MayBeEqual(Range(na.Value, sa, da), Range(nb.Value, sb, db)))
            {
                differences.Add(new DataDifference(sa.QualifiedName, "position", null,
                    $"the sequence's next value is {Show(na)} in the first database, {Show(nb)} in the second"));
                reported.Add(sa.QualifiedName);
            }
        }
        var (presentA, presentB) = (await PresentAsync(left, da, cancellationToken).ConfigureAwait(false), await PresentAsync(right, db, cancellationToken).ConfigureAwait(false));
        foreach (var ta in a.Tables)
        {
            if (b.Table(ta.Name) is not { } tb) continue;
            foreach (var ca in ta.Columns)
            {
                if (tb.ColumnNamed(ca.Name) is not { } cb) continue;
                var (ga, gb) = (Generator(a, ta, ca, da, presentA), Generator(b, tb, cb, db, presentB));
                if (ga is null && gb is null) continue;
                var na = ga is null ? null : await left.ExecuteScalarAsync<decimal?>(ga.Value.Sql, cancellationToken: cancellationToken).ConfigureAwait(false);
                var nb = gb is null ? null : await right.ExecuteScalarAsync<decimal?>(gb.Value.Sql, cancellationToken: cancellationToken).ConfigureAwait(false);
                var (ra, rb) = (Range(na, ga, da), Range(nb, gb, db));
                // two columns drawing from one sequence (by name) are compared as that sequence, above
                var oneSequence = ga?.Sequence is { } qa && gb?.Sequence is { } qb && string.Equals(qa.QualifiedName, qb.QualifiedName, StringComparison.OrdinalIgnoreCase);
                if (!oneSequence && ra is { } xa && rb is { } xb && na != nb && !MayBeEqual(xa, xb))
                {
                    differences.Add(new DataDifference(ta.Name, "position", null,
                        $"column {ca.Name}: the next value it generates is {Show(na)} in the first database, {Show(nb)} in the second"));
                    continue;
                }
                // bt39 H3/H5: a counter behind the column's own values, which the tolerance above (a MariaDB sequence's
                // cache) or a side keeping no position (a SQLite rowid, which goes on after its largest id) lets pass
                if (oneSequence && reported.Contains(ga!.Value.Sequence!.QualifiedName) || !Generates(a, ca, da) || !Generates(b, cb, db)) continue;
                var behindA = await BehindAsync(left, ta, ca, ga, ra, da, cancellationToken).ConfigureAwait(false);
                var behindB = await BehindAsync(right, tb, cb, gb, rb, db, cancellationToken).ConfigureAwait(false);
                if ((behindA is null) == (behindB is null)) continue;
                var (which, next, other, limit) = behindA is { } la ? ("first", na, nb, la) : ("second", nb, na, behindB!.Value);
                // a counter going down is behind at or above the smallest value (bt40 N-L2: "at or below the largest")
                var edge = Down(behindA is not null ? ga : gb, behindA is not null ? ca : cb) ? "at or above the smallest" : "at or below the largest";
                differences.Add(new DataDifference(ta.Name, "position", null,
                    $"column {ca.Name}: the next value it generates is {Show(next)} in the {which} database, {edge} value the column holds ({Show(limit)}): new rows would run into ids the table already has"
                    + (other is null ? "" : $"; {Show(other)} in the {(which == "first" ? "second" : "first")}")));
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

    private static (decimal Low, decimal High)? Range(decimal? read, (string Sql, SequenceModel? Sequence)? generator, SqlDialect d) =>
        read is not { } r ? null : generator?.Sequence is { } q ? Range(r, q, d) : (r, r);

    /// <summary>Whether a column generates its values: an identity (a SQLite rowid too), or a default drawing from a sequence.</summary>
    private static bool Generates(SchemaModel s, ColumnModel c, SqlDialect d) => c.Identity || s.SequenceOfDefault(c, d) is not null;

    /// <summary>
    /// The column's largest value (smallest, for a counter going down) when every next value the generator may hand out
    /// is at or before it (its next insert collides, or walks into the ids it holds); null when it is past them, keeps no
    /// position (a SQLite rowid goes on after its largest id), or the table is empty.
    /// </summary>
    private static async Task<decimal?> BehindAsync(NexuSqlConnection session, TableModel t, ColumnModel c, (string Sql, SequenceModel? Sequence)? generator,
        (decimal Low, decimal High)? next, SqlDialect d, CancellationToken cancellationToken)
    {
        if (generator is null || next is not { } n) return null;
        var down = Down(generator, c);
        var column = d.QuoteIdentifier(c.Name);
        var edge = await session.ExecuteScalarAsync<decimal?>($"SELECT {(down ? "MIN" : "MAX")}({column}) FROM {d.QuoteName(t.Schema, t.Name)}",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return edge is { } e && (down ? n.Low >= e : n.High <= e) ? e : null;
    }

    /// <summary>Whether the generator counts down (a negative step).</summary>
    private static bool Down((string Sql, SequenceModel? Sequence)? generator, ColumnModel c) =>
        (generator?.Sequence?.Increment ?? c.IdentityOptions?.Increment ?? 1) < 0;

    private static bool MayBeEqual((decimal Low, decimal High) a, (decimal Low, decimal High) b) => a.Low <= b.High && b.Low <= a.High;

    /// <summary>Whether the engine keeps identity positions yet (SQLite: sqlite_sequence exists once an AUTOINCREMENT table was made).</summary>
    private static async Task<bool> PresentAsync(NexuSqlConnection session, SqlDialect d, CancellationToken cancellationToken) =>
        d.IdentityPositionsPresentSql is not { } sql || await session.ExecuteScalarAsync<long>(sql, cancellationToken: cancellationToken).ConfigureAwait(false) > 0;

    private static string Show(decimal? value) => value!.Value.ToString(CultureInfo.InvariantCulture);
}
