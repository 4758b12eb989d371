using System.Text.Json;
using System.Text.Json.Serialization;
using NexuSql.Schema;

namespace NexuSql.Backup;

/// <summary>One table in a backup: where its rows are, how many, and their content hash.</summary>
/// <param name="Name">Table name.</param>
/// <param name="Entry">The archive entry holding the rows.</param>
/// <param name="Rows">Row count.</param>
/// <param name="Hash">Order-independent content hash (<see cref="Data.TableHasher"/>).</param>
public sealed record BackupTable(string Name, string Entry, long Rows, string Hash)
{
    /// <summary>The table's schema when it is not the source's current one (<see cref="TableModel.Schema"/>); null otherwise, and in backups before format 11.</summary>
    public string? Schema { get; init; }

    /// <summary><c>name</c>, or <c>schema.name</c> outside the current schema: how messages, markers and <c>--tables</c> name the table.</summary>
    [JsonIgnore]
    public string QualifiedName => SchemaModel.Qualify(Schema, Name);

    /// <summary>
    /// A partitioned table restored into an engine without partitioning (<see cref="TableModel.PartitionsFolded"/>): its
    /// own entry and its partitions', read one after another as its rows (<see cref="Rows"/> and <see cref="Hash"/>
    /// theirs together). Null otherwise.
    /// </summary>
    [JsonIgnore]
    internal IReadOnlyList<BackupTable>? Parts { get; init; }

    /// <summary>
    /// A part of <see cref="Parts"/> whose columns are in another order than its partitioned table's (a partition made
    /// apart and attached): for each of the partitioned table's columns, its position in this entry's rows. Null: the same order.
    /// </summary>
    [JsonIgnore]
    internal int[]? ColumnOrder { get; init; }
}

/// <summary>
/// A position: the value a standalone sequence gives next, or — with <paramref name="Column"/> — the value an identity
/// (serial, AUTO_INCREMENT, SQLite AUTOINCREMENT) column gives next, so that ids deleted at the source are not handed
/// out again by the target.
/// </summary>
/// <param name="Name">The sequence's name, or the identity column's table.</param>
/// <param name="Next">The value given next (decimal: a MySQL/MariaDB BIGINT UNSIGNED counter goes up to 18446744073709551615).</param>
/// <param name="Column">The identity column; null for a standalone sequence (and in backups before identity positions).</param>
public sealed record BackupSequence(string Name, decimal Next, string? Column = null)
{
    /// <summary>
    /// The identity column's table's schema, or the standalone sequence's, when it is not the source's current one; null
    /// otherwise, in backups before format 11, and for standalone sequences before format 16.
    /// </summary>
    public string? Schema { get; init; }
}

/// <summary>
/// A row that breaks a PostgreSQL check or foreign key added NOT VALID (its older rows were never checked against it),
/// found inside the backup's snapshot: a restore into an engine without NOT VALID, which would create the constraint as
/// a valid one, refuses it by table, column and key before writing.
/// </summary>
/// <param name="Table">The table.</param>
/// <param name="Columns">The columns the constraint reads, comma-separated.</param>
/// <param name="Key">The first breaking row's key, as messages name it (<c>id=1</c>).</param>
/// <param name="Constraint">The constraint, as messages name it (<c>check constraint q_pos (CHECK q &gt; 0)</c>).</param>
public sealed record BackupNotValidBreak(string Table, string Columns, string Key, string Constraint)
{
    /// <summary>The table's schema when it is not the source's current one; null otherwise.</summary>
    public string? Schema { get; init; }

    /// <summary>A foreign key's parent table, which holds no row with the breaking row's key; null for a check.</summary>
    public string? ReferencedTable { get; init; }

    /// <summary>
    /// The constraint is valid as the source declares it, and the row got in with the engine's checks switched off
    /// (<see cref="Dialects.SqlDialect.ConstraintsMayBeBypassed"/>): every engine, the source's own included, refuses it.
    /// </summary>
    public bool Unchecked { get; init; }
}

