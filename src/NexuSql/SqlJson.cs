namespace NexuSql;

/// <summary>
/// A parameter value that is JSON text, bound as the engine's JSON without a CAST in the SQL: on PostgreSQL it takes the
/// type of what it meets (a <c>json</c> or <c>jsonb</c> column, <c>@&gt;</c>, ...), elsewhere it is sent as text (MySQL
/// JSON, SQLite TEXT). <see cref="System.Text.Json.JsonElement"/>, <see cref="System.Text.Json.JsonDocument"/> and
/// <see cref="System.Text.Json.Nodes.JsonNode"/> parameters are bound the same way, from their JSON text.
/// </summary>
/// <param name="Text">The JSON text, sent as it is (not parsed or re-serialised).</param>
public sealed record SqlJson(string Text)
{
    /// <summary>Marks <paramref name="json"/> as JSON.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null (use a null parameter for SQL NULL).</exception>
    public static SqlJson Of(string json) => new(json ?? throw new ArgumentNullException(nameof(json)));

    /// <summary>The JSON text of a <see cref="System.Text.Json"/> value, or null when <paramref name="value"/> is not one.</summary>
    internal static string? TextOf(object value) => value switch
    {
        SqlJson j => j.Text,
        System.Text.Json.JsonElement e => e.GetRawText(),
        System.Text.Json.JsonDocument d => d.RootElement.GetRawText(),
        System.Text.Json.Nodes.JsonNode n => n.ToJsonString(),
        _ => null,
    };
}
