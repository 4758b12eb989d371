using NexuSql.Data;
using NexuSql.Schema;

namespace NexuSql.Operations;

/// <summary>
/// A data file bound to its table: the file's columns (all must exist in the table), the key that identifies a row,
/// and the statements seed and import run — every value a parameter.
/// </summary>
internal sealed class FileTable
{
    private FileTable(string path, TableModel table, IReadOnlyList<ColumnModel> columns, IReadOnlyList<string> fields, IReadOnlyList<ColumnModel> key,
        NexuSqlDatabase db, string? defaultCollation)
    {
        _defaultCollation = defaultCollation;
        _fields = fields;
        Path = path;
        Table = table;
        Columns = columns;
        Key = key;
        var d = _dialect = db.Dialect;
        var q = d.QuoteIdentifier;
        var keyIndex = key.Select(k => columns.ToList().IndexOf(k)).ToArray();
        KeyIndex = keyIndex;
        // decimals and JSON travel as text: PostgreSQL needs the cast to the column's type
        string Param(ColumnModel c) => d.CastValueSql(":v" + columns.ToList().IndexOf(c), c.Type);
        Where = string.Join(" AND ", key.Select(k => $"{q(k.Name)} = {Param(k)}"));
        // the row a record names, read as backup, copy and verify read rows (TableReader): one read path, so a MySQL zero
        // date keeps its time here too
        // a partitioned table's rows are in its partitions: looked up there, or a second import would not find them (bt32 F23)
        ReadModel = table.WithPartitionRows() with { Columns = columns, PrimaryKey = new KeyModel(null, [.. key.Select(k => k.Name)]) };
        // the file's ids into a GENERATED ALWAYS identity (PostgreSQL: OVERRIDING SYSTEM VALUE, as pg_dump writes them; the
        // identity is reset past them after the load): refused with a raw 428C9 (break test 33 G5)
        InsertSql = $"INSERT INTO {d.QuoteName(table.Schema, table.Name)} ({string.Join(", ", columns.Select(c => q(c.Name)))}){(columns.Any(c => c.Identity) ? d.InsertOverridingSql : "")} " +
                    $"VALUES ({string.Join(", ", columns.Select(Param))})";
        var rest = columns.Except(key).ToList();
        UpdateSql = rest.Count == 0 ? null : $"UPDATE {d.QuoteName(table.Schema, table.Name)} SET {string.Join(", ", rest.Select(c => $"{q(c.Name)} = {Param(c)}"))} WHERE {Where}";
        // an unconstrained numeric's scale is part of its value on PostgreSQL (1.0 is not 1.00, as verify and copy tell them
        // apart): its digits are compared as the engine spells the file's value (read back, AsHeldAsync) and the row's
        // (break test F18: seed called 1.00 into 1.0 "unchanged" and never wrote it)
        Hasher = new TableHasher(columns.Select(c => c.Type), [.. columns.Select((c, i) => IsUnconstrainedNumeric(c.Type) && ReadBack(i, "x", true) is not null)]);
    }

    private static bool IsUnconstrainedNumeric(ColumnType type) =>
        type.Kind == PortableType.Native && string.Equals(type.Native, "numeric", StringComparison.OrdinalIgnoreCase);

    private readonly Dialects.SqlDialect _dialect;
    private readonly string? _defaultCollation;

    /// <summary>Per column of <see cref="Columns"/>, the record field that fills it (as the file spells it).</summary>
    private readonly IReadOnlyList<string> _fields;

    public string Path { get; }

    public TableModel Table { get; }

    public IReadOnlyList<ColumnModel> Columns { get; }

    public IReadOnlyList<ColumnModel> Key { get; }

    public int[] KeyIndex { get; }

    public string Where { get; }

    /// <summary>The table with the file's columns only, keyed by <see cref="Key"/>: what <see cref="Data.TableReader"/> reads.</summary>
    public TableModel ReadModel { get; }

    /// <summary>The key's values of a record, in <see cref="Key"/>'s order.</summary>
    public object?[] KeyValues(object?[] values) => Array.ConvertAll(KeyIndex, i => values[i]);

    public string InsertSql { get; }

