using System.Numerics;

namespace NexuSql.Migrations;

/// <summary>
/// A migration version such as <c>1</c>, <c>001</c>, <c>1.10</c> or <c>2024_05_01.2</c>. Parts are separated by
/// '.' or '_' and compare numerically (<c>1.10</c> &gt; <c>1.9</c>); missing trailing parts count as zero
/// (<c>1</c> = <c>1.0</c>), and leading zeros do not matter (<c>001</c> = <c>1</c>).
/// </summary>
public sealed class MigrationVersion : IComparable<MigrationVersion>, IEquatable<MigrationVersion>
{
    private readonly BigInteger[] _parts;

    private MigrationVersion(string text, BigInteger[] parts)
    {
        Text = text;
        _parts = parts;
    }

    /// <summary>The version as written in the file name, with '_' shown as '.'.</summary>
    public string Text { get; }

    /// <summary>Parses a version.</summary>
    /// <exception cref="FormatException">Not digits separated by '.' or '_'.</exception>
    public static MigrationVersion Parse(string text) =>
        TryParse(text, out var v) ? v! : throw new FormatException($"'{text}' is not a migration version: use digits separated by '.' or '_', e.g. 1, 1.2 or 2024_05_01.");

    /// <summary>Tries to parse a version.</summary>
    public static bool TryParse(string? text, out MigrationVersion? version)
    {
        version = null;
        if (string.IsNullOrEmpty(text)) return false;
        var pieces = text.Split('.', '_');
        var parts = new BigInteger[pieces.Length];
        for (var i = 0; i < pieces.Length; i++)
        {
            if (pieces[i].Length == 0 || !pieces[i].All(char.IsAsciiDigit)) return false;
            parts[i] = BigInteger.Parse(pieces[i], System.Globalization.CultureInfo.InvariantCulture);
        }
        var length = parts.Length;
        while (length > 1 && parts[length - 1].IsZero) length--;
        version = new MigrationVersion(text.Replace('_', '.'), parts[..length]);
        return true;
    }

    /// <summary>Numeric comparison, part by part.</summary>
    public int CompareTo(MigrationVersion? other)
    {
        if (other is null) return 1;
        for (var i = 0; i < Math.Max(_parts.Length, other._parts.Length); i++)
        {
            var a = i < _parts.Length ? _parts[i] : BigInteger.Zero;
            var b = i < other._parts.Length ? other._parts[i] : BigInteger.Zero;
            var c = a.CompareTo(b);
            if (c != 0) return c;
        }
        return 0;
    }

    /// <summary>Equal when numerically equal (<c>1.0</c> equals <c>1</c>).</summary>
    public bool Equals(MigrationVersion? other) => CompareTo(other) == 0 && other is not null;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MigrationVersion);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var p in _parts) h.Add(p);
        return h.ToHashCode();
    }

    /// <summary>The next version in the first part (<c>3.2</c> → <c>4</c>), keeping zero padding (<c>007</c> → <c>008</c>).</summary>
    public MigrationVersion NextMajor()
    {
        var first = Text.Split('.')[0];
        var next = (_parts[0] + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(first.Length, '0');
        return Parse(next);
    }

    /// <summary>Compares versions (null sorts first).</summary>
    public static bool operator <(MigrationVersion? a, MigrationVersion? b) => Comparer<MigrationVersion?>.Default.Compare(a, b) < 0;

    /// <summary>Compares versions (null sorts first).</summary>
    public static bool operator >(MigrationVersion? a, MigrationVersion? b) => Comparer<MigrationVersion?>.Default.Compare(a, b) > 0;

    /// <summary>Compares versions (null sorts first).</summary>
    public static bool operator <=(MigrationVersion? a, MigrationVersion? b) => !(a > b);

    /// <summary>Compares versions (null sorts first).</summary>
    public static bool operator >=(MigrationVersion? a, MigrationVersion? b) => !(a < b);

    /// <summary>The version text.</summary>
    public override string ToString() => Text;
}
