using NexuSql.Schema;

namespace NexuSql.Dialects;

// What backup, restore and copy need to know of an engine: how to read one consistent snapshot, how to select
// values exactly, what values a column can hold, and the statements around a bulk load.
public abstract partial class SqlDialect
{
    /// <summary>
    /// Statements that start a read-only transaction seeing one consistent snapshot of every table (PostgreSQL
    /// REPEATABLE READ READ ONLY, MySQL WITH CONSISTENT SNAPSHOT, SQLite a deferred read transaction that takes its
    /// read lock at once). Ended with <c>COMMIT</c>.
    /// </summary>
    public virtual IReadOnlyList<string> BeginSnapshotSql => ["BEGIN"];

    /// <summary>Session settings for moving data (MySQL: the session time zone is UTC, so TIMESTAMP values are instants).</summary>
    public virtual IReadOnlyList<string> DataSessionSql => [];

    /// <summary>Undoes <see cref="DataSessionSql"/> before the connection goes back to the pool.</summary>
    public virtual IReadOnlyList<string> DataSessionEndSql => [];

    /// <summary>
    /// Session settings while NexuSQL reads the catalog (the schema of a backup, copy or verify): the server's or
    /// database's settings that would make its own catalog queries fail or be cut short (MariaDB's sql_mode ORACLE or
    /// ANSI_QUOTES, PostgreSQL's statement_timeout) set aside for that session only.
    /// </summary>
    public virtual IReadOnlyList<string> CatalogSessionSql => [];

    /// <summary>Undoes <see cref="CatalogSessionSql"/> before the connection goes back to the pool.</summary>
    public virtual IReadOnlyList<string> CatalogSessionEndSql => [];

    /// <summary>Session settings while a restore loads tables (foreign key and unique checks off where the engine allows).</summary>
    public virtual IReadOnlyList<string> BulkLoadBeginSql => [];

    /// <summary>Undoes <see cref="BulkLoadBeginSql"/>.</summary>
    public virtual IReadOnlyList<string> BulkLoadEndSql => [];

    /// <summary>
    /// Statements that let a load take rows breaking the tables' checks, where the engine has no NOT VALID and the
    /// source holds such rows (MariaDB's <c>check_constraint_checks = 0</c>, SQLite's <c>ignore_check_constraints</c>);
    /// empty where the engine has no such switch.
    /// </summary>
    public virtual IReadOnlyList<string> ChecksOffSql => [];

    /// <summary>Undoes <see cref="ChecksOffSql"/>.</summary>
    public virtual IReadOnlyList<string> ChecksOnSql => [];

    /// <summary>
    /// A table's own rows in a FROM clause: PostgreSQL <c>ONLY t</c>, so an inheritance parent (or a partitioned table)
    /// does not also give its children's rows, which are read from the children themselves.
    /// </summary>
    public virtual string OwnRowsSql(string table, string? schema = null) => QuoteName(schema, table);

    /// <summary>
    /// What a bulk INSERT (<see cref="Data.BulkInsert"/>) puts between its column list and VALUES so the values it gives
    /// identity columns are written as they are: PostgreSQL <c>OVERRIDING SYSTEM VALUE</c>, as its COPY writes them (a
    /// GENERATED ALWAYS identity of the target's own table, a <c>--data-only</c> copy's, refused them: bt32 F12); empty elsewhere.
    /// </summary>
    internal virtual string InsertOverridingSql => "";

    /// <summary>
    /// The rows a read of <paramref name="table"/> takes: its own (<see cref="OwnRowsSql"/>), or where it holds its
    /// partitions' on an engine without partitioning (<see cref="Schema.TableModel.PartitionsFolded"/>) its own and
    /// each of theirs, as one derived table of its columns (by name: a partition attached with another column order is
    /// read in the table's; one that <c>--tables</c> left out is not read). Read on the engine without partitioning
    /// (the target's rows, checked after the load), the table is a plain one. A partitioned table marked
    /// <see cref="Schema.TableModel.ReadWithPartitions"/> is read with its partitions' rows (no <c>ONLY</c>).
    /// </summary>
    internal string RowsSql(Schema.TableModel table)
    {
        if (table.ReadWithPartitions) return QuoteName(table.Schema, table.Name);
        if (table.PartitionsFolded is not { } parts || !SupportsPartitioning) return OwnRowsSql(table.Name, table.Schema);
        var columns = string.Join(", ", table.Columns.Select(c => QuoteIdentifier(c.Name)));
        return $"({string.Join(" UNION ALL ", new[] { table.Name }.Concat(parts).Select(t => $"SELECT {columns} FROM {OwnRowsSql(t, table.Schema)}"))}) AS {QuoteIdentifier(table.Name)}";
    }

    /// <summary>
    /// The select-list expression that reads a column exactly: decimals as text where the driver's decimal type
    /// would round (System.Decimal holds 28–29 digits).
    /// </summary>
    public virtual string SelectExactSql(ColumnModel column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return QuoteIdentifier(column.Name);
    }