    public string? UpdateSql { get; }

    public TableHasher Hasher { get; }

    /// <summary>
    /// The table <paramref name="file"/> loads, one rule for seed and import: the table named exactly as the file
    /// (without extension), else the one named exactly as it without its order prefix (<c>01_</c>), else the only one
    /// named as either regardless of case. A name names a table of the current schema by its name, and a table of any
    /// schema as <c>--tables</c> of copy and backup name it, <c>SCHEMA.TABLE</c> (<c>sales.p.csv</c> loads sales.p; the
    /// current schema's own name may qualify its tables, <c>public.p.csv</c>: bt41 F14, where only the current schema's
    /// tables were looked at). An exact full name wins outright (bt42 N4: <c>01_customers.csv</c> into
    /// <c>"01_customers"</c>); past it, when two tables could be meant — <c>02_Data.csv</c> with tables <c>"Data"</c> and
    /// <c>02_data</c>, or <c>sales.p.csv</c> with sales.p and a current-schema table named <c>"sales.p"</c> — the file is
    /// refused naming both rather than loaded into one silently (bt44 M3).
    /// </summary>
    /// <returns>The table, or null with <c>Ambiguity</c> saying which two tables the file could mean; both null: no table.</returns>
    internal static (TableModel? Table, string? Ambiguity) Match(string file, SchemaModel schema)
    {
        var whole = System.IO.Path.GetFileNameWithoutExtension(file);
        var stripped = DataFiles.TableOf(file);
        var prefixed = stripped != whole && stripped.Length > 0;
        List<TableModel> Named(string name, StringComparison comparison) => [.. schema.Tables.Where(t => Names(schema, t, name, comparison))];
        var exact = Named(whole, StringComparison.Ordinal);
        if (exact.Count > 0) return exact.Count == 1 ? (exact[0], null) : (null, Both(exact));
        // every table the file's name could mean, past an exact full name: the stripped name exactly, each name regardless of case
        var candidates = schema.Tables.Where(t => Names(schema, t, whole, StringComparison.OrdinalIgnoreCase)
            || (prefixed && Names(schema, t, stripped, StringComparison.OrdinalIgnoreCase))).ToList();
        if (prefixed && Named(stripped, StringComparison.Ordinal) is { Count: > 0 } byStripped)
        {
            if (byStripped.Count > 1) return (null, Both(byStripped));
            // the stripped name spelled exactly beats its own case variants ("data" beside "Data"), not the full name's
            var others = candidates.Where(t => t != byStripped[0] && Names(schema, t, whole, StringComparison.OrdinalIgnoreCase)).ToList();
            return others.Count == 0 ? (byStripped[0], null) : (null, Both([byStripped[0], .. others]));
        }
        return candidates.Count switch
        {
            0 => (null, null),
            1 => (candidates[0], null),
            _ => (null, Both(candidates)),
        };

        string Both(IEnumerable<TableModel> tables) =>
            $"{file}: tables {string.Join(" and ", tables.Select(Described))} could each be the one the file's name means " +
            $"({whole}{(prefixed ? $", or {stripped} after its order prefix" : "")}, regardless of case); rename the file to spell its table's name exactly " +
            "(a table named as the whole file name, order prefix included, is taken first; SCHEMA.TABLE names a table of another schema).";

        // a current-schema table whose own name has a dot, told from the schema-qualified table the same text names
        string Described(TableModel t) => t.Schema is null && t.Name.Contains('.', StringComparison.Ordinal) && schema.CurrentSchema is { } current
            ? $"{current}.\"{t.Name}\"" : t.QualifiedName;
    }

    /// <summary>
    /// Whether <paramref name="name"/> names <paramref name="table"/>: a table of the current schema by its name or as
    /// <c>current.name</c>, a table of another schema as <c>schema.name</c>.
    /// </summary>
    private static bool Names(SchemaModel schema, TableModel table, string name, StringComparison comparison) =>
        table.Schema is null
            ? string.Equals(table.Name, name, comparison)
              || (schema.CurrentSchema is { Length: > 0 } current && string.Equals(current + "." + table.Name, name, comparison))
            : string.Equals(table.Schema + "." + table.Name, name, comparison);

