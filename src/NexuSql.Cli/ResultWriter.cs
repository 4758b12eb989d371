using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using NexuSql.Data;

namespace NexuSql.Cli;

/// <summary>The output formats of <c>nexusql query</c>.</summary>
internal enum ResultFormat
{
    Table,
    Csv,
    Tsv,
    Json,
    Jsonl,
}

/// <summary>
/// Writes a query result to stdout as its rows arrive, in one of <see cref="ResultFormat"/>; nothing holds more than
/// the first <see cref="TableSample"/> rows (the table format measures its column widths on them).
/// </summary>
internal abstract class ResultWriter : IDisposable
{
    /// <summary>Rows the table format reads before it prints, to size its columns; later rows may be wider.</summary>
    public const int TableSample = 1000;

    protected IReadOnlyList<ResultColumn> Columns { get; private set; } = [];

    public static ResultWriter Create(ResultFormat format, TextWriter output, Func<Stream> openStdout) => format switch
    {
        ResultFormat.Csv => new CsvResultWriter(output),
        ResultFormat.Tsv => new TsvResultWriter(output),
        ResultFormat.Json => new JsonResultWriter(openStdout(), lines: false),
        ResultFormat.Jsonl => new JsonResultWriter(openStdout(), lines: true),
        _ => new TableResultWriter(output),
    };

    public virtual void Begin(IReadOnlyList<ResultColumn> columns) => Columns = columns;

    public abstract void Row(object?[] values);

    /// <summary>Ends a complete result.</summary>
    public abstract void End(long rows, bool quiet);

    /// <summary>
    /// Ends a result cut short by <paramref name="error"/> so that what was written stays well-formed; returns true when
    /// the error was written into the output (JSON), false when the caller reports it as usual.
    /// </summary>
    public virtual bool Fail(long rows, Action<Utf8JsonWriter> error) => false;

    public virtual void Dispose()
    {
    }

    /// <summary>A value as text, exactly: numbers with every digit (invariant culture), binary as hex.</summary>
    public static string Text(object value) => value switch
    {
        byte[] b => "\\x" + Convert.ToHexStringLower(b),
        SpecialTemporal special => special.Text,
        bool b => b ? "true" : "false",
        DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture), // no fraction when it is zero
        DateTimeOffset dto => dto.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        TimeSpan ts => TimeText(ts),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string TimeText(TimeSpan ts)
    {
        var sign = ts < TimeSpan.Zero ? "-" : "";
        var a = ts.Duration();
        var fraction = a.Ticks % TimeSpan.TicksPerSecond;
        return FormattableString.Invariant($"{sign}{(long)a.TotalHours:00}:{a.Minutes:00}:{a.Seconds:00}") +
               (fraction == 0 ? "" : "." + fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0'));
    }
}

/// <summary>An aligned text table in psql's layout: <c> id | name</c>, a rule, the rows, then <c>(N rows)</c>.</summary>
internal sealed class TableResultWriter(TextWriter output) : ResultWriter
{
    private readonly List<string[]> _sample = [];
    private int[]? _widths;

    public override void Row(object?[] values)
    {
        var cells = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
            cells[i] = values[i] switch
            {
                null => "NULL",
                byte[] b when b.Length > 64 => $"<{b.Length} bytes>",
                var v => Text(v),
            };
        if (_widths is null)
        {
            _sample.Add(cells);
            if (_sample.Count >= TableSample) Flush();
            return;
        }
        WriteRow(cells);
    }

    private void Flush()
    {
        _widths = [.. Columns.Select((c, i) => _sample.Select(r => Width(r[i])).Append(Width(c.Name)).Max())];
        if (Columns.Count > 0)
        {
            output.WriteLine(string.Join("|", Columns.Select((c, i) => " " + Pad(c.Name, _widths[i], right: false) + " ")).TrimEnd());
            output.WriteLine(string.Join("+", _widths.Select(w => new string('-', w + 2))));
        }
        foreach (var row in _sample) WriteRow(row);
        _sample.Clear();
    }