    /// <summary>
    /// An expression that reads the text <paramref name="valueSql"/> as a value of <paramref name="column"/>'s type —
    /// by the engine's own input function, with the declared modifiers (<c>bit(4)</c>'s length) — and gives it back as
    /// <see cref="SelectDataSql"/> reads the column; it fails where the engine cannot read the text as such a value.
    /// Copy checks text going into a column of the engine's own type with it (<c>--data-only</c> into a table made by
    /// hand: <c>10.0.0.1/32</c> into PostgreSQL's inet reads back as <c>10.0.0.1</c>), and seed reads a data file's
    /// spelling of such a value as the table will hold it. Null where the engine has no such types (the default).
    /// </summary>
    /// <param name="column">The column, in this engine's types (<see cref="PortableType.Native"/>).</param>
    /// <param name="valueSql">SQL giving the text: a column of a probe table or a parameter.</param>
    /// <param name="modifiers">
    /// Read it with the declared type's modifiers (<c>bit(4)</c>); false: as the type without them (<c>bit</c>). An
    /// explicit cast pads or cuts where writing the value into the column would refuse it (PostgreSQL: <c>'101'::bit(4)</c>
    /// is <c>1010</c>), so a text whose two readings differ is not what the column would hold.
    /// </param>
    public virtual string? ReadBackSql(ColumnModel column, string valueSql, bool modifiers) => null;

    /// <summary>
    /// A value of <paramref name="column"/>, read by this version, as backups of format
    /// <paramref name="formatVersion"/> read and hashed it, where this engine's reading of that type changed since (restore
    /// compares what it reads back with such a backup's hashes). By default the value itself.
    /// </summary>
    /// <param name="column">The column in the target (its type, and its engine type where it has one).</param>
    /// <param name="value">The portable value read from the target.</param>
    /// <param name="formatVersion">The backup's <see cref="Backup.BackupManifest.FormatVersion"/>.</param>
    public virtual object? AsBackupFormatRead(ColumnModel column, object? value, int formatVersion) => value;

    /// <summary>
    /// The select-list expression that reads a column for moving and comparing data (backup, copy, verify): by default
    /// <see cref="SelectExactSql"/>; an engine whose driver loses values that the engine's text form keeps reads that
    /// text instead (MySQL zero dates with a time), and its provider's <see cref="NexuSqlProvider.ReadDataValue"/>
    /// reads it.
    /// </summary>
    public virtual string SelectDataSql(ColumnModel column) => SelectExactSql(column);

    /// <summary>
    /// What <see cref="SelectDataSql"/> (or a provider's reading of it) gives in place of a text value the server cannot
    /// send as it is, followed by the value's bytes in hex: a byte a MariaDB column's character set does not define, or
    /// bytes that are not UTF-8 in a PostgreSQL database whose encoding is SQL_ASCII. The provider's
    /// <see cref="NexuSqlProvider.ReadDataValue"/> refuses such a value, so it is named by table, column and key instead of
    /// arriving as '?' or U+FFFD (or failing the whole read with no name).
    /// </summary>
    public const string UnfaithfulTextMarker = "\u0001nexusql:unfaithful:";

    /// <summary>
    /// Each value keeps its own storage class whatever its column's type (SQLite's dynamic typing: 5 and '5.00' in a
    /// DECIMAL column are different values to the engine). Comparing two databases of this engine then compares
    /// values as stored, not their portable forms.
    /// </summary>
    public virtual bool ValuesKeepTheirStorageClass => false;

    /// <summary>
    /// A query counting the rows of <paramref name="table"/> whose <paramref name="column"/>, declared an integer, holds
    /// something else (NULL, a REAL, text, a blob), or null where a column declared an integer holds only integers.
    /// </summary>
    /// <param name="table">The table, quoted for this engine.</param>
    /// <param name="column">The column, quoted for this engine.</param>
    public virtual string? NotIntegerCountSql(string table, string column) => null;

    /// <summary>
    /// Foreign keys added after a load do not check the rows already there (MySQL under the load's
    /// foreign_key_checks=0): restore and copy then look for rows that reference nothing themselves.
    /// </summary>
    public virtual bool AddsForeignKeysUnchecked => false;

    /// <summary>
    /// True where a <c>char(n)</c> column pads its values with blanks that mean nothing (PostgreSQL returns them,
    /// MySQL strips them on read; SQL standard): trailing blanks of a value are not kept. SQLite has no padding: a
    /// <c>CHAR(5)</c> column keeps <c>'ab '</c> and <c>'ab'</c> as two values.
    /// </summary>
    public virtual bool PadsFixedStrings => true;

    /// <summary>The placeholder for a value written into <paramref name="type"/> (PostgreSQL casts decimal text to numeric).</summary>
    public string ValuePlaceholder(int index, ColumnType type) => CastValueSql(Placeholder(index), type);

    /// <summary>
    /// <paramref name="sql"/> (a parameter) as a value of <paramref name="type"/>: PostgreSQL casts the text forms of
    /// decimals, JSON, and dates and timestamps to the column's type; other engines convert on their own.
    /// </summary>
    public virtual string CastValueSql(string sql, ColumnType type) => sql;

    /// <summary>Most parameters one statement may carry (SQL Server 2,100; SQLite 32,766; PostgreSQL and MySQL 65,535).</summary>
    public virtual int MaxParameters => 2100;

    /// <summary>The smallest step of a time or timestamp this engine keeps, in ticks (1 = 100 ns; 10 = microseconds).</summary>
    public virtual long TimeResolutionTicks => 1;