    /// <summary>The table <paramref name="file"/> loads (<see cref="Match"/>).</summary>
    /// <exception cref="FormatException">No table has the file's name, with or without its order prefix, or two could be meant.</exception>
    public static TableModel TableOf(string file, SchemaModel schema) => Match(file, schema) switch
    {
        ({ } table, _) => table,
        (_, { } ambiguity) => throw new FormatException(ambiguity),
        _ => throw new FormatException($"{file}: there is no table {DataFiles.TableNamesOf(file)} (the file's name names the table{(DataFiles.TableNamesOf(file).Contains(" or ", StringComparison.Ordinal) ? ", after an order prefix such as 01_" : "")}" +
            $"{(schema.CurrentSchema is not null ? "; SCHEMA.TABLE.csv names a table of another schema" : "")})."),
    };

    /// <summary>
    /// Checks before anything is loaded that <paramref name="file"/> has its table and (a CSV file, by its header) columns
    /// that are the table's, so a later file's mistake does not stop a load half-way after earlier files were committed (bt42 N3).
    /// </summary>
    /// <exception cref="FormatException">No such table, a field that is not a column, no usable key, or malformed first lines.</exception>
    public static void Check(string file, SchemaModel schema, NexuSqlDatabase db, IReadOnlyList<string>? keyColumns, bool naturalKeyFirst)
    {
        TableOf(file, schema);
        if (!file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) return;
        var cache = new Cache(file, schema, db, keyColumns, naturalKeyFirst);
        foreach (var record in DataFiles.Read(file))
        {
            cache.For(record);
            break;
        }
    }

    /// <summary>Binds <paramref name="file"/> (its first record's fields) to its table in <paramref name="schema"/>.</summary>
    /// <exception cref="FormatException">No such table, a field that is not a column, or no usable key.</exception>
    public static FileTable Bind(string file, IReadOnlyCollection<string> fields, SchemaModel schema, NexuSqlDatabase db, IReadOnlyList<string>? keyColumns, bool naturalKeyFirst)
    {
        var table = TableOf(file, schema);
        // a field fills the column spelled as it is, else the only column its name matches regardless of case: "A" and a
        // may be two columns of one PostgreSQL or SQLite table (bt40 N-H6: the first case-insensitive match took both)
        var pairs = NamePairing.Pair(fields, table.Columns.Select(c => c.Name));
        if (NamePairing.Ambiguous(fields, table.Columns.Select(c => c.Name), pairs).ToList() is { Count: > 0 } ambiguous)
            throw new FormatException($"{file}: field {string.Join(", ", ambiguous)} of the file could fill more than one column of {table.QualifiedName} " +
                $"({string.Join(", ", table.Columns.Where(c => ambiguous.Any(a => string.Equals(a, c.Name, StringComparison.OrdinalIgnoreCase))).Select(c => c.Name))}, " +
                "which differ by case alone): spell each field exactly as its column is named.");
        var unknown = fields.Where(f => !pairs.ContainsKey(f)).ToList();
        if (unknown.Count > 0) throw new FormatException($"{file}: {string.Join(", ", unknown)} {(unknown.Count == 1 ? "is not a column" : "are not columns")} of {table.QualifiedName}.");
        var fieldOf = pairs.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        var columns = table.Columns.Where(c => fieldOf.ContainsKey(c.Name)).ToList();
        if (columns.Where(c => c.Generated is not null).Select(c => c.Name).ToList() is { Count: > 0 } generated)
            throw new FormatException($"{file}: {string.Join(", ", generated)} of {table.QualifiedName} {(generated.Count == 1 ? "is a generated column" : "are generated columns")}: the database computes {(generated.Count == 1 ? "it" : "them")}; leave {(generated.Count == 1 ? "it" : "them")} out of the file.");
        IReadOnlyList<string>? key = keyColumns is { Count: > 0 } ? keyColumns
            : naturalKeyFirst ? table.Uniques.FirstOrDefault()?.Columns ?? table.PrimaryKey?.Columns
            : table.PrimaryKey?.Columns ?? table.Uniques.FirstOrDefault()?.Columns;
        // (seed has no --key: it upserts by the table's own key; bt42: "name one with --key" to seed, which took none)
        if (key is null) throw new FormatException($"{file}: table {table.QualifiedName} has no primary key or unique constraint to recognise rows by; " +
            (naturalKeyFirst ? "name one with --key." : "give the table one (seed upserts each record by it), or load the file with 'nexusql import --key COLUMNS'."));
        // --key names columns as the table does, exactly where one is so spelled
        var keyPairs = NamePairing.Pair(key, columns.Select(c => c.Name));
        var keyModels = key.Select(k => (keyPairs.TryGetValue(k, out var n) ? columns.First(c => c.Name == n) : null)
            ?? throw new FormatException($"{file}: the key column {k} of {table.QualifiedName} is not in the file.")).ToList();
        return new FileTable(file, table, columns, [.. columns.Select(c => fieldOf[c.Name])], keyModels, db, schema.DefaultCollation);
    }

