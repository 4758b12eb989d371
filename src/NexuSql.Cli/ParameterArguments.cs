using System.Globalization;

namespace NexuSql.Cli;

/// <summary>
/// Parses <c>--param name=value</c> and <c>--param name:type=value</c>. Without a type, whole numbers become
/// integers, <c>true</c>/<c>false</c> booleans, and anything else text; <c>name:null=</c> binds NULL.
/// Types: text, int, long, decimal, double, bool, uuid, date, time, datetime, datetimeoffset, null.
/// </summary>
internal static partial class ParameterArguments
{
    /// <param name="parameters">The --param arguments.</param>
    /// <param name="timeResolutionTicks">
    /// The smallest step of a time the engine keeps, in ticks (<see cref="NexuSql.Dialects.SqlDialect.TimeResolutionTicks"/>):
    /// a time, datetime or datetimeoffset with a finer fraction of a second is refused instead of cut by the engine.
    /// </param>
    public static Dictionary<string, object?> Parse(IEnumerable<string> parameters, long timeResolutionTicks = 1)
    {
        var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in parameters)
        {
            var eq = parameter.IndexOf('=');
            if (eq <= 0) throw new UsageException($"--param '{parameter}' must look like name=value (or name:type=value).");
            var left = parameter[..eq];
            var value = parameter[(eq + 1)..];
            var colon = left.IndexOf(':');
            var name = colon < 0 ? left : left[..colon];
            var type = colon < 0 ? null : left[(colon + 1)..].ToLowerInvariant();
            if (name.Length == 0) throw new UsageException($"--param '{parameter}' has no name before '='.");
            if (result.ContainsKey(name)) throw new UsageException($"--param {name} is given twice; give each parameter once.");
            try
            {
                result[name] = type is null ? Infer(value) : Convert(value, type);
                if (type is "time" or "datetime" or "timestamp" or "datetimeoffset" or "timestamptz") CheckFraction(value, timeResolutionTicks);
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new UsageException($"--param {name}: '{value}' is not a valid {type}: {e.Message}");
            }
        }
        return result;
    }

    private static object Infer(string value)
    {
        // Leading zeros ("007") and huge numbers stay text: they are rarely meant as numbers.
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            && n.ToString(CultureInfo.InvariantCulture) == value) return n;
        if (value is "true" or "false") return value == "true";
        return value;
    }

    private static object? Convert(string value, string type) => type switch
    {
        "text" or "string" => value,
        "int" => int.Parse(value, CultureInfo.InvariantCulture),
        "long" or "bigint" => long.Parse(value, CultureInfo.InvariantCulture),
        "decimal" or "numeric" => Decimal(value),
        "double" or "float" => Double(value),
        "bool" or "boolean" => bool.Parse(value),
        "uuid" or "guid" => Guid.Parse(value),
        "date" => DateOnly.Parse(value, CultureInfo.InvariantCulture),
        "time" => TimeOnly.Parse(value, CultureInfo.InvariantCulture),
        "datetime" or "timestamp" => DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        "datetimeoffset" or "timestamptz" => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture),
        "base64" or "bytes" => System.Convert.FromBase64String(value),
        "null" => null,
        _ => throw new UsageException(
            $"Unknown parameter type '{type}'. Use text, int, long, decimal, double, bool, uuid, date, time, datetime, datetimeoffset, base64 or null."),
    };

    /// <summary>
    /// A decimal, refused when .NET's decimal (28–29 significant digits) would round it: binding it would change the
    /// number without a word (the data paths move such numbers as exact text).
    /// </summary>
    private static decimal Decimal(string value)
    {
        var d = decimal.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        return Canonical(d.ToString(CultureInfo.InvariantCulture)) == Canonical(value) ? d
            : throw new OverflowException("it has more significant digits than .NET's decimal keeps (28–29), and binding it would round it. " +
                                          "Pass it as text and cast it in the SQL: --param n=... with CAST(:n AS numeric)");
    }

    /// <summary>A number's sign, significant digits and power of ten ("-0012.3400e1" → "-1234e-1"), to compare two spellings exactly.</summary>
    private static string Canonical(string number)
    {
        var t = number.Trim();
        var negative = t.StartsWith('-');
        t = t.TrimStart('-', '+');
        var exponent = 0;
        if (t.IndexOfAny(['e', 'E']) is var e and >= 0)
        {
            exponent = int.Parse(t[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            t = t[..e];
        }
        if (t.IndexOf('.') is var dot and >= 0)
        {
            exponent -= t.Length - dot - 1;
            t = t.Remove(dot, 1);
        }
        var digits = t.TrimStart('0');
        var trimmed = digits.TrimEnd('0');
        exponent += digits.Length - trimmed.Length;
        return trimmed.Length == 0 ? "0" : $"{(negative ? "-" : "")}{trimmed}e{exponent}";
    }

    /// <summary>
    /// A fraction of a second finer than the engine keeps (<c>12:00:00.0000001</c> where PostgreSQL and MariaDB keep
    /// microseconds) is refused: the engine would cut or round it without a word.
    /// </summary>
    private static void CheckFraction(string value, long resolutionTicks)
    {
        var kept = 7 - (int)Math.Round(Math.Log10(Math.Max(1, resolutionTicks)));
        if (FractionOfSecond().Match(value) is { Success: true } m && m.Groups[1].Value.Length > kept && m.Groups[1].Value[kept..].Any(c => c != '0'))
            throw new FormatException($"it has a finer fraction of a second ({m.Groups[1].Value.Length} digits) than the database keeps ({kept} digits{(kept == 6 ? ", microseconds" : "")}), " +
                                      "which would cut it without a word. Give at most " + kept + " digits");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\d:\d\d[.,](\d+)")]
    private static partial System.Text.RegularExpressions.Regex FractionOfSecond();

    /// <summary>A double; a finite number beyond its range (1e999) is refused, not bound as infinity.</summary>
    private static double Double(string value)
    {
        var d = double.Parse(value, CultureInfo.InvariantCulture);
        return double.IsFinite(d) || !value.Any(char.IsDigit) ? d : throw new OverflowException("Value was either too large or too small for a Double.");
    }
}
