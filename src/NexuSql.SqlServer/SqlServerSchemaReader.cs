using System.Globalization;
using NexuSql.Schema;

namespace NexuSql.SqlServer;

/// <summary>
/// Reads the current schema (SCHEMA_NAME()) of a SQL Server database from the sys.* catalog views. The queries
/// return flat rows; <see cref="Build"/> turns them into the model, so the mapping is tested without a server.
/// nvarchar(n) is string(n), nvarchar(max) is text (SQL Server keeps JSON as nvarchar(max)), datetime2 is timestamp,
/// datetimeoffset is timestamptz; other types (varchar, datetime, money, ...) come back as <c>native:</c>.
/// </summary>
internal static class SqlServerSchemaReader
{
    internal sealed record ColumnRow(string TableName, string ColumnName, string TypeName, int MaxLength, int Precision, int Scale,
        bool IsNullable, bool IsIdentity, string? DefaultDefinition);

    internal sealed record KeyRow(string TableName, string ConstraintName, string Kind, string ColumnName);

    internal sealed record ForeignKeyRow(string TableName, string ConstraintName, string ColumnName, string RefTable, string RefColumn, string OnDelete, string OnUpdate);

    internal sealed record IndexRow(string TableName, string IndexName, bool IsUnique, string ColumnName, bool IsDescendingKey);

    internal sealed record CheckRow(string TableName, string ConstraintName, string Definition);

    internal sealed record ViewRow(string Name, string Definition);

    internal sealed record SequenceRow(string Name, long StartValue, long Increment);

    internal const string ColumnsSql =
        "SELECT t.name AS table_name, c.name AS column_name, ty.name AS type_name, CAST(c.max_length AS int) AS max_length, " +
        "CAST(c.precision AS int) AS precision, CAST(c.scale AS int) AS scale, c.is_nullable, c.is_identity, dc.definition AS default_definition " +
        "FROM sys.tables t JOIN sys.columns c ON c.object_id = t.object_id JOIN sys.types ty ON ty.user_type_id = c.user_type_id " +
        "LEFT JOIN sys.default_constraints dc ON dc.object_id = c.default_object_id " +
        "WHERE t.schema_id = SCHEMA_ID() AND t.is_ms_shipped = 0 ORDER BY t.name, c.column_id";

    internal const string KeysSql =
        "SELECT t.name AS table_name, kc.name AS constraint_name, kc.type AS kind, col.name AS column_name " +
        "FROM sys.key_constraints kc JOIN sys.tables t ON t.object_id = kc.parent_object_id " +
        "JOIN sys.index_columns ic ON ic.object_id = kc.parent_object_id AND ic.index_id = kc.unique_index_id " +
        "JOIN sys.columns col ON col.object_id = ic.object_id AND col.column_id = ic.column_id " +
        "WHERE t.schema_id = SCHEMA_ID() ORDER BY t.name, kc.name, ic.key_ordinal";

    internal const string ForeignKeysSql =
        "SELECT t.name AS table_name, fk.name AS constraint_name, pc.name AS column_name, rt.name AS ref_table, rc.name AS ref_column, " +
        "fk.delete_referential_action_desc AS on_delete, fk.update_referential_action_desc AS on_update " +
        "FROM sys.foreign_keys fk JOIN sys.tables t ON t.object_id = fk.parent_object_id JOIN sys.tables rt ON rt.object_id = fk.referenced_object_id " +
        "JOIN sys.foreign_key_columns fkc ON fkc.constraint_object_id = fk.object_id " +
        "JOIN sys.columns pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id " +
        "JOIN sys.columns rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id " +
        "WHERE t.schema_id = SCHEMA_ID() ORDER BY t.name, fk.name, fkc.constraint_column_id";

    // Indexes that do not back a primary key or unique constraint; included columns are not key columns.
    internal const string IndexesSql =
        "SELECT t.name AS table_name, i.name AS index_name, i.is_unique, col.name AS column_name, ic.is_descending_key " +
        "FROM sys.indexes i JOIN sys.tables t ON t.object_id = i.object_id " +
        "JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.is_included_column = 0 " +
        "JOIN sys.columns col ON col.object_id = ic.object_id AND col.column_id = ic.column_id " +
        "WHERE t.schema_id = SCHEMA_ID() AND i.is_primary_key = 0 AND i.is_unique_constraint = 0 AND i.type > 0 " +
        "ORDER BY t.name, i.name, ic.key_ordinal";