    /// <summary>
    /// How <see cref="ValueProblem(object?, ColumnType)"/> explains a value that is not of its column's type: the source
    /// column holds it as it is (SQLite, MySQL's zero dates); a copy into a column of another type says so instead.
    /// </summary>
    internal const string StoredAsItIs = "the source stores it in that column as it is";

    /// <summary>
    /// What to say when <paramref name="target"/> refuses <paramref name="value"/>, which a column of this engine holds
    /// although its portable type is narrower (SQLite: a column declared <c>FLOAT4</c>, <c>INT</c> or <c>SMALLINT</c> reads
    /// as float32, int32, int16 but keeps 8-byte REALs and 64-bit integers): the advice, naming the mapping; null
    /// otherwise (the default).
    /// </summary>
    internal virtual string? NarrowTypeAdvice(ColumnModel column, object? value, SqlDialect target, bool restore) => null;

    /// <summary>
    /// The type a number of a data file (seed, import) is read as for a column of <paramref name="type"/>: the width the
    /// engine stores it at. The type itself by default (PostgreSQL's real and MariaDB's FLOAT hold a float32, which is
    /// what the file's number becomes there); SQLite stores every REAL in 8 bytes, so its float32 columns (declared
    /// <c>FLOAT4</c>) take the double the file gives.
    /// </summary>
    internal virtual ColumnType StoredNumberType(ColumnType type) => type;

    /// <summary>
    /// Why this engine cannot hold <paramref name="value"/> (portable form, or an off-type value: see
    /// <see cref="Data.PortableValues"/>) in a column of <paramref name="type"/>, or null: the portable limits
    /// (<see cref="Data.PortableValues.FitProblem"/>), off-type values the engine cannot store as they are
    /// (<see cref="AcceptsOffTypeValue"/>), dates it has no equivalent for (<see cref="AcceptsSpecialTemporal"/>), plus the
    /// engine's own limits.
    /// </summary>
    public virtual string? ValueProblem(object? value, ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (value is Data.SpecialTemporal special)
            return AcceptsSpecialTemporal(special, type) ? null : $"'{special.Text}' has no equivalent in {Engine.DisplayName()}'s {ColumnTypeSql(type)}";
        if (!Data.PortableValues.IsPortable(value, type))
            return AcceptsOffTypeValue(value!, type) ? null : $"{Data.PortableValues.Describe(value)} is not {type.WithArticle()} value ({StoredAsItIs})";
        if (Data.PortableValues.FitProblem(value, type) is { } problem) return problem;
        if (type.Fixed && PadsFixedStrings && value is string { Length: > 0 } padded && padded[^1] == ' ')
            return $"{Data.PortableValues.Describe(value)} ends in blanks, which {Engine.DisplayName()}'s {ColumnTypeSql(type)} does not keep (it pads with blanks that mean nothing): " +
                   "make the column varchar, or trim the value";
        if (type.Kind == PortableType.Time && value is TimeSpan time && (time < TimeRange.Min || time > TimeRange.Max))
            return $"{Data.PortableValues.SqlText(time)} is outside {Engine.DisplayName()}'s time range ({Data.PortableValues.SqlText(TimeRange.Min)} to {Data.PortableValues.SqlText(TimeRange.Max)})";
        var ticks = value switch
        {
            DateTime dt => dt.Ticks,
            DateTimeOffset dto => dto.UtcTicks,
            TimeSpan t => t.Ticks,
            _ => 0,
        };
        return TimeResolutionTicks > 1 && ticks % TimeResolutionTicks != 0
            ? $"{Data.PortableValues.SqlText(value)} has a finer fraction of a second than {Engine.DisplayName()} keeps ({TimeResolutionTicks / 10} µs)"
            : null;
    }

    /// <summary>
    /// Like <see cref="ValueProblem(object?, ColumnType)"/>, for a column as the target declares it: an engine may
    /// change a value by the declared type (<see cref="ColumnModel.EngineType"/>) as well (SQLite's type affinity).
    /// The default looks at the portable type only.
    /// </summary>
    public virtual string? ValueProblem(object? value, ColumnModel column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return ValueProblem(value, column.Type);
    }

    /// <summary>
    /// Why a value of a source column of type <paramref name="sourceType"/> would not arrive unchanged in
    /// <paramref name="column"/>, a column of another type (<c>copy --data-only</c> into a table made by hand), or null.
    /// <paramref name="original"/> is the value as the source holds it, <paramref name="admitted"/> the one written
    /// (<see cref="ValueProblem(object?, ColumnModel)"/> already took it). By default: text stays text — a text value
    /// becomes a number, date or uuid only where that value spells back as the same text ('2020-01-01' into a date,
    /// '42' into an int; not '007' or '1.5' into numeric(10,2), which give back 7 and 1.50), and the column as declared
    /// must keep the text as text (<see cref="ValueProblem(object?, ColumnModel)"/> asked for the source's text type).
    /// </summary>
    internal virtual string? OtherTypeValueProblem(object? original, object? admitted, ColumnType sourceType, ColumnModel column)
    {
        if (original is not string text || sourceType.Kind is not (PortableType.String or PortableType.Text)
            || column.Type.Kind is PortableType.String or PortableType.Text or PortableType.Json) return null;
        var back = admitted switch
        {
            string s => s,
            bool b => b ? "true" : "false",
            _ => Data.PortableValues.SqlText(admitted),
        };
        if (!string.Equals(back, text, StringComparison.Ordinal))
            return $"{Data.PortableValues.Describe(text)} would arrive as {back}, another value, in the target column (declared " +
                $"{column.EngineType?.For(Engine) ?? ColumnTypeSql(column.Type)}); the source column is {sourceType}. Declare the target column as text to keep it as written";
        return ValueProblem(text, column with { Type = sourceType });
    }