/// <summary>An applied migration as the history table recorded it.</summary>
public sealed record BackupMigration(string? Version, string Description, string Type, int? Checksum, bool Success);

/// <summary>
/// What a backup holds, written as <c>manifest.json</c> in the archive: format and versions, where it came from
/// (engine, server version, database name — never a URL or password), the schema model, the migration history,
/// and per table the row count and content hash.
/// </summary>
public sealed record BackupManifest
{
    /// <summary>Always "nexusql-backup".</summary>
    public string Format { get; init; } = "nexusql-backup";

    /// <summary>The format version; readers refuse versions newer than theirs.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The format version this NexuSQL writes.</summary>
    /// <remarks>
    /// 2: identity positions among the sequences; special dates (tag 14); JSON hashed with every member of a duplicated
    /// key. Format 1 files stay readable: their JSON is hashed as they were (<see cref="JsonLastDuplicateWins"/>).
    /// 3: the schema may hold functions, procedures, triggers, policies and row-level security, which restore recreates
    /// on the same engine (a NexuSQL that reads only format 2 would leave them out without a word). Format 1 and 2
    /// files hold none and stay readable.
    /// 4: indexes may be partial, have expression key parts, included columns, another method or prefix lengths (a
    /// NexuSQL that reads only format 3 would ignore those fields and create a full, plain index — a partial unique index
    /// would become a stronger constraint the rows may not meet, or the wrong one); columns may be generated or carry
    /// identity options and ON UPDATE; an unconstrained numeric (<c>native:numeric</c>) is hashed by its value
    /// (<c>3.0</c> = <c>3</c>), so a SQLite NUMERIC moved to PostgreSQL's numeric checks equal; older files hash it as
    /// text (<see cref="NumericAsText"/>). Older files stay readable.
    /// 5: columns may be INVISIBLE (MariaDB/MySQL), keys and foreign keys DEFERRABLE, tables may have exclusion
    /// constraints (PostgreSQL), columns a collation; a NexuSQL that reads only
    /// format 4 would ignore those and recreate them weaker. Older files stay readable.
    /// 6: columns may carry the type their engine declares (<c>engineType</c>, used when restoring into the same engine),
    /// SQLite tables may be WITHOUT ROWID, index key parts may have a collation, PostgreSQL triggers a firing state
    /// (disabled), MariaDB triggers the one they follow; a NexuSQL that reads only format 5 would declare other types
    /// (another SQLite affinity), drop the collation, enable disabled triggers. Older files stay readable.
    /// 7: PostgreSQL serial columns declare <c>postgresql:serial</c> (a format-6 reader would write <c>serial GENERATED
    /// ... AS IDENTITY</c>, which PostgreSQL refuses), the schema may hold PostgreSQL domains whose columns declare them,
    /// a SQLite primary key may allow NULL (<c>nullsAllowed</c>; a format-6 reader would make the column NOT NULL and
    /// fail on the rows holding NULL), PostgreSQL index key parts may have a collation. Older files stay readable:
    /// without those fields a serial restores as an identity, a domain column as its base type, a key NOT NULL.
    /// 8: an unconstrained numeric holding a double (SQLite NUMERIC keeps 1e20 as a REAL) is hashed as the plain decimal
    /// it spells (<c>100000000000000000000</c>), as PostgreSQL's numeric reads it after a restore; formats 4 to 7 hashed
    /// its shortest text (<c>1E+20</c>) and are still checked that way (<see cref="NumericFloatAsText"/>).
    /// 9: a MariaDB/MySQL table carries its default collation (<c>DEFAULT CHARSET=latin1</c>); a format-8 reader would
    /// drop it and create the table with the target database's default. Older files stay readable: their tables take
    /// the target's default, as before.
    /// 10: identity columns and sequences carry MINVALUE, MAXVALUE, CYCLE and CACHE (<see cref="Schema.SequenceModel.MinValue"/>);
    /// a format-9 reader would drop them and create the sequences with the defaults;
    /// and a PostgreSQL table carries its partitioning (<c>partitionBy</c>, <c>partitionOf</c>, <c>partitionBound</c>),
    /// inheritance (<c>inherits</c>, <c>inherited</c> columns, keys, indexes and checks) and <c>unlogged</c>; a format-9
    /// reader would recreate partitions as plain tables and declare inherited keys and indexes twice. Older files stay
    /// readable: their tables are plain ones, as before.
    /// 11: PostgreSQL tables and views of schemas other than the current one (<see cref="TableModel.Schema"/>,
    /// <see cref="BackupTable.Schema"/>, <see cref="BackupSequence.Schema"/>, foreign keys' <c>referencedSchema</c>); a
    /// format-10 reader would restore <c>sales.t</c> into the current schema, onto <c>public.t</c>. Older files hold the
    /// current schema only and stay readable.
    /// Also 11: the schema may hold PostgreSQL composite types (<c>composites</c>) and collations made with CREATE COLLATION
    /// (<c>collations</c>), which restore creates before the tables; a format-10 reader would refuse the tables that use
    /// them for want of the type. Older files stay readable: restore asks for those types in the target, as before.
    /// 12: a PostgreSQL <c>inet</c> value is read and hashed as PostgreSQL prints it (<c>10.0.0.1</c>), no longer as its
    /// cast to text (<c>10.0.0.1/32</c>); restore checks an older file's tables as that file hashed them
    /// (<see cref="Dialects.SqlDialect.AsBackupFormatRead"/>).
    /// 13: data held outside the tables (<see cref="OutsideContent"/>: PostgreSQL large objects, with their oids, in an
    /// <c>outside/NNNN.bin</c> entry), which restore writes back into the same engine; a format-12 reader would leave them
    /// out without a word. Older files hold none (their manifest names the large objects under <see cref="LeftOut"/>) and
    /// stay readable.
    /// Also 13: a view may be a PostgreSQL materialized view (<see cref="Schema.ViewModel.Materialized"/>, with <c>withNoData</c>
    /// and its <c>indexes</c>), which restore creates after the rows; a format-12 reader would create it as a plain view.
    /// Older files hold no materialized views (they were left out, named) and stay readable.
    /// 14: a unique constraint may be <c>NULLS NOT DISTINCT</c> (<see cref="Schema.KeyModel.NullsNotDistinct"/>) and a
    /// foreign key <c>MATCH FULL</c> with <c>ON DELETE SET NULL (columns)</c> (<see cref="Schema.ForeignKeyModel.MatchFull"/>,
    /// <see cref="Schema.ForeignKeyModel.OnDeleteColumns"/>); a format-13 reader would create the weaker plain key. Older
    /// files hold none of them (they were read as the plain key) and stay readable.
    /// 15: a PostgreSQL domain's check may be <c>NOT VALID</c> (<see cref="Schema.CheckModel.NotValid"/> in <c>domains</c>),
    /// which restore adds after the rows; a format-14 reader would create it in CREATE DOMAIN, valid, and the rows breaking
    /// it would be refused half-way. Older files hold none (their domain checks were read as valid) and stay readable.
    /// 16: PostgreSQL enum types, domains, sequences (with their positions, <see cref="BackupSequence.Schema"/>), functions,
    /// procedures, triggers and policies of schemas other than the current one carry their <c>schema</c>, and a column
    /// of such a type names it (<c>native:app.mood</c>, <c>postgresql:app.posint</c>); a column default drawing from a
    /// standalone sequence (<c>nextval('app.ticket_seq')</c>) is kept as that default. A format-15 reader would create
    /// them in the current schema, and the tables using them would fail. Older files hold the current schema's only and
    /// stay readable. 16 also hashes a float infinity in an unconstrained numeric as PostgreSQL spells it
    /// (<see cref="NonFiniteNumericAsFloat"/>); older files are checked as they hashed.
    /// 17: MariaDB/MySQL tables carry their storage engine, partitioning clause and application-time period, keys their
    /// period <c>WITHOUT OVERLAPS</c>, views their CHECK OPTION and SQL SECURITY INVOKER; a format-16 reader would drop
    /// them, creating InnoDB tables (a per-group AUTO_INCREMENT then fails with error 1075) and plain keys that take
    /// overlapping periods. Older files hold none of them and restore as before.
    /// 17 also: SQLite's <c>ON CONFLICT</c> clauses of keys and NOT NULL (<see cref="Schema.KeyModel.OnConflict"/>,
    /// <see cref="Schema.ColumnModel.NotNullOnConflict"/>) and the database's own settings (<see cref="Schema.SchemaModel.Settings"/>:
    /// SQLite <c>user_version</c>, <c>application_id</c>); a format-16 reader would drop them, and the application's INSERTs
    /// that REPLACE or IGNORE absorbed would fail, its migrations run again. Older files hold none and stay readable.
    /// 18: schema fields added while 17 was current, which a format-17 reader would drop without a word: comments (tables,
    /// columns, indexes, sequences, views' columns), MariaDB system versioning and <c>WITHOUT SYSTEM VERSIONING</c> columns,
    /// MariaDB/MySQL table options (<see cref="Schema.TableModel.CreateOptions"/>), view ALGORITHM, security_barrier and
    /// column defaults, the sql_mode of MariaDB routines and triggers, PostgreSQL column storage and statistics targets,
    /// replica identity, typed tables, rules and triggers' states on partitions, SQLite virtual tables (FTS5, R*Tree), and
    /// the definitions of left-out objects <c>verify --against</c> compares. Older files hold none and stay readable.
    /// 19: a key's DESC columns (<see cref="Schema.KeyModel.Descending"/>), which a format-18 reader would drop, creating
    /// the key ascending. Older files hold none and stay readable.
    /// 20: SQLite FTS5 configuration options (<see cref="Schema.TableModel.VirtualConfig"/>: rank, pgsz, automerge, ...),
    /// which a format-19 reader would drop, creating the full-text table with the module's defaults (MATCH ranks rows
    /// otherwise); a PostgreSQL key's included columns (<see cref="Schema.KeyModel.Include"/>) and a MariaDB index's
    /// <see cref="Schema.IndexModel.Ignored"/>, PostgreSQL column <see cref="Schema.ColumnModel.Compression"/> and
    /// <see cref="Schema.ColumnModel.AttributeOptions"/> and a table's <see cref="Schema.TableModel.ClusterOn"/>, which a
    /// format-19 reader would drop, changing plans. Older files hold none
    /// and stay readable.
    /// 20 also reads and hashes a MariaDB/MySQL <c>DOUBLE(M,D)</c> as the stored double (formats up to 19 read the D-decimal
    /// text the server printed, another double for ~3% of values: break test 30 F3); older files are checked as they hashed.
    /// </remarks>
    public const int CurrentFormatVersion = 20;