    internal const string ChecksSql =
        "SELECT t.name AS table_name, cc.name AS constraint_name, cc.definition FROM sys.check_constraints cc " +
        "JOIN sys.tables t ON t.object_id = cc.parent_object_id WHERE t.schema_id = SCHEMA_ID() ORDER BY t.name, cc.name";

    internal const string ViewsSql =
        "SELECT v.name, m.definition FROM sys.views v JOIN sys.sql_modules m ON m.object_id = v.object_id WHERE v.schema_id = SCHEMA_ID() ORDER BY v.name";

    internal const string SequencesSql =
        "SELECT name, CAST(start_value AS bigint) AS start_value, CAST(increment AS bigint) AS increment FROM sys.sequences WHERE schema_id = SCHEMA_ID() ORDER BY name";

    public static async Task<SchemaModel> ReadAsync(NexuSqlDatabase db, CancellationToken ct) => Build(
        await db.QueryAsync<ColumnRow>(ColumnsSql, cancellationToken: ct).ConfigureAwait(false),
        await db.QueryAsync<KeyRow>(KeysSql, cancellationToken: ct).ConfigureAwait(false),
        await db.QueryAsync<ForeignKeyRow>(ForeignKeysSql, cancellationToken: ct).ConfigureAwait(false),
        await db.QueryAsync<IndexRow>(IndexesSql, cancellationToken: ct).ConfigureAwait(false),
        await db.QueryAsync<CheckRow>(ChecksSql, cancellationToken: ct).ConfigureAwait(false),
        await db.QueryAsync<ViewRow>(ViewsSql, cancellationToken: ct).ConfigureAwait(false),
        await db.QueryAsync<SequenceRow>(SequencesSql, cancellationToken: ct).ConfigureAwait(false));

    /// <summary>The model from the catalog rows, each list in the order its query sorts it.</summary>
    internal static SchemaModel Build(IEnumerable<ColumnRow> columns, IEnumerable<KeyRow> keys, IEnumerable<ForeignKeyRow> foreignKeys,
        IEnumerable<IndexRow> indexes, IEnumerable<CheckRow> checks, IEnumerable<ViewRow> views, IEnumerable<SequenceRow> sequences)
    {
        var keysBy = keys.ToLookup(k => k.TableName);
        var fksBy = foreignKeys.ToLookup(f => f.TableName);
        var indexesBy = indexes.ToLookup(i => i.TableName);
        var checksBy = checks.ToLookup(c => c.TableName);
        var tables = columns.GroupBy(c => c.TableName).Select(t =>
        {
            var constraints = keysBy[t.Key].GroupBy(k => (k.ConstraintName, k.Kind.Trim())).ToList();
            return new TableModel(t.Key, [.. t.Select(c => new ColumnModel(c.ColumnName, MapType(c.TypeName, c.MaxLength, c.Precision, c.Scale),
                c.IsNullable, MapDefault(c.DefaultDefinition), c.IsIdentity))])
            {
                PrimaryKey = constraints.Where(g => g.Key.Item2 == "PK").Select(g => new KeyModel(g.Key.ConstraintName, [.. g.Select(k => k.ColumnName)])).FirstOrDefault(),
                Uniques = [.. constraints.Where(g => g.Key.Item2 == "UQ").Select(g => new KeyModel(g.Key.ConstraintName, [.. g.Select(k => k.ColumnName)]))],
                ForeignKeys = [.. fksBy[t.Key].GroupBy(f => f.ConstraintName).Select(g => new ForeignKeyModel(g.Key, [.. g.Select(f => f.ColumnName)],
                    g.First().RefTable, [.. g.Select(f => f.RefColumn)], Action(g.First().OnDelete), Action(g.First().OnUpdate)))],
                Indexes = [.. indexesBy[t.Key].GroupBy(i => i.IndexName).Select(g => new IndexModel(g.Key,
                    [.. g.Select(i => new IndexColumn(i.ColumnName, i.IsDescendingKey))], g.First().IsUnique))],
                Checks = [.. checksBy[t.Key].Select(c => new CheckModel(c.ConstraintName, StripParentheses(c.Definition)))],
            };
        }).ToList();
        return new SchemaModel(tables)
        {
            Views = [.. views.Select(v => new ViewModel(v.Name, ViewModel.BodyOf(v.Definition)) { Engine = NexuSqlEngine.SqlServer })],
            Sequences = [.. sequences.Select(q => new SequenceModel(q.Name, q.StartValue, q.Increment))],
        }.Canonical();
    }

