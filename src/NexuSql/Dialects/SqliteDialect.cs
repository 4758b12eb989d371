using System.Globalization;

namespace NexuSql.Dialects;

/// <summary>SQLite: "identifiers" (also `x` and [x]), no nested comments, no backslash escapes.</summary>
public sealed class SqliteDialect : SqlDialect
{
    /// <summary>The shared instance.</summary>
    public static SqliteDialect Instance { get; } = new();

    /// <inheritdoc/>
    public override bool ColumnNamesIgnoreCase => true;

    private static readonly string[] ConflictAlgorithms = ["ROLLBACK", "ABORT", "FAIL", "IGNORE", "REPLACE"];

    /// <inheritdoc/>
    public override string? ConflictClauseSql(string algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        // a word of the statement, not a value: only SQLite's five are written
        return ConflictAlgorithms.FirstOrDefault(a => a.Equals(algorithm.Trim(), StringComparison.OrdinalIgnoreCase)) is { } known ? "ON CONFLICT " + known
            : throw new ArgumentException($"'{algorithm}' is not a conflict resolution of SQLite (ROLLBACK, ABORT, FAIL, IGNORE, REPLACE).", nameof(algorithm));
    }

    /// <inheritdoc/>
    public override bool RelationNamesIgnoreCase => true;

    /// <inheritdoc/>
    public override bool VirtualTables => true;

    /// <summary>The header fields of a SQLite file an application sets for itself (<c>PRAGMA user_version</c>, <c>application_id</c>).</summary>
    internal static readonly string[] HeaderSettings = ["application_id", "user_version"];

    /// <inheritdoc/>
    /// <remarks>A PRAGMA takes no parameters: the name is one of <see cref="HeaderSettings"/>, the value a 32-bit integer written as digits.</remarks>
    public override string? DatabaseSettingSql(string name, long value) =>
        HeaderSettings.Contains(name, StringComparer.Ordinal) && value is >= int.MinValue and <= int.MaxValue
            ? $"PRAGMA {name} = {value.ToString(CultureInfo.InvariantCulture)}" : null;

