namespace NexuSql.Dialects;

/// <summary>CockroachDB: PostgreSQL's syntax; no advisory locks; DDL only partly transactional.</summary>
public sealed class CockroachDbDialect : PostgreSqlDialect
{
    /// <summary>CockroachDB has no <c>pg_partition_tree</c> and no switching a trigger off: none is read.</summary>
    internal override string? FiringTriggersSql(Schema.TableModel table) => null;

    /// <summary>The shared instance.</summary>
    public static new CockroachDbDialect Instance { get; } = new();

    /// <summary>CockroachDB has no fixed column limit of PostgreSQL's 1,600.</summary>
    internal override int? MaxColumns => null;

    /// <inheritdoc/>
    public override bool IntegerDivisionTruncates => false;

    /// <summary>CockroachDB has no table inheritance (and no <c>ONLY</c>).</summary>
    public override string OwnRowsSql(string table, string? schema = null) => QuoteName(schema, table);

    /// <summary>None: CockroachDB is not given PostgreSQL's clause (a load writes its identities as BY DEFAULT ones, made ALWAYS after it).</summary>
    internal override string InsertOverridingSql => "";

    /// <summary>CockroachDB has neither PostgreSQL's declarative partitioning nor inheritance (its PARTITION BY is another thing).</summary>
    public override bool SupportsPartitioning => false;

    /// <summary>CockroachDB accepts UNLOGGED and ignores it.</summary>
    public override bool SupportsUnloggedTables => false;

    /// <summary>CockroachDB has no <c>WITH CHECK OPTION</c> views (they are created without, and named).</summary>
    public override bool ViewCheckOptions => false;

    /// <summary>CockroachDB has no <c>security_invoker</c> view option.</summary>
    public override bool ViewSecurityInvoker => false;

    /// <summary>CockroachDB has no <c>security_barrier</c> view option.</summary>
    public override bool ViewSecurityBarrier => false;

    /// <summary>CockroachDB has no PostgreSQL storage parameters, REPLICA IDENTITY or column STORAGE/STATISTICS to carry (named as not carried).</summary>
    public override bool TableStorageSettings => false;

    /// <inheritdoc/>
    public override IEnumerable<string> TableStorageSettingsSql(Schema.TableModel table, Schema.TableModel? current = null) => [];

    /// <summary>CockroachDB has no CLUSTER.</summary>
    internal override string? ClusterOnSql(Schema.TableModel table, Schema.TableModel? current = null) => null;

    /// <summary>Comments on views and sequences are not written to CockroachDB (named as not carried).</summary>
    public override bool SequenceAndViewComments => false;

    /// <inheritdoc/>
    public override string? ViewCommentSql(Schema.ViewModel view) => null;

    /// <summary>Column defaults and comments of views are not written to CockroachDB (named as not carried).</summary>
    public override IEnumerable<string> ViewColumnSettingsSql(Schema.ViewModel view, Schema.ViewModel? current = null) => [];

    /// <inheritdoc/>
    public override string? SequenceCommentSql(Schema.SequenceModel sequence) => null;

    /// <inheritdoc/>
    public override string CreateTableSql(Schema.TableModel table, IReadOnlyList<string> elements)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(elements);
        if (table.PartitionBy is not null || table.PartitionOf is not null || table.Inherits is { Count: > 0 } || table.Unlogged)
            throw new NotSupportedException($"{Engine.DisplayName()} has no PostgreSQL partitioned, inheriting or UNLOGGED tables ({table.Name}).");
        return PlainCreateTableSql(table, elements);
    }

    private CockroachDbDialect() { }

    /// <inheritdoc/>
    public override NexuSqlEngine Engine => NexuSqlEngine.CockroachDb;

    /// <inheritdoc/>
    public override DialectCapabilities Capabilities { get; } = new()
    {
        TransactionalDdl = false, Schemas = true, AdvisoryLocks = false, Returning = true, RestartSavepoint = "cockroach_restart",
    };

    /// <summary>CockroachDB stores rows by primary key: adding it after the load would rewrite the table.</summary>
    public override bool AddsPrimaryKeyAfterLoad => false;

    /// <summary>None: the key is created with the table (<see cref="AddsPrimaryKeyAfterLoad"/>).</summary>
    internal override (string Build, string Attach)? AddPrimaryKeyByIndexSql(Schema.TableModel table) => null;

    /// <summary>CockroachDB refuses DEFERRABLE constraints.</summary>
    public override bool DeferrableForeignKeys => false;

    /// <summary>CockroachDB refuses DEFERRABLE constraints.</summary>
    public override bool DeferrableKeys => false;

    /// <inheritdoc/>
    /// <remarks>CockroachDB has no deferred constraints to check.</remarks>
    public override string? ImmediateConstraintsSql => null;

    /// <summary>CockroachDB has no table inheritance, nor NO INHERIT.</summary>
    public override bool CheckNoInherit => false;

    /// <summary>CockroachDB has no column list on <c>ON DELETE SET NULL</c>.</summary>
    public override bool ForeignKeyActionColumns => false;

    /// <summary>CockroachDB's JSON is an alias of JSONB: no type keeps JSON text as written.</summary>
    public override Schema.ColumnType? TextKeepingJsonType => null;

    /// <summary>CockroachDB has no exclusion constraints.</summary>
    public override bool ExclusionConstraints => false;

    /// <summary>CockroachDB has no domains.</summary>
    public override bool SupportsDomains => false;

    /// <summary>CockroachDB has no user-defined range types.</summary>
    public override string? CreateRangeTypeSql(Schema.RangeTypeModel type) => null;

    /// <summary>Not measured on CockroachDB: the check follows the schema changes, one after the other.</summary>
    public override bool ReadsWhileBuildingIndexes => false;

    /// <summary>Not read or written on CockroachDB (its functions and triggers are not PostgreSQL's catalog functions).</summary>
    public override RoutineSupport Routines => RoutineSupport.None;

    /// <summary>None: the PostgreSQL <c>row_security</c> setting is not assumed on CockroachDB.</summary>
    public override IReadOnlyList<string> DataSessionSql => [];

    /// <inheritdoc/>
    public override IReadOnlyList<string> BeginSnapshotSql => ["BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"];

    /// <summary>None: CockroachDB has no <c>LOCK TABLE</c>; its schema changes are online and versioned.</summary>
    internal override string? LockForReadSql(IReadOnlyList<Schema.TableModel> tables) => null;

    /// <inheritdoc/>
    public override IReadOnlyList<string> DataSessionEndSql => [];

    /// <summary>None, as for data sessions.</summary>
    public override IReadOnlyList<string> CatalogSessionSql => [];

    /// <inheritdoc/>
    public override IReadOnlyList<string> CatalogSessionEndSql => [];

    /// <summary>CockroachDB's DROP DATABASE takes no <c>WITH (FORCE)</c>.</summary>
    public override string DropDatabaseSql(string quotedName) => $"DROP DATABASE {quotedName}";
}
