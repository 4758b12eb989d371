using System.Text.Json.Serialization;

namespace NexuSql.Schema;

public sealed partial record TableModel
{
    /// <summary>
    /// MySQL/MariaDB's storage engine when it is not InnoDB (<c>MyISAM</c>, <c>Aria</c>, <c>MEMORY</c>): written back as
    /// <c>ENGINE=</c> where <see cref="Dialects.SqlDialect.TableStorageEngines"/>. It changes what the table keeps and
    /// allows (a MEMORY table is emptied by a restart; MyISAM and Aria number an AUTO_INCREMENT per group of the key's
    /// leading columns). Null for InnoDB and other engines' tables; another engine gets its own kind of table (named).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StorageEngine { get; init; }

    /// <summary>
    /// MySQL/MariaDB's other table options as <c>information_schema.TABLES.CREATE_OPTIONS</c> lists them
    /// (<c>checksum=1 row_format=DYNAMIC</c>, <c>row_format=COMPRESSED key_block_size=8</c>; <c>partitioned</c> left out:
    /// that is <see cref="PartitionClause"/>): written back after <c>ENGINE=</c> where <see cref="Dialects.SqlDialect.TableStorageEngines"/>,
    /// compared by verify; null when the table has none. Another engine gets its own kind of table (named). Break test 28:
    /// they were lost without a word.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CreateOptions { get; init; }

    /// <summary>
    /// MySQL/MariaDB's partitioning clause as <c>SHOW CREATE TABLE</c> prints it (<c>PARTITION BY RANGE (`y`) (PARTITION
    /// `p0` VALUES LESS THAN (2000) ENGINE = InnoDB, ...)</c>): the partitions hold the table's rows, which are read and
    /// written through the table. Null otherwise. Its own engine's SQL: another engine gets a plain table (named).
    /// Not PostgreSQL's partitioning (<see cref="PartitionBy"/>), whose partitions are tables of their own.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PartitionClause { get; init; }

    /// <summary>
    /// MariaDB's application-time period (<c>PERIOD FOR stay (s, e)</c>), or null. Engines without application-time
    /// periods (<see cref="Dialects.SqlDialect.ApplicationPeriods"/>) get its start-before-end check instead, and are
    /// refused a key <c>WITHOUT OVERLAPS</c> by name (a plain key would take rows the source refuses).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PeriodModel? Period { get; init; }

    /// <summary>
    /// MariaDB's <c>WITH SYSTEM VERSIONING</c>: the table keeps the history of its rows. Its own <c>ROW START</c> /
    /// <c>ROW END</c> columns, when it declares them, are generated columns whose expression is <c>ROW START</c> /
    /// <c>ROW END</c> (<see cref="SystemPeriodColumns"/>). Its current rows are carried, with those columns' values;
    /// its history rows are not (named). Another engine gets a plain table, those columns plain timestamps holding
    /// their values (named).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool SystemVersioned { get; init; }

    /// <summary>The expression of a system-versioned table's own ROW START column (<c>GENERATED ALWAYS AS ROW START</c>).</summary>
    internal const string RowStart = "ROW START";

    /// <summary>The expression of a system-versioned table's own ROW END column.</summary>
    internal const string RowEnd = "ROW END";

    /// <summary>The table's own ROW START and ROW END columns (<see cref="SystemVersioned"/>), or null when it declares none.</summary>
    internal (string Start, string End)? SystemPeriodColumns() =>
        Columns.FirstOrDefault(c => c.Generated?.Expression == RowStart) is { } s && Columns.FirstOrDefault(c => c.Generated?.Expression == RowEnd) is { } e
            ? (s.Name, e.Name) : null;

    /// <summary>The table without its system versioning: the ROW START / ROW END columns plain columns holding their values.</summary>
    internal TableModel WithoutSystemVersioning() => this with
    {
        SystemVersioned = false,
        Columns = [.. Columns.Select(c => c.Generated?.Expression is RowStart or RowEnd ? c with { Generated = null, WithoutSystemVersioning = false }
            : c with { WithoutSystemVersioning = false })],
    };

    /// <summary>
    /// The keys (<c>primary key</c> or the unique constraint's name) that hold the period <c>WITHOUT OVERLAPS</c>, as
    /// plans and messages name them.
    /// </summary>
    internal IEnumerable<string> KeysWithoutOverlaps() =>
        new[] { PrimaryKey }.Concat(Uniques).OfType<KeyModel>().Where(k => k.WithoutOverlaps is not null)
            .Select(k => $"{(k.Name is null ? "primary key" : "unique key " + k.Name)} on {Name} ({string.Join(", ", k.Columns)}, {k.WithoutOverlaps} WITHOUT OVERLAPS)");

    /// <summary>
    /// The table for an engine without application-time periods: the period as its check (start before end), keys
    /// without it. Call only after refusing <see cref="KeysWithoutOverlaps"/>.
    /// </summary>
    internal TableModel WithoutPeriod() => Period is not { } p ? this : this with
    {
        Period = null,
        Checks = [.. Checks, new CheckModel(p.Name, $"`{p.StartColumn.Replace("`", "``", StringComparison.Ordinal)}` < `{p.EndColumn.Replace("`", "``", StringComparison.Ordinal)}`")],
    };
}