    /// <summary>
    /// Binds each record by the fields it has: JSON records may leave fields out (the column's default applies), so
    /// each distinct set of fields gets its own statements.
    /// </summary>
    public sealed class Cache(string file, SchemaModel schema, NexuSqlDatabase db, IReadOnlyList<string>? keyColumns, bool naturalKeyFirst)
    {
        private readonly Dictionary<string, FileTable> _bound = new(StringComparer.Ordinal);

        /// <summary>The first table bound (for reports), if any.</summary>
        public FileTable? First { get; private set; }

        /// <summary>All bindings made.</summary>
        public IEnumerable<FileTable> All => _bound.Values;

        /// <summary>
        /// Binds every distinct set of fields of <paramref name="records"/> when they are already read whole (a JSON
        /// file's), so a record naming a field that is not a column refuses the file before any of it loads rather
        /// than after the records before it (break test 23 F1); a streamed file (CSV: one header) binds as it is read.
        /// </summary>
        /// <exception cref="FormatException">A field that is not a column, a generated column, a key column missing.</exception>
        public void BindWhole(IEnumerable<DataRecord> records)
        {
            if (records is not IReadOnlyCollection<DataRecord> whole) return;
            foreach (var record in whole) For(record);
        }

        public FileTable For(DataRecord record)
        {
            var fields = string.Join("\u0001", record.Fields.Keys.Order(StringComparer.Ordinal));
            if (!_bound.TryGetValue(fields, out var table))
            {
                _bound[fields] = table = Bind(file, [.. record.Fields.Keys], schema, db, keyColumns, naturalKeyFirst);
                First ??= table;
            }
            return table;
        }
    }

