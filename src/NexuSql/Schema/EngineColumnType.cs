using System.Text.Json;
using System.Text.Json.Serialization;

namespace NexuSql.Schema;

/// <summary>
/// A column's type as one engine declares it (<c>sqlite:DECIMAL(10,2)</c>, <c>mysql:tinyint(3) unsigned</c>,
/// <c>postgresql:character varying</c>), kept beside the portable <see cref="ColumnModel.Type"/> when the portable
/// type, written back to the same engine, would be declared differently. Within that engine the column is created with
/// exactly this type (SQLite's type affinity, MariaDB's unsigned and text sizes follow from it); every other engine
/// uses the portable type. Schema files show it as <c>"engineType": "sqlite:integer"</c>.
/// </summary>
/// <param name="Engine">The engine whose spelling <paramref name="Type"/> is.</param>
/// <param name="Type">The declared type as the engine reports it.</param>
[JsonConverter(typeof(EngineColumnTypeJsonConverter))]
public sealed record EngineColumnType(NexuSqlEngine Engine, string Type)
{
    /// <summary>The type to declare on <paramref name="engine"/>, or null when this spelling belongs to another engine.</summary>
    public string? For(NexuSqlEngine engine) => engine == Engine ? Type : null;

    /// <summary>The same declared type: case and runs of blanks do not count (<c>INTEGER</c> = <c>integer</c> in every engine).</summary>
    public bool Same(EngineColumnType? other) => other is not null && other.Engine == Engine && Normal(Type) == Normal(other.Type);

    private static string Normal(string type) => string.Join(' ', type.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    /// <summary>The schema-file spelling, <c>engine:type</c>.</summary>
    public override string ToString() => $"{Prefix(Engine)}:{Type}";

    /// <summary>Parses <c>engine:type</c> (engine as in URLs: sqlite, postgresql, mysql, sqlserver, cockroachdb).</summary>
    /// <exception cref="FormatException">No engine prefix, an unknown engine, or no type.</exception>
    public static EngineColumnType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var engine = colon < 0 ? null : text[..colon].Trim().ToLowerInvariant() switch
        {
            "sqlite" => NexuSqlEngine.Sqlite,
            "postgresql" => NexuSqlEngine.PostgreSql,
            "mysql" => NexuSqlEngine.MySql,
            "sqlserver" => NexuSqlEngine.SqlServer,
            "cockroachdb" => NexuSqlEngine.CockroachDb,
            _ => (NexuSqlEngine?)null,
        };
        // SQLite alone declares columns with no type at all (BLOB affinity): sqlite: is valid
        if (engine is null || (engine != NexuSqlEngine.Sqlite && text[(colon + 1)..].Trim().Length == 0))
            throw new FormatException($"'{text}' is not an engine type: write engine:type, e.g. sqlite:integer, mysql:tinyint(3) unsigned, postgresql:character varying.");
        return new EngineColumnType(engine.Value, text[(colon + 1)..].Trim());
    }

    private static string Prefix(NexuSqlEngine engine) => engine switch
    {
        NexuSqlEngine.PostgreSql => "postgresql",
        NexuSqlEngine.MySql => "mysql",
        NexuSqlEngine.SqlServer => "sqlserver",
        NexuSqlEngine.CockroachDb => "cockroachdb",
        _ => "sqlite",
    };
}

/// <summary>Writes <see cref="EngineColumnType"/> as its <c>engine:type</c> string.</summary>
internal sealed class EngineColumnTypeJsonConverter() : StringFormJsonConverter<EngineColumnType>("An engine type", EngineColumnType.Parse);