    /// <summary>A sys.types name with sys.columns sizes (max_length in bytes, -1 for MAX) as a portable type.</summary>
    internal static ColumnType MapType(string typeName, int maxLength, int precision, int scale)
    {
        string Size() => maxLength < 0 ? "max" : (typeName is "nvarchar" or "nchar" ? maxLength / 2 : maxLength).ToString(CultureInfo.InvariantCulture);
        return typeName.ToLowerInvariant() switch
        {
            "bit" => new ColumnType(PortableType.Boolean),
            "smallint" => new ColumnType(PortableType.Int16),
            "int" => new ColumnType(PortableType.Int32),
            "bigint" => new ColumnType(PortableType.Int64),
            "decimal" or "numeric" => new ColumnType(PortableType.Decimal, Precision: precision, Scale: scale),
            "real" => new ColumnType(PortableType.Float32),
            "float" when precision <= 24 => new ColumnType(PortableType.Float32),
            "float" => new ColumnType(PortableType.Float64),
            "nvarchar" when maxLength < 0 => new ColumnType(PortableType.Text),
            "nvarchar" => new ColumnType(PortableType.String, Length: maxLength / 2),
            "varbinary" when maxLength < 0 => new ColumnType(PortableType.Binary),
            "uniqueidentifier" => new ColumnType(PortableType.Uuid),
            "date" => new ColumnType(PortableType.Date),
            "time" when scale == 7 => new ColumnType(PortableType.Time),
            "datetime2" when scale == 7 => new ColumnType(PortableType.Timestamp),
            "datetimeoffset" when scale == 7 => new ColumnType(PortableType.TimestampTz),
            "varchar" or "char" or "nchar" or "binary" or "varbinary" => new ColumnType(PortableType.Native, Native: $"{typeName}({Size()})"),
            "time" or "datetime2" or "datetimeoffset" => new ColumnType(PortableType.Native, Native: $"{typeName}({scale.ToString(CultureInfo.InvariantCulture)})"),
            _ => new ColumnType(PortableType.Native, Native: typeName),
        };
    }

    /// <summary>"((0))" → "0", "(getdate())" → "now()", "(newid())" → "uuid()", "(N'x')" → "'x'".</summary>
    internal static string? MapDefault(string? definition)
    {
        if (definition is null) return null;
        var d = StripParentheses(definition);
        switch (d.ToLowerInvariant())
        {
            case "getdate()" or "getutcdate()" or "sysdatetime()" or "sysutcdatetime()" or "sysdatetimeoffset()" or "current_timestamp":
                return "now()";
            case "newid()" or "newsequentialid()":
                return "uuid()";
        }
        return d.StartsWith("N'", StringComparison.OrdinalIgnoreCase) ? d[1..] : d;
    }

    /// <summary>Removes parentheses that wrap the whole text (SQL Server stores defaults and checks wrapped).</summary>
    internal static string StripParentheses(string text)
    {
        var t = text.Trim();
        while (t.Length > 1 && t[0] == '(' && t[^1] == ')' && Wraps(t)) t = t[1..^1].Trim();
        return t;

        static bool Wraps(string s)
        {
            var depth = 0;
            var quoted = false;
            for (var i = 0; i < s.Length; i++)
            {
                if (s[i] == '\'') quoted = !quoted;
                if (quoted) continue;
                if (s[i] == '(') depth++;
                else if (s[i] == ')' && --depth == 0 && i < s.Length - 1) return false;
            }
            return true;
        }
    }

    /// <summary>NO_ACTION → NO ACTION, SET_NULL → SET NULL.</summary>
    private static string Action(string description) => description.Replace('_', ' ');
}
