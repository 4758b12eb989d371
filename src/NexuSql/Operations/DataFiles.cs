using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NexuSql.Data;
using NexuSql.Schema;

namespace NexuSql.Operations;

/// <summary>One record of a data file: where it is (line, or position in a JSON array) and its fields by column name.</summary>
/// <param name="Position">Line number (CSV) or 1-based index in the array (JSON).</param>
/// <param name="Fields">Column name → text (CSV; null for an empty unquoted field) or JSON value (null, string, number text, bool, raw JSON).</param>
public sealed record DataRecord(int Position, IReadOnlyDictionary<string, object?> Fields)
{
    /// <summary>
    /// An object of a JSON file: a number field is a JSON number, whose value is the same however it is spelled
    /// (<c>1.0</c>, <c>1e2</c> and <c>1.5e3</c> are the integers 1, 100 and 1500); false for a CSV line, whose text is taken as written.
    /// </summary>
    public bool FromJson { get; init; }
}

/// <summary>
/// Reads the data files seed and import load: <c>TABLE.csv</c> (RFC 4180, a header row, UTF-8; an empty unquoted field
/// is NULL, <c>""</c> is the empty string) and <c>TABLE.json</c> (an array of objects). A leading order prefix such as
/// <c>01_</c> or <c>10-</c> is not part of the table name.
/// </summary>
public static partial class DataFiles
{
    [GeneratedRegex(@"^\d+[_-]")]
    private static partial Regex OrderPrefix();