    /// <inheritdoc/>
    /// <remarks>Names of tables, views and indexes beginning with <c>sqlite_</c> (in any case) are SQLite's own.</remarks>
    public override string? NameProblem(string name, IdentifierKind kind) => base.NameProblem(name, kind)
        ?? (kind is IdentifierKind.Table or IdentifierKind.Index && name.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase)
            ? "it begins with sqlite_, which SQLite keeps for its own objects" : null);

    /// <inheritdoc/>
    public override bool ConstraintsMayBeBypassed => true;

    /// <inheritdoc/>
    public override bool CaseMapsAsciiOnly => true;

    /// <inheritdoc/>
    public override bool RoundsFloatHalvesToEven => false;

    /// <inheritdoc/>
    public override bool DivisionByZeroIsNull => true;

    /// <inheritdoc/>
    public override bool IntegerArithmeticIn64Bits => true;

    private SqliteDialect() { }

    /// <summary>SQLite keeps no constraint names apart: two constraints of a table may have one name.</summary>
    internal override bool ConstraintNamesPerTable => false;

    /// <inheritdoc/>
    internal override bool KeyNamesNameIndexes => false;

    /// <summary>SQLite creates a foreign key to any columns; it checks the key when rows are written.</summary>
    internal override string? ReferencedKeyProblem(Schema.TableModel parent, IReadOnlyList<string> columns) => null;

    /// <inheritdoc/>
    public override NexuSqlEngine Engine => NexuSqlEngine.Sqlite;

    /// <inheritdoc/>
    public override SqlLexicalRules Lexical { get; } = new() { BacktickIdentifiers = true, BracketIdentifiers = true };

    /// <summary>Booleans are the integers 1 and 0.</summary>
    public override ScriptSyntax Scripts { get; } = new() { BooleansAsNumbers = true };

    /// <inheritdoc/>
    public override DialectCapabilities Capabilities { get; } = new() { TransactionalDdl = true, Returning = true, SingleWriter = true };

    /// <inheritdoc/>
    public override string ServerVersionSql => "SELECT sqlite_version()";

    /// <inheritdoc/>
    public override string TypeName(SqlType type, int length = 0) => type switch
    {
        SqlType.Boolean => "INTEGER",
        SqlType.Timestamp => "TEXT",
        _ => base.TypeName(type, length),
    };

    /// <summary>
    /// SQLite keeps declared types as written and derives storage from them: decimals are declared
    /// <c>DECIMAL_TEXT(p,s)</c> (TEXT affinity keeps every digit), 64-bit integers <c>INTEGER</c> (the rowid type).
    /// </summary>
    public override string ColumnTypeSql(Schema.ColumnType type) => type.Kind switch
    {
        Schema.PortableType.Int32 => "INT",
        // BIGINT, not INTEGER: an INTEGER PRIMARY KEY is the rowid, whose values SQLite generates (an identity)
        Schema.PortableType.Int64 => "BIGINT",
        Schema.PortableType.Decimal => $"DECIMAL_TEXT({type.Precision},{type.Scale})",
        // FLOAT4, not FLOAT: SQLite keeps an 8-byte REAL in both, but FLOAT is what ORMs declare for a double, so it reads
        // as float64 (break test 30 F8); FLOAT4 (REAL affinity) reads back as float32, PostgreSQL's real
        Schema.PortableType.Float32 => "FLOAT4",
        Schema.PortableType.Float64 => "REAL",
        Schema.PortableType.Binary => "BLOB",
        Schema.PortableType.TimestampTz => "TIMESTAMPTZ" + FractionalDigits(type),
        // JSON_TEXT, not JSON: a type name without INT, CHAR, CLOB, TEXT, BLOB, REAL, FLOA or DOUB has NUMERIC affinity,
        // which stores the JSON scalars '1.0' and '1E2' as the numbers 1 and 100.0
        Schema.PortableType.Json => "JSON_TEXT",
        _ => base.ColumnTypeSql(type),
    };

    /// <inheritdoc/>
    public override bool SupportsStrictTables => true;

    /// <summary>Decimals, UUIDs and timestamps with time zone are text here, and a key compares them as text.</summary>
    public override string? KeyComparesAsText(Schema.ColumnType type) => type.Kind switch
    {
        Schema.PortableType.Decimal => "SQLite keeps a decimal as text, and its key compares the text: '1.0', '1.00' and 1 are three keys there",
        Schema.PortableType.Uuid => "SQLite keeps a UUID as text, and its key compares the text: one UUID in upper and in lower case is two keys there",
        Schema.PortableType.TimestampTz => "SQLite keeps a timestamp with time zone as text, and its key compares the text: one instant written with two offsets is two keys there",
        _ => null,
    } is { } why ? why + " (NexuSQL writes one spelling of each value; another writer may not)" : null;

    /// <summary>SQLite generates values only for an INTEGER PRIMARY KEY (the rowid, always 64-bit): an identity is declared INTEGER.</summary>
    public override string DeclaredTypeSql(Schema.ColumnModel column, bool strictTable)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Identity && !(column.EngineType?.For(Engine) is { } declared && declared.Trim().Equals("INTEGER", StringComparison.OrdinalIgnoreCase))
            ? "INTEGER" : base.DeclaredTypeSql(column, strictTable);
    }

    /// <inheritdoc/>
    /// <remarks>SQLite generates values for one column only, its INTEGER PRIMARY KEY (the rowid): the identity must be the whole primary key.</remarks>
    public override string? IdentityProblem(Schema.TableModel table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var identities = table.Columns.Where(c => c.Identity).Select(c => c.Name).ToList();
        if (identities.Count > 1)
            return $"{identities.Count} identity columns ({string.Join(", ", identities)}); SQLite generates values for one column only, its INTEGER PRIMARY KEY";
        if (identities.Count == 1 && !(table.PrimaryKey?.Columns is [var key] && string.Equals(key, identities[0], StringComparison.OrdinalIgnoreCase)))
            return $"identity column {identities[0]} is not the table's whole primary key ({(table.PrimaryKey is { } pk ? string.Join(", ", pk.Columns) : "none")}); " +
                   "SQLite generates values only for an INTEGER PRIMARY KEY, which would take the primary key's place";
        return null;
    }

    /// <inheritdoc/>
    public override bool IdentityIsPrimaryKey => true;

    /// <inheritdoc/>
    public override bool NullablePrimaryKeyColumns => true;

    /// <summary>
    /// <c>PRIMARY KEY DESC</c> for the single key column of a rowid table declared INTEGER that is not the identity: SQLite
    /// makes every other INTEGER PRIMARY KEY (also <c>PRIMARY KEY (x DESC)</c> as a table constraint) the rowid.
    /// </summary>
    public override string? ColumnPrimaryKeySql(Schema.TableModel table, Schema.ColumnModel column)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(column);
        return !table.WithoutRowid && !column.Identity && table.PrimaryKey is { Columns: [var key] } pk && pk.Deferrable is null
            && string.Equals(key, column.Name, StringComparison.OrdinalIgnoreCase)
            && DeclaredTypeSql(column, table.Strict).Trim().Equals("INTEGER", StringComparison.OrdinalIgnoreCase)
            ? "PRIMARY KEY DESC" : null;
    }

    /// <summary><c> STRICT</c> and <c> WITHOUT ROWID</c>, as the table has them.</summary>
    public override string TableOptionsSql(Schema.TableModel table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return string.Join(",", new[] { table.Strict ? " STRICT" : null, table.WithoutRowid ? " WITHOUT ROWID" : null }.OfType<string>());
    }

    /// <inheritdoc/>
    public override IndexSupport Indexes { get; } = new() { Partial = true, Expressions = true, Collations = true };

    /// <summary>
    /// A STRICT table accepts only INT, INTEGER, REAL, TEXT, BLOB and ANY. The storage type is written, and where it
    /// alone would read back as another portable type (boolean, int16, int64, float32, string(n), decimal, uuid, dates,
    /// json) the portable type goes before it in a comment, <c>/* nexusql:boolean */ INT</c>, which SQLite keeps in
    /// the table's stored CREATE text (before the type, so ALTER TABLE ADD COLUMN keeps it too).
    /// </summary>
    /// <exception cref="NotSupportedException">A native type that is not a STRICT type and cannot be written in a comment.</exception>
    public override string StrictColumnTypeSql(Schema.ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var storage = StrictStorage(type);
        var plain = StrictTypeOf(storage);
        if (plain == type) return storage;
        var portable = type.ToString();
        if (portable.Contains("*/", StringComparison.Ordinal) || portable.Contains('\n'))
            throw new NotSupportedException($"SQLite STRICT tables cannot keep the column type {portable}.");
        return $"/* {StrictTypeMarker}{portable} */ {storage}";
    }

    /// <summary>The prefix of the comment that keeps a column's portable type in a STRICT table.</summary>
    public const string StrictTypeMarker = "nexusql:";

    /// <summary>The STRICT storage type a portable type is kept in.</summary>
    private static string StrictStorage(Schema.ColumnType type) => type.Kind switch
    {
        Schema.PortableType.Boolean or Schema.PortableType.Int16 or Schema.PortableType.Int32 or Schema.PortableType.Int64 => "INT",
        Schema.PortableType.Float32 or Schema.PortableType.Float64 => "REAL",
        Schema.PortableType.Binary => "BLOB",
        Schema.PortableType.Native => type.Native!.Trim().ToUpperInvariant() is "INT" or "INTEGER" or "REAL" or "TEXT" or "BLOB" or "ANY" ? type.Native.Trim().ToUpperInvariant() : "ANY",
        _ => "TEXT",
    };

    /// <summary>
    /// The portable type a STRICT storage type (INT, INTEGER, REAL, TEXT, BLOB, ANY) reads back as when no comment
    /// says otherwise; null for any other name.
    /// </summary>
    public static Schema.ColumnType? StrictTypeOf(string storage) => storage.Trim().ToUpperInvariant() switch
    {
        "INT" => new Schema.ColumnType(Schema.PortableType.Int32),
        "INTEGER" => new Schema.ColumnType(Schema.PortableType.Int64),
        "REAL" => new Schema.ColumnType(Schema.PortableType.Float64),
        "TEXT" => new Schema.ColumnType(Schema.PortableType.Text),
        "BLOB" => new Schema.ColumnType(Schema.PortableType.Binary),
        "ANY" => new Schema.ColumnType(Schema.PortableType.Native, Native: "ANY"),
        _ => null,
    };

    /// <summary>SQLite generates values for an INTEGER PRIMARY KEY; AUTOINCREMENT also never reuses them.</summary>
    public override string IdentitySql => "PRIMARY KEY AUTOINCREMENT";

    /// <summary>
    /// <c>PRIMARY KEY AUTOINCREMENT</c> (ids never reused, as on the other engines), or <c>PRIMARY KEY</c> alone for an
    /// identity read from a plain SQLite INTEGER PRIMARY KEY (<see cref="Schema.IdentityOptions.ReusesValues"/>).
    /// </summary>
    public override string IdentityColumnSql(Schema.IdentityOptions? options) => options is { ReusesValues: true } ? "PRIMARY KEY" : IdentitySql;

    /// <summary>SQLite keeps whether ids are reused (AUTOINCREMENT or not); its rowid has no kind, start or step.</summary>
    public override Schema.IdentityOptions? KeptIdentityOptions(Schema.IdentityOptions? options) =>
        options is { ReusesValues: true } ? new Schema.IdentityOptions { ReusesValues = true } : null;

    /// <inheritdoc/>
    public override string DefaultSql(string portable) => portable.Trim().ToLowerInvariant() switch
    {
        "now()" => "CURRENT_TIMESTAMP",
        "uuid()" => "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))",
        _ => Schema.ColumnDefault.IsExpression(portable) ? "(" + portable + ")" : portable,
    };

    /// <summary>
    /// A REAL keeps ±infinity, written as a number past the double range (<c>9e999</c>): a quoted <c>'Infinity'</c>
    /// stays TEXT in a REAL column (bt29 M19). SQLite has no NaN (it stores NULL): refused before this is asked.
    /// </summary>
    internal override string? FloatLiteralSql(double value) =>
        double.IsPositiveInfinity(value) ? "9e999" : double.IsNegativeInfinity(value) ? "-9e999" : null;

    /// <summary>
    /// A boolean column's default written as text (<c>'f'</c>, <c>'TRUE'</c>) stays text: a SQLite BOOLEAN has NUMERIC
    /// affinity and stores <c>'f'</c> as TEXT, where <c>false</c> stores the integer 0, and rows compare otherwise (break
    /// test 28 L10: a SQLite → SQLite copy turned the one into the other).
    /// </summary>
    internal override string? ColumnDefaultSql(Schema.ColumnModel column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (Schema.ColumnDefault.IsBooleanText(column.Default, column.Type)) return column.Default!.Trim();
        return (column.Type.Kind, Schema.ColumnDefault.Normalize(column.Default, column.Type)) switch
        {
            (Schema.PortableType.TimestampTz, "now()") => CurrentInstantSql(column.Type),
            (_, "utc_timestamp()") => CurrentUtcTimeSql(column.Type),
            _ => base.ColumnDefaultSql(column),
        };
    }

    /// <summary>
    /// The current time in a TIMESTAMPTZ column, as text with its offset (<c>2026-12-04 18:00:25.123+00:00</c>), the
    /// spelling NexuSQL writes an instant in: CURRENT_TIMESTAMP writes UTC without an offset, which names no instant,
    /// so every row an application added through the default was refused on the way back to PostgreSQL (break test 31
    /// B11). Milliseconds, SQLite's finest; whole seconds for a column that keeps fewer than three digits, where more
    /// would not fit. Read back as <c>now()</c> (<c>SqliteSchemaReader</c>).
    /// </summary>
    internal static string CurrentInstantSql(Schema.ColumnType type) =>
        type is { Precision: < 3 } ? "(strftime('%Y-%m-%d %H:%M:%S+00:00', 'now'))" : "(strftime('%Y-%m-%d %H:%M:%f+00:00', 'now'))";

    /// <summary>
    /// The current UTC time in a TIMESTAMP column (the portable <c>utc_timestamp()</c>, PostgreSQL's
    /// <c>now() AT TIME ZONE 'utc'</c>), as text without an offset in milliseconds (whole seconds below three digits):
    /// not CURRENT_TIMESTAMP, which is read back as now() (bt32 F26). Read back as <c>utc_timestamp()</c> (<see cref="Schema.ColumnDefault"/>).
    /// </summary>
    internal static string CurrentUtcTimeSql(Schema.ColumnType type) =>
        type is { Precision: < 3 } ? "(strftime('%Y-%m-%d %H:%M:%S', 'now'))" : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";

    /// <inheritdoc/>
    public override bool DescendingKeyParts => true;

    /// <inheritdoc/>
    internal override string? UtcTimestampTextSql => "CURRENT_TIMESTAMP";

    /// <inheritdoc/>
    public override bool SupportsSequences => false;

    /// <inheritdoc/>
    public override bool AlterTableAddsForeignKeys => false;

    /// <summary><c>RTRIM</c>: SQLite's <c>CHAR(n)</c> is text that keeps trailing blanks.</summary>
    internal override string? TrailingBlanksCollation => "RTRIM";

    /// <summary><c>NOCASE</c>: <c>lower()</c>, which folds ASCII letters only, as NOCASE does; <c>RTRIM</c>: trailing spaces removed (SQLite manual, "Collating Sequences").</summary>
    internal override string? KeyFoldSql(string? collation, Schema.ColumnType type, string operand) =>
        collation?.ToUpperInvariant() switch { "NOCASE" => $"lower({operand})", "RTRIM" => $"rtrim({operand}, ' ')", _ => null };

    /// <summary><c>NOCASE</c> (ASCII letters folded) and <c>RTRIM</c> (trailing spaces ignored): SQLite manual, "Collating Sequences".</summary>
    internal override string? KeyCollationFolds(string collation) =>
        collation.Equals("NOCASE", StringComparison.OrdinalIgnoreCase) ? "'A' and 'a'" : collation.Equals("RTRIM", StringComparison.OrdinalIgnoreCase) ? "'a' and 'a '" : null;

    /// <summary>
    /// An unconstrained <c>numeric</c>: a SQLite NUMERIC column stores a number as an INTEGER or an 8-byte REAL (15
    /// significant digits; SQLite manual, "Datatypes", type affinity), so 1.50 reads back as 1.5 and a longer value changes.
    /// </summary>
    internal override string? NativeTypeLimit(string native) =>
        native.Equals("numeric", StringComparison.OrdinalIgnoreCase) || native.Equals("decimal", StringComparison.OrdinalIgnoreCase)
            ? $"SQLite's NUMERIC keeps a number as an integer or a 15-digit REAL (1.50 comes back as 1.5), so {native} without a precision would not arrive identical; " +
              "give the column a precision and scale in the source (numeric(p,s), which NexuSQL keeps exactly in SQLite, as text)"
            : null;

    /// <summary><c>BINARY</c>: memcmp of the UTF-8 text, SQLite's default.</summary>
    internal override string? BytewiseCollation => "BINARY";

    /// <summary><c>COLLATE NOCASE</c>: collation names are plain words.</summary>
    public override string CollationSql(string collation) =>
        "COLLATE " + (System.Text.RegularExpressions.Regex.IsMatch(collation ?? "", "^[A-Za-z_][A-Za-z0-9_]*$") ? collation : QuoteIdentifier(collation!));

    /// <summary>SQLite checks a <c>DEFERRABLE INITIALLY DEFERRED</c> foreign key at COMMIT (its unique constraints are never deferrable).</summary>
    public override bool DeferrableForeignKeys => true;

    /// <inheritdoc/>
    public override string AddUniqueSql(string table, string name, IReadOnlyList<string> columns) =>
        $"CREATE UNIQUE INDEX {QuoteIdentifier(name)} ON {QuoteIdentifier(table)} ({string.Join(", ", columns.Select(QuoteIdentifier))})";

    /// <summary>SQLite cannot change a column in place: the plan rebuilds the table instead (see <see cref="RebuildsTables"/>).</summary>
    public override IReadOnlyList<string> AlterColumnSql(string table, Schema.ColumnModel current, Schema.ColumnModel desired) =>
        current with { Name = desired.Name } == desired ? [] : throw new NotSupportedException($"SQLite cannot change column {table}.{desired.Name} in place (it needs a table rebuild).");

    /// <inheritdoc/>
    public override bool RebuildsTables => true;

    /// <inheritdoc/>
    public override string CurrentSchemaSql => "SELECT 'main'";

    /// <inheritdoc/>
    public override string TableExistsSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = :name";

    /// <inheritdoc/>
    public override string TableSchemasSql => "SELECT NULL FROM sqlite_master WHERE type = 'table' AND name = :name";

    /// <summary>
    /// <c>VACUUM</c>, and <c>PRAGMA foreign_keys</c>, a no-op within a transaction (SQLite manual, "PRAGMA foreign_keys"):
    /// a migration rebuilding a parent table by SQLite's own recipe (foreign keys off, create, copy, drop, rename) ran
    /// in one and deleted the children by their ON DELETE CASCADE (bt42 N7).
    /// </summary>
    protected override IReadOnlyList<string> NonTransactionalStatements => ["VACUUM", "PRAGMA FOREIGN_KEYS"];

    /// <summary>A deferred read transaction that takes its read lock at once (in WAL mode writers go on meanwhile).</summary>
    public override IReadOnlyList<string> BeginSnapshotSql => ["BEGIN DEFERRED", "SELECT COUNT(*) FROM sqlite_master"];

    /// <summary>Tables are created with their foreign keys (SQLite cannot add them later): enforcement is off while loading.</summary>
    public override IReadOnlyList<string> BulkLoadBeginSql => ["PRAGMA foreign_keys = OFF"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> BulkLoadEndSql => ["PRAGMA foreign_keys = ON"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> ChecksOffSql => ["PRAGMA ignore_check_constraints = ON"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> ChecksOnSql => ["PRAGMA ignore_check_constraints = OFF"];

    /// <summary>
    /// SQLite keeps an 8-byte REAL in a column declared <c>FLOAT4</c> and any 64-bit integer in one declared <c>INT</c> or
    /// <c>SMALLINT</c>, which NexuSQL reads as float32, int32, int16 — the types it declares so itself, so its own float32
    /// (PostgreSQL real) comes back as float32 (break test 27 K21). A value beyond that type is refused by the target with
    /// this advice instead of "give the column a type that holds it".
    /// </summary>
    internal override string? NarrowTypeAdvice(Schema.ColumnModel column, object? value, SqlDialect target, bool restore)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(target);
        var wider = (column.Type.Kind, value) switch
        {
            (Schema.PortableType.Float32, double) => new Schema.ColumnType(Schema.PortableType.Float64),
            (Schema.PortableType.Int16 or Schema.PortableType.Int32, long) => new Schema.ColumnType(Schema.PortableType.Int64),
            _ => null,
        };
        if (wider is null) return null;
        var declared = column.EngineType?.For(Engine) ?? ColumnTypeSql(column.Type);
        return $"NexuSQL reads a SQLite column declared {declared} as {column.Type} ({target.Engine.DisplayName()} {target.ColumnTypeSql(column.Type)}), as it declares {column.Type} in SQLite itself, " +
            $"but SQLite keeps {(wider.Kind == Schema.PortableType.Float64 ? "an 8-byte REAL" : "any 64-bit integer")} there. " +
            $"Create the table in the target with {target.ColumnTypeSql(wider)} for this column and copy into it with --data-only, or declare the column {ColumnTypeSql(wider)} at the source " +
            $"(schema apply with the column as {wider} rebuilds the table)" + (restore ? "; the backup restores as it is into SQLite." : ".");
    }

    /// <summary>
    /// A REAL is 8 bytes in every SQLite column: a float32 column (declared <c>FLOAT4</c>, which NexuSQL
    /// reads as float32 so that PostgreSQL's real comes back as real) takes a data file's number as the double it is
    /// (break test 29 M4: 0.1 was stored as 0.100000001490116). Integers need nothing: a file's integer is a 64-bit one
    /// for every integer column, and <see cref="ValueProblem(object?, Schema.ColumnType)"/> takes it.
    /// </summary>
    internal override Schema.ColumnType StoredNumberType(Schema.ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Kind == Schema.PortableType.Float32 ? new Schema.ColumnType(Schema.PortableType.Float64) : type;
    }

    /// <summary>
    /// Adds SQLite's: a REAL cannot be NaN (stored as NULL) or -0.0 (stored as 0.0). Every integer column holds any
    /// 64-bit integer (INTEGER affinity, and STRICT's INT): one declared <c>INT</c> or <c>SMALLINT</c> is int32 or int16
    /// to the engines it goes to, which refuse a larger value by name, but SQLite itself keeps it (break test
    /// F14: import and seed refused 3000000000 into a SQLite INT column that held it, "out of range for int32"). A
    /// MariaDB ENUM (TEXT there, with a check of its labels) takes its labels only.
    /// </summary>
    public override string? ValueProblem(object? value, Schema.ColumnType type) =>
        value is long && type.Kind is Schema.PortableType.Int16 or Schema.PortableType.Int32 ? null
        // MariaDB's ENUM carried as TEXT with a check of its labels (Schema.EnumColumns.FromMySql): its error value (index 0,
        // which MariaDB stores for a value that is none of the labels, read as '' or, where '' is a label, as 0) is no label
        : value is not null && type.Kind == Schema.PortableType.Native && MySqlDialect.EnumLabels(type.Native) is { } labels && !(value is string l && labels.Contains(l, StringComparer.Ordinal))
            ? value is "" or 0L or 0
                ? $"the value is MariaDB's ENUM error value (index 0, stored for a value that is none of the labels{(labels.Contains("") ? "; not the label ''" : ", read as ''")}), which is not one of the labels of {type.Native}; " +
                  "SQLite's check of the labels refuses it. Set the row to one of the labels (or NULL) at the source"
                : $"{Data.PortableValues.Describe(value)} is not one of the labels of {type.Native}"
        : base.ValueProblem(value, type) ?? value switch
    {
        double d when double.IsNaN(d) => "NaN has no equivalent in SQLite (it stores NULL)",
        float f when float.IsNaN(f) => "NaN has no equivalent in SQLite (it stores NULL)",
        double d when d == 0 && double.IsNegative(d) => "-0 has no equivalent in SQLite (it stores 0)",
        float f when f == 0 && float.IsNegative(f) => "-0 has no equivalent in SQLite (it stores 0)",
        _ => null,
    };

    /// <summary>
    /// Adds SQLite's type affinity (datatype3, section 3.0): a column declared with INTEGER, NUMERIC or REAL affinity
    /// stores text that reads as a number as that number (<see cref="Data.SqliteAffinity.StoredNumber"/>). A JSON column
    /// declared <c>JSON</c> (NUMERIC affinity, as other tools and NexuSQL before <c>JSON_TEXT</c> declare it) would give
    /// back a JSON scalar '1.0' as 1; a number column (<c>DECIMAL(20,3)</c>, <c>NUMERIC</c>) keeps the number, refused
    /// only when that changes (a REAL keeps 15 to 17 significant digits: 12345678901234567890.123, and
    /// 99999999999999999.999 becomes the integer 100000000000000000; '1.10' stored as 1.1 is the same number); any other
    /// column (<c>STRING</c>, a date, an engine's own type) holds text, which is refused whenever SQLite would turn it
    /// into a number ('007' → 7, '1e3' → 1000, ' 42 ' → 42, and '42' → 42: an integer, not the text).
    /// </summary>
    public override string? ValueProblem(object? value, Schema.ColumnModel column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (base.ValueProblem(value, column) is { } problem) return problem;
        // ANY is what NexuSQL declares in STRICT tables, which keep any value as given; an ANY column of a table that is
        // not STRICT (NUMERIC affinity there) is read with ANY as its engine type
        if (value is null || column.Type is { Kind: Schema.PortableType.Native, Native: { } native } && native.Trim().Equals("ANY", StringComparison.OrdinalIgnoreCase)
            && column.EngineType?.For(Engine) is null)
            return null;
        if (value is not string text) return NumberProblem(value, column);
        var declared = column.EngineType?.For(Engine) ?? ColumnTypeSql(column.Type);
        var affinity = Data.SqliteAffinity.Of(declared);
        if (Data.SqliteAffinity.StoredNumber(text, affinity) is not { } stored) return null;
        var name = affinity.ToString().ToUpperInvariant();
        if (column.Type.Kind == Schema.PortableType.Json)
            return $"the column is declared {declared}, whose {name} affinity would store the JSON text {text} as a number; declare it JSON_TEXT (TEXT affinity) to keep JSON as written";
        var storedText = stored is long whole ? whole.ToString(CultureInfo.InvariantCulture) : ((double)stored).ToString("R", CultureInfo.InvariantCulture);
        var what = stored is long ? $"the integer {storedText}" : $"the REAL {storedText}";
        if (IsNumber(column.Type))
        {
            // the number is the value: the text '1.10' stored as the REAL 1.1, or '007' as 7, is the same number
            if (stored is double d && double.IsFinite(d) && Data.PortableValues.Decimal(text, 0) == Data.PortableValues.Decimal(d, 0)) return null;
            if (stored is long && Data.PortableValues.Decimal(text, 0) == storedText) return null;
            var keep = column.Type.Kind == Schema.PortableType.Decimal ? $"DECIMAL_TEXT({column.Type.Precision},{column.Type.Scale})" : "TEXT";
            return $"the column is declared {declared}, whose {name} affinity would store {text.Trim()} as {what}, another number (a REAL keeps 15 to 17 significant digits); " +
                $"declare it {keep} (TEXT affinity) to keep every digit";
        }
        // text stays text: even '42' stored as the integer 42 reads back as another value (and seed would update it on every run)
        if (declared.Trim().Equals("ANY", StringComparison.OrdinalIgnoreCase))
            return $"the column is declared ANY in a table that is not STRICT, where its NUMERIC affinity would store the text '{text}' as {what}; " +
                "ANY keeps every value as given only in a STRICT table (or declare the column TEXT)";
        return $"the column is declared {declared}, whose {name} affinity would store the text '{text}' as {what}; declare it TEXT to keep text as written";
    }

    /// <summary>
    /// Adds: a uuid, date, time or timestamp into a column of another type (<c>copy --data-only</c> into a table made
    /// by hand: a uuid into BLOB or TEXT, a date into INTEGER or TEXT). SQLite keeps it as its text, which reads back
    /// as text (or, in a BLOB or number column, as an off-type value) and no longer as a value of the source's type —
    /// text stays text, and a typed value stays typed, as into PostgreSQL and MariaDB.
    /// </summary>
    internal override string? OtherTypeValueProblem(object? original, object? admitted, Schema.ColumnType sourceType, Schema.ColumnModel column)
    {
        ArgumentNullException.ThrowIfNull(sourceType);
        ArgumentNullException.ThrowIfNull(column);
        // a decimal no float holds exactly into a REAL column: SQLite's REAL affinity stores the nearest float (break test
        // 18, M5: written, then "the target changed the data"; MariaDB's DOUBLE refuses it before writing)
        if (sourceType.Kind == Schema.PortableType.Decimal && admitted is string digits && column.Type.Kind is Schema.PortableType.Float64 or Schema.PortableType.Float32)
            return $"the decimal {digits} is not {column.Type.WithArticle()} value (the target column is {column.EngineType?.For(Engine) ?? ColumnTypeSql(column.Type)} ({column.Type}); " +
                $"the source column is {sourceType}): its REAL affinity would store the nearest floating-point number; declare the target column {ColumnTypeSql(sourceType)} to keep the decimal";
        return base.OtherTypeValueProblem(original, admitted, sourceType, column)
            ?? (admitted is not null && sourceType.Kind is Schema.PortableType.Uuid or Schema.PortableType.Date or Schema.PortableType.Time
                    or Schema.PortableType.Timestamp or Schema.PortableType.TimestampTz && column.Type.Kind != sourceType.Kind
                ? $"{Data.PortableValues.Describe(admitted)} (from a {sourceType} column) would be kept as text in a column declared " +
                  $"{column.EngineType?.For(Engine) ?? ColumnTypeSql(column.Type)}, and read back as another value; declare the target column {ColumnTypeSql(sourceType)} to keep it a {sourceType}"
                : null);
    }

    /// <summary>
    /// A number (or boolean, which SQLite stores as 0 or 1) into a column whose affinity changes it: TEXT affinity
    /// stores 5 as the text '5'; INTEGER and NUMERIC affinity store the REAL 1.0 as the integer 1 (datatype3, 3.0).
    /// </summary>
    private string? NumberProblem(object value, Schema.ColumnModel column)
    {
        if (value is not (long or int or short or double or float or decimal or bool)) return null;
        var declared = column.EngineType?.For(Engine) ?? ColumnTypeSql(column.Type);
        var affinity = Data.SqliteAffinity.Of(declared);
        if (affinity == Data.SqliteAffinity.Kind.Text)
            return $"the column is declared {declared}, whose TEXT affinity would store {Data.PortableValues.Describe(value)} as text; " +
                "declare it with a numeric type (INTEGER, REAL, NUMERIC) to keep the number";
        var d = value switch { double x => x, float f => f, _ => double.NaN };
        if (affinity is Data.SqliteAffinity.Kind.Integer or Data.SqliteAffinity.Kind.Numeric && double.IsFinite(d) && Math.Floor(d) == d
            && d >= -9223372036854775808.0 && d < 9223372036854775808.0 && !(d == 0 && double.IsNegative(d)))
            return $"the column is declared {declared}, whose {affinity.ToString().ToUpperInvariant()} affinity would store {Data.PortableValues.Describe(value)} as the integer " +
                $"{((long)d).ToString(CultureInfo.InvariantCulture)}; declare it REAL to keep a floating-point number";
        return null;
    }

    private static bool IsNumber(Schema.ColumnType type) => type.Kind is Schema.PortableType.Int16 or Schema.PortableType.Int32 or Schema.PortableType.Int64
        or Schema.PortableType.Decimal or Schema.PortableType.Float32 or Schema.PortableType.Float64
        || (type.Kind == Schema.PortableType.Native && string.Equals(type.Native, "numeric", StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc/>
    public override bool PadsFixedStrings => false;

    /// <summary>SQLite's dynamic typing: any column keeps any value as it was stored (12.7 in an INTEGER column stays 12.7).</summary>
    /// <remarks>Not an integer beyond SQLite's 64-bit signed range (MySQL's <c>BIGINT UNSIGNED</c> above 9223372036854775807).</remarks>
    public override bool AcceptsOffTypeValue(object value, Schema.ColumnType type) => value switch
    {
        Data.SpecialTemporal => false,
        ulong u => u <= long.MaxValue,
        _ => true,
    };

    /// <summary>
    /// An AUTOINCREMENT table's next id as SQLite picks it: one more than the larger of its sqlite_sequence counter and
    /// its largest rowid (a counter set below the rows' ids, by hand or by a tool, is passed over: break test 23 F4; a
    /// table without a sqlite_sequence row — never written to, or the row deleted — goes on after its largest rowid,
    /// from 1 when empty: it was read as "no position" and verify compared nothing, bt29). A plain INTEGER PRIMARY KEY
    /// gives the same value (it continues after the largest rowid) but keeps no position: callers leave out columns
    /// whose <see cref="Schema.IdentityOptions.ReusesValues"/> is set. At the end of the int64 range (an exhausted table,
    /// whose next insert fails with SQLITE_FULL) the next value is written as text: SQLite's integer sum would overflow
    /// into a rounded REAL (9223372036854780000: break test 27 K2).
    /// </summary>
    public override string? IdentityNextValueSql(string table, string column, string? schema = null) =>
        $"SELECT CASE WHEN m = 9223372036854775807 THEN '9223372036854775808' ELSE m + 1 END FROM " +
        $"(SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{table.Replace("'", "''", StringComparison.Ordinal)}'), 0), " +
        $"coalesce((SELECT max(rowid) FROM {QuoteIdentifier(table)}), 0)) AS m)";

    /// <summary>sqlite_sequence exists only once an AUTOINCREMENT table was created.</summary>
    public override string? IdentityPositionsPresentSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'";

    /// <summary>DELETE FROM sqlite_sequence: emptied AUTOINCREMENT tables count from 1 again.</summary>
    public override string? ForgetIdentityPositionsSql => "DELETE FROM sqlite_sequence WHERE name IN (:names)";

    /// <summary>Foreign keys are off while loading (<see cref="BulkLoadBeginSql"/>): checked once after.</summary>
    public override string? ForeignKeyCheckSql => "PRAGMA foreign_key_check";

    /// <summary>
    /// <c>PRAGMA integrity_check</c>, but for the line SQLite 3.53 gives for every contentless FTS4 table (<c>content=''</c>),
    /// whose inverted index it cannot validate without the text it does not keep ("unable to validate the inverted index
    /// for FTS4 table main.c4: SQL logic error", an empty table included): not a fault of the database.
    /// </summary>
    public override string? IntegrityCheckSql =>
        "SELECT integrity_check FROM pragma_integrity_check WHERE integrity_check NOT LIKE 'unable to validate the inverted index for FTS4 table %: SQL logic error'";

    /// <summary>Sets the AUTOINCREMENT counter (sqlite_sequence exists once any AUTOINCREMENT table does).</summary>
    public override IReadOnlyList<string>? SetIdentityNextValueSql(string table, string column, decimal next, string? schema = null)
    {
        var name = "'" + table.Replace("'", "''", StringComparison.Ordinal) + "'";
        return [$"DELETE FROM sqlite_sequence WHERE name = {name}", $"INSERT INTO sqlite_sequence (name, seq) VALUES ({name}, {(next - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)})"];
    }

    /// <inheritdoc/>
    public override int MaxParameters => 32766;

    /// <inheritdoc/>
    public override string IdentityStepRule => "a rowid counts up by one from the largest id";

    /// <summary>SQLite's values keep their storage class (INTEGER, REAL, TEXT, BLOB) whatever the column's declared type.</summary>
    public override bool ValuesKeepTheirStorageClass => true;

    /// <summary>A key column other than the rowid (<c>INT PRIMARY KEY</c>, a WITHOUT ROWID table's) keeps 2.5, 'abc' or NULL as they are.</summary>
    public override string? NotIntegerCountSql(string table, string column) => $"SELECT COUNT(*) FROM {table} WHERE typeof({column}) <> 'integer'";

    /// <summary>Text that is not valid UTF-8 (SQLite stores whatever bytes it is given) is refused when read.</summary>
    public override bool MayHoldUnreadableValues => true;

    /// <inheritdoc />
    public override bool TemporalValuesAreText => true;

    /// <inheritdoc/>
    public override string? DecimalComparisonOperand(string operandSql) => $"CAST({operandSql} AS REAL)";

    /// <summary>Index counts from sqlite_master; per-table sizes need the dbstat table, which this SQLite build lacks (NULL).</summary>
    public override string TableStatsSql =>
        "SELECT t.name AS table_name, NULL AS data_bytes, NULL AS index_bytes, " +
        "(SELECT COUNT(*) FROM sqlite_master i WHERE i.type = 'index' AND i.tbl_name = t.name) AS index_count " +
        "FROM sqlite_master t WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

    /// <inheritdoc/>
    public override string? DatabaseSizeSql => "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";

    /// <inheritdoc/>
    public override RoutineSupport Routines { get; } = new() { Triggers = true };

    /// <summary>An external-content full-text table (its content table's rows) or an fts5vocab / fts4aux table (another's index) loads no rows.</summary>
    internal override bool LoadsRowsOf(Schema.TableModel table) => SqliteVirtualTable.Of(table) is not { RowsAreDerived: true };

    /// <summary>A contentless full-text table (<c>content=''</c>, FTS4 or FTS5) keeps no text to read back: its structure only is carried.</summary>
    internal override bool CarriesRowsOf(Schema.TableModel table) => SqliteVirtualTable.Of(table) is not { Contentless: true };

    /// <summary>A contentless full-text table's rows are counted in its <c>_docsize</c> shadow table (reading the table itself is a 'SQL logic error' on FTS4).</summary>
    internal override string? UnreadableRowCountSql(Schema.TableModel table) => $"SELECT count(*) FROM {QuoteName(table.Schema, table.Name + "_docsize")}";

    /// <inheritdoc/>
    internal override string? ContentTableOf(Schema.TableModel table) => SqliteVirtualTable.Of(table)?.ContentTable;

    /// <summary>The full-text module's <c>'rebuild'</c> command, for an external-content table (FTS3, FTS4, FTS5).</summary>
    internal override string? RebuildVirtualTableSql(Schema.TableModel table) => ContentTableOf(table) is null ? null : Command(table, "rebuild");

    /// <summary>
    /// FTS5's <c>'integrity-check'</c> with rank 1, which also compares the index with the content table (without it only
    /// the index's own structure is checked: a stale index passed); FTS3/4's <c>'integrity-check'</c>.
    /// </summary>
    internal override string? VirtualTableCheckSql(Schema.TableModel table) => SqliteVirtualTable.Of(table) is { ContentTable: not null } v
        ? v.Module == "fts5" ? $"INSERT INTO {QuoteIdentifier(table.Name)}({QuoteIdentifier(table.Name)}, rank) VALUES('integrity-check', 1)" : Command(table, "integrity-check")
        : null;

    /// <inheritdoc/>
    internal override bool VirtualTableCheckFound(string? engineCode) => engineCode is "267" or "11";

    /// <summary>SQLITE_READONLY and its extended codes (8, 264, 520, ...): the check is an INSERT, which a read-only file refuses.</summary>
    internal override bool VirtualTableCheckCannotRun(string? engineCode) =>
        int.TryParse(engineCode, System.Globalization.NumberStyles.None, CultureInfo.InvariantCulture, out var code) && (code & 0xFF) == 8;

    /// <summary>
    /// DELETE FROM each table in the order given, then each external-content full-text table whose content table is
    /// among them emptied by its module's command (FTS5 <c>'delete-all'</c>, FTS3/4 <c>'rebuild'</c> over the now empty
    /// content table): a DELETE on it reads the content rows to find their terms, which are gone (SQLite error 267,
    /// "database disk image is malformed"). An fts5vocab or fts4aux table holds no rows of its own: it is empty once its
    /// full-text table is.
    /// </summary>
    public override IReadOnlyList<string> EmptyTablesSql(IReadOnlyList<Schema.TableModel> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var emptied = tables.Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var statements = tables.Where(t => LoadsRowsOf(t) && CarriesRowsOf(t)).Select(t => $"DELETE FROM {QuoteName(t.Schema, t.Name)}").ToList();
        foreach (var t in tables)
            if (SqliteVirtualTable.Of(t) is { ContentTable: { } content } v && emptied.Contains(content))
                statements.Add(v.Module == "fts5" ? Command(t, "delete-all") : Command(t, "rebuild"));
            // a contentless one refuses DELETE (it has no text to find the terms by): FTS5 empties its index with
            // 'delete-all'; FTS3/4 has no such command, so it is created again from its statement (break test 25 F7)
            else if (SqliteVirtualTable.Of(t) is { Contentless: true } c)
                statements.AddRange(c.Module == "fts5" ? [Command(t, "delete-all")] : [$"DROP TABLE {QuoteName(t.Schema, t.Name)}", t.Virtual!]);
        return statements;
    }

    /// <summary>
    /// The triggers of <paramref name="table"/> in <c>sqlite_master</c>, oldest first, with their statements as written:
    /// SQLite cannot switch a trigger off, so emptying drops them and creates them again in its transaction.
    /// </summary>
    internal override string? TriggersDroppedForEmptyingSql(Schema.TableModel table) =>
        $"SELECT name, sql FROM {QuoteName(table.Schema, "sqlite_master")} WHERE type = 'trigger' AND tbl_name = '{table.Name.Replace("'", "''", StringComparison.Ordinal)}' COLLATE NOCASE ORDER BY rowid";

    /// <summary><c>INSERT INTO t(t) VALUES('command')</c>: a full-text module's special INSERT (the command is one of NexuSQL's own words).</summary>
    /// <summary>
    /// FTS5's own command for each configuration option (<c>INSERT INTO ft(ft, rank) VALUES('pgsz', 8000)</c>), which checks
    /// the value as the application's statement did and stores it as given (an integer stays an integer, a text a text).
    /// </summary>
    /// <remarks>
    /// The command takes no parameters where the statements are text (a dump, a plan): name and value are written as
    /// SQLite literals — a text quoted with its quotes doubled, an integer or a real as digits — so nothing of a schema
    /// file becomes SQL. A value that is neither (a JSON object, array, true or null) is refused with
    /// <see cref="FormatException"/> naming the table and option.
    /// </remarks>
    internal override IEnumerable<string> VirtualTableConfigSql(Schema.TableModel table)
    {
        if (table.VirtualConfig is not { Count: > 0 } config || SqliteVirtualTable.Of(table) is not { Module: "fts5" }) yield break;
        static string Text(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
        foreach (var (name, value) in config.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            var literal = value.ValueKind switch
            {
                System.Text.Json.JsonValueKind.String => Text(value.GetString()!),
                System.Text.Json.JsonValueKind.Number when value.TryGetInt64(out var n) => n.ToString(CultureInfo.InvariantCulture),
                System.Text.Json.JsonValueKind.Number when double.IsFinite(value.GetDouble()) => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
                _ => throw new FormatException($"Configuration option {name} of virtual table {table.QualifiedName}: {value.GetRawText()} is neither a number nor a text."),
            };
            yield return $"INSERT INTO {QuoteName(table.Schema, table.Name)}({QuoteIdentifier(table.Name)}, rank) VALUES({Text(name)}, {literal})";
        }
    }

    private string Command(Schema.TableModel table, string command) => $"INSERT INTO {QuoteIdentifier(table.Name)}({QuoteIdentifier(table.Name)}) VALUES('{command}')";
}
