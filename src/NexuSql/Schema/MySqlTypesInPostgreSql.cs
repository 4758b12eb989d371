using System.Text;
using System.Text.RegularExpressions;
using NexuSql.Dialects;

namespace NexuSql.Schema;

/// <summary>
/// MariaDB/MySQL column types that PostgreSQL holds with the same values (break test 30 F7): <c>BIT(n)</c> is
/// <c>bit(n)</c>, <c>INET6</c> is <c>inet</c>, <c>ENUM('a','b')</c> is an enum type made for the column with the same
/// labels in the same order. The column keeps its MariaDB type (<see cref="ColumnType.Native"/>: it is read at the
/// source as MariaDB reads it, an ENUM by its index where '' is a label) and is declared on PostgreSQL by its
/// <see cref="ColumnModel.EngineType"/>; PostgreSQL reads such a column back in MariaDB's value form (a BIT as its
/// number, an INET6 address in MariaDB's spelling), so that copy's and restore's checks and verify compare the same
/// values. <c>SET</c> has no equivalent (a set of labels in one value) and stays refused.
/// </summary>
internal static partial class MySqlTypesInPostgreSql
{
    [GeneratedRegex(@"^bit(?:\((?<n>\d+)\))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BitType();

    /// <summary>PostgreSQL's longest identifier, in bytes (NAMEDATALEN - 1): a longer name is cut there.</summary>
    private const int MaxNameBytes = 63;

    /// <summary>The width of MariaDB's <c>bit(n)</c> (<c>bit</c> is <c>bit(1)</c>), or null when the type is not BIT.</summary>
    public static int? BitWidth(string? native) =>
        native is not null && BitType().Match(native.Trim()) is { Success: true } m ? m.Groups["n"].Success ? int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : 1 : null;

    /// <summary>MariaDB's INET6.</summary>
    public static bool IsInet6(string? native) => string.Equals(native?.Trim(), "inet6", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A MariaDB BIT(n) column declared on PostgreSQL (<see cref="Translate"/>): its values are MariaDB's numbers, which
    /// PostgreSQL reads from its bit(n) as that number. (PostgreSQL's own bit(n) columns carry no engine type: their
    /// values are the bit strings PostgreSQL prints.)
    /// </summary>
    public static bool IsBitFromMySql(ColumnModel column) =>
        column.Type.Kind == PortableType.Native && BitWidth(column.Type.Native) is not null && column.EngineType?.Engine == NexuSqlEngine.PostgreSql;

    /// <summary>A MariaDB column of a type <see cref="Translate"/> declares on PostgreSQL, declared so (or an ENUM declared on SQLite by <see cref="EnumColumns.FromMySql"/>).</summary>
    public static bool IsCarried(ColumnModel column, NexuSqlEngine target) =>
        // an ENUM into SQLite: TEXT with a check of its labels (EnumColumns.FromMySql)
        target == NexuSqlEngine.Sqlite && column.Type.Kind == PortableType.Native && column.EngineType?.Engine == NexuSqlEngine.Sqlite
            && MySqlDialect.EnumLabels(column.Type.Native) is not null ||
        target == NexuSqlEngine.PostgreSql && column.Type.Kind == PortableType.Native && column.EngineType?.Engine == NexuSqlEngine.PostgreSql
        && (BitWidth(column.Type.Native) is not null || IsInet6(column.Type.Native) || MySqlDialect.EnumLabels(column.Type.Native) is not null);

    /// <summary>
    /// The schema read from MariaDB with its BIT, INET6 and ENUM columns declared for PostgreSQL, and an enum type for
    /// each ENUM column (named <c>table_column</c>, cut to 63 bytes, <c>_2</c>, <c>_3</c>... where that name is taken by
    /// another type, table, view or sequence; a column whose foreign key references an ENUM column of the same labels
    /// takes that column's type), each named in <paramref name="notes"/>.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">An ENUM label longer than PostgreSQL's 63 bytes, each named by table and column.</exception>
    public static SchemaModel Translate(SchemaModel schema, List<string> notes)
    {
        var tooLong = schema.Tables.SelectMany(t => t.Columns.Select(c => (t, c, Labels: c.Type.Kind == PortableType.Native ? MySqlDialect.EnumLabels(c.Type.Native) : null))
                .Where(x => x.Labels?.Any(l => Encoding.UTF8.GetByteCount(l) > MaxNameBytes) == true)
                .Select(x => $"{x.t.Name}.{x.c.Name} (label '{x.Labels!.First(l => Encoding.UTF8.GetByteCount(l) > MaxNameBytes)}')")).ToList();
        if (tooLong.Count > 0)
            throw new NexuSqlRefusedException(
                $"These MariaDB ENUM columns have labels longer than PostgreSQL's enum labels hold (63 bytes): {string.Join(", ", tooLong)}. Nothing was written. " +
                "Shorten the labels in the source, make the column VARCHAR there, or leave its table out (--tables).");
        var taken = schema.Tables.Select(t => t.Name).Concat(schema.Views.Select(v => v.Name)).Concat(schema.Sequences.Select(q => q.Name))
            .Concat((schema.Enums ?? []).Select(e => e.Name)).Concat((schema.Domains ?? []).Select(x => x.Name)).Concat((schema.Composites ?? []).Select(x => x.Name))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var enums = new List<EnumTypeModel>(schema.Enums ?? []);
        var d = PostgreSqlDialect.Instance;
        var typeOf = new Dictionary<(string?, string, string), string>();
        static IReadOnlyList<string>? Labels(ColumnModel c) => c.Type.Kind == PortableType.Native ? MySqlDialect.EnumLabels(c.Type.Native) : null;
        // one enum type per ENUM column, except that a column whose foreign key references an ENUM column of the same
        // labels takes that column's type: PostgreSQL joins only keys of one type (break test 32 F14: raw 42804 after the rows)
        string TypeFor(TableModel t, ColumnModel c, IReadOnlyList<string> labels, int depth)
        {
            var key = (t.Schema, t.Name.ToLowerInvariant(), c.Name.ToLowerInvariant());
            if (typeOf.TryGetValue(key, out var known)) return known;
            (TableModel? rt, ColumnModel? rc) referenced = depth > 16 ? default : t.ForeignKeys.SelectMany(f => f.Columns.Select((name, i) => (f, name, i)))
                .Where(x => string.Equals(x.name, c.Name, StringComparison.OrdinalIgnoreCase) && x.i < x.f.ReferencedColumns.Count)
                .Select(x => schema.Table(x.f.ReferencedSchema ?? t.Schema, x.f.ReferencedTable) is { } rt
                    && rt.Columns.FirstOrDefault(r => string.Equals(r.Name, x.f.ReferencedColumns[x.i], StringComparison.OrdinalIgnoreCase)) is { } rc
                    && Labels(rc) is { } theirs && theirs.SequenceEqual(labels, StringComparer.Ordinal) ? ((TableModel?)rt, (ColumnModel?)rc) : default)
                .FirstOrDefault(x => x.Item1 is not null && (x.Item1 != t || x.Item2 != c));
            string name;
            if (referenced is ({ } rt, { } rc))
            {
                name = TypeFor(rt, rc, labels, depth + 1);
                notes.Add($"{t.Name}.{c.Name}: {c.Type.Native} created with enum type {name} of {rt.Name}.{rc.Name}, which its foreign key references");
            }
            else
            {
                name = FreeName($"{t.Name}_{c.Name}", taken);
                taken.Add(name);
                enums.Add(new EnumTypeModel(name, labels) { Schema = t.Schema });
                notes.Add($"{t.Name}.{c.Name}: {c.Type.Native} created as enum type {name} (the same labels in the same order)");
            }
            return typeOf[key] = name;
        }
        var tables = schema.Tables.Select(t => t with
        {
            Columns = [.. t.Columns.Select(c =>
            {
                if (c.Type.Kind != PortableType.Native || c.Type.Native is not { } native) return c;
                if (BitWidth(native) is { } width) return c with { EngineType = new EngineColumnType(NexuSqlEngine.PostgreSql, $"bit({width})") };
                if (IsInet6(native)) return c with { EngineType = new EngineColumnType(NexuSqlEngine.PostgreSql, "inet") };
                if (Labels(c) is not { } labels) return c;
                var name = TypeFor(t, c, labels, 0);
                // its values are the labels, kept by their position (MariaDB sorts an ENUM by its index, PostgreSQL an enum
                // by its label order): the column's collation has nothing left to compare, and an enum column takes none
                return c with { EngineType = new EngineColumnType(NexuSqlEngine.PostgreSql, d.QuoteName(t.Schema, name)), Collation = null };
            })],
        }).ToList();
        return schema with { Tables = tables, Enums = enums.Count == 0 ? schema.Enums : enums };
    }

    /// <summary>
    /// For verify across MariaDB and PostgreSQL: the first database's columns that are BIT or INET6 on one side and
    /// bit(n) or inet on the other read on PostgreSQL in MariaDB's value form, as copy and restore check them.
    /// </summary>
    public static SchemaModel ForComparison(SchemaModel first, NexuSqlEngine firstEngine, SchemaModel second, NexuSqlEngine secondEngine)
    {
        if (firstEngine == NexuSqlEngine.MySql && secondEngine == NexuSqlEngine.PostgreSql)
            return first with
            {
                Tables = [.. first.Tables.Select(t => t with
                {
                    Columns = [.. t.Columns.Select(c => c.Type.Kind == PortableType.Native && BitWidth(c.Type.Native) is { } w
                        ? c with { EngineType = new EngineColumnType(NexuSqlEngine.PostgreSql, $"bit({w})") } : c)],
                })],
            };
        if (firstEngine != NexuSqlEngine.PostgreSql || secondEngine != NexuSqlEngine.MySql) return first;
        return first with
        {
            Tables = [.. first.Tables.Select(t => second.Table(t.Name) is not { } other ? t : t with
            {
                Columns = [.. t.Columns.Select(c =>
                {
                    var o = other.Columns.FirstOrDefault(x => string.Equals(x.Name, c.Name, StringComparison.OrdinalIgnoreCase));
                    if (o is null || c.Type.Kind != PortableType.Native || o.Type.Kind != PortableType.Native) return c;
                    if (BitWidth(c.Type.Native) is { } w && BitWidth(o.Type.Native) is not null)
                        return c with { EngineType = new EngineColumnType(NexuSqlEngine.PostgreSql, $"bit({w})") };
                    return string.Equals(c.Type.Native, "inet", StringComparison.OrdinalIgnoreCase) && IsInet6(o.Type.Native)
                        ? c with { Type = o.Type, EngineType = new EngineColumnType(NexuSqlEngine.PostgreSql, "inet") } : c;
                })],
            })],
        };
    }

    /// <summary>
    /// A PostgreSQL column <c>copy --data-only</c> writes a MariaDB column into (<paramref name="into"/>, from
    /// <paramref name="source"/>): a bit(n) fed from a BIT is read back as its number, an inet fed from an INET6 in
    /// MariaDB's spelling, as a column the copy created is (<see cref="Translate"/>); any other as it is.
    /// </summary>
    public static ColumnModel AsWrittenFrom(ColumnModel source, ColumnModel into) =>
        IsBitFromMySql(source) && into.Type.Kind == PortableType.Native && BitWidth(into.Type.Native) is { } w && into.EngineType is null
            ? into with { EngineType = new EngineColumnType(NexuSqlEngine.PostgreSql, $"bit({w})") }
        : IsInet6(source.Type.Native) && source.EngineType?.Engine == NexuSqlEngine.PostgreSql && into.Type.Kind == PortableType.Native
            && string.Equals(into.Type.Native, "inet", StringComparison.OrdinalIgnoreCase)
            ? into with { Type = source.Type, EngineType = new EngineColumnType(NexuSqlEngine.PostgreSql, into.EngineType?.Type ?? "inet") }
        : into;

    /// <summary>
    /// MariaDB's ZEROFILL integer columns (<c>int(5) unsigned zerofill</c>): the padding is display only, the values are
    /// the integers, carried as the integer type. Named, as the target declares no padding.
    /// </summary>
    public static IEnumerable<string> ZerofillNotes(SchemaModel schema, SqlDialect target) =>
        schema.Tables.SelectMany(t => t.Columns.Where(c => c.EngineType?.For(NexuSqlEngine.MySql) is { } declared && declared.Contains("zerofill", StringComparison.OrdinalIgnoreCase))
            .Select(c => $"{t.Name}.{c.Name}: {c.EngineType!.Type} created as {target.ColumnTypeSql(c.Type)} (ZEROFILL only pads the number when MariaDB prints it: " +
                "the values are the same integers, printed without leading zeros)"));

    /// <summary>
    /// Each MariaDB column whose type keeps a narrower range than the portable type it is created with elsewhere
    /// (UNSIGNED, TINYINT, MEDIUMINT, YEAR: <see cref="MySqlDialect.RangeCheck"/>) gets that range as a check, written in
    /// MariaDB's SQL and translated with the table's own checks, each named in <paramref name="notes"/>: the target
    /// refuses what the source refuses (bt37 M8). A generated column is left alone (its expression decides its values), and
    /// an AUTO_INCREMENT one (MariaDB refuses a check on it, 1901: a copy back would fail; its ids count up from 1).
    /// </summary>
    /// <param name="schema">The schema read from MariaDB.</param>
    /// <param name="target">The target's dialect.</param>
    /// <param name="notes">Receives each check made.</param>
    internal static SchemaModel WithRangeChecks(SchemaModel schema, SqlDialect target, List<string> notes) => schema with
    {
        Tables = [.. schema.Tables.Select(t =>
        {
            var taken = t.Checks.Select(k => k.Name).Concat(t.Columns.Select(c => c.Check?.Name)).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
            var checks = t.Checks.ToList();
            foreach (var (c, declared, range, problem) in Ranges(t, target))
            {
                var shown = MySqlDialect.RangeCheck(declared, c.Name);
                // one the target cannot write as it means (SQLite compares a decimal(20,0) as a float): named without it
                if (problem is not null)
                {
                    notes.Add($"{t.Name}.{c.Name}: {declared} created as {target.ColumnTypeSql(c.Type)}, without the range MariaDB keeps ({shown}: {problem})");
                    continue;
                }
                var name = FreeName($"{t.Name}_{c.Name}_range", taken);
                taken.Add(name);
                checks.Add(new CheckModel(name, range));
                notes.Add($"{t.Name}.{c.Name}: {declared} created as {target.ColumnTypeSql(c.Type)} with the check {name} ({shown}), the range MariaDB keeps");
            }
            // an AUTO_INCREMENT column takes no check on MariaDB (error 1901: a copy back would fail): its range is named
            // (bt48 H1: an INT UNSIGNED AUTO_INCREMENT key took -1 and 5000000000 on PostgreSQL without a word)
            foreach (var c in t.Columns.Where(c => c.Identity && c.Generated is null && c.Type.Kind != PortableType.Native))
                if (c.EngineType?.For(NexuSqlEngine.MySql) is { } declared && MySqlDialect.RangeCheck(declared, c.Name) is { } range)
                    notes.Add($"{t.Name}.{c.Name}: {declared} AUTO_INCREMENT created as a {target.ColumnTypeSql(c.Type)} identity without the range MariaDB keeps ({range}): " +
                              "the ids it generates count up from 1 alike, but an id given outside the range is taken there (MariaDB refuses a check on an " +
                              "AUTO_INCREMENT column, error 1901, so none is added)");
            return checks.Count == t.Checks.Count ? t : t with { Checks = checks };
        })],
    };

    /// <summary>
    /// The columns of a MariaDB table whose type keeps a range of its own (<see cref="MySqlDialect.RangeCheck"/>), each
    /// with its declared type, the range as a check in MariaDB's SQL, and why <paramref name="target"/> cannot write it
    /// (null when it can): what a copy to <paramref name="target"/> adds, and what verify counts as checks of the table.
    /// </summary>
    internal static IEnumerable<(ColumnModel Column, string Declared, string Range, string? Problem)> Ranges(TableModel table, SqlDialect target)
    {
        foreach (var c in table.Columns)
        {
            if (c.Generated is not null || c.Identity || c.Type.Kind is PortableType.Boolean or PortableType.Native || c.EngineType?.For(NexuSqlEngine.MySql) is not { } declared
                || MySqlDialect.RangeCheck(declared, MySqlDialect.Instance.QuoteIdentifier(c.Name)) is not { } range) continue;
            SqlExpressionText.Translate(range, table.Columns, MySqlDialect.Instance, target, SqlExpressionText.Use.Exact, out var problem);
            yield return (c, declared, range, problem);
        }
    }

    /// <summary><paramref name="wanted"/> cut to PostgreSQL's 63 bytes, with <c>_2</c>, <c>_3</c>... until it is not in <paramref name="taken"/>.</summary>
    internal static string FreeName(string wanted, IReadOnlySet<string> taken)
    {
        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? "" : "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var name = Cut(wanted, MaxNameBytes - suffix.Length) + suffix;
            if (!taken.Contains(name)) return name;
        }
    }

    private static string Cut(string name, int bytes)
    {
        if (Encoding.UTF8.GetByteCount(name) <= bytes) return name;
        var end = name.Length;
        while (end > 0 && Encoding.UTF8.GetByteCount(name.AsSpan(0, end)) > bytes) end--;
        // never half a surrogate pair
        if (end > 0 && char.IsHighSurrogate(name[end - 1])) end--;
        return name[..end];
    }
}