    /// <summary>
    /// The record's values in <see cref="Columns"/> order, each one its column can hold on the target engine
    /// (<see cref="Dialects.SqlDialect.ValueProblem(object?, ColumnModel)"/>).
    /// </summary>
    /// <exception cref="RecordValueException">A field that is not a value of its column's type, or one the engine cannot hold; names the column and the record's key.</exception>
    public object?[] Values(DataRecord record)
    {
        var values = new object?[Columns.Count];
        for (var i = 0; i < Columns.Count; i++)
        {
            var c = Columns[i];
            record.Fields.TryGetValue(_fields[i], out var field);
            try
            {
                values[i] = OffTypeInteger(field, c.Type) ?? StoredWidthNumber(field, c.Type) ?? (record.FromJson ? JsonInteger(field, c.Type) : null)
                    ?? (c.Type.Kind == PortableType.Native && field is string text ? _dialect.NativeValueFromText(text, c.Type) : DataFiles.Convert(field, c));
            }
            catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException)
            {
                throw new RecordValueException(c.Name, DescribeKey(record), e.Message.TrimEnd('.'));
            }
        }
        for (var i = 0; i < values.Length; i++)
            if (_dialect.ValueProblem(values[i], Columns[i]) is { } problem) throw new RecordValueException(Columns[i].Name, DescribeKey(values), problem);
        return values;
    }

    /// <summary>
    /// An integer that is not 0 or 1 for a boolean column whose engine's boolean type holds integers (MariaDB's TINYINT(1)
    /// holds -128 to 127, as its backups carry them; one outside that range is refused as such by the dialect's value
    /// check); null otherwise (the field is read as a boolean). Not SQLite's: it keeps any value in any column, as a copy
    /// of what a SQLite database stores carries it, but a file's 2 or -1 is no boolean (break test 29 M3), as its 'abc'
    /// is no integer.
    /// </summary>
    private long? OffTypeInteger(object? field, ColumnType type) =>
        type.Kind == PortableType.Boolean && field is string s && _dialect.BooleanIntegerRange is not null
        && long.TryParse(s.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
        && n is not (0 or 1) ? n : null;

    /// <summary>
    /// A JSON number for an integer column that is an integer however it is spelled (<c>1.0</c>, <c>1e2</c>,
    /// <c>1.5e3</c>: pandas and Python's json write float-typed counts so); null otherwise (the field is read as its
    /// column's type: <c>1.5</c> is no integer). JSON has one number type, whose value is what counts (break test 31 B13).
    /// </summary>
    /// <exception cref="FormatException">An integer beyond 64 bits.</exception>
    private static long? JsonInteger(object? field, ColumnType type)
    {
        if (type.Kind is not (PortableType.Int16 or PortableType.Int32 or PortableType.Int64) || field is not string s
            || s.AsSpan().IndexOfAny('.', 'e', 'E') < 0) return null;
        // exactly, from the digits (the file's JSON is valid: [-]digits[.digits][e[+-]digits]): digits × 10^-scale
        var e = s.AsSpan().IndexOfAny('e', 'E');
        if (!int.TryParse(e < 0 ? "0" : s[(e + 1)..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var exponent))
            return null;
        var mantissa = (e < 0 ? s : s[..e]).TrimStart('-');
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var significant = digits.TrimEnd('0');
        var scale = (dot < 0 ? 0L : mantissa.Length - dot - 1) - exponent - (digits.Length - significant.Length);
        significant = significant.TrimStart('0');
        if (significant.Length == 0) return 0;
        if (scale > 0) return null; // a fraction: no integer (refused as such by the column's type)
        var value = significant.Length - scale > 20 ? (System.Numerics.BigInteger?)null
            : System.Numerics.BigInteger.Parse(significant, System.Globalization.CultureInfo.InvariantCulture) * System.Numerics.BigInteger.Pow(10, (int)-scale);
        if (s.StartsWith('-')) value = -value;
        return value is { } v && v >= long.MinValue && v <= long.MaxValue ? (long)v
            : throw new FormatException($"{(s.Length > 40 ? $"'{s[..40]}…'" : $"'{s}'")} is out of range for {type}");
    }

    /// <summary>
    /// A file's number for a float32 column whose engine stores a wider one (<see cref="Dialects.SqlDialect.StoredNumberType"/>:
    /// SQLite's 8-byte REAL), read at that width: a float32 when it is exactly one (as a read of the column gives it back),
    /// else the double itself, which the column keeps. Null otherwise (the field is read as its column's type).
    /// </summary>
    /// <exception cref="FormatException">The text is not a number, or one beyond the stored type.</exception>
    private object? StoredWidthNumber(object? field, ColumnType type) =>
        type.Kind == PortableType.Float32 && field is string s && _dialect.StoredNumberType(type) is { Kind: PortableType.Float64 } wide
            ? PortableValues.Normalize(PortableValues.FromText(s, wide), type) : null;

    /// <summary>Named parameters for the statements.</summary>
    public Dictionary<string, object?> Parameters(object?[] values)
    {
        var p = new Dictionary<string, object?>(StringComparer.Ordinal);
        // engine-native values and times are bound as their column's type (NexuSqlProvider.PrepareParameter): a time
        // alone is a TimeSpan, which PostgreSQL took as an interval and cast to time by its time of day, 24:00:00 → 00:00:00
        for (var i = 0; i < Columns.Count; i++)
            p["v" + i] = Columns[i].Type.Kind is PortableType.Native or PortableType.Time && values[i] is { } typed ? new Internal.ColumnValue(typed, Columns[i].Type) : values[i];
        return p;
    }

    /// <summary>
    /// The record's values with each value of a column of the engine's own type as the table holds and gives it back
    /// (<see cref="Dialects.SqlDialect.ReadBackSql"/>: PostgreSQL's inet takes <c>10.0.0.2/32</c> as <c>10.0.0.2</c>,
    /// interval <c>-1 day</c> as <c>-1 days</c>), read by the engine in one statement: a seed then finds the row its key
    /// names however the file spells it, and says "unchanged" on every run after the first (break test M4: one spelling
    /// was taken on the first run and refused on the next; others were "updated" on every run). The values themselves
    /// when the record has none.
    /// </summary>
    /// <exception cref="RecordValueException">A value the column's type modifier would change (<c>101</c> into <c>bit(4)</c>).</exception>
    /// <exception cref="NexuSqlException">The engine cannot read one of them as its column's type (<see cref="NativeValueProblemAsync"/> names which).</exception>
    public async Task<object?[]> AsHeldAsync(NexuSqlSession session, object?[] values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(values);
        if (!ReadsBackValues) return values;
        var native = Enumerable.Range(0, Columns.Count).Where(i => values[i] is not null && ReadBack(i, "x", true) is not null).ToList();
        if (native.Count == 0) return values;
        string P(int i) => ":v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var row = (await session.QueryAsync("SELECT " + string.Join(", ", native.Select(i => $"{ReadBack(i, P(i), true)}, {ReadBack(i, P(i), false)}")),
            native.ToDictionary(i => P(i)[1..], i => (object?)new Internal.ColumnValue(values[i]!, Columns[i].Type)), cancellationToken).ConfigureAwait(false))[0];
        var held = (object?[])values.Clone();
        for (var k = 0; k < native.Count; k++)
        {
            if (Modified(native[k], values, row[2 * k], row[2 * k + 1]) is { } changed) throw changed;
            held[native[k]] = row[2 * k];
        }
        return held;
    }

    /// <summary>A value its column's type modifier holds as another value (the read with and without it differ).</summary>
    private RecordValueException? Modified(int i, object?[] values, object? held, object? unmodified) =>
        held is null ? new RecordValueException(Columns[i].Name, DescribeKey(values), $"{PortableValues.Describe(values[i])} is not a value of type {TypeName(i)}")
        : Equals(held, unmodified) ? null
        : new RecordValueException(Columns[i].Name, DescribeKey(values), $"{PortableValues.Describe(values[i])} does not fit the column's type {TypeName(i)}, which would make it '{held}'");

    private string? TypeName(int i) => Columns[i].EngineType?.For(_dialect.Engine) ?? Columns[i].Type.Native;

    /// <summary>Whether a column takes values of the engine's own types that <see cref="AsHeldAsync"/> reads back.</summary>
    public bool ReadsBackValues => _readsBack ??= Enumerable.Range(0, Columns.Count).Any(i => ReadBack(i, "x", true) is not null);

    private bool? _readsBack;

    private string? ReadBack(int i, string valueSql, bool modifiers) =>
        Columns[i].Type.Kind == PortableType.Native ? _dialect.ReadBackSql(Columns[i], valueSql, modifiers) : null;

    /// <summary>
    /// After the engine refused a statement of this record: the first engine-native value it cannot read as its column's
    /// type, or that the type's modifiers would change (<c>101</c> into <c>bit(4)</c>; <see cref="Dialects.SqlDialect.ReadBackSql"/>),
    /// named like <see cref="Values"/> names a value; null when each reads (the refusal was something else) or the
    /// engine has no such types.
    /// </summary>
    public async Task<RecordValueException?> NativeValueProblemAsync(NexuSqlSession session, object?[] values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < Columns.Count; i++)
        {
            if (values[i] is not { } value || ReadBack(i, ":v", true) is not { } probe) continue;
            try
            {
                var row = (await session.QueryAsync($"SELECT {probe}, {ReadBack(i, ":v", false)}", new Dictionary<string, object?> { ["v"] = new Internal.ColumnValue(value, Columns[i].Type) },
                    cancellationToken).ConfigureAwait(false))[0];
                if (Modified(i, values, row[0], row[1]) is { } changed) return changed;
            }
            catch (NexuSqlException e) when (e is not (NexuSqlConnectionException or NexuSqlTimeoutException or NexuSqlTransientException))
            {
                return new RecordValueException(Columns[i].Name, DescribeKey(values), $"{PortableValues.Describe(value)} is not a value of type {TypeName(i)} ({e.Message.TrimEnd('.')})");
            }
        }
        return null;
    }

    /// <summary>
    /// The row of the table the record's key finds (<see cref="ReadModel"/>: the file's columns, in
    /// <see cref="Columns"/>' order), read as backup, copy and verify read rows; null when there is none.
    /// </summary>
    public async Task<object?[]?> ReadRowAsync(NexuSqlSession session, object?[] values, CancellationToken cancellationToken)
    {
        object?[]? found = null;
        var key = KeyValues(values);
        _ = session switch
        {
            NexuSqlTransaction tx => await TableReader.ReadByKeyAsync(tx, ReadModel, Key, key, row => found ??= [.. row], cancellationToken).ConfigureAwait(false),
            NexuSqlConnection c => await TableReader.ReadByKeyAsync(c, ReadModel, Key, key, false, row => found ??= [.. row], cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentException("A transaction or a connection reads rows by key.", nameof(session)),
        };
        return found;
    }

    // the collation a column's values compare by: its own, else its table's, else the database's default
    private string? CollationOf(int column) => Columns[column].Collation ?? Table.Collation ?? _defaultCollation;

    /// <summary>
    /// When the row the record's key found (<paramref name="found"/>, from <see cref="ReadRowAsync"/>) holds another key
    /// than the record's — two spellings the column compares as one (a MariaDB <c>_ci</c> collation takes <c>abc</c> and
    /// <c>ABC</c> for one, its PAD SPACE collations <c>a</c> and <c>a </c>, a PostgreSQL nondeterministic collation what
    /// its locale says) — why the record cannot be loaded: writing it would overwrite or skip a row the file does not
    /// name, and lose the file's spelling. Null when the keys are the same values.
    /// </summary>
    /// <param name="found">The row found.</param>
    /// <param name="values">The record's values.</param>
    /// <param name="earlierRecord">An earlier record of the same file names the row found.</param>
    public RecordValueException? KeySpellingProblem(object?[] found, object?[] values, bool earlierRecord)
    {
        foreach (var i in KeyIndex)
        {
            if (Hasher.ValueHash(i, found[i]) == Hasher.ValueHash(i, values[i])) continue;
            var c = Columns[i];
            var collation = CollationOf(i);
            var finds = $"the key finds the row {DescribeKey(found)} {(earlierRecord ? "that an earlier record of this file names" : "already in the table")}: ";
            var spell = $"Spell the key as {(earlierRecord ? "that record does" : "the table holds it")}";
            // an engine type of its own (PostgreSQL inet, citext) compares by its value, which several spellings may give
            return new RecordValueException(c.Name, DescribeKey(values), c.Type.Kind == PortableType.Native
                ? finds + $"the column's type ({c.Type.Native}) takes the two for one key, and the table would not keep the file's spelling. {spell}"
                : finds + $"the column's collation{(collation is null ? "" : $" ({collation})")} compares the two as one key, so one would be lost. "
                  + $"{spell}, or give {c.Name} a collation that tells them apart");
        }
        return null;
    }

    /// <summary>
    /// After the engine refused a statement of this record naming the column whose value it would not take
    /// (<see cref="Dialects.SqlDialect.RefusedValue"/>: MySQL's "... for column 'b' at row 1"): that value named like
    /// <see cref="Values"/> names one; null when the refusal names no column.
    /// </summary>
    public RecordValueException? RefusedValue(NexuSqlException exception, object?[] values) =>
        _dialect.RefusedValue(exception) is { } refused
            ? new RecordValueException(Columns.FirstOrDefault(c => string.Equals(c.Name, refused.Column, StringComparison.OrdinalIgnoreCase))?.Name ?? refused.Column,
                DescribeKey(values), refused.Problem)
            : null;

    /// <summary>
    /// The first value of a record that one statement cannot carry into the database (<paramref name="limit"/>, from
    /// <see cref="NexuSqlProvider.StatementValueProblemAsync"/>), named by column and key, with the advice after the
    /// problem; null when every value fits or there is no limit.
    /// </summary>
    public RecordValueException? StatementLimitProblem(object?[] values, Func<object?, (string Problem, string Advice)?>? limit)
    {
        if (limit is null) return null;
        for (var i = 0; i < values.Length; i++)
            if (limit(values[i]) is { } problem)
                return new RecordValueException(Columns[i].Name, DescribeKey(values), $"{problem.Problem}. {problem.Advice.TrimEnd('.')}");
        return null;
    }

    /// <summary>
    /// The first column a row is known by that the record leaves empty, or -1: a column of <see cref="Key"/>, of the
    /// table's primary key (unless the engine keeps NULL there, <see cref="KeyModel.NullsAllowed"/>), or an identity
    /// column. One rule for seed and import, on every engine: PostgreSQL and MariaDB refuse a NULL key, while SQLite's
    /// INTEGER PRIMARY KEY and MariaDB's AUTO_INCREMENT give the row an id of their own, which a later record of the
    /// file may name (break tests F13 for seed and F11 for import). A record that leaves the column
    /// out (a JSON record without the field, a file without the column) still gets the engine's id.
    /// </summary>
    public int EmptyKeyColumn(object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var i in KeyIndex)
            if (values[i] is null) return i;
        var primary = Table.PrimaryKey is { NullsAllowed: false } pk ? pk.Columns : [];
        for (var i = 0; i < Columns.Count; i++)
            if (values[i] is null && (Columns[i].Identity || primary.Contains(Columns[i].Name, StringComparer.Ordinal))) return i;
        return -1;
    }

    /// <summary>"email=a@b.c", values as messages name keys (<see cref="PortableValues.KeyText"/>).</summary>
    public string DescribeKey(object?[] values) => string.Join(", ", KeyIndex.Select(i => PortableValues.KeyPair(Columns[i], values[i])));

    /// <summary>
    /// The row a record names, as the table's key compares it: <see cref="DescribeKey(object?[])"/> of the key's values,
    /// each text one folded by the engine the way its collation or type compares it
    /// (<see cref="Dialects.SqlDialect.KeyFoldSql"/>: 'Bob' and 'bob' under a MariaDB <c>_ci</c> collation are one row).
    /// </summary>
    /// <param name="session">A session on the database (one query, where a key column folds).</param>
    /// <param name="values">The record's values, as the table holds them (<see cref="AsHeldAsync"/>).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<string> RowNamedAsync(NexuSqlSession session, object?[] values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(values);
        string P(int i) => ":k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var folded = KeyIndex.Where(i => values[i] is string)
            .Select(i => (Index: i, Sql: _dialect.KeyFoldSql(CollationOf(i), Columns[i].Type, P(i))))
            .Where(f => f.Sql is not null).ToList();
        if (folded.Count == 0) return DescribeKey(values);
        var row = (await session.QueryAsync("SELECT " + string.Join(", ", folded.Select(f => f.Sql)),
            folded.ToDictionary(f => P(f.Index)[1..], f => values[f.Index]), cancellationToken).ConfigureAwait(false))[0];
        var keyed = (object?[])values.Clone();
        for (var k = 0; k < folded.Count; k++) keyed[folded[k].Index] = row[k];
        return DescribeKey(keyed);
    }

    /// <summary>"id=x": the key as the record's fields spell it (for a record whose values could not be read), text as keys are named (<c>ci=''</c>: bt30 F6).</summary>
    public string DescribeKey(DataRecord record) => string.Join(", ", Key.Select((k, i) =>
        $"{PortableValues.KeyName(k.Name)}={(record.Fields.TryGetValue(_fields[KeyIndex[i]], out var v) && v is not null ? v is DataFiles.RawJson j ? Shorten(j.Text) : PortableValues.KeyText(v) : "NULL")}"));

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    /// <summary>After explicit values went into identity columns, the statements that make the identities continue after them.</summary>
    public IEnumerable<string> ResetIdentitySql(Dialects.SqlDialect d) =>
        Columns.Where(c => c.Identity).Select(c => d.ResetIdentitySql(Table.Name, c.Name, Table.Schema)).OfType<string>();
}
