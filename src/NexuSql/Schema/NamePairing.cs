namespace NexuSql.Schema;

/// <summary>
/// Pairs the names of one side with the other's (the columns of one table in two databases, a file's fields with a
/// table's columns): a name spelled the same way first, then, among those left, the only name of the other side that
/// differs from it by case alone. PostgreSQL and SQLite's quoted names keep their case: a table may hold both
/// <c>"A"</c> and <c>a</c>, and pairing by the first case-insensitive match compared one with the other (break test 40
/// N-H7, N-H6). A name that could pair with two (<c>Name</c> against <c>NAME</c> and <c>name</c>) is left unpaired.
/// </summary>
internal static class NamePairing
{
    /// <summary>Each name of <paramref name="first"/> that pairs, with the name of <paramref name="second"/> it pairs with.</summary>
    /// <param name="first">One side's names.</param>
    /// <param name="second">The other side's names.</param>
    /// <param name="foldCase">
    /// False: only names spelled the same way pair — between two databases of one engine that tells the names apart by
    /// case (PostgreSQL; MariaDB table names), where <c>"Email"</c> and <c>email</c> are other names (bt41 F1).
    /// </param>
    public static Dictionary<string, string> Pair(IEnumerable<string> first, IEnumerable<string> second, bool foldCase = true)
    {
        var a = first.ToList();
        var b = second.ToList();
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in a.Where(n => b.Contains(n, StringComparer.Ordinal))) pairs.TryAdd(name, name);
        var paired = new HashSet<string>(pairs.Values, StringComparer.Ordinal);
        if (!foldCase) return pairs;
        var restA = a.Where(n => !pairs.ContainsKey(n)).ToList();
        var restB = b.Where(n => !paired.Contains(n)).ToList();
        foreach (var name in restA)
        {
            var matches = restB.Where(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 1 && restA.Count(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) == 1) pairs[name] = matches[0];
        }
        return pairs;
    }

    /// <summary>
    /// The item of <paramref name="items"/> named <paramref name="name"/>: the one spelled so, else the only one whose
    /// name is it regardless of case; null when none is, or two differ from it by case alone.
    /// </summary>
    public static T? Find<T>(IEnumerable<T> items, Func<T, string> nameOf, string name) where T : class
    {
        T? folded = null;
        var twice = false;
        foreach (var item in items)
        {
            var n = nameOf(item);
            if (string.Equals(n, name, StringComparison.Ordinal)) return item;
            if (!string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) continue;
            twice |= folded is not null;
            folded ??= item;
        }
        return twice ? null : folded;
    }

    /// <summary>
    /// The names of <paramref name="first"/> left unpaired because two names of the other side differ from each by case
    /// alone (or two of its own differ from one of the other's): the ambiguous ones, to name in an error.
    /// </summary>
    public static IEnumerable<string> Ambiguous(IEnumerable<string> first, IEnumerable<string> second, IReadOnlyDictionary<string, string> pairs)
    {
        var b = second.ToList();
        return first.Where(n => !pairs.ContainsKey(n)
            && b.Count(m => !pairs.Values.Contains(m, StringComparer.Ordinal) && string.Equals(m, n, StringComparison.OrdinalIgnoreCase)) > 0);
    }
}