    /// <summary>Formats 4 to 7 hashed a double in an unconstrained numeric as its shortest text (<c>1E+20</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool NumericFloatAsText => FormatVersion is >= 4 and < 8;

    /// <summary>Formats 8 to 15 hashed a float infinity in an unconstrained numeric as that float (16: as PostgreSQL spells it, <c>Infinity</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool NonFiniteNumericAsFloat => FormatVersion is >= 8 and < 16;

    /// <summary>Formats 1 to 3 hashed an unconstrained numeric as the text read.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool NumericAsText => FormatVersion < 4;

    /// <summary>Format 1 hashed JSON keeping only the last member of a duplicated key.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool JsonLastDuplicateWins => FormatVersion < 2;

    /// <summary>How table hashes are computed (<see cref="Data.TableHasher"/>).</summary>
    public string HashAlgorithm { get; init; } = Data.TableHasher.Algorithm;

    /// <summary>When the snapshot was taken (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The NexuSQL version that wrote it.</summary>
    public string NexuSqlVersion { get; init; } = "";

    /// <summary>The source engine.</summary>
    public NexuSqlEngine Engine { get; init; }

    /// <summary>The source server's version string.</summary>
    public string ServerVersion { get; init; } = "";

    /// <summary>The source database's name (no host, user or password).</summary>
    public string? Database { get; init; }

