using System.Globalization;
using System.Text.RegularExpressions;

namespace NexuSql.Data;

/// <summary>
/// SQLite's type affinity (datatype3, section 3.1): what a column's declared type makes SQLite do with a value before
/// storing it. Only the text of the declared type decides, so this needs no connection.
/// </summary>
internal static partial class SqliteAffinity
{
    /// <summary>The five affinities.</summary>
    public enum Kind
    {
        /// <summary>Declared with INT: numeric text becomes a number.</summary>
        Integer,

        /// <summary>Declared with CHAR, CLOB or TEXT: numbers become text, text stays as written.</summary>
        Text,

        /// <summary>Declared with BLOB, or without a type: values stay as given.</summary>
        Blob,

        /// <summary>Declared with REAL, FLOA or DOUB: numeric text becomes a REAL.</summary>
        Real,

        /// <summary>Any other declared type (NUMERIC, DECIMAL, BOOLEAN, DATE, JSON ...): numeric text becomes a number.</summary>
        Numeric,
    }

    /// <summary>The affinity of a column declared <paramref name="declaredType"/>, by SQLite's rules in their order.</summary>
    public static Kind Of(string declaredType)
    {
        ArgumentNullException.ThrowIfNull(declaredType);
        var t = declaredType.ToUpperInvariant();
        if (t.Contains("INT", StringComparison.Ordinal)) return Kind.Integer;
        if (t.Contains("CHAR", StringComparison.Ordinal) || t.Contains("CLOB", StringComparison.Ordinal) || t.Contains("TEXT", StringComparison.Ordinal)) return Kind.Text;
        if (t.Contains("BLOB", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(t)) return Kind.Blob;
        if (t.Contains("REAL", StringComparison.Ordinal) || t.Contains("FLOA", StringComparison.Ordinal) || t.Contains("DOUB", StringComparison.Ordinal)) return Kind.Real;
        return Kind.Numeric;
    }

    /// <summary>
    /// Whether a column of INTEGER, REAL or NUMERIC affinity would store <paramref name="text"/> as a number: a
    /// well-formed integer or real literal, surrounding blanks allowed ('1', ' -0 ', '1.0', '.5', '1E2').
    /// </summary>
    public static bool IsNumericLiteral(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return NumericLiteral().IsMatch(text);
    }

    /// <summary>
    /// What a column of <paramref name="affinity"/> stores for the text <paramref name="text"/> (datatype3, section 3.0,
    /// as SQLite's applyNumericAffinity does it): null when it stores the text as it is (TEXT or BLOB affinity, or text
    /// that is not a numeric literal); else the long of an integer literal within 64 bits, or the double the literal
    /// parses to — turned into a long when that double is an integer within 64 bits (NUMERIC and INTEGER affinity:
    /// '1e3' → 1000, '3.0' → 3, '99999999999999999.999' → 100000000000000000); REAL affinity keeps every number a double.
    /// </summary>
    public static object? StoredNumber(string text, Kind affinity)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (affinity is Kind.Text or Kind.Blob || !IsNumericLiteral(text)) return null;
        var t = text.Trim(' ', '\t', '\n', '\f', '\r');
        var integerLiteral = t.AsSpan().IndexOfAny('.', 'e', 'E') < 0;
        if (integerLiteral && long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
            return affinity == Kind.Real ? (double)whole : (object)whole;
        var d = double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture);
        // 2^63 is the first double past long.MaxValue
        if (affinity != Kind.Real && double.IsFinite(d) && Math.Floor(d) == d && d >= -9223372036854775808.0 && d < 9223372036854775808.0)
            return (long)d;
        return d;
    }

    [GeneratedRegex(@"\A[ \t\n\f\r]*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?[ \t\n\f\r]*\z")]
    private static partial Regex NumericLiteral();
}