    private void WriteRow(string[] cells)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) line.Append('|');
            line.Append(' ').Append(Pad(cells[i], _widths![i], Columns[i].Kind == ResultValueKind.Number)).Append(' ');
        }
        output.WriteLine(line.ToString().TrimEnd());
    }

    // line breaks and tabs inside a value would break the layout: shown escaped (\n, \r, \t)
    private static string Cell(string s) => s.AsSpan().IndexOfAny("\n\r\t") < 0 ? s : s
        .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);

    private static int Width(string s) => new StringInfo(Cell(s)).LengthInTextElements;

    private static string Pad(string s, int width, bool right)
    {
        var cell = Cell(s);
        var pad = Math.Max(0, width - new StringInfo(cell).LengthInTextElements);
        return right ? new string(' ', pad) + cell : cell + new string(' ', pad);
    }

    public override void End(long rows, bool quiet)
    {
        if (_widths is null) Flush();
        if (!quiet) output.WriteLine($"({rows} row{(rows == 1 ? "" : "s")})");
        output.Flush();
    }

    public override bool Fail(long rows, Action<Utf8JsonWriter> error)
    {
        if (_widths is null) Flush();
        output.Flush();
        return false;
    }
}

/// <summary>
/// RFC 4180 CSV with a header row (CsvHelper): NULL is an empty field, the empty string is <c>""</c> — the convention
/// <c>nexusql import</c> and <c>seed</c> read back.
/// </summary>
internal sealed class CsvResultWriter(TextWriter output) : ResultWriter
{
    private readonly CsvWriter _csv = CsvWriter.Create(output, new CsvWriterOptions { HasHeader = false, ValidateFieldCount = false }, leaveOpen: true);

    public override void Begin(IReadOnlyList<ResultColumn> columns)
    {
        base.Begin(columns);
        if (columns.Count == 0) return; // a statement without a result (UPDATE through query): no CSV at all
        foreach (var c in columns) Field(c.Name);
        _csv.EndRecord();
    }

    public override void Row(object?[] values)
    {
        if (values.Length == 0) return;
        foreach (var v in values) Field(v is null ? null : Text(v));
        _csv.EndRecord();
    }

    private void Field(string? text) => _csv.WriteField(text ?? "", text is "" ? CsvQuoting.Always : CsvQuoting.WhenNeeded);

    public override void End(long rows, bool quiet) => _csv.Flush();

    public override bool Fail(long rows, Action<Utf8JsonWriter> error)
    {
        _csv.Flush();
        return false;
    }

    public override void Dispose()
    {
        _csv.Dispose();
        output.Flush();
    }
}

/// <summary>
/// Tab-separated values in the text format of PostgreSQL's COPY and <c>mysql --batch</c>: a header row, NULL as
/// <c>\N</c>, and backslash, tab, line feed and carriage return escaped as <c>\\</c>, <c>\t</c>, <c>\n</c>, <c>\r</c>.
/// </summary>
internal sealed class TsvResultWriter(TextWriter output) : ResultWriter
{
    public override void Begin(IReadOnlyList<ResultColumn> columns)
    {
        base.Begin(columns);
        if (columns.Count > 0) output.WriteLine(string.Join('\t', columns.Select(c => Escape(c.Name))));
    }

    public override void Row(object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) output.Write('\t');
            output.Write(values[i] is { } v ? Escape(Text(v)) : "\\N");
        }
        output.WriteLine();
    }

    private static string Escape(string s) => s.AsSpan().IndexOfAny("\\\t\n\r") < 0 ? s : s
        .Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    public override void End(long rows, bool quiet) => output.Flush();

    public override bool Fail(long rows, Action<Utf8JsonWriter> error)
    {
        output.Flush();
        return false;
    }
}