    /// <summary>
    /// <paramref name="value"/> (portable form, or off-type) as this engine stores it in a column of
    /// <paramref name="type"/>: a text that spells a date, time or timestamp another way than NexuSQL's portable form
    /// (SQLite keeps <c>2020-01-01T10:00:00</c> or <c>10:00</c> as written; <see cref="Data.PortableValues.FromSpelling"/>)
    /// becomes that value where the engine does not keep off-type values as they are; anything else is unchanged.
    /// </summary>
    public object? Admit(object? value, ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        // a uuid's canonical text (MariaDB's UUID type in a backup, going into another engine's uuid) is that uuid
        if (value is string u && type.Kind == PortableType.Uuid && Data.PortableValues.Normalize(u, type) is Guid g) return g;
        // a uuid into the engine's own uuid type (MariaDB's UUID) is the text the engine prints for it, as the column is
        // read back (break test 18, M5: PG uuid → MariaDB UUID "changed the data")
        if (value is Guid guid && type.Kind == PortableType.Native && string.Equals(type.Native?.Trim(), "uuid", StringComparison.OrdinalIgnoreCase))
            return guid.ToString("D", System.Globalization.CultureInfo.InvariantCulture);
        return value is string s && !Data.PortableValues.IsPortable(s, type) && !AcceptsOffTypeValue(s, type)
            && Data.PortableValues.FromSpelling(s, type) is { } typed ? typed : value;
    }

    /// <summary><c>CREATE EXTENSION IF NOT EXISTS name</c> where the engine has extensions (PostgreSQL); null elsewhere.</summary>
    public virtual string? CreateExtensionSql(string name) => null;

    /// <summary>
    /// The value a data file's text (a CSV field, a JSON string or number) stands for in a column of this engine's own
    /// type (<see cref="PortableType.Native"/>): the text itself by default; MySQL's BIT(n) takes its number.
    /// </summary>
    /// <exception cref="FormatException">The text is not a value of <paramref name="type"/>.</exception>
    public virtual object? NativeValueFromText(string text, ColumnType type) => text;

    /// <summary>
    /// When the engine refused a one-row statement for a value of a column it names (MySQL: "Incorrect string value:
    /// '\xF0\x9F\x98\x80' for column `db`.`t`.`s` at row 1", "Data too long for column 'b' at row 1"): that column and
    /// what the engine said of the value, so seed and import name the column and the record's key instead of "row 1".
    /// Null when the refusal names no column (the default).
    /// </summary>
    public virtual (string Column, string Problem)? RefusedValue(NexuSqlException exception) => null;

    /// <summary>
    /// Values of <paramref name="type"/> are checked with <see cref="ValueProblem(object?, Schema.ColumnType)"/> even when they move between two
    /// databases of this engine with the same column type: the engine may hold values it refuses to take back (MySQL's
    /// ENUM error value ''). False by default.
    /// </summary>
    public virtual bool ChecksEveryValue(ColumnType type) => false;

    /// <summary>
    /// A database of this engine may hold values its own read refuses (SQLite: text that is not valid UTF-8, in any
    /// column; read as it is it would arrive with U+FFFD in place of its bytes). A copy out of it then reads every row
    /// before the target is touched, even into this engine, so that such a value stops it with nothing written.
    /// False by default.
    /// </summary>
    public virtual bool MayHoldUnreadableValues => false;

    /// <summary>
    /// Text keys compare by a collation that may take different strings for one (MySQL/MariaDB's default collations
    /// are case- and accent-insensitive and pad trailing spaces: 'a' = 'A' = 'a '), so keys distinct in another engine
    /// may collide here. A copy into this engine from another then loads the key values into a temporary table first
    /// and refuses a collision by name, before anything is written. False by default (PostgreSQL's deterministic
    /// collations and SQLite's BINARY take only equal strings for one).
    /// </summary>
    public virtual bool TextKeysFollowCollation => false;

    /// <summary>
    /// Dates and times are kept as the text written (SQLite has no date type: <c>'2020-01-01 10:00:00'</c> and
    /// <c>'2020-01-01T10:00:00'</c> are two values), so keys distinct here may be one instant in an engine that stores
    /// them as values. A copy or restore into another engine then loads such keys into a temporary table of the target
    /// first and refuses a collision by name, before anything is written. False by default.
    /// </summary>
    public virtual bool TemporalValuesAreText => false;

    /// <summary>
    /// <paramref name="createTableSql"/> (a <c>CREATE TABLE</c> statement) made to create a temporary table: private to
    /// the session, dropped when it ends (SQL standard <c>CREATE TEMPORARY TABLE</c>: PostgreSQL, MySQL, SQLite).
    /// </summary>
    internal virtual string CreateTemporaryTableSql(string createTableSql) =>
        createTableSql.StartsWith("CREATE TABLE", StringComparison.Ordinal) ? "CREATE TEMPORARY TABLE" + createTableSql["CREATE TABLE".Length..]
            : throw new ArgumentException("Not a CREATE TABLE statement.", nameof(createTableSql));