    /// <summary>
    /// Where the source database is: a SQLite file's full path, else its servers as <c>host:port</c> (no user, password
    /// or options); null in files written before it was recorded. <c>backup prune</c> keeps N backups of each database by
    /// it: two servers' databases of one name, or two <c>app.db</c> files, are two databases (bt43: prune by name alone
    /// deleted staging's only backup).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Location { get; init; }

    /// <summary>
    /// The source connection's current schema (PostgreSQL: <c>public</c> usually), whose tables the schema names without
    /// a schema: <c>restore --schemas public</c> chooses them. Null for engines without schemas inside a database, and
    /// in files written before it was recorded (a PostgreSQL backup's is then taken to be <c>public</c>).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CurrentSchema { get; init; }

    /// <summary>The schema of the backed-up tables (all tables, or the <c>--tables</c> subset).</summary>
    public SchemaModel Schema { get; init; } = new([]);

    /// <summary>
    /// What the source database held that the schema model does not, by name (expression and partial indexes,
    /// generated columns, other PostgreSQL schemas): a restore does not recreate them. Empty in older backups.
    /// </summary>
    public IReadOnlyList<string> LeftOut { get; init; } = [];

    /// <summary>The migration history at the time of the backup (empty when the database has none).</summary>
    public IReadOnlyList<BackupMigration> Migrations { get; init; } = [];

