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

    [GeneratedRegex(@"\A[ \t\n\f\r]*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?[ \t\n\f\r]*\z")]
    private static partial Regex NumericLiteral();
}