    /// <summary>
    /// The values a time column holds: a time of day below 24:00 by default; PostgreSQL's time also holds 24:00:00, and
    /// MySQL's TIME is a duration.
    /// </summary>
    protected virtual (TimeSpan Min, TimeSpan Max) TimeRange => (TimeSpan.Zero, TimeSpan.FromDays(1) - TimeSpan.FromTicks(1));

    /// <summary>
    /// This engine stores <paramref name="value"/>, which is not of <paramref name="type"/>'s portable form, unchanged in
    /// such a column: SQLite keeps any value in any column; PostgreSQL's numeric holds NaN and ±Infinity. False by default.
    /// </summary>
    public virtual bool AcceptsOffTypeValue(object value, ColumnType type) => false;

    /// <summary>
    /// The integers a boolean column of this engine holds besides 0 and 1 (MariaDB's <c>TINYINT(1)</c>: -128 to 127),
    /// or null where a boolean is only true or false (the default). A data file's integer in that column is such a
    /// value; one outside the range is refused as out of range rather than as "not a boolean".
    /// </summary>
    public virtual (long Min, long Max)? BooleanIntegerRange => null;

    /// <summary>
    /// This engine has <paramref name="value"/> itself for <paramref name="type"/>: PostgreSQL infinities and dates
    /// outside years 1–9999, MySQL zero dates. False by default: the value is refused by name rather than changed.
    /// </summary>
    public virtual bool AcceptsSpecialTemporal(Data.SpecialTemporal value, ColumnType type) => false;

    /// <summary>
    /// The error says a table changed under the reading snapshot (MySQL 1412 "Table definition has changed, please
    /// retry transaction"): the reader starts over with a new snapshot.
    /// </summary>
    public virtual bool IsSchemaChangedUnderSnapshot(NexuSqlException exception) => false;

    /// <summary>
    /// Run right after <see cref="BeginSnapshotSql"/> by backup and copy: locks <paramref name="tables"/> against a
    /// concurrent change of their definition until the snapshot ends, so that a migration altering them waits instead
    /// of deadlocking with the reader, which would otherwise take each table's lock only as it reaches it
    /// (PostgreSQL <c>LOCK TABLE ... IN ACCESS SHARE MODE NOWAIT</c>, as pg_dump does, not waiting: a lock not granted
    /// ends the statement, and the snapshot is begun again — <c>BackupCreator.LockForReadAsync</c>; break test 31 B5, 32 F8).
    /// Null where the engine's snapshot needs none.
    /// </summary>
    internal virtual string? LockForReadSql(IReadOnlyList<Schema.TableModel> tables) => null;

    /// <summary>A restore creates tables without their primary key and adds it after the load (PostgreSQL: faster).</summary>
    public virtual bool AddsPrimaryKeyAfterLoad => false;

    /// <summary>
    /// Another connection can read a table while a secondary index or foreign key is built on it (PostgreSQL's CREATE
    /// INDEX takes a SHARE lock; InnoDB builds indexes online): restore and copy then check the rows meanwhile.
    /// </summary>
    public virtual bool ReadsWhileBuildingIndexes => false;

    /// <summary>
    /// A primary key added after the load (<see cref="AddsPrimaryKeyAfterLoad"/>) as two statements: its unique index
    /// built under a lock that lets other connections read the table, then that index made the key (a catalog change)
    /// — so that restore and copy read the rows back while the server builds the index. Null (the default) where the
    /// engine has no such way, or not for this table: <see cref="AddPrimaryKeySql"/> adds it in one statement.
    /// </summary>
    internal virtual (string Build, string Attach)? AddPrimaryKeyByIndexSql(TableModel table) => null;

    /// <summary>
    /// When <paramref name="error"/> is the engine refusing an index entry too large for it while a key or index is built
    /// after the rows: the index, the table, a condition that finds the row (in this dialect) and what is wrong; null otherwise.
    /// </summary>
    internal virtual (string Index, string Table, string RowWhere, string Problem)? OversizedIndexEntry(NexuSqlException error) => null;

    /// <summary>ALTER TABLE ... ADD [CONSTRAINT name] PRIMARY KEY (...).</summary>
    public virtual string AddPrimaryKeySql(string table, KeyModel key, string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        return $"ALTER TABLE {QuoteName(schema, table)} ADD {(key.Name is null ? "" : $"CONSTRAINT {QuoteIdentifier(key.Name)} ")}PRIMARY KEY ({Schema.SchemaScript.KeyColumnsSql(key, this)})" +
            Schema.SchemaScript.KeyIncludeSql(key, this) + Schema.SchemaScript.DeferrableSql(key.Deferrable);
    }

    /// <summary>After rows were loaded with explicit values, makes the identity column continue after them (null: the engine does so itself).</summary>
    public virtual string? ResetIdentitySql(string table, string column, string? schema = null) => null;

    /// <summary>
    /// A query returning the value identity <paramref name="column"/> of <paramref name="table"/> gives next, without
    /// taking it; NULL (or no query: null) when the engine keeps no position apart from the rows.
    /// </summary>
    public virtual string? IdentityNextValueSql(string table, string column, string? schema = null) => null;