    /// <summary>Tables in the order they were written.</summary>
    public IReadOnlyList<BackupTable> Tables { get; init; } = [];

    /// <summary>Standalone sequences and their positions.</summary>
    public IReadOnlyList<BackupSequence> Sequences { get; init; } = [];

    /// <summary>
    /// Data the database held outside its tables (PostgreSQL large objects), one entry per kind; empty when there was
    /// none, when <c>--tables</c> or <c>--schemas</c> chose part of the database, and in backups before format 13.
    /// </summary>
    public IReadOnlyList<BackupOutsideContent> OutsideContent { get; init; } = [];

    /// <summary>
    /// The first row breaking each PostgreSQL constraint added NOT VALID, and each check of an engine that can hold rows
    /// breaking it (<see cref="BackupNotValidBreak.Unchecked"/>), found inside the snapshot; empty when none does, and in
    /// backups before this list (a restore of one into an engine without NOT VALID is refused at the write instead).
    /// </summary>
    public IReadOnlyList<BackupNotValidBreak> NotValidBreaks { get; init; } = [];

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The manifest as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a manifest.</summary>
    /// <exception cref="NexuSqlBackupException">Not a NexuSQL manifest, or a newer format.</exception>
    public static BackupManifest FromJson(string json, string source)
    {
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(json, Json);
        }
        catch (JsonException e)
        {
            throw new NexuSqlBackupException($"{source}: the manifest is not valid JSON ({Data.JsonText.Explain(e)}). The backup is damaged; use another one.", e);
        }
        if (manifest is null || manifest.Format != "nexusql-backup")
            throw new NexuSqlBackupException($"{source} is not a NexuSQL backup (no nexusql-backup manifest).");
        if (manifest.FormatVersion > CurrentFormatVersion)
            throw new NexuSqlBackupException($"{source} uses backup format {manifest.FormatVersion}; this NexuSQL reads up to {CurrentFormatVersion}. Upgrade NexuSQL to restore it.");
        if (manifest.HashAlgorithm != Data.TableHasher.Algorithm)
            throw new NexuSqlBackupException($"{source} hashes tables with {manifest.HashAlgorithm}; this NexuSQL knows {Data.TableHasher.Algorithm}. Upgrade NexuSQL to restore it.");
        return manifest;
    }
}