/// <summary>
/// <c>{"rows":[{...}, ...], "rowCount": N}</c> written as the rows arrive (json), or one object per line (jsonl).
/// Numbers keep every digit (the engine's text is written as a JSON number when it is one; <c>NaN</c> and
/// <c>Infinity</c> are strings); binary is base64; times are ISO 8601 text as the engine gives them.
/// </summary>
internal sealed class JsonResultWriter : ResultWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    private readonly Stream _stream;
    private readonly bool _lines;
    private readonly Utf8JsonWriter _writer;
    private JsonEncodedText[] _names = [];

    public JsonResultWriter(Stream stream, bool lines)
    {
        _stream = stream;
        _lines = lines;
        _writer = new Utf8JsonWriter(stream, Options with { Indented = !lines });
    }

    public override void Begin(IReadOnlyList<ResultColumn> columns)
    {
        base.Begin(columns);
        // a name used twice (SELECT 1 AS a, 2 AS a) would be a duplicate key most JSON readers collapse: a, a_2, a_3
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        _names = [.. columns.Select(c =>
        {
            var n = seen[c.Name] = seen.GetValueOrDefault(c.Name) + 1;
            return JsonEncodedText.Encode(n == 1 ? c.Name : $"{c.Name}_{n}", Options.Encoder);
        })];
        if (_lines) return;
        _writer.WriteStartObject();
        _writer.WriteStartArray("rows");
    }

    public override void Row(object?[] values)
    {
        _writer.WriteStartObject();
        for (var i = 0; i < values.Length; i++)
        {
            _writer.WritePropertyName(_names[i]);
            WriteValue(values[i], Columns[i].Kind);
        }
        _writer.WriteEndObject();
        if (_lines)
        {
            _writer.Flush();
            _stream.Write("\n"u8);
            _writer.Reset();
        }
        else if (_writer.BytesPending > 64 * 1024)
        {
            _writer.Flush();
        }
    }

    private void WriteValue(object? value, ResultValueKind kind)
    {
        switch (value)
        {
            case string text when kind == ResultValueKind.Number && IsJsonNumber(text):
                _writer.WriteRawValue(text, skipInputValidation: true);
                break;
            case string text when kind == ResultValueKind.Boolean && text is "t" or "f":
                _writer.WriteBooleanValue(text == "t"); // PostgreSQL's text form
                break;
            case TimeSpan or SpecialTemporal:
                _writer.WriteStringValue(Text(value));
                break;
            default:
                Output.WriteValue(_writer, value);
                break;
        }
    }

    /// <summary>JSON's number grammar (RFC 8259 §6): what a JSON reader takes as a number, digits kept.</summary>
    private static bool IsJsonNumber(string s)
    {
        var i = 0;
        if (i < s.Length && s[i] == '-') i++;
        if (i >= s.Length || !char.IsAsciiDigit(s[i])) return false;
        if (s[i] == '0') i++;
        else while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            if (i >= s.Length || !char.IsAsciiDigit(s[i])) return false;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        }
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-') i++;
            if (i >= s.Length || !char.IsAsciiDigit(s[i])) return false;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        }
        return i == s.Length;
    }

    public override void End(long rows, bool quiet)
    {
        if (!_lines)
        {
            _writer.WriteEndArray();
            _writer.WriteNumber("rowCount", rows);
            _writer.WriteEndObject();
            _writer.Flush();
            _stream.Write("\n"u8);
        }
        _stream.Flush();
    }

    public override bool Fail(long rows, Action<Utf8JsonWriter> error)
    {
        if (_lines)
        {
            _stream.Flush();
            return false; // jsonl: the lines written stay valid; the error goes to stderr / its own line as usual
        }
        if (_writer.CurrentDepth == 0) return false; // nothing begun: the usual error document
        _writer.WriteEndArray();
        _writer.WriteNumber("rowCount", rows);
        error(_writer);
        _writer.WriteEndObject();
        _writer.Flush();
        _stream.Write("\n"u8);
        _stream.Flush();
        return true;
    }

    public override void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }
}
