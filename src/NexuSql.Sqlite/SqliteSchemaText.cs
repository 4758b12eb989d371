using System.Text;
using System.Text.Unicode;

namespace NexuSql.Sqlite;

/// <summary>
/// SQLite keeps the schema's text (CREATE statements, column names, defaults, view and trigger bodies) as the bytes it
/// was given; the driver decodes them with U+FFFD in place of bytes that are not UTF-8, so a default or a view would
/// arrive changed, and a column name would no longer name its column. Such text is refused by name, with its bytes.
/// </summary>
internal static class SqliteSchemaText
{
    private const string Advice = "Nothing reads it without changing it: rewrite the object with valid UTF-8 text (a view or trigger: DROP and CREATE it again; a table: ALTER TABLE ... RENAME COLUMN, or rebuild it).";

    /// <exception cref="NexuSqlValueException">An object's name or text is not valid UTF-8.</exception>
    public static async Task RefuseInvalidUtf8Async(NexuSqlDatabase db, CancellationToken ct)
    {
        var objects = await db.QueryAsync(
            "SELECT type, tbl_name, CAST(name AS BLOB) AS name_bytes, CAST(sql AS BLOB) AS sql_bytes FROM sqlite_master " +
            "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name", cancellationToken: ct).ConfigureAwait(false);
        foreach (var o in objects)
        {
            var type = (string)o["type"]!;
            var table = (string)o["tbl_name"]!;
            var nameBytes = o["name_bytes"] as byte[] ?? [];
            var name = Encoding.UTF8.GetString(nameBytes);
            if (Problem(nameBytes) is { } badName)
                throw NexuSqlValueException.InSchemaText(table, null, $"the name of {type} {name}", badName, NexuSqlEngine.Sqlite, Advice);
            if (Problem(o["sql_bytes"] as byte[] ?? []) is not { } badText) continue;
            if (type == "table")
            {
                var columns = await db.QueryAsync(
                    "SELECT name, CAST(name AS BLOB) AS name_bytes, CAST(type AS BLOB) AS type_bytes, CAST(dflt_value AS BLOB) AS default_bytes FROM pragma_table_xinfo(:t)",
                    new { t = name }, ct).ConfigureAwait(false);
                foreach (var c in columns)
                {
                    var column = (string)c["name"]!;
                    foreach (var (part, what) in new[] { ("name_bytes", "its name"), ("type_bytes", "its declared type"), ("default_bytes", "its default") })
                        if (Problem(c[part] as byte[] ?? []) is { } badPart)
                            throw NexuSqlValueException.InSchemaText(table, column, what, badPart, NexuSqlEngine.Sqlite, Advice);
                }
                throw NexuSqlValueException.InSchemaText(table, null, "its CREATE TABLE text (a CHECK constraint, a generated column or another clause)", badText, NexuSqlEngine.Sqlite, Advice);
            }
            throw NexuSqlValueException.InSchemaText(table, null, $"the definition of {type} {name}", badText, NexuSqlEngine.Sqlite, Advice);
        }
    }

    /// <summary>Why <paramref name="bytes"/> are not UTF-8 (where, and the bytes around it in hex), or null.</summary>
    private static string? Problem(byte[] bytes)
    {
        if (Utf8.IsValid(bytes)) return null;
        var at = 0;
        while (at < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes.AsSpan(at), out _, out var used);
            if (status != System.Buffers.OperationStatus.Done) break;
            at += used;
        }
        var from = Math.Max(0, at - 12);
        var to = Math.Min(bytes.Length, at + 12);
        return $"the text is not valid UTF-8 at byte {at}: bytes {(from > 0 ? "…" : "")}{Convert.ToHexString(bytes.AsSpan(from, to - from))}{(to < bytes.Length ? "…" : "")} " +
            $"(the bad byte {bytes[at]:X2} after '{Encoding.UTF8.GetString(bytes.AsSpan(from, at - from))}')";
    }
}
