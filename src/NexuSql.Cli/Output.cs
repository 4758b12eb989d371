using System.Text.Json;
using Spectre.Console;

namespace NexuSql.Cli;

/// <summary>
/// Everything the tool prints. With --json, stdout carries exactly one JSON document (results or the error);
/// otherwise results are tables on stdout and errors go to stderr.
/// </summary>
internal sealed class Output(bool json)
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Output is for people and tools reading UTF-8, not for embedding in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public IAnsiConsole Console { get; } = CreateConsole();

    /// <summary>
    /// Spectre's console on stdout. When output is piped its width is <c>COLUMNS</c> when set, else wide enough (4,096)
    /// that tables (backup list, migrate info, stats) never wrap a value: Spectre's own default there is 80 columns,
    /// which broke file and table names mid-word.
    /// </summary>
    private static IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(System.Console.Out),
            Ansi = System.Console.IsOutputRedirected || Environment.GetEnvironmentVariable("NO_COLOR") is not null
                ? AnsiSupport.No
                : AnsiSupport.Detect,
        });
        if (System.Console.IsOutputRedirected)
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), System.Globalization.CultureInfo.InvariantCulture, out var columns) && columns > 0 ? columns : 4096;
        return console;
    }

    /// <summary>
    /// Writes a table within the console's width (<c>COLUMNS</c> when piped) when it fits there; a table that does not fit
    /// is written at its natural width instead, lines longer than <c>COLUMNS</c>: Spectre would fold its values
    /// mid-word (a file, script or table name broken in two, which a script reading the output cannot put together).
    /// </summary>
    public void WriteTable(Table table)
    {
        var width = Console.Profile.Width;
        var needed = ((Spectre.Console.Rendering.IRenderable)table).Measure(Spectre.Console.Rendering.RenderOptions.Create(Console, Console.Profile.Capabilities), int.MaxValue).Max;
        if (needed <= width)
        {
            Console.Write(table);
            return;
        }
        Console.Profile.Width = needed;
        try
        {
            Console.Write(table);
        }
        finally
        {
            Console.Profile.Width = width;
        }
    }

    /// <summary>Writes one JSON document to stdout.</summary>
    public void WriteJson(Action<Utf8JsonWriter> write)
    {
        using var stream = System.Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            write(writer);
        }
        stream.Write("\n"u8);
    }

    /// <summary>Reports a failure (exit code given) in the active mode.</summary>
    public int Error(string kind, string message, int exitCode, Action<Utf8JsonWriter>? extra = null)
    {
        message = Concealed(message);
        if (json)
        {
            WriteJson(w =>
            {
                w.WriteStartObject();
                WriteError(w, kind, message, exitCode, extra);
                w.WriteEndObject();
            });
        }
        else
        {
            System.Console.Error.WriteLine($"error: {message}");
        }
        return exitCode;
    }

    private readonly List<(string Value, string Shown)> _concealed = [];

    /// <summary>
    /// A value never to print — a migration placeholder's, which may be a password — shown as <c>${name}</c> in error
    /// messages (<see cref="Error"/>, <see cref="Concealed"/>). Values shorter than 4 characters are left alone: they would
    /// hide ordinary words.
    /// </summary>
    public void Conceal(string name, string value)
    {
        if (value.Length >= 4) _concealed.Add((value, "${" + name + "}"));
    }

    /// <summary>The shortest piece of a concealed value hidden on its own (a whole value of 4 or 5 characters is hidden whole).</summary>
    private const int ShortestPiece = 6;

    /// <summary>
    /// <paramref name="text"/> with every concealed value (<see cref="Conceal"/>) replaced by its placeholder's name —
    /// in any case, and any piece of it of 6 characters or more too: an engine quotes what follows a quote the value
    /// broke, and may lower-case it (PostgreSQL <c>unrecognized role option "sssecrettail9"</c>, MariaDB
    /// <c>near 'ssSecretTail9''</c>; bt44 H3). Longest values first; at each place the longest piece is taken.
    /// </summary>
    public string Concealed(string text)
    {
        foreach (var (value, shown) in _concealed.OrderByDescending(c => c.Value.Length))
            text = ConcealOne(text, value, shown);
        return text;
    }

    private static string ConcealOne(string text, string value, string shown)
    {
        var lowerValue = value.ToLowerInvariant();
        var lowerText = text.ToLowerInvariant();
        var least = Math.Min(ShortestPiece, value.Length);
        // ToLowerInvariant keeps lengths for all but a few characters; where it does not, the whole-value rule alone holds
        if (lowerText.Length != text.Length) return text.Replace(value, shown, StringComparison.OrdinalIgnoreCase);
        var result = new System.Text.StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var longest = 0;
            for (var length = Math.Min(value.Length, text.Length - i); length >= least; length--)
                if (lowerValue.Contains(lowerText.AsSpan(i, length), StringComparison.Ordinal))
                {
                    longest = length;
                    break;
                }
            if (longest > 0)
            {
                result.Append(shown);
                i += longest;
            }
            else
            {
                result.Append(text[i]);
                i++;
            }
        }
        return result.ToString();
    }

    /// <summary>Writes <c>"error": {"kind", "message", ...}, "exitCode": N</c> into an open JSON object.</summary>
    public static void WriteError(Utf8JsonWriter w, string kind, string message, int exitCode, Action<Utf8JsonWriter>? extra)
    {
        w.WriteStartObject("error");
        w.WriteString("kind", kind);
        w.WriteString("message", message);
        extra?.Invoke(w);
        w.WriteEndObject();
        w.WriteNumber("exitCode", exitCode);
    }

    /// <summary>Reports a database failure: exit code 1, the kind, and the engine's code.</summary>
    /// <param name="e">The failure.</param>
    /// <param name="next">What the interrupted work left and the command that continues it, added after the message.</param>
    public int DatabaseError(NexuSqlException e, string? next = null)
    {
        var (kind, message, exitCode, extra) = Describe(e);
        // an engine's message ends without a full stop ("... in a read-only transaction"): one before what follows (bt37 L6)
        return Error(kind, next is null ? message : $"{message}{(message.TrimEnd().EndsWith('.') || message.TrimEnd().EndsWith('?') || message.TrimEnd().EndsWith('!') ? "" : ".")} {next}", exitCode, extra);
    }

    /// <summary>A database failure's kind, message, exit code and extra JSON fields.</summary>
    public static (string Kind, string Message, int ExitCode, Action<Utf8JsonWriter> Extra) Describe(NexuSqlException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var kind = e switch
        {
            NexuSqlMigrationValidationException => "validation",
            NexuSqlMigrationScriptException { InnerException: NexuSqlTimeoutException } => "timeout",
            NexuSqlMigrationScriptException => "migration",
            NexuSqlConstraintException => "constraint",
            NexuSqlConnectionException => "connection",
            NexuSqlTimeoutException => "timeout",
            NexuSqlTransientException => "transient",
            NexuSqlBackupException => "backup",
            NexuSqlValueException => "value",
            NexuSqlRefusedException => "refused",
            NexuSqlUndefinedObjectException => "undefined",
            NexuSqlSyntaxException => "syntax",
            NexuSqlLimitException => "limit",
            NexuSqlStorageFullException => "storage",
            _ => "database",
        };
        var constraint = e as NexuSqlConstraintException;
        // in words (bt34 F9c: "ForeignKey constraint violated.")
        var message = constraint is null ? e.Message : $"{constraint.Kind.Words()} constraint violated. {e.Message}";
        return (kind, message, e is NexuSqlRefusedException ? ExitCodes.Refused : ExitCodes.Failed, w =>
        {
            if (e.Engine is { } engine) w.WriteString("engine", engine.ToString());
            if (e.EngineCode is { } code) w.WriteString("code", code);
            if (constraint is not null)
            {
                w.WriteString("constraint", constraint.Kind.ToString());
                if (constraint.ConstraintName is { } name) w.WriteString("constraintName", name);
                if (constraint.TableName is { } table) w.WriteString("table", table);
                if (constraint.ColumnName is { } column) w.WriteString("column", column);
                if (constraint.Key is { } key) w.WriteString("key", key);
            }
            w.WriteBoolean("transient", e.IsTransient);
            if (e is NexuSqlMigrationScriptException script)
            {
                w.WriteString("script", script.Script);
                w.WriteNumber("statement", script.Statement);
                w.WriteNumber("line", script.Line);
                w.WriteBoolean("rolledBack", script.RolledBack);
            }
            if (e is NexuSqlUndefinedObjectException { ObjectName: { } missing }) w.WriteString("object", missing);
            if (e is NexuSqlDataMismatchException mismatch)
            {
                w.WriteString("table", mismatch.Table);
                if (mismatch.Key is { } differs) w.WriteString("key", differs);
            }
            if (e is NexuSqlValueException value)
            {
                w.WriteString("table", value.Table);
                w.WriteString("column", value.Column);
                w.WriteString("key", value.Key);
                if (value.Object is { } schemaObject) w.WriteString("object", schemaObject);
            }
            // a cross-engine schema refused for several reasons: each on its own, as the message numbers them (bt48 L1)
            if (e is NexuSqlRefusedException { Reasons.Count: > 1 } refused)
            {
                w.WriteStartArray("reasons");
                foreach (var reason in refused.Reasons) w.WriteStringValue(reason);
                w.WriteEndArray();
            }
            if (e is NexuSqlMigrationValidationException validation)
            {
                w.WriteStartArray("problems");
                foreach (var p in validation.Problems) w.WriteStringValue(p);
                w.WriteEndArray();
            }
        });
    }

    /// <summary>Writes <c>"tables": [{"name", "rows", "hash"}]</c> for a backup, restore or copy.</summary>
    public static void WriteTables(Utf8JsonWriter w, IEnumerable<NexuSql.Backup.BackupTable> tables)
    {
        w.WriteStartArray("tables");
        foreach (var t in tables)
        {
            w.WriteStartObject();
            if (t.Schema is not null) w.WriteString("schema", t.Schema); // a PostgreSQL schema other than the current one
            w.WriteString("name", t.Name);
            w.WriteNumber("rows", t.Rows);
            w.WriteString("hash", t.Hash);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>Writes a CLR value as JSON, exactly: decimals as numbers, binary as base64, times as ISO 8601.</summary>
    public static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null or DBNull: w.WriteNullValue(); break;
            case bool b: w.WriteBooleanValue(b); break;
            case string s: w.WriteStringValue(s); break;
            case byte[] bytes: w.WriteBase64StringValue(bytes); break;
            case decimal d: w.WriteNumberValue(d); break;
            case double d when double.IsFinite(d): w.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): w.WriteNumberValue(f); break;
            case long or int or short or sbyte or byte or ushort or uint:
                w.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case ulong ul: w.WriteNumberValue(ul); break;
            case DateTime dt: w.WriteStringValue(dt); break;
            case DateTimeOffset dto: w.WriteStringValue(dto); break;
            case Guid g: w.WriteStringValue(g); break;
            case DateOnly d: w.WriteStringValue(d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)); break;
            case TimeOnly t: w.WriteStringValue(t.ToString("HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture)); break;
            case TimeSpan ts: w.WriteStringValue(ts.ToString("c", System.Globalization.CultureInfo.InvariantCulture)); break;
            default: w.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>Escapes text for Spectre markup.</summary>
    public static string Text(string s) => Markup.Escape(s);

    /// <summary>
    /// The outermost folder of <paramref name="file"/>'s path that does not exist yet (the one writing the file creates),
    /// or null: said after the file is written, so a mistyped path does not make folders in silence (bt48 L2).
    /// </summary>
    public static string? MissingFolder(string file)
    {
        string? missing = null;
        for (var folder = Path.GetDirectoryName(Path.GetFullPath(file)); !string.IsNullOrEmpty(folder) && !Directory.Exists(folder) && !File.Exists(folder);
             folder = Path.GetDirectoryName(folder))
            missing = folder;
        return missing;
    }

    /// <summary>The note that <paramref name="folder"/> (from <see cref="MissingFolder"/>) was created, on stderr unless --quiet.</summary>
    public static void CreatedFolder(string? folder, bool quiet)
    {
        if (folder is not null && !quiet) System.Console.Error.WriteLine($"note: created the folder {folder}, which did not exist");
    }
}
