using NexuSql.Schema;

namespace NexuSql.Dialects;

/// <summary>PostgreSQL: "identifiers", E'' and $tag$ strings, nested comments, <c>$1</c> placeholders.</summary>
public partial class PostgreSqlDialect : SqlDialect
{
    /// <inheritdoc/>
    public override int MaxIdentifierLength => 63;

    /// <inheritdoc/>
    public override bool IdentifierLengthInBytes => true;

    // every table has them: a column of one of these names is refused with 42701 (a MariaDB bounding box's xmin, xmax)
    private static readonly HashSet<string> SystemColumns = new(StringComparer.Ordinal) { "tableoid", "xmin", "cmin", "xmax", "cmax", "ctid" };

    /// <inheritdoc/>
    public override string? NameProblem(string name, IdentifierKind kind) => base.NameProblem(name, kind)
        ?? (kind == IdentifierKind.Column && SystemColumns.Contains(name) ? $"the name of a system column every {Engine.DisplayName()} table has" : null);

    /// <inheritdoc/>
    public override IEnumerable<string> NamesTakenBy(Schema.TableModel table)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var c in table.Columns.Where(c => c.Identity)) yield return $"{table.Name}_{c.Name}_seq";
        if (table.PrimaryKey is { Name: null }) yield return $"{table.Name}_pkey";
    }

    /// <summary>The shared instance.</summary>
    public static PostgreSqlDialect Instance { get; } = new();

    /// <summary>For derived dialects of the PostgreSQL family.</summary>
    protected PostgreSqlDialect() { }

    /// <inheritdoc/>
    public override NexuSqlEngine Engine => NexuSqlEngine.PostgreSql;

    /// <inheritdoc/>
    public override SqlLexicalRules Lexical { get; } = new()
    {
        EscapeStringPrefix = true,
        DollarQuotedStrings = true,
        NestedBlockComments = true,
    };

    /// <inheritdoc/>
    public override DialectCapabilities Capabilities { get; } = new()
    {
        TransactionalDdl = true, Schemas = true, AdvisoryLocks = true, Returning = true,
    };

    /// <summary>psql: a ';' inside parentheses does not end a statement; BEGIN is a transaction, BEGIN ATOMIC a block.</summary>
    public override ScriptSyntax Scripts { get; } = new() { ParenthesesHoldStatements = true, BeginOpensBlock = false };

    /// <inheritdoc/>
    public override ParameterStyle ParameterStyle => ParameterStyle.DollarPositional;

    /// <inheritdoc/>
    public override string ServerVersionSql => "SELECT version()";

    /// <inheritdoc/>
    /// <remarks>
    /// From the catalog, which lists a table whatever the user's privileges on it: information_schema does not, so to a
    /// role that may not read the migration history it was not there — every applied migration "Pending", and
    /// <c>migrate</c> failing on CREATE TABLE with 42P07 (bt42 N15). Temporary tables left out.
    /// </remarks>
    public override string TableExistsSql =>
        "SELECT COUNT(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE n.nspname = current_schema() AND c.relname = :name AND c.relkind IN ('r', 'p') AND c.relpersistence <> 't'";

    /// <inheritdoc/>
    /// <remarks>From the catalog, whatever the user's privileges (<see cref="TableExistsSql"/>).</remarks>
    public override string SchemaTablesSql =>
        "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE n.nspname = :schema AND c.relkind IN ('r', 'p') AND c.relpersistence <> 't'";

    /// <inheritdoc/>
    /// <remarks>From the catalog, which lists a table whatever the user's privileges on it (information_schema does not); temporary tables left out.</remarks>
    public override string TableSchemasSql =>
        "SELECT CASE WHEN n.nspname = current_schema() THEN NULL ELSE n.nspname END FROM pg_catalog.pg_class c " +
        "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = :name AND c.relkind IN ('r', 'p') AND c.relpersistence <> 't'";

    /// <inheritdoc/>
    protected override IReadOnlyList<string> NonTransactionalStatements =>
    [
        "VACUUM", "CREATE INDEX CONCURRENTLY", "CREATE UNIQUE INDEX CONCURRENTLY", "DROP INDEX CONCURRENTLY",
        "REINDEX DATABASE", "REINDEX SYSTEM", "ALTER SYSTEM", "CREATE DATABASE", "DROP DATABASE",
        "CREATE TABLESPACE", "DROP TABLESPACE", "CREATE SUBSCRIPTION", "DROP SUBSCRIPTION", "ALTER SUBSCRIPTION",
    ];

    /// <summary>
    /// <c>= ANY ('{}')</c> / <c>&lt;&gt; ALL ('{}')</c>: the untyped empty array takes the type of the left side (an empty
    /// subquery's NULL column would be text, and <c>integer = text</c> has no operator).
    /// </summary>
    public override string EmptyInListSql(bool negated) => negated ? "<> ALL ('{}')" : "= ANY ('{}')";

    /// <inheritdoc/>
    /// <remarks>
    /// <c>row_security</c> is turned off again for the transaction itself: behind a transaction-mode pooler the session
    /// setting of <see cref="SqlDialect.DataSessionSql"/> is not made, and a backup must still fail on rows that
    /// row-level security would hide rather than leave them out. So are the <see cref="SessionSettings"/>, for the same
    /// reason: behind such a pooler they cannot be pinned for the session (see the PostgreSQL provider).
    /// </remarks>
    public override IReadOnlyList<string> BeginSnapshotSql => ["BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "SET LOCAL row_security = off", SetConfigSql(local: true)];

    internal override string? LockForReadSql(IReadOnlyList<Schema.TableModel> tables) =>
        tables.Count == 0 ? null : $"LOCK TABLE {string.Join(", ", tables.Select(t => QuoteName(t.Schema, t.Name)))} IN ACCESS SHARE MODE NOWAIT";

    /// <summary>
    /// Decimals as text (numeric holds more digits than System.Decimal), and engine-native values (arrays, enums,
    /// tsvector, ranges, ...) as their text form, which casts back exactly.
    /// </summary>
    /// <remarks>
    /// <c>inet</c> is read with <c>abbrev(inet)</c>, which is its output function ("the same as the inet output
    /// function produces", PostgreSQL manual, Network Address Functions): the cast to text always adds the netmask
    /// (<c>10.0.0.1/32</c>), so the text <c>10.0.0.1</c> written into an inet column read back as another value, and a
    /// seed file's <c>10.0.0.1</c> was "updated" on every run. Backups up to format 11 hashed the cast's text
    /// (<see cref="AsBackupFormatRead"/>).
    /// </remarks>
    /// <remarks>
    /// A MariaDB BIT(n) column carried into bit(n) (<see cref="Schema.MySqlTypesInPostgreSql"/>) is read as MariaDB
    /// reads it, as its number (an unsigned 64-bit one as numeric, above bigint's range); a MariaDB INET6 column as
    /// <c>abbrev(inet)</c>, which the provider spells as MariaDB does.
    /// </remarks>
    public override string SelectExactSql(Schema.ColumnModel column) =>
        Schema.MySqlTypesInPostgreSql.IsBitFromMySql(column) ? $"{BitNumberSql(column)} AS {QuoteIdentifier(column.Name)}"
        : column.Type.Kind is Schema.PortableType.Decimal or Schema.PortableType.Native
            ? $"{AsText(column.Type, QuoteIdentifier(column.Name))} AS {QuoteIdentifier(column.Name)}"
            : base.SelectExactSql(column);

    // bit(n) → bigint takes the n bits as a number; bit(64) with its first bit set is negative there, 2^64 more as numeric
    private string BitNumberSql(Schema.ColumnModel column)
    {
        var q = QuoteIdentifier(column.Name);
        return Schema.MySqlTypesInPostgreSql.BitWidth(column.Type.Native) < 64 ? $"{q}::bigint"
            : $"CASE WHEN {q}::bigint < 0 THEN {q}::bigint::numeric + 18446744073709551616 ELSE {q}::bigint::numeric END";
    }

    /// <summary>
    /// <see cref="SqlDialect.SelectDataSql"/> for a database whose encoding is SQL_ASCII, which stores whatever bytes it
    /// is given: text that is not valid UTF-8 (a legacy Latin-1 <c>E9</c>) is read as <see cref="SqlDialect.UnfaithfulTextMarker"/>
    /// and its first 33 bytes in hex, which the provider refuses by key — the server would otherwise fail the whole read
    /// with 22021 and no table named (break test 27 K7). In such a database each byte is a character, so the check is a
    /// regular expression over bytes; valid UTF-8 is read as it is.
    /// </summary>
    public string SelectSqlAsciiDataSql(Schema.ColumnModel column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var name = QuoteIdentifier(column.Name);
        if (TextOf(column) is not { } text) return SelectDataSql(column);
        var marked = $"'{UnfaithfulTextMarker}' || encode(substring(convert_to({text}, 'SQL_ASCII') FROM 1 FOR 33), 'hex')";
        // char(n): a CASE of bpchar and text would be text, which drops its trailing blanks
        if (column.Type is { Kind: Schema.PortableType.String, Fixed: true }) marked = $"({marked})::bpchar";
        return $"CASE WHEN {text} ~ E'[\\\\x80-\\\\xFF]' AND {text} !~ E'{Utf8Pattern}' THEN {marked} ELSE {text} END AS {name}";
    }

    /// <summary>
    /// A condition true for the rows whose <paramref name="column"/>, as text in the database's own encoding, holds the
    /// bytes <paramref name="hex"/> (finding a value the server could not send, <c>NexuSqlProvider.UnsendableTextCheck</c>);
    /// null for a column that is not read as text.
    /// </summary>
    public string? ContainsBytesSql(Schema.ColumnModel column, string hex)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(hex);
        if (TextOf(column) is not { } text || !hex.All(char.IsAsciiHexDigit)) return null;
        return $"position(decode('{hex}', 'hex') IN convert_to({text}, current_setting('server_encoding'))) > 0";
    }

    private string? TextOf(Schema.ColumnModel column) => column.Type.Kind switch
    {
        Schema.PortableType.String or Schema.PortableType.Text => QuoteIdentifier(column.Name),
        Schema.PortableType.Json => QuoteIdentifier(column.Name) + "::text",
        Schema.PortableType.Native when !Schema.MySqlTypesInPostgreSql.IsBitFromMySql(column) => AsText(column.Type, QuoteIdentifier(column.Name)),
        _ => null,
    };

    // well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), each byte a character
    private const string Utf8Pattern = "^(?:[\\\\x01-\\\\x7F]|[\\\\xC2-\\\\xDF][\\\\x80-\\\\xBF]|\\\\xE0[\\\\xA0-\\\\xBF][\\\\x80-\\\\xBF]|[\\\\xE1-\\\\xEC\\\\xEE\\\\xEF][\\\\x80-\\\\xBF]{2}"
        + "|\\\\xED[\\\\x80-\\\\x9F][\\\\x80-\\\\xBF]|\\\\xF0[\\\\x90-\\\\xBF][\\\\x80-\\\\xBF]{2}|[\\\\xF1-\\\\xF3][\\\\x80-\\\\xBF]{3}|\\\\xF4[\\\\x80-\\\\x8F][\\\\x80-\\\\xBF]{2})*$";

    // bpchar without a length keeps the blanks it was given, which its cast to text (or varchar) removes: its output
    // function keeps them (break test 23 F15: 'ab  ' arrived as 'ab', verified)
    private static string AsText(Schema.ColumnType type, string sql) =>
        IsInet(type) || Schema.MySqlTypesInPostgreSql.IsInet6(type.Native) ? $"abbrev({sql})"
        : type is { Kind: Schema.PortableType.Native, Native: { } native } && string.Equals(native, "bpchar", StringComparison.OrdinalIgnoreCase) ? $"textin(bpcharout({sql}))"
        : $"{sql}::text";

    /// <summary>
    /// For a column of PostgreSQL's own types: the text cast to the column's declared type (its input function, with
    /// the type modifier: <c>bit(4)</c> refuses <c>101</c>, <c>numeric(5,2)</c> rounds) and read back as
    /// <see cref="SelectExactSql"/> reads it.
    /// </summary>
    public override string? ReadBackSql(Schema.ColumnModel column, string valueSql, bool modifiers)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column.Type.Kind != Schema.PortableType.Native) return null;
        // the declared type as the schema reads it (a quoted "Outer" composite keeps its case)
        var type = column.EngineType?.For(Engine) ?? ColumnTypeSql(column.Type);
        if (!modifiers)
        {
            type = TypeModifier().Replace(type, "");
            // bit and character without a length are bit(1) and character(1)
            if (type.StartsWith("bit", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("bit varying", StringComparison.OrdinalIgnoreCase)) type = "bit varying" + type[3..];
            else if (type.StartsWith("character", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("character varying", StringComparison.OrdinalIgnoreCase)) type = "bpchar" + type[9..];
        }
        return AsText(column.Type, $"CAST({valueSql} AS {type})");
    }

    /// <summary>A type modifier: <c>(4)</c> of <c>bit(4)</c>, <c>(10,2)</c> of <c>numeric(10,2)</c>.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\s*\(\s*\d+\s*(,\s*-?\d+\s*)?\)")]
    private static partial System.Text.RegularExpressions.Regex TypeModifier();

    private static bool IsInet(Schema.ColumnType type) => type.Kind == Schema.PortableType.Native && string.Equals(type.Native, "inet", StringComparison.OrdinalIgnoreCase);

    /// <summary>An <c>inet</c> value as backup formats up to 11 read it: with its netmask (<c>10.0.0.1/32</c>, <c>::1/128</c>).</summary>
    public override object? AsBackupFormatRead(Schema.ColumnModel column, object? value, int formatVersion)
    {
        ArgumentNullException.ThrowIfNull(column);
        return formatVersion < 12 && IsInet(column.Type) && value is string s && !s.Contains('/', StringComparison.Ordinal) ? s + (s.Contains(':', StringComparison.Ordinal) ? "/128" : "/32") : value;
    }

    /// <summary>
    /// Decimal, JSON, date and timestamp values are cast to the column's type (decimals and JSON travel as text, and so
    /// do infinities and BC dates); engine-native values go untyped (PrepareParameter).
    /// </summary>
    public override string CastValueSql(string sql, Schema.ColumnType type) => type.Kind is Schema.PortableType.Decimal or Schema.PortableType.Json
        or Schema.PortableType.Date or Schema.PortableType.Timestamp or Schema.PortableType.TimestampTz
        // json keeps the text as written; a text parameter does not go into it without a cast (42804)
        || type is { Kind: Schema.PortableType.Native, Native: { } native } && string.Equals(native, "json", StringComparison.OrdinalIgnoreCase)
        ? $"CAST({sql} AS {ColumnTypeSql(type)})"
        : sql;


    /// <summary>
    /// Adds PostgreSQL's limits: text, varchar and json cannot hold the NUL character (U+0000, also as a <c>\u0000</c>
    /// escape in JSON), and jsonb keeps only the last of duplicate object keys.
    /// </summary>
    public override string? ValueProblem(object? value, Schema.ColumnType type) => base.ValueProblem(value, type) ?? (type.Kind, value) switch
    {
        (Schema.PortableType.String or Schema.PortableType.Text or Schema.PortableType.Json, string s) when s.Contains('\0', StringComparison.Ordinal) =>
            "the text holds a NUL character (U+0000), which PostgreSQL text cannot store",
        (Schema.PortableType.Json, string json) => Data.JsonText.Problem(json),
        // json (from MariaDB's or SQLite's JSON, which keep any text): the server checks the syntax, and would fail
        // half-way through the load instead of by key
        (Schema.PortableType.Native, string json) when string.Equals(type.Native, "json", StringComparison.OrdinalIgnoreCase) => Data.JsonText.SyntaxProblem(json),
        (Schema.PortableType.Native, { } other) when string.Equals(type.Native, "json", StringComparison.OrdinalIgnoreCase) =>
            $"{Data.PortableValues.Describe(other)} is not a json value ({StoredAsItIs})",
        // MariaDB's ENUM carried into an enum type of the same labels: its error value (index 0, which MariaDB stores for
        // a value that is none of the labels, read as '' or, where '' is a label, as 0) is no label there
        (Schema.PortableType.Native, { } label) when MySqlDialect.EnumLabels(type.Native) is { } labels && !(label is string l && labels.Contains(l, StringComparer.Ordinal)) =>
            label is "" or 0L or 0
                ? $"the value is MariaDB's ENUM error value (index 0, stored for a value that is none of the labels{(labels.Contains("") ? "; not the label ''" : ", read as ''")}), which is not one of the labels of {type.Native}; " +
                  "PostgreSQL's enum type has no such value. Set the row to one of the labels (or NULL) at the source"
                : $"{Data.PortableValues.Describe(label)} is not one of the labels of {type.Native}",
        // MariaDB's BIT number into bit(n): n bits must hold it (a narrower column made by hand, copy --data-only)
        (Schema.PortableType.Native, ulong bits) when Schema.MySqlTypesInPostgreSql.BitWidth(type.Native) is { } width && width < 64 && bits >> width != 0 =>
            $"{bits.ToString(System.Globalization.CultureInfo.InvariantCulture)} does not fit {type.Native} (at most {width} bits)",
        // an unconstrained numeric (SQLite's NUMERIC, which keeps any value): the server would stop the load half-way
        (Schema.PortableType.Native, { } number) when string.Equals(type.Native, "numeric", StringComparison.OrdinalIgnoreCase) && !IsNumeric(number) =>
            $"{Data.PortableValues.Describe(number)} is not a numeric value ({StoredAsItIs})",
        _ => null,
    };

    /// <summary>
    /// Adds: an engine type of its own (interval, timetz, bit(n), money, inet ...) takes a value of another column type
    /// only as text its own input function reads; a typed value (a time, an integer) would fail the load half-way or
    /// arrive as another value (5 as $5.00), so it is refused by name before anything is written.
    /// </summary>
    internal override string? OtherTypeValueProblem(object? original, object? admitted, Schema.ColumnType sourceType, Schema.ColumnModel column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return base.OtherTypeValueProblem(original, admitted, sourceType, column)
            ?? (column.Type is { Kind: Schema.PortableType.Native, Native: { } native } && admitted is not (null or string)
                && !string.Equals(native, "json", StringComparison.OrdinalIgnoreCase) && !string.Equals(native, "numeric", StringComparison.OrdinalIgnoreCase)
                ? $"{Data.PortableValues.Describe(admitted)} (from a {sourceType} column) is not a value of the target column's type {column.EngineType?.For(Engine) ?? native}, " +
                  "which PostgreSQL would read as another value or refuse; declare the target column with the source's type, or copy into a column of that type"
                : null);
    }

    private static bool IsNumeric(object value) => value switch
    {
        long or int or short or decimal or double or float => true,
        string text => Data.PortableValues.IsDecimalText(text) || text is "NaN" or "Infinity" or "-Infinity",
        _ => false,
    };

    /// <summary>time holds 24:00:00 as well.</summary>
    protected override (TimeSpan Min, TimeSpan Max) TimeRange => (TimeSpan.Zero, TimeSpan.FromDays(1));

    /// <summary>numeric holds NaN and ±Infinity (PostgreSQL 14+), read as that text.</summary>
    public override bool AcceptsOffTypeValue(object value, Schema.ColumnType type) =>
        type.Kind == Schema.PortableType.Decimal && value is "NaN" or "Infinity" or "-Infinity";

    /// <summary>date and timestamp[tz] have infinity, -infinity, and years from 4713 BC to 294276 (not MySQL's zero or invalid dates).</summary>
    public override bool AcceptsSpecialTemporal(Data.SpecialTemporal value, Schema.ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(type);
        if (value.IsZeroDate || value.IsInvalidDate) return false;
        // the types' own ranges: 4714-11-24 BC to 5874897-12-31 (date) or 294276-12-31 (timestamps); a read never gives
        // another, a data file may
        return Data.PostgreSqlTemporalText.CivilDate(value) is not { } civil
            || (civil.CompareTo((-4713L, 11, 24)) >= 0 && civil.CompareTo((type.Kind == Schema.PortableType.Date ? 5874897L : 294276L, 12, 31)) <= 0);
    }

    /// <summary>PostgreSQL: 1,600 columns a table (error 54011).</summary>
    internal override int? MaxColumns => 1600;

    /// <inheritdoc/>
    internal override bool IsPermissionDenied(NexuSqlException error) => error?.EngineCode == "42501";

    /// <summary>
    /// PostgreSQL makes a foreign key where the column's type compares with the referenced one by an index operator or
    /// turns into it implicitly (42804 otherwise): integers, decimals and floats towards the wider kind, text of any
    /// length, dates and timestamps; a text column cannot reference a number, a uuid or a boolean, nor the other way.
    /// </summary>
    internal override string? ForeignKeyTypeProblem(Schema.ColumnType column, Schema.ColumnType referenced)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(referenced);
        // numbers: int < numeric < float (int2/4/8 compare with each other, float4 with float8; numeric → int is no implicit cast)
        static int? Number(Schema.PortableType k) => k switch
        {
            Schema.PortableType.Int16 or Schema.PortableType.Int32 or Schema.PortableType.Int64 => 0,
            Schema.PortableType.Decimal => 1,
            Schema.PortableType.Float32 or Schema.PortableType.Float64 => 2,
            _ => null,
        };
        static string Family(Schema.PortableType k) => k switch
        {
            _ when Number(k) is not null => "number",
            Schema.PortableType.String or Schema.PortableType.Text => "text",
            // date → timestamp is implicit; timestamp, timestamptz and date compare in one operator family
            Schema.PortableType.Date or Schema.PortableType.Timestamp or Schema.PortableType.TimestampTz => "datetime",
            _ => k.ToString(),
        };
        var (from, to) = (column.Kind, referenced.Kind);
        if (from == Schema.PortableType.Native || to == Schema.PortableType.Native) return null;
        if (Family(from) == Family(to) && (Number(from) is not { } a || Number(to) is not { } b || a <= b)) return null;
        return "PostgreSQL makes a foreign key only between columns it can compare by the referenced key's index (error 42804): " +
               "a text column cannot reference a number, nor a number text, and a number only one of its own kind or a wider one";
    }

    /// <inheritdoc/>
    public override int MaxParameters => 65535;

    /// <inheritdoc/>
    public override long TimeResolutionTicks => 10;

    /// <inheritdoc/>
    public override bool AddsPrimaryKeyAfterLoad => true;

    /// <summary>
    /// <c>CREATE UNIQUE INDEX IF NOT EXISTS name ON t (...)</c> takes a SHARE lock (reads go on; IF NOT EXISTS: a resumed
    /// restore may find it built), then <c>ALTER TABLE t ADD CONSTRAINT name PRIMARY KEY USING INDEX name</c> — the
    /// same btree with the default operator classes that ADD PRIMARY KEY builds, under the constraint's own name. Only
    /// for a named key of a table that is neither partitioned, a partition, nor in an inheritance tree (USING INDEX is
    /// refused on a partitioned table; the others keep the one statement pg_dump writes too).
    /// </summary>
    /// <summary>
    /// 54000 "index row size 6016 exceeds btree version 4 maximum 2704 for index "lk_pkey"", whose detail names the row
    /// ("Index row references tuple (0,2) in relation "lk""): a btree entry holds at most a third of a page, after
    /// compression (break test 27 K6: the raw error named no key, and --resume repeated it).
    /// </summary>
    internal override (string Index, string Table, string RowWhere, string Problem)? OversizedIndexEntry(NexuSqlException error) =>
        error?.EngineCode == "54000" && OversizedEntry().Match(error.Message) is { Success: true } m && OversizedEntryRow().Match(error.Message) is { Success: true } row
            ? (m.Groups["index"].Value, row.Groups["table"].Value, $"ctid = '({row.Groups["block"].Value},{row.Groups["offset"].Value})'::tid",
                $"the key value takes {m.Groups["size"].Value} bytes in index {m.Groups["index"].Value}, more than a PostgreSQL btree index entry holds ({m.Groups["max"].Value} bytes, after compression)")
            : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"index row size (?<size>\d+) exceeds (?:btree version \d+ )?maximum (?<max>\d+) for index ""(?<index>[^""]+)""")]
    private static partial System.Text.RegularExpressions.Regex OversizedEntry();

    [System.Text.RegularExpressions.GeneratedRegex(@"tuple \((?<block>\d+),(?<offset>\d+)\) in relation ""(?<table>[^""]+)""")]
    private static partial System.Text.RegularExpressions.Regex OversizedEntryRow();

    internal override (string Build, string Attach)? AddPrimaryKeyByIndexSql(Schema.TableModel table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.PrimaryKey is not { Name: { } name, WithoutOverlaps: null } key || table.PartitionBy is not null || table.Parents.Any()) return null;
        var index = QuoteIdentifier(name);
        return ($"CREATE UNIQUE INDEX IF NOT EXISTS {index} ON {QuoteName(table.Schema, table.Name)} ({Schema.SchemaScript.KeyColumnsSql(key, this)}){Schema.SchemaScript.KeyIncludeSql(key, this)}",
            $"ALTER TABLE {QuoteName(table.Schema, table.Name)} ADD CONSTRAINT {index} PRIMARY KEY USING INDEX {index}" + Schema.SchemaScript.DeferrableSql(key.Deferrable));
    }

    /// <inheritdoc/>
    public override bool DeferrableForeignKeys => true;

    /// <inheritdoc/>
    public override bool DeferrableKeys => true;

    /// <inheritdoc/>
    public override string? ImmediateConstraintsSql => "SET CONSTRAINTS ALL IMMEDIATE";

    /// <inheritdoc/>
    public override bool ForeignKeyMatchFull => true;

    /// <inheritdoc/>
    public override bool ForeignKeyActionColumns => true;

    /// <inheritdoc/>
    public override bool CheckNoInherit => true;

    /// <inheritdoc/>
    public override bool NotValidConstraints => true;

    /// <inheritdoc/>
    public override bool ExclusionConstraints => true;

    /// <inheritdoc/>
    internal override string? UtcTimestampTextSql => "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')";

    /// <inheritdoc/>
    public override bool ReadsWhileBuildingIndexes => true;

    /// <summary><c>GENERATED ALWAYS|BY DEFAULT AS IDENTITY</c>, with <c>(START WITH s INCREMENT BY i MINVALUE m MAXVALUE n CYCLE CACHE c)</c> when they are not the defaults.</summary>
    public override string IdentityColumnSql(Schema.IdentityOptions? options)
    {
        var o = options ?? new Schema.IdentityOptions();
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var bounds = o.BoundsSql();
        var sequence = o.Start == 1 && o.Increment == 1 && bounds.Length == 0 ? ""
            : $" (START WITH {o.Start.ToString(inv)} INCREMENT BY {o.Increment.ToString(inv)}{(bounds.Length > 0 ? " " + bounds : "")})";
        return $"GENERATED {(o.Always ? "ALWAYS" : "BY DEFAULT")} AS IDENTITY{sequence}";
    }

    /// <inheritdoc/>
    public override bool KeepsIdentityOptions => true;

    /// <summary>No identity clause for a column declared <c>serial</c>, <c>smallserial</c> or <c>bigserial</c>: the type makes its sequence and default.</summary>
    public override string? IdentityClauseSql(Schema.ColumnModel column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return IsSerial(column) ? null : base.IdentityClauseSql(column);
    }

    private bool IsSerial(Schema.ColumnModel column) =>
        column.EngineType?.For(Engine)?.Trim().ToLowerInvariant() is "serial" or "smallserial" or "bigserial" or "serial2" or "serial4" or "serial8";

    /// <inheritdoc/>
    public override bool Comments => true;

    /// <inheritdoc/>
    public override bool SequenceAndViewComments => true;

    /// <inheritdoc/>
    public override bool TableStorageSettings => true;

    /// <summary>
    /// <c>ALTER TABLE ... SET (...)</c> / <c>RESET (...)</c> for changed storage parameters (an existing table), <c>REPLICA IDENTITY</c>,
    /// <c>ALTER COLUMN ... SET STORAGE</c> and <c>SET STATISTICS</c> where they differ from <paramref name="current"/> (a new table: from the defaults).
    /// </summary>
    public override IEnumerable<string> TableStorageSettingsSql(Schema.TableModel table, Schema.TableModel? current = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var name = QuoteName(table.Schema, table.Name);
        if (current is not null)
        {
            var now = current.StorageParameters ?? [];
            var wanted = table.StorageParameters ?? [];
            static string Key(string p) => p.Split('=')[0];
            if (now.Where(p => !wanted.Any(w => Key(w) == Key(p))).Select(Key).ToList() is { Count: > 0 } reset) yield return $"ALTER TABLE {name} RESET ({string.Join(", ", reset)})";
            if (wanted.Except(now).ToList() is { Count: > 0 } set) yield return $"ALTER TABLE {name} SET ({string.Join(", ", set)})";
        }
        if (table.OfType != current?.OfType)
            yield return table.OfType is { } type ? $"ALTER TABLE {name} OF {type}" : $"ALTER TABLE {name} NOT OF";
        if (table.ReplicaIdentity != current?.ReplicaIdentity)
            yield return $"ALTER TABLE {name} REPLICA IDENTITY {(table.ReplicaIdentity ?? "default").ToUpperInvariant()}";
        foreach (var c in table.Columns)
        {
            var was = current?.Columns.FirstOrDefault(x => x.Name == c.Name);
            if (c.Storage is { } storage && storage != was?.Storage)
                yield return $"ALTER TABLE {name} ALTER COLUMN {QuoteIdentifier(c.Name)} SET STORAGE {storage.ToUpperInvariant()}";
            // back to the type's own (SET STORAGE DEFAULT is PostgreSQL 16's)
            else if (c.Storage is null && was?.Storage is not null)
                yield return "DO $$BEGIN EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET STORAGE %s', " + Literal(name) + ", " + Literal(c.Name) + ", " +
                    "(SELECT CASE t.typstorage WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid " +
                    "WHERE a.attrelid = " + Literal(name) + "::regclass AND a.attname = " + Literal(c.Name) + ")); END$$";
            if (c.Statistics != was?.Statistics)
                yield return $"ALTER TABLE {name} ALTER COLUMN {QuoteIdentifier(c.Name)} SET STATISTICS {(c.Statistics ?? -1).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            // before the rows: only values stored afterwards are compressed by it (issue #12 L15)
            if (c.Compression != was?.Compression)
                yield return $"ALTER TABLE {name} ALTER COLUMN {QuoteIdentifier(c.Name)} SET COMPRESSION {(c.Compression is { } method ? QuoteIdentifier(method) : "DEFAULT")}";
            var options = c.AttributeOptions ?? [];
            var had = was?.AttributeOptions ?? [];
            static string Key(string p) => p.Split('=')[0];
            if (had.Where(p => !options.Any(o => Key(o) == Key(p))).Select(Key).ToList() is { Count: > 0 } reset)
                yield return $"ALTER TABLE {name} ALTER COLUMN {QuoteIdentifier(c.Name)} RESET ({string.Join(", ", reset)})";
            if (options.Except(had).ToList() is { Count: > 0 } set)
                yield return $"ALTER TABLE {name} ALTER COLUMN {QuoteIdentifier(c.Name)} SET ({string.Join(", ", set)})";
        }
    }

    /// <summary><c>ALTER TABLE t CLUSTER ON i</c> (or <c>SET WITHOUT CLUSTER</c>) where it differs from <paramref name="current"/>; after the indexes.</summary>
    internal override string? ClusterOnSql(Schema.TableModel table, Schema.TableModel? current = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (string.Equals(table.ClusterOn, current?.ClusterOn, StringComparison.Ordinal)) return null;
        var name = QuoteName(table.Schema, table.Name);
        return table.ClusterOn is { } index ? $"ALTER TABLE {name} CLUSTER ON {QuoteIdentifier(index)}" : $"ALTER TABLE {name} SET WITHOUT CLUSTER";
    }

    // an E'' literal reads backslashes as escapes whatever standard_conforming_strings says
    internal static string CommentLiteral(string? comment) =>
        comment is null ? "NULL" : "E'" + comment.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary><c>COMMENT ON TABLE</c> and <c>COMMENT ON COLUMN</c> for the table's and its columns' comments.</summary>
    public override IEnumerable<string> TableCommentsSql(Schema.TableModel table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var name = QuoteName(table.Schema, table.Name);
        if (table.Comment is { } comment) yield return $"COMMENT ON TABLE {name} IS {CommentLiteral(comment)}";
        foreach (var c in table.Columns.Where(c => c.Comment is not null))
            yield return $"COMMENT ON COLUMN {name}.{QuoteIdentifier(c.Name)} IS {CommentLiteral(c.Comment)}";
    }

    /// <inheritdoc/>
    public override string? SetTableCommentSql(Schema.TableModel table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"COMMENT ON TABLE {QuoteName(table.Schema, table.Name)} IS {CommentLiteral(table.Comment)}";
    }

    /// <inheritdoc/>
    public override string? IndexCommentSql(Schema.IndexModel index, string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        return $"COMMENT ON INDEX {QuoteName(schema, index.Name)} IS {CommentLiteral(index.Comment)}";
    }

    /// <inheritdoc/>
    public override string? ViewCommentSql(Schema.ViewModel view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return $"COMMENT ON {(view.Materialized ? "MATERIALIZED VIEW" : "VIEW")} {QuoteName(view.Schema, view.Name)} IS {CommentLiteral(view.Comment)}";
    }

    /// <inheritdoc/>
    public override string? SequenceCommentSql(Schema.SequenceModel sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        return $"COMMENT ON SEQUENCE {QuoteName(sequence.Schema, sequence.Name)} IS {CommentLiteral(sequence.Comment)}";
    }

    /// <summary>A serial column does not become an identity column (or the other way) by ALTER COLUMN TYPE: that change is refused.</summary>
    /// <exception cref="NotSupportedException">A serial column would become an identity column or the other way.</exception>
    public override IReadOnlyList<string> AlterColumnSql(string table, Schema.ColumnModel current, Schema.ColumnModel desired)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(desired);
        if (current.EngineType is not null && desired.EngineType?.For(Engine) is not null && IsSerial(current) != IsSerial(desired))
            throw new NotSupportedException($"column {table}.{desired.Name} is {(IsSerial(current) ? "serial" : "not serial")} and should {(IsSerial(desired) ? "be serial" : "not be")}: " +
                "ALTER COLUMN cannot turn a serial column (owned sequence, nextval default) into an identity column or back; write a migration");
        var sql = base.AlterColumnSql(table, current, desired);
        return current.Comment == desired.Comment ? sql
            : [.. sql, $"COMMENT ON COLUMN {QuoteIdentifier(table)}.{QuoteIdentifier(desired.Name)} IS {CommentLiteral(desired.Comment)}"];
    }

    /// <inheritdoc/>
    public override string? IdentityAlwaysSql(string table, string column, string? schema = null) => $"ALTER TABLE {QuoteName(schema, table)} ALTER COLUMN {QuoteIdentifier(column)} SET GENERATED ALWAYS";

    /// <summary>PostgreSQL 15 has stored generated columns only: a VIRTUAL one is written STORED (the same values, kept on disk).</summary>
    public override string GeneratedColumnSql(Schema.GeneratedColumn generated) => base.GeneratedColumnSql(generated with { Stored = true });

    /// <summary>
    /// A truth value is a boolean here, which a column of another type does not take (42804): cast to integer it is 1,
    /// 0 or NULL, what SQLite and MariaDB keep (<c>g INT AS (s = 'abc')</c>, break test 34 F4), and a real or text
    /// column takes that integer as they do (1.0, '1').
    /// </summary>
    internal override string TruthValueIn(string expression, Schema.ColumnType type) =>
        type.Kind == Schema.PortableType.Boolean ? expression : $"CAST(({expression}) AS integer)";

    /// <inheritdoc/>
    public override bool HasVirtualGeneratedColumns => false;

    /// <inheritdoc/>
    public override bool HoldsNativeType(string native) =>
        string.Equals(native, "numeric", StringComparison.OrdinalIgnoreCase) || string.Equals(native, "json", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override string? ResetIdentitySql(string table, string column, string? schema = null) =>
        $"SELECT setval(pg_get_serial_sequence({Literal(QuoteName(schema, table))}, {Literal(column)}), GREATEST(COALESCE(MAX({QuoteIdentifier(column)}), 0), 1), MAX({QuoteIdentifier(column)}) IS NOT NULL) FROM {QuoteName(schema, table)}";

    /// <summary>
    /// The identity's or serial's sequence: its last value plus the increment once <c>nextval</c> returned it, the last
    /// value itself when it was set with <c>setval(..., false)</c> (as copy and restore leave it) or never used. Read from
    /// the sequence itself (<c>query_to_xml</c> selects from the sequence the catalog names):
    /// <c>pg_sequence_last_value</c> is NULL for a sequence set with <c>is_called</c> false, which read as "never used"
    /// gave its start — a backup of a restored database then restarted ids at 1 (found by verify's position check).
    /// </summary>
    public override string? IdentityNextValueSql(string table, string column, string? schema = null) =>
        "SELECT (xpath('/row/n/text()', query_to_xml(format('SELECT " + NextValueCase.Replace("'", "''", StringComparison.Ordinal) + " AS n FROM %s', " +
        $"seqcycle::text, seqincrement, seqmax, seqmin, seqcycle::text, seqincrement, seqmin, seqmax, seqincrement, seqrelid::regclass), false, true, '')))[1]::text::numeric FROM pg_sequence WHERE seqrelid = pg_get_serial_sequence({Literal(QuoteName(schema, table))}, {Literal(column)})::regclass";

    /// <summary>
    /// The next value of a sequence whose row is <c>last_value</c>/<c>is_called</c> and whose options are the
    /// <c>format</c> arguments (cycle, increment, max, min, cycle, increment, min, max, increment): its last value when
    /// not yet returned, the start again (min, or max going down) when a cycling sequence is at its end, else the last
    /// plus the increment — beyond the bound for an exhausted one, which <see cref="SetSequenceNextValueSql"/> sets at
    /// its bound as called (a cycling sequence at MAXVALUE was compared as max + 1; an exhausted one failed setval with
    /// 22003 half-way through a copy: break test 26 G3, G4).
    /// </summary>
    private const string NextValueCase =
        "CASE WHEN NOT is_called THEN last_value::numeric WHEN %s AND last_value::numeric + %s > %s THEN %s WHEN %s AND last_value::numeric + %s < %s THEN %s ELSE last_value::numeric + %s END";

    /// <inheritdoc/>
    /// <remarks>A next value above <see cref="SqlDialect.HighestIdentityNextValue"/> is refused by copy and restore before anything is written.</remarks>
    public override IReadOnlyList<string>? SetIdentityNextValueSql(string table, string column, decimal next, string? schema = null) =>
        [SetNextSql($"pg_get_serial_sequence({Literal(QuoteName(schema, table))}, {Literal(column)})", decimal.ToInt64(next))];

    /// <summary><c>setval</c> to <paramref name="next"/> not yet called, or at the sequence's bound as called when it lies beyond (an exhausted sequence).</summary>
    private static string SetNextSql(string sequence, long next)
    {
        var n = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"SELECT setval({sequence}, GREATEST(LEAST({n}, seqmax), seqmin), {n} NOT BETWEEN seqmin AND seqmax) FROM pg_sequence WHERE seqrelid = {sequence}::regclass";
    }

    /// <summary>
    /// The internal (RI) triggers of foreign keys that do not fire in an ordinary session: <c>tgenabled</c> <c>D</c>
    /// (disabled) or <c>R</c> (replica only), as <c>ALTER TABLE t DISABLE TRIGGER ALL</c> or <c>session_replication_role</c>
    /// loaders leave them; the key then lets any row in (break test 25 F3).
    /// </summary>
    public override string? UnenforcedForeignKeysSql =>
        "SELECT DISTINCT c.conrelid::regclass::text, c.conname, tr.tgrelid::regclass::text FROM pg_trigger tr JOIN pg_constraint c ON c.oid = tr.tgconstraint " +
        "WHERE tr.tgisinternal AND c.contype = 'f' AND tr.tgenabled IN ('D', 'R') AND c.connamespace = current_schema()::regnamespace ORDER BY 1, 2, 3";

    /// <summary>
    /// Triggers in <c>pg_trigger</c> (not internal) of the table and of every partition under it whose <c>tgenabled</c> is
    /// <c>O</c> (origin) or <c>A</c> (always): those that fire in a loading session.
    /// </summary>
    internal override string? FiringTriggersSql(Schema.TableModel table)
    {
        var relation = Literal(QuoteName(table.Schema, table.Name)) + "::regclass";
        return $"SELECT tgrelid::regclass::text, tgname, tgenabled::text FROM pg_trigger WHERE tgrelid IN (SELECT relid FROM pg_partition_tree({relation}) UNION SELECT {relation}) " +
               "AND NOT tgisinternal AND tgenabled IN ('O', 'A') ORDER BY 1, 2";
    }

    /// <summary>
    /// <c>ALTER TABLE ONLY t DISABLE TRIGGER x</c>, or <c>ENABLE</c> (<c>O</c>) / <c>ENABLE ALWAYS</c> (<c>A</c>) /
    /// <c>ENABLE REPLICA</c> (<c>R</c>) to give it back. <c>ONLY</c>: on a partitioned table it would set every
    /// partition's clone too, whose own states differ (break test 25 F5).
    /// </summary>
    internal override string SetTriggerStateSql(string relation, string trigger, string? state) =>
        $"ALTER TABLE ONLY {relation} {state switch { null or "D" => "DISABLE", "A" => "ENABLE ALWAYS", "R" => "ENABLE REPLICA", _ => "ENABLE" }} TRIGGER {QuoteIdentifier(trigger)}";

    /// <inheritdoc/>
    public override string DropDatabaseSql(string quotedName) => $"DROP DATABASE {quotedName} WITH (FORCE)";

    /// <inheritdoc/>
    public override string? SequenceNextValueSql(string sequence, string? schema = null)
    {
        var options = $"(SELECT seqcycle, seqincrement, seqmax, seqmin FROM pg_sequence WHERE seqrelid = {Literal(QuoteName(schema, sequence))}::regclass) o";
        string[] arguments = ["o.seqcycle", "o.seqincrement", "o.seqmax", "o.seqmin", "o.seqcycle", "o.seqincrement", "o.seqmin", "o.seqmax", "o.seqincrement"];
        var parts = NextValueCase.Split("%s");
        var next = string.Concat(parts.Select((p, i) => i < arguments.Length ? p + arguments[i] : p));
        return $"SELECT {next} FROM {QuoteName(schema, sequence)}, {options}";
    }

    /// <inheritdoc/>
    internal override string? SequenceOfDefault(string? defaultValue) =>
        defaultValue is not null && NextvalDefault().Match(defaultValue.Trim()) is { Success: true } m ? m.Groups["sequence"].Value.Replace("''", "'", StringComparison.Ordinal) : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"^nextval\(\s*'(?<sequence>(?:[^']|'')*)'(?:::regclass)?\s*\)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex NextvalDefault();

    /// <inheritdoc/>
    public override string? SetSequenceNextValueSql(string sequence, long next, string? schema = null) => SetNextSql(Literal(QuoteName(schema, sequence)), next);

    /// <summary><c>DROP TABLE IF EXISTS t CASCADE</c>: a partitioned or parent table takes its partitions and children with it, which are dropped by name too.</summary>
    public override string DropTableSql(string table, string? schema = null) => $"DROP TABLE IF EXISTS {QuoteName(schema, table)} CASCADE";

    /// <inheritdoc/>
    internal override string DropViewForResetSql(Schema.ViewModel view) =>
        $"DROP {(view.Materialized ? "MATERIALIZED VIEW" : "VIEW")} IF EXISTS {QuoteName(view.Schema, view.Name)} CASCADE";

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <inheritdoc/>
    public override IReadOnlyList<string> EmptyTablesSql(IReadOnlyList<string> tables) =>
        tables.Count == 0 ? [] : [$"TRUNCATE {string.Join(", ", tables.Select(QuoteIdentifier))} RESTART IDENTITY"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> EmptyTablesSql(IReadOnlyList<Schema.TableModel> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return tables.Count == 0 ? [] : [$"TRUNCATE {string.Join(", ", tables.Select(t => QuoteName(t.Schema, t.Name)))} RESTART IDENTITY"];
    }

    /// <inheritdoc/>
    public override string TableStatsSql =>
        "SELECT c.relname AS table_name, pg_table_size(c.oid) AS data_bytes, pg_indexes_size(c.oid) AS index_bytes, " +
        "(SELECT COUNT(*) FROM pg_index i WHERE i.indrelid = c.oid) AS index_count " +
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')";

    /// <inheritdoc/>
    public override string? DatabaseSizeSql => "SELECT pg_database_size(current_database())";

    /// <inheritdoc/>
    public override bool SupportsEnumTypes => true;

    /// <inheritdoc/>
    public override string? CreateExtensionSql(string name) => $"CREATE EXTENSION IF NOT EXISTS {QuoteIdentifier(name)}";

    /// <inheritdoc/>
    public override bool SupportsDomains => true;

    /// <inheritdoc/>
    public override string? CreateCompositeTypeSql(Schema.CompositeTypeModel type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return $"CREATE TYPE {QuoteName(type.Schema, type.Name)} AS ({string.Join(", ", type.Attributes.Select(a =>
            $"{QuoteIdentifier(a.Name)} {a.Type}" + (a.Collation is { } c ? " " + CollationSql(c) : "")))})";
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The options the source's type has beyond PostgreSQL's defaults; the functions by their qualified names (which must
    /// exist: <c>pg_catalog.float8mi</c>), <c>multirange_type_name</c> needs PostgreSQL 14.
    /// </remarks>
    public override string? CreateRangeTypeSql(Schema.RangeTypeModel type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var options = new List<string> { "SUBTYPE = " + type.Subtype };
        if (type.SubtypeOpClass is { } opclass) options.Add("SUBTYPE_OPCLASS = " + opclass);
        if (type.Collation is { } collation) options.Add("COLLATION = " + QuoteIdentifier(collation));
        if (type.Canonical is { } canonical) options.Add("CANONICAL = " + canonical);
        if (type.SubtypeDiff is { } diff) options.Add("SUBTYPE_DIFF = " + diff);
        if (type.MultirangeTypeName is { } multirange) options.Add("MULTIRANGE_TYPE_NAME = " + QuoteName(type.Schema, multirange));
        return $"CREATE TYPE {QuoteName(type.Schema, type.Name)} AS RANGE ({string.Join(", ", options)})";
    }

    /// <inheritdoc/>
    /// <remarks>The options as PostgreSQL's CREATE COLLATION documents them; <c>rules</c> needs PostgreSQL 16.</remarks>
    public override string? CreateCollationSql(Schema.CollationModel collation)
    {
        ArgumentNullException.ThrowIfNull(collation);
        var options = new List<string> { "provider = " + collation.Provider };
        if (collation.Locale is { } locale) options.Add("locale = " + Literal(locale));
        if (collation.LcCollate is { } lcCollate) options.Add("lc_collate = " + Literal(lcCollate));
        if (collation.LcCtype is { } lcCtype) options.Add("lc_ctype = " + Literal(lcCtype));
        if (!collation.Deterministic) options.Add("deterministic = false");
        if (collation.Rules is { } rules) options.Add("rules = " + Literal(rules));
        return $"CREATE COLLATION {QuoteIdentifier(collation.Name)} ({string.Join(", ", options)})";
    }

    /// <summary>
    /// <c>"C"</c> and <c>"POSIX"</c>: strcmp of the encoded text, so two keys are one only when they are the same
    /// characters (trailing blanks count), in byte order (code point order in a UTF-8 database); glibc's <c>C.UTF-8</c>
    /// and the builtin provider's <c>C.UTF-8</c> / <c>PG_UNICODE_FAST</c> and <c>ucs_basic</c>, which order by code point too.
    /// </summary>
    internal override bool CollationComparesBytes(string collation) =>
        (collation.StartsWith("pg_catalog.", StringComparison.Ordinal) ? collation["pg_catalog.".Length..] : collation) is
            "C" or "POSIX" or "C.UTF-8" or "C.utf8" or "ucs_basic" or "pg_c_utf8" or "PG_UNICODE_FAST" or "pg_unicode_fast";

    /// <summary><c>"C"</c>.</summary>
    internal override string? BytewiseCollation => "C";

    /// <summary><c>citext</c> (the citext extension: compares <c>lower()</c> of both texts), and bpchar's trailing blanks.</summary>
    /// <inheritdoc/>
    /// <remarks>
    /// A text or varchar column referencing a <c>char(n)</c> key is compared in the key's type, as the key's index
    /// compares it (bpchar: trailing blanks do not count): <c>'ab '</c> references <c>'ab'</c>. A plain <c>=</c> compares
    /// both as text there, which found that row an orphan.
    /// </remarks>
    internal override string ForeignKeyMatchSql(string referenced, ColumnType? referencedType, string referencing, ColumnType? referencingType) =>
        referencedType is { Kind: PortableType.String, Fixed: true } && referencingType is not { Kind: PortableType.String, Fixed: true }
            ? $"{referenced} = CAST({referencing} AS bpchar)" : base.ForeignKeyMatchSql(referenced, referencedType, referencing, referencingType);

    /// <summary>
    /// Where either column is <c>char(n)</c>: a text value referencing a bpchar key is compared as bpchar, a bpchar value
    /// referencing a text key as text, which leaves the padding out (checked with psql: <c>'ab '</c> in a varchar column
    /// references a char(4) key's <c>'ab'</c>; not under two text columns, whatever the collation).
    /// </summary>
    internal override bool ForeignKeyIgnoresTrailingBlanks(ColumnModel referenced, ColumnModel referencing) =>
        referenced.Type is { Kind: PortableType.String, Fixed: true } || referencing.Type is { Kind: PortableType.String, Fixed: true };

    /// <summary><c>citext</c>: <c>lower()</c>, as citext compares (PostgreSQL manual, "citext").</summary>
    internal override string? KeyFoldSql(string? collation, ColumnType type, string operand) =>
        KeyTypeFolds(type) == "'A' and 'a'" ? $"lower(CAST({operand} AS text))" : null;

    internal override string? KeyTypeFolds(ColumnType type) =>
        type.Kind == PortableType.Native && type.Native is { } native && native.Split('.')[^1].Trim('"').Equals("citext", StringComparison.OrdinalIgnoreCase) ? "'A' and 'a'" : base.KeyTypeFolds(type);

    /// <summary>PostgreSQL's <c>json</c>: the text as written, checked for syntax only (<c>jsonb</c> rewrites it).</summary>
    public override Schema.ColumnType? TextKeepingJsonType => new(Schema.PortableType.Native, Native: "json");

    /// <inheritdoc/>
    public override bool JsonKeepsText => false;

    /// <inheritdoc/>
    public override bool SupportsPostgreSqlCasts => true;

    /// <inheritdoc/>
    public override bool BooleansAreIntegers => false;

    /// <inheritdoc/>
    public override string? UseSchemaSql(string schema, bool untilTransactionEnds) =>
        $"SELECT set_config('search_path', {Literal(QuoteIdentifier(schema) + ", ")} || current_setting('search_path'), {(untilTransactionEnds ? "true" : "false")})";

    /// <inheritdoc/>
    public override string? SchemaSettingSql => "SELECT current_setting('search_path')";

    /// <inheritdoc/>
    public override string RestoreSchemaSql(string setting) => $"SELECT set_config('search_path', {Literal(setting)}, false)";

    /// <inheritdoc/>
    public override string? UnitSettingSql(string name) => $"SELECT set_config({Literal(name)}, :value, true)";

    /// <inheritdoc/>
    public override string OwnRowsSql(string table, string? schema = null) => "ONLY " + QuoteName(schema, table);

    /// <inheritdoc/>
    internal override string InsertOverridingSql => " OVERRIDING SYSTEM VALUE";

    /// <inheritdoc/>
    public override bool SupportsPartitioning => true;

    /// <inheritdoc/>
    public override bool SupportsUnloggedTables => true;

    /// <inheritdoc/>
    public override bool SupportsMaterializedViews => true;

    /// <inheritdoc/>
    public override bool ViewCheckOptions => true;

    /// <inheritdoc/>
    public override bool ViewSecurityInvoker => true;

    /// <inheritdoc/>
    public override bool ViewSecurityBarrier => true;

    /// <summary><c>CREATE VIEW name</c>, with <c>WITH (security_barrier = true, security_invoker = true)</c> for the options the view has.</summary>
    public override string CreateViewHead(Schema.ViewModel view)
    {
        ArgumentNullException.ThrowIfNull(view);
        string[] options = [.. new[] { view.SecurityBarrier ? "security_barrier = true" : null, view.SecurityInvoker ? "security_invoker = true" : null }.OfType<string>()];
        return $"CREATE VIEW {QuoteName(view.Schema, view.Name)}{(options.Length > 0 ? $" WITH ({string.Join(", ", options)})" : "")}";
    }

    /// <inheritdoc/>
    public override string? RefreshMaterializedViewSql(Schema.ViewModel view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return $"REFRESH MATERIALIZED VIEW {QuoteName(view.Schema, view.Name)}";
    }

    /// <summary>
    /// <c>CREATE [UNLOGGED] TABLE t (...) [INHERITS (p)] [PARTITION BY ...]</c>, or for a partition <c>CREATE TABLE t
    /// PARTITION OF p [(...)] FOR VALUES ... [PARTITION BY ...]</c>.
    /// </summary>
    public override string CreateTableSql(Schema.TableModel table, IReadOnlyList<string> elements)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(elements);
        var sb = new System.Text.StringBuilder("CREATE ").Append(table.Unlogged ? "UNLOGGED " : "").Append("TABLE ").Append(QuoteName(table.Schema, table.Name));
        var body = $" (\n  {string.Join(",\n  ", elements)}\n)";
        if (table.PartitionOf is { } parent)
        {
            sb.Append(" PARTITION OF ").Append(QuoteName(table.Schema, parent)).Append(elements.Count > 0 ? body : "").Append(' ')
                .Append(table.PartitionBound ?? throw new NotSupportedException($"Partition {table.Name} of {parent} has no bound (\"partitionBound\": \"FOR VALUES ...\" or \"DEFAULT\")."));
        }
        else
        {
            sb.Append(body);
            if (table.Inherits is { Count: > 0 } parents) sb.Append(" INHERITS (").Append(string.Join(", ", parents.Select(p => QuoteName(table.Schema, p)))).Append(')');
        }
        if (table.PartitionBy is { } key) sb.Append(" PARTITION BY ").Append(key);
        if (table.StorageParameters is { Count: > 0 } storage) sb.Append(" WITH (").Append(string.Join(", ", storage)).Append(')');
        return sb.ToString();
    }

    /// <inheritdoc/>
    internal override IReadOnlyList<string> AttachToParentsSql(Schema.TableModel table) => table.PartitionOf is { } parent
        ? [$"ALTER TABLE {QuoteName(table.Schema, parent)} ATTACH PARTITION {QuoteName(table.Schema, table.Name)} {table.PartitionBound}"]
        : [.. (table.Inherits ?? []).Select(p => $"ALTER TABLE {QuoteName(table.Schema, table.Name)} INHERIT {QuoteName(table.Schema, p)}")];

    /// <summary><c>ALTER VIEW v ALTER COLUMN c SET DEFAULT ...</c> (or <c>DROP DEFAULT</c>) and <c>COMMENT ON COLUMN v.c</c> for each that differs from <paramref name="current"/>.</summary>
    public override IEnumerable<string> ViewColumnSettingsSql(Schema.ViewModel view, Schema.ViewModel? current = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        var name = QuoteName(view.Schema, view.Name);
        var defaults = view.ColumnDefaults ?? new Dictionary<string, string>();
        var were = current?.ColumnDefaults ?? new Dictionary<string, string>();
        foreach (var (column, expression) in defaults.Where(x => !were.TryGetValue(x.Key, out var w) || w != x.Value))
            yield return $"ALTER VIEW {name} ALTER COLUMN {QuoteIdentifier(column)} SET DEFAULT {expression}";
        foreach (var column in were.Keys.Where(c => !defaults.ContainsKey(c)))
            yield return $"ALTER VIEW {name} ALTER COLUMN {QuoteIdentifier(column)} DROP DEFAULT";
        var comments = view.ColumnComments ?? new Dictionary<string, string>();
        var had = current?.ColumnComments ?? new Dictionary<string, string>();
        foreach (var column in comments.Keys.Union(had.Keys).Where(c => comments.GetValueOrDefault(c) != had.GetValueOrDefault(c)))
            yield return $"COMMENT ON COLUMN {name}.{QuoteIdentifier(column)} IS {CommentLiteral(comments.GetValueOrDefault(column))}";
    }

    /// <inheritdoc/>
    internal override long SequenceCacheMinimum => 1;

    /// <summary>One <c>ALTER TABLE</c> giving the inherited columns the default (or none) and NOT NULL the table has.</summary>
    public override string? InheritedColumnsSql(string table, IReadOnlyList<Schema.ColumnModel> columns, string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return columns.Count == 0 ? null : $"ALTER TABLE {QuoteName(schema, table)} " + string.Join(", ", columns.Select(c =>
        {
            var column = "ALTER COLUMN " + QuoteIdentifier(c.Name);
            var def = Schema.ColumnDefault.Normalize(c.Default, c.Type) is { } d ? $"{column} SET DEFAULT {DefaultSql(d)}" : $"{column} DROP DEFAULT";
            return c.Nullable ? def : $"{def}, {column} SET NOT NULL";
        }));
    }

    /// <inheritdoc/>
    public override string? ClientOnlyProblem(string statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (statement.StartsWith('\\'))
            return $"'{statement.Split('\n')[0].Trim()}' is a psql meta-command, which only psql runs (pg_dump 15.14+ writes \\restrict lines); remove it from the script";
        return CopyFromStdin().IsMatch(statement)
            ? "COPY ... FROM stdin with its rows in the script is psql's, not SQL the server runs; make the dump with pg_dump --inserts, or load the rows with nexusql import or psql"
            : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^COPY\s[^;]*?\sFROM\s+STDIN\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex CopyFromStdin();


    /// <inheritdoc/>
    public override IndexSupport Indexes { get; } = new()
    {
        Partial = true, Expressions = true, Include = true, KeyInclude = true, OperatorClasses = true, NullsNotDistinct = true, Collations = true, StorageParameters = true, Methods = ["hash", "gin", "gist", "brin", "spgist"],
    };
}
