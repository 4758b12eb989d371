using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NexuSql.Data;

/// <summary>
/// JSON documents as the text they are: NexuSQL never re-serialises a JSON value it moves. This class only looks at
/// the text — what an engine's JSON type would change or refuse, and a canonical form for hashing.
/// </summary>
public static class JsonText
{
    // any depth: the engines' own limits are theirs to state (MaxDepthOf); System.Text.Json's default of 64 called a valid
    // document nested 100 levels "not valid JSON" (break test 27 K4)
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = int.MaxValue };

    /// <summary>
    /// How deep <paramref name="json"/>'s arrays and objects nest (0 for a scalar, 1 for <c>[1]</c>), or null for text
    /// that is not JSON. MariaDB's JSON holds at most 31 levels (<c>JSON_VALID</c> is 0 beyond), MySQL's 100.
    /// </summary>
    public static int? MaxDepthOf(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), Options);
        var max = 0;
        try
        {
            while (reader.Read())
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) max = Math.Max(max, reader.CurrentDepth + 1);
            return max;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Why PostgreSQL's jsonb cannot keep <paramref name="json"/> as it is, or null: text that is not JSON, a
    /// <c>\u0000</c> escape (jsonb refuses it, 22P05), an object with a key twice (jsonb keeps only the last), or a
    /// number jsonb would spell otherwise (it keeps numbers as numeric: <c>1e2</c> becomes <c>100</c>, <c>1.0E+2</c>
    /// <c>100</c>, <c>-0</c> <c>0</c>, <c>1e400</c> a 401-digit number; <c>1e131072</c> it cannot hold).
    /// </summary>
    public static string? Problem(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), Options);
        var keys = new Stack<HashSet<string>?>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject: keys.Push(new HashSet<string>(StringComparer.Ordinal)); break;
                    case JsonTokenType.StartArray: keys.Push(null); break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray: keys.Pop(); break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        if (name.Contains('\0', StringComparison.Ordinal)) return NulProblem;
                        if (keys.Peek() is { } seen && !seen.Add(name))
                            return $"the JSON object has the key '{name}' twice, and jsonb keeps only the last one";
                        break;
                    case JsonTokenType.String:
                        if (reader.ValueIsEscaped && reader.GetString()!.Contains('\0', StringComparison.Ordinal)) return NulProblem;
                        break;
                    case JsonTokenType.Number when JsonbNumber(Encoding.ASCII.GetString(reader.ValueSpan)) is { } stored:
                        return stored;
                }
            }
            return null;
        }
        catch (JsonException e)
        {
            return $"the text is not valid JSON ({Explain(e)})";
        }
    }

    /// <summary>
    /// A JSON syntax error as people count: <c>line 2, byte 9: '"' is invalid after a value. Expected either ',', '}', or ']'.</c>
    /// — System.Text.Json's message without its own zero-based "LineNumber: 1 | BytePositionInLine: 8" and "Path: $" suffix
    /// (bt29 M9).
    /// </summary>
    internal static string Explain(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut].TrimEnd(' ', '|');
        return exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? $"line {line + 1}, byte {position + 1}: {message}"
            : message;
    }

    /// <summary>
    /// Why <paramref name="json"/> is not one JSON value (what PostgreSQL's json type checks: syntax only, duplicates and
    /// any escape allowed), or null.
    /// </summary>
    public static string? SyntaxProblem(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), Options);
        try
        {
            while (reader.Read())
            {
            }
            return reader.BytesConsumed == 0 ? "the text is empty, which is not a JSON value" : null;
        }
        catch (JsonException e)
        {
            return $"the text is not valid JSON ({Explain(e)})";
        }
    }

    /// <summary>
    /// Whether <paramref name="json"/> holds a string escape that decodes to a lone UTF-16 surrogate (<c>"\ud800"</c>):
    /// valid JSON syntax, which PostgreSQL json and SQLite keep as text, but not Unicode text — MariaDB's and MySQL's
    /// JSON refuse it (JSON_VALID), and .NET cannot decode it. False for text that is not JSON.
    /// </summary>
    public static bool HasLoneSurrogate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!json.Contains("\\u", StringComparison.OrdinalIgnoreCase)) return false;
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), Options);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName) reader.GetString();
            }
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>
    /// What jsonb makes of the JSON number <paramref name="raw"/> when that is not <paramref name="raw"/> itself (null
    /// otherwise): PostgreSQL's numeric prints digits × 10^exponent in plain notation with max(0, fraction digits −
    /// exponent) digits after the point, and no sign on zero.
    /// </summary>
    private static string? JsonbNumber(string raw)
    {
        var e = raw.IndexOfAny(['e', 'E']);
        var negative = raw.StartsWith('-');
        var mantissa = (e < 0 ? raw : raw[..e]).TrimStart('-');
        var allZero = mantissa.All(c => c is '0' or '.');
        if (e < 0) return negative && allZero ? $"jsonb would store the number {raw} as {raw[1..]} (numeric has no negative zero)" : null;
        if (!long.TryParse(raw.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent) || Math.Abs(exponent) > 100_000)
            return $"jsonb cannot store the number {raw} as written (it keeps numbers as numeric, without exponents)";
        var point = mantissa.IndexOf('.');
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var fraction = point < 0 ? 0 : mantissa.Length - point - 1;
        var scale = (int)Math.Max(0, fraction - exponent);
        var shift = (int)(exponent - fraction); // value = digits × 10^shift
        var whole = shift >= 0 ? digits + new string('0', shift) : digits.PadLeft(-shift + 1, '0');
        var at = whole.Length - Math.Max(0, -shift);
        var text = (whole[..at].TrimStart('0') is { Length: > 0 } w ? w : "0") + (scale == 0 ? "" : "." + whole[at..].PadRight(scale, '0')[..scale]);
        if (negative && !allZero) text = "-" + text;
        var shown = text.Length > 40 ? $"a number of {text.Length:N0} characters ({text[..20]}…)" : text;
        return $"jsonb would store the number {raw} as {shown} (it keeps numbers as numeric, without exponents)";
    }

    private const string NulProblem = "the JSON holds \\u0000 (NUL), which PostgreSQL jsonb cannot store";

    /// <summary>
    /// A canonical form for hashing: object members sorted by key (members with the same key kept, in their order), no
    /// whitespace, numbers without exponents. Two documents with the same members in another order or spacing have the
    /// same form (so PostgreSQL jsonb and MySQL JSON compare equal); a dropped duplicate member does not. Text that is
    /// not JSON, or JSON holding a lone surrogate escape (<c>"\ud800"</c>, which PostgreSQL json keeps and .NET strings
    /// cannot decode), is returned unchanged.
    /// </summary>
    /// <param name="json">The document.</param>
    /// <param name="lastDuplicateWins">Keep only the last member of a key, as jsonb does (backup format 1's hashes).</param>
    public static string Canonical(string json, bool lastDuplicateWins = false)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var output = new MemoryStream();
            using (var w = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                WriteCanonical(doc.RootElement, w, lastDuplicateWins);
            return Encoding.UTF8.GetString(output.ToArray());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return json;
        }
    }

    private static void WriteCanonical(JsonElement e, Utf8JsonWriter w, bool lastWins)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                // OrderBy is stable: members with the same key keep their order
                var members = e.EnumerateObject().ToList();
                if (lastWins) members = [.. members.GroupBy(p => p.Name, StringComparer.Ordinal).Select(g => g.Last())];
                foreach (var p in members.OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    w.WritePropertyName(p.Name);
                    WriteCanonical(p.Value, w, lastWins);
                }
                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var item in e.EnumerateArray()) WriteCanonical(item, w, lastWins);
                w.WriteEndArray();
                break;
            case JsonValueKind.Number:
                var raw = e.GetRawText();
                if (raw.Contains('e', StringComparison.OrdinalIgnoreCase) && decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var m))
                    raw = m.ToString(CultureInfo.InvariantCulture);
                w.WriteRawValue(raw, skipInputValidation: true);
                break;
            default:
                e.WriteTo(w);
                break;
        }
    }
}