    /// <summary>A query counting the places <see cref="IdentityNextValueSql"/> reads (0: no positions kept yet); null: always there.</summary>
    public virtual string? IdentityPositionsPresentSql => null;

    /// <summary>
    /// A statement (with a <c>:names</c> list parameter) that forgets the identity positions of emptied tables where
    /// emptying them keeps those (SQLite's sqlite_sequence); null where emptying a table already resets them or never does.
    /// </summary>
    public virtual string? ForgetIdentityPositionsSql => null;

    /// <summary>
    /// A query listing rows that break foreign keys (columns <c>table</c> and <c>rowid</c>), run after a load where
    /// enforcement was off while loading (SQLite's <c>PRAGMA foreign_key_check</c>); null where the engine checks them itself.
    /// </summary>
    public virtual string? ForeignKeyCheckSql => null;

    /// <summary>The engine's own consistency check, each row a line of text and <c>ok</c> when sound (SQLite <c>PRAGMA integrity_check</c>); null when it has none.</summary>
    public virtual string? IntegrityCheckSql => null;

    /// <summary>
    /// Foreign keys the engine keeps declared but does not enforce, each row <c>(table, constraint, table whose trigger is off)</c>
    /// (PostgreSQL: the key's internal triggers disabled by <c>ALTER TABLE ... DISABLE TRIGGER ALL</c>); null when a key
    /// cannot be switched off for good (MySQL's <c>foreign_key_checks</c> and SQLite's <c>PRAGMA foreign_keys</c> last one session).
    /// </summary>
    public virtual string? UnenforcedForeignKeysSql => null;

    /// <summary><c>DROP DATABASE name</c> (PostgreSQL: <c>WITH (FORCE)</c>, ending other sessions on it).</summary>
    public virtual string DropDatabaseSql(string quotedName) => $"DROP DATABASE {quotedName}";

    /// <summary>
    /// Statements that make identity <paramref name="column"/> give <paramref name="next"/> next (null: not possible,
    /// <see cref="ResetIdentitySql"/> is used instead).
    /// </summary>
    public virtual IReadOnlyList<string>? SetIdentityNextValueSql(string table, string column, decimal next, string? schema = null) => null;

    /// <summary>
    /// Where <see cref="SequenceNextValueSql"/> gives the first value not yet cached by the server (MariaDB's
    /// <c>next_not_cached_value</c>), the sequence's cache c: the next value handed out is one of the c steps before it,
    /// which only the server's memory knows. Null (the default): it reads the next value.
    /// </summary>
    internal virtual long? SequenceCachePastPosition(Schema.SequenceModel sequence) => null;

    /// <summary>The sequence a column default draws its values from (PostgreSQL <c>nextval('app.ticket_seq'::regclass)</c>), or null.</summary>
    internal virtual string? SequenceOfDefault(string? defaultValue) => null;

    /// <summary>
    /// A query returning the next value <paramref name="sequence"/> (of <paramref name="schema"/>, null: the current one)
    /// would give, without taking it (null: no sequences).
    /// </summary>
    public virtual string? SequenceNextValueSql(string sequence, string? schema = null) => null;

    /// <summary>A statement making <paramref name="sequence"/> (of <paramref name="schema"/>, null: the current one) give <paramref name="next"/> next.</summary>
    public virtual string? SetSequenceNextValueSql(string sequence, long next, string? schema = null) => null;

    /// <summary>
    /// Statements that delete every row of <paramref name="tables"/> (children first) and reset their identities:
    /// DELETE by default; PostgreSQL one TRUNCATE ... RESTART IDENTITY; MySQL TRUNCATE TABLE each (run with foreign
    /// key checks off, <see cref="BulkLoadBeginSql"/>).
    /// </summary>
    public virtual IReadOnlyList<string> EmptyTablesSql(IReadOnlyList<string> tables) => [.. tables.Select(t => $"DELETE FROM {QuoteIdentifier(t)}")];

    /// <summary>
    /// Like the overload on names, for tables that may be in a schema other than the current one (PostgreSQL): each is
    /// named with its schema, never taken for a table of the current schema that has its name.
    /// </summary>
    public virtual IReadOnlyList<string> EmptyTablesSql(IReadOnlyList<TableModel> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return tables.All(t => t.Schema is null) ? EmptyTablesSql([.. tables.Select(t => t.Name)])
            : [.. tables.Select(t => $"DELETE FROM {QuoteName(t.Schema, t.Name)}")];
    }

    /// <summary>
    /// False for a table whose rows are not its own (a SQLite external-content full-text table's are its content
    /// table's, an <c>fts5vocab</c> table's are another table's index): a load writes none of them, the engine builds
    /// them (<see cref="RebuildVirtualTableSql"/>). True for every other table.
    /// </summary>
    internal virtual bool LoadsRowsOf(TableModel table) => true;

    /// <summary>
    /// False for a table whose rows cannot be read back, so a copy or backup carries its structure only (a SQLite
    /// contentless full-text table, <c>content=''</c>: it keeps its index, not the text; created empty, named under left
    /// out). True for every other table.
    /// </summary>
    internal virtual bool CarriesRowsOf(TableModel table) => true;

