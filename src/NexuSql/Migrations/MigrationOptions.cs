namespace NexuSql.Migrations;

/// <summary>How migrations are found and applied.</summary>
public sealed record MigrationOptions
{
    /// <summary>Folders to read scripts from (default: <c>migrations</c>). Ignored when <see cref="Sources"/> is set.</summary>
    public IReadOnlyList<string> Locations { get; init; } = ["migrations"];

    /// <summary>Explicit sources (folders, embedded resources); when set, <see cref="Locations"/> is not used.</summary>
    public IReadOnlyList<IMigrationSource>? Sources { get; init; }

    /// <summary>The history table (default <c>nexusql_schema_history</c>).</summary>
    public string HistoryTable { get; init; } = "nexusql_schema_history";

    /// <summary>
    /// Flyway's <c>schemas</c>: the schemas (MySQL/MariaDB: databases) the migrations manage. Missing ones are created
    /// before the history table when <see cref="CreateSchemas"/> is true (a <c>SCHEMA</c> row records it, as Flyway
    /// does); the first is the default schema unless <see cref="DefaultSchema"/> is set. Empty (the default): the
    /// connection's current schema, nothing created. Not on SQLite or SQL Server (<see cref="NotSupportedException"/>).
    /// </summary>
    public IReadOnlyList<string> Schemas { get; init; } = [];

    /// <summary>
    /// Flyway's <c>defaultSchema</c>: the schema that holds the history table and that unqualified names in the scripts
    /// and callbacks resolve to first (PostgreSQL: put in front of the <c>search_path</c> while they run; MySQL/MariaDB:
    /// <c>USE</c>d). Null: the first of <see cref="Schemas"/>, else the connection's current schema.
    /// </summary>
    public string? DefaultSchema { get; init; }

    /// <summary>Flyway's <c>createSchemas</c> (default true): create the missing <see cref="Schemas"/>; when false a missing one is an error.</summary>
    public bool CreateSchemas { get; init; } = true;

    /// <summary>Values for <c>${name}</c> placeholders in scripts.</summary>
    public IReadOnlyDictionary<string, string> Placeholders { get; init; } = new Dictionary<string, string>();

    /// <summary>Migrate up to and including this version (default: the latest).</summary>
    public MigrationVersion? Target { get; init; }

    /// <summary>Apply pending versions older than the latest applied one instead of refusing.</summary>
    public bool OutOfOrder { get; init; }

    /// <summary>Validate before migrating (default true): an edited, missing or failed migration stops the run.</summary>
    public bool ValidateOnMigrate { get; init; } = true;

    /// <summary>
    /// Flyway's <c>baselineOnMigrate</c>: when the history is empty but the database already has tables, record a
    /// baseline at <see cref="BaselineVersion"/> first, so only later versions run. Default false: migrate runs every
    /// version (Flyway instead refuses a non-empty schema without history).
    /// </summary>
    public bool BaselineOnMigrate { get; init; }

    /// <summary>The version <see cref="BaselineOnMigrate"/> records (default 1, as Flyway's <c>baselineVersion</c>).</summary>
    public MigrationVersion BaselineVersion { get; init; } = MigrationVersion.Parse("1");

    /// <summary>How long to wait for another migrator's lock (default 2 minutes).</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The value of <c>${flyway:environment}</c> (default <c>default</c>, as Flyway's); the CLI passes <c>--env</c>.</summary>
    public string? EnvironmentName { get; init; }

    /// <summary>Recorded as <c>installed_by</c> (default: the OS user name).</summary>
    public string? InstalledBy { get; init; }

    /// <summary>Receives one line per step ("Applying V2__orders.sql", ...), for progress output.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// Also receives every progress line, at Information (category <c>NexuSql.Migrations.Migrator</c>). Default: a
    /// logger from the database's <see cref="NexuSqlOptions.LoggerFactory"/>, when it has one.
    /// </summary>
    public Microsoft.Extensions.Logging.ILogger? Logger { get; init; }

    internal IReadOnlyList<IMigrationSource> EffectiveSources =>
        Sources ?? Locations.Select(l => (IMigrationSource)new FolderMigrationSource(l)).ToList();
}
