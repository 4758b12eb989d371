using System.CommandLine;
using System.Globalization;

namespace NexuSql.Cli.Commands;

/// <summary>Arguments and options shared by several commands: SQL text, --param, --tables, number limits.</summary>
internal static class SqlArguments
{
    public static Argument<string> Sql() => new("sql") { Description = "SQL text with :name parameters." };

    public static Option<string[]> Params() => new("--param", "-p")
    {
        Description = "A parameter value: name=value, or name:type=value (types: text int long decimal double bool uuid date time datetime datetimeoffset base64 null).",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>--strict: refuse a --param the SQL never uses instead of warning.</summary>
    public static Option<bool> Strict() => new("--strict") { Description = "Refuse (exit 2) a --param the SQL does not use, instead of warning." };

    /// <summary>
    /// A --param the SQL never uses is almost always a typo (<c>WHERE id = id</c> for <c>WHERE id = :id</c>): warn on
    /// stderr, or refuse under --strict before anything runs.
    /// </summary>
    /// <exception cref="UsageException">Under <paramref name="strict"/>, a parameter is unused.</exception>
    public static void CheckUsed(NexuSqlSession db, string sql, IReadOnlyDictionary<string, object?> args, bool strict)
    {
        var used = db.ParameterNames(sql).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unused = args.Keys.Where(k => !used.Contains(k)).ToList();
        if (unused.Count == 0) return;
        var message = $"--param {string.Join(", ", unused)}: the SQL has no {string.Join(", ", unused.Select(u => ":" + u))}" +
                      (used.Count == 0 ? " (it uses no parameters)" : $" (it uses {string.Join(", ", used.Select(u => ":" + u))})") +
                      ". Did you forget a ':'?";
        if (strict) throw new UsageException(message + " Refused under --strict; nothing ran.");
        Console.Error.WriteLine("Warning: " + message);
    }

    /// <summary>--tables t1,t2.</summary>
    public static Option<string?> TablesOption(string description) => new("--tables") { Description = description };

    /// <summary>The <c>--schemas</c> option of backup and copy (PostgreSQL schemas inside the database).</summary>
    public static Option<string?> SchemasOption(string what) => new("--schemas")
    {
        Description = $"PostgreSQL: {what} only the tables and views of these schemas (comma-separated; the current one by its name, " +
                      "e.g. public,sales). Default: every non-system schema.",
    };

    /// <summary>The names in a comma-separated value (--tables, --key, --checks); null when not given.</summary>
    /// <exception cref="UsageException">The value is given but names nothing (<c>--tables ',,,'</c> or <c>''</c>).</exception>
    public static IReadOnlyList<string>? Tables(string? value, string option = "--tables", string what = "table")
    {
        if (value is null) return null;
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.Length > 0 ? names : throw new UsageException($"{option} '{value}' names no {what}: give names separated by commas, or leave {option} out for all.");
    }

    /// <summary>
    /// Reads the option's value as a whole number from <paramref name="min"/> to <paramref name="max"/>, and refuses
    /// anything else at parse time (exit 2) in the user's words: "<c>--jobs takes a whole number from 1 to 64, not 'x'.</c>"
    /// — System.CommandLine's own message named a .NET type ("as expected type 'System.Int32'", break test 29 M18).
    /// </summary>
    public static Option<int> Between(this Option<int> option, int min, int max, string what = "a whole number")
    {
        var given = option.DefaultValueFactory;
        option.CustomParser = r => r.Tokens.Count == 0 && given is not null ? given(r)
            : (int)(Whole(r, option.Name, min, max, $"{what} from {min} to {max}") ?? 0);
        return option;
    }

    /// <summary>
    /// Reads the option's value as a whole number of <paramref name="min"/> or more, and refuses anything else at parse
    /// time (exit 2): "<c>--keep takes a whole number, 1 or more, not '0'.</c>"; <paramref name="note"/> follows the
    /// range ("0: do not wait"). A number too large for it is refused naming the largest one, or with
    /// <paramref name="anyMore"/> (a count where more than there can be means all: prune's --keep) taken as the largest
    /// (bt43: "--keep takes a whole number, 1 or more, not '99999999999'").
    /// </summary>
    public static Option<int> AtLeast(this Option<int> option, int min, string what = "a whole number", string? note = null, bool anyMore = false)
    {
        var given = option.DefaultValueFactory;
        option.CustomParser = r => r.Tokens.Count == 0 && given is not null ? given(r)
            : (int)Math.Min(Whole(r, option.Name, min, anyMore ? long.MaxValue : int.MaxValue, Range(what, min, note)) ?? 0, int.MaxValue);
        return option;
    }

    /// <inheritdoc cref="AtLeast(Option{int}, int, string, string?, bool)"/>
    public static Option<long?> AtLeast(this Option<long?> option, long min, string what = "a whole number", string? note = null)
    {
        option.CustomParser = r => Whole(r, option.Name, min, long.MaxValue, Range(what, min, note));
        return option;
    }

    private static string Range(string what, long min, string? note) => $"{what}, {min} or more" + (note is null ? "" : $" ({note})");

    private static long? Whole(System.CommandLine.Parsing.ArgumentResult result, string name, long min, long max, string expected)
    {
        if (result.Tokens is not [var token]) return null;
        var number = long.TryParse(token.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n);
        // digits beyond a long: larger than any largest value
        if (!number && token.Value.TrimStart('+') is { Length: > 0 } digits && digits.All(char.IsAsciiDigit)) (number, n) = (true, long.MaxValue);
        if (number && n >= min && n <= max) return n;
        result.AddError(number && n > max && max < long.MaxValue && !expected.Contains(" to ", StringComparison.Ordinal)
            ? $"{name} takes {expected}, at most {max.ToString(CultureInfo.InvariantCulture)}, not '{token.Value}'."
            : $"{name} takes {expected}, not '{token.Value}'.");
        return null;
    }
}