    /// <summary>
    /// The storage engine of <paramref name="table"/> when the snapshot a backup or copy reads in (<see cref="BeginSnapshotSql"/>)
    /// does not cover it (MariaDB/MySQL: MyISAM, Aria, MEMORY keep no transactions, each read sees the table as it is
    /// then); null when the snapshot covers it.
    /// </summary>
    internal virtual string? OutsideSnapshotEngine(TableModel table) => null;

    /// <summary>
    /// The user triggers that fire when a row is inserted into <paramref name="table"/> in an ordinary session — its
    /// own, and its partitions' (PostgreSQL's clones of a partitioned table's row triggers) — each row
    /// <c>(relation as SQL names it, trigger, state)</c> in the engine's spelling; null when the engine cannot switch a
    /// trigger off (MySQL, SQLite). A load turns them off for its transaction and back to their state after
    /// (<see cref="SetTriggerStateSql"/>), as <c>pg_restore --disable-triggers</c> does: rows are written as the
    /// backup or the source holds them, not as a trigger the target already has (a partition's clone of its
    /// parent's row trigger, a table's own in <c>copy --data-only</c>) would change them (break test 25 F16).
    /// </summary>
    internal virtual string? FiringTriggersSql(TableModel table) => null;

    /// <summary>
    /// The user triggers on <paramref name="table"/> that emptying it (<see cref="EmptyTablesSql(IReadOnlyList{TableModel})"/>)
    /// would fire and the engine cannot switch off, each row <c>(trigger, CREATE TRIGGER statement)</c> in creation
    /// order: they are dropped in the emptying's transaction and created again from their statements before it commits
    /// (SQLite: DELETE fires a table's DELETE triggers, and one that writes into another table left rows behind, bt42 N8).
    /// Null where emptying fires none or <see cref="FiringTriggersSql"/> switches them off (PostgreSQL's TRUNCATE
    /// triggers); MySQL's TRUNCATE fires no trigger.
    /// </summary>
    internal virtual string? TriggersDroppedForEmptyingSql(TableModel table) => null;

    /// <summary>Sets one trigger of one relation (as <see cref="FiringTriggersSql"/> names both) to <paramref name="state"/>; <c>null</c> state: off.</summary>
    internal virtual string SetTriggerStateSql(string relation, string trigger, string? state) =>
        throw new NotSupportedException($"{Engine.DisplayName()} cannot switch a trigger off.");

    /// <summary>
    /// How many rows of its history a system-versioned table holds (the earlier versions of its rows, outside its current
    /// rows), for verify's data check; null for a table without one (the default). Copy and restore carry the current rows
    /// only and name the history as left out: verify said "OK: data" for a copy without it (bt29 M11).
    /// </summary>
    internal virtual string? HistoryRowCountSql(TableModel table) => null;

    /// <summary>
    /// How many rows a table whose rows cannot be read back holds (<see cref="CarriesRowsOf"/> false), for verify's data
    /// check; null when the engine cannot say.
    /// </summary>
    internal virtual string? UnreadableRowCountSql(TableModel table) => null;

    /// <summary>
    /// The statement that builds <paramref name="table"/>'s index again from its content table (SQLite
    /// <c>INSERT INTO docs_fts(docs_fts) VALUES('rebuild')</c>), run once the content table's rows were written or
    /// replaced; null for a table that has none.
    /// </summary>
    internal virtual string? RebuildVirtualTableSql(TableModel table) => null;

    /// <summary>The table whose rows <paramref name="table"/>'s index is built from (<see cref="RebuildVirtualTableSql"/>), or null.</summary>
    internal virtual string? ContentTableOf(TableModel table) => null;

    /// <summary>
    /// A statement that fails when <paramref name="table"/>'s index does not match its content table (SQLite FTS5
    /// <c>'integrity-check'</c> with rank 1), for <c>verify</c>; it changes nothing. Null for a table without one.
    /// </summary>
    internal virtual string? VirtualTableCheckSql(TableModel table) => null;

    /// <summary>
    /// True when <paramref name="engineCode"/>, the error of <see cref="VirtualTableCheckSql"/>, says the index does not
    /// match (SQLite 267 SQLITE_CORRUPT_VTAB, 11 SQLITE_CORRUPT); another error (a read-only file) means it was not checked.
    /// </summary>
    internal virtual bool VirtualTableCheckFound(string? engineCode) => false;

    /// <summary>True when <paramref name="engineCode"/>, the error of <see cref="VirtualTableCheckSql"/>, says it cannot run here (SQLite: a file opened read-only).</summary>
    internal virtual bool VirtualTableCheckCannotRun(string? engineCode) => false;

    /// <summary>
    /// A query listing the current schema's tables as <c>table_name, data_bytes, index_bytes, index_count</c> (sizes on
    /// disk; NULL where the engine does not tell).
    /// </summary>
    public virtual string TableStatsSql =>
        "SELECT table_name, NULL AS data_bytes, NULL AS index_bytes, NULL AS index_count FROM information_schema.tables WHERE table_type = 'BASE TABLE'";

    /// <summary>A query returning the whole database's size on disk in bytes.</summary>
    public virtual string? DatabaseSizeSql => null;

    /// <summary>The engine has enumeration types (<c>CREATE TYPE ... AS ENUM</c>: PostgreSQL, CockroachDB).</summary>
    public virtual bool SupportsEnumTypes => false;