    /// <summary>The data files of a folder (csv, json), in name order.</summary>
    public static IReadOnlyList<string> In(string folder) => !Directory.Exists(folder) ? [] :
        [.. Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)];

    /// <summary>The table a file loads: its name without extension and order prefix.</summary>
    public static string TableOf(string path) => OrderPrefix().Replace(Path.GetFileNameWithoutExtension(path), "");

    /// <summary>The table names <see cref="FileTable.Match"/> tries, for a message: "01_x or x".</summary>
    internal static string TableNamesOf(string path) =>
        Path.GetFileNameWithoutExtension(path) is var whole && TableOf(path) is var stripped && stripped != whole && stripped.Length > 0 ? $"{whole} or {stripped}" : whole;

    /// <summary>Streams a file's records.</summary>
    /// <exception cref="FormatException">Malformed CSV or JSON; the message names the file and line.</exception>
    /// <exception cref="FormatException">Also: bytes that are not UTF-8 (file, line and byte named).</exception>
    public static IEnumerable<DataRecord> Read(string path)
    {
        Internal.TextFiles.CheckUtf8(path);
        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ReadJson(path) : ReadCsv(path);
    }

    /// <summary>
    /// Every record of a JSON file, checked whole before the first is loaded: a key given twice in one object (one of
    /// two values would be dropped) and a string holding a lone UTF-16 surrogate escape (<c>"\ud800"</c>, which is not
    /// a character: JavaScript's JSON.stringify of a string cut in half) refuse the file, naming item and key.
    /// </summary>
    private static List<DataRecord> ReadJson(string path)
    {
        JsonDocument doc;
        try
        {
            // a UTF-8 byte order mark (Windows editors, PowerShell's Out-File) is no part of the JSON, as CSV files skip it (bt42)
            var bytes = File.ReadAllBytes(path);
            var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
            doc = JsonDocument.Parse(bytes.AsMemory(start), new JsonDocumentOptions { MaxDepth = 100_000 });
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not valid JSON ({JsonText.Explain(e)}).", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new FormatException($"{path}: expected an array of objects.");
            var records = new List<DataRecord>();
            var i = 0;
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                i++;
                if (item.ValueKind != JsonValueKind.Object) throw new FormatException($"{path}: item {i} is not an object.");
                // fields keep their spelling: "A" and a may be two columns of one table (bt40 N-H6)
                var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var p in item.EnumerateObject())
                {
                    if (fields.ContainsKey(p.Name))
                        throw new FormatException($"{path}: item {i} has the key \"{p.Name}\" twice; which value is meant cannot be told.");
                    fields[p.Name] = p.Value.ValueKind switch
                    {
                        JsonValueKind.Null => null,
                        JsonValueKind.String => StringOf(p.Value, path, i, p.Name),
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        JsonValueKind.Number => p.Value.GetRawText(),
                        _ => new RawJson(p.Value.GetRawText()),
                    };
                }
                records.Add(new DataRecord(i, fields) { FromJson = true });
            }
            return records;
        }
    }

    private static string StringOf(JsonElement value, string path, int item, string key)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new FormatException($"{path}: item {item}, key \"{key}\": the string holds a lone UTF-16 surrogate escape ({value.GetRawText()}), which is not a character.");
        }
    }

    /// <summary>An object or array inside a JSON record (for a json column).</summary>
    public sealed record RawJson(string Text);

    private static IEnumerable<DataRecord> ReadCsv(string path)
    {
        using var reader = new StreamReader(path, Internal.TextFiles.Utf8, detectEncodingFromByteOrderMarks: true);
        var line = 1;
        var header = ReadCsvRecord(reader, path, ref line);
        if (header is null) yield break;
        var names = header.Select(h => h.Value?.Trim() ?? "").ToList();
        if (names.Any(n => n.Length == 0)) throw new FormatException($"{path}: the header row has an empty column name.");
        // one of two values would be dropped without a word
        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new FormatException($"{path}: the header row names column {twice.Key} twice; which value is meant cannot be told.");
        while (true)
        {
            var start = line;
            var record = ReadCsvRecord(reader, path, ref line);
            if (record is null) yield break;
            if (record.Count == 1 && record[0].Value is null && !record[0].Quoted) continue; // blank line
            if (record.Count != names.Count)
                throw new FormatException($"{path}, line {start}: {record.Count} fields, the header has {names.Count}.");
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < names.Count; i++) fields[names[i]] = record[i].Value;
            yield return new DataRecord(start, fields);
        }
    }

    private readonly record struct Field(string? Value, bool Quoted);

    /// <summary>One CSV record (fields may span lines inside quotes); null at the end of the file.</summary>
    private static List<Field>? ReadCsvRecord(StreamReader reader, string path, ref int line)
    {
        if (reader.Peek() < 0) return null;
        var fields = new List<Field>();
        var sb = new StringBuilder();
        var quoted = false;
        var inQuotes = false;
        var startLine = line;
        while (true)
        {
            var c = reader.Read();
            if (inQuotes)
            {
                if (c < 0) throw new FormatException($"{path}, line {startLine}: a quoted field is not closed.");
                if (c == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); sb.Append('"'); }
                    else inQuotes = false;
                }
                else
                {
                    if (c == '\n') line++;
                    sb.Append((char)c);
                }
                continue;
            }
            if (c == '"' && sb.Length == 0 && !quoted) { inQuotes = quoted = true; continue; }
            // a record ends at LF, CRLF or a lone CR (classic Mac line ends, as RFC 4180 readers take them): a lone CR was kept
            // in the last field, and the file read as one record (bt40 N-M8)
            if (c is ',' or '\n' or '\r' or -1)
            {
                if (c == '\r' && reader.Peek() == '\n') reader.Read();
                fields.Add(new Field(quoted || sb.Length > 0 ? sb.ToString() : null, quoted));
                sb.Clear();
                quoted = false;
                if (c != ',')
                {
                    if (c != -1) line++;
                    return fields;
                }
                continue;
            }
            sb.Append((char)c);
        }
    }

    /// <summary>
    /// A record's value for <paramref name="column"/> in portable form; binary is base64 text in files, json columns
    /// take objects and arrays as they are.
    /// </summary>
    /// <exception cref="FormatException">The text is not a value of the column's type.</exception>
    public static object? Convert(object? field, ColumnModel column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return (field, column.Type.Kind) switch
        {
            (null, _) => null,
            (RawJson json, PortableType.Json or PortableType.Text or PortableType.String) => json.Text,
            // PostgreSQL's json, which keeps the text as written (SqlDialect.TextKeepingJsonType)
            (RawJson json, PortableType.Native) when string.Equals(column.Type.Native, "json", StringComparison.OrdinalIgnoreCase) => json.Text,
            (RawJson, _) => throw new FormatException($"an object or array does not fit {column.Type}"),
            (string s, _) => PortableValues.FromText(s, column.Type),
            // a JSON true is no number: refused for an integer column as for a decimal or float one (it went in as 1,
            // break test 32 F22); a boolean column takes it
            (bool, PortableType.Int16 or PortableType.Int32 or PortableType.Int64) => throw new FormatException($"{PortableValues.Describe(field)} is not {column.Type.WithArticle()} value"),
            _ => PortableValues.Normalize(field, column.Type) is var v && PortableValues.IsPortable(v, column.Type)
                ? v
                : throw new FormatException($"{PortableValues.Describe(field)} is not {column.Type.WithArticle()} value"),
        };
    }
}