    /// <summary>
    /// Where the engine has no enum types but a column type of its own that holds one of a list of labels, compares them
    /// by code point and sorts them in the list's order (MariaDB/MySQL: <c>ENUM('a','b') COLLATE utf8mb4_nopad_bin</c>),
    /// that column type for <paramref name="labels"/>; null where it has none (a column of another engine's enum type is
    /// then a text column with a check of its labels). Asked with labels <see cref="EnumLabelsProblem"/> takes.
    /// </summary>
    internal virtual string? EnumColumnTypeSql(IReadOnlyList<string> labels) => null;

    /// <summary>Why <see cref="EnumColumnTypeSql"/> cannot hold <paramref name="labels"/> as they are (a label it would change), or null.</summary>
    internal virtual string? EnumLabelsProblem(IReadOnlyList<string> labels) => null;

    /// <summary>
    /// The longest identifier the engine keeps (<see cref="IdentifierLengthInBytes"/> says in what): PostgreSQL 63 bytes
    /// of UTF-8 (NAMEDATALEN - 1; a longer name is cut silently), MySQL/MariaDB 64 characters; SQLite has no limit.
    /// </summary>
    public virtual int MaxIdentifierLength => int.MaxValue;

    /// <summary>True when <see cref="MaxIdentifierLength"/> counts UTF-8 bytes (PostgreSQL), false when characters.</summary>
    public virtual bool IdentifierLengthInBytes => false;

    /// <summary>The length of <paramref name="name"/> as <see cref="MaxIdentifierLength"/> counts it.</summary>
    public int IdentifierLength(string name) =>
        IdentifierLengthInBytes ? System.Text.Encoding.UTF8.GetByteCount(name ?? "") : (name ?? "").EnumerateRunes().Count();

    /// <summary>The engine has domains (<c>CREATE DOMAIN</c>: PostgreSQL).</summary>
    public virtual bool SupportsDomains => false;

    /// <summary><c>CREATE DOMAIN name AS base [COLLATE c] [DEFAULT d] [NOT NULL] [CONSTRAINT n CHECK (...)]</c>.</summary>
    /// <exception cref="NotSupportedException">The engine has no domains.</exception>
    public virtual string CreateDomainSql(DomainModel domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (!SupportsDomains) throw new NotSupportedException($"{Engine.DisplayName()} has no domains ({domain.Name}).");
        var sb = new System.Text.StringBuilder($"CREATE DOMAIN {QuoteName(domain.Schema, domain.Name)} AS {domain.BaseType}");
        if (domain.Collation is { } collation) sb.Append(' ').Append(CollationSql(collation));
        if (domain.Default is { } def) sb.Append(" DEFAULT ").Append(def);
        if (domain.NotNull) sb.Append(" NOT NULL");
        // a NOT VALID check is added after the rows (ALTER DOMAIN ... NOT VALID, as pg_dump): here it would be validated
        foreach (var check in domain.Checks.Where(c => !(c.NotValid && NotValidConstraints))) sb.Append(' ').Append(Schema.SchemaScript.Check(check, this));
        return sb.ToString();
    }

    /// <summary><c>CREATE TYPE name AS (attribute type [COLLATE c], ...)</c>, or null where the engine has no composite types.</summary>
    public virtual string? CreateCompositeTypeSql(CompositeTypeModel type) => null;

    /// <summary><c>CREATE TYPE name AS RANGE (SUBTYPE = ..., ...)</c>, or null where the engine has no range types.</summary>
    public virtual string? CreateRangeTypeSql(RangeTypeModel type) => null;

    /// <summary><c>CREATE COLLATION name (provider = ..., locale = ...)</c>, or null where the engine cannot create collations.</summary>
    public virtual string? CreateCollationSql(CollationModel collation) => null;

    /// <summary>
    /// The engine reads PostgreSQL's <c>value::type</c> casts and <c>= ANY (ARRAY[...])</c> (PostgreSQL, CockroachDB).
    /// Where false, a CHECK read from PostgreSQL is written in its normalised form (casts dropped, <c>IN (...)</c>).
    /// </summary>
    public virtual bool SupportsPostgreSqlCasts => false;

    /// <summary>CREATE TYPE name AS ENUM ('a', 'b').</summary>
    public virtual string CreateEnumSql(EnumTypeModel type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return $"CREATE TYPE {QuoteName(type.Schema, type.Name)} AS ENUM ({string.Join(", ", type.Values.Select(v => "'" + v.Replace("'", "''", StringComparison.Ordinal) + "'"))})";
    }

    /// <summary>Drops a table whatever references it (PostgreSQL CASCADE; elsewhere with foreign key checks off).</summary>
    public virtual string DropTableSql(string table, string? schema = null) => $"DROP TABLE {QuoteName(schema, table)}";

    /// <summary>
    /// How <see cref="Schema.SchemaReset"/> drops a view: <see cref="Schema.SchemaScript.DropView"/> by default; PostgreSQL
    /// also drops what reads it from schemas the reset does not read (IF EXISTS CASCADE), as its tables' DROP does.
    /// </summary>
    internal virtual string DropViewForResetSql(Schema.ViewModel view) => Schema.SchemaScript.DropView(view, this);
}
