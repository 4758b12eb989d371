namespace NexuSql.Internal;

/// <summary>Turns parsed SQL plus the caller's arguments into driver text and an ordered list of values.</summary>
internal static class ParameterBinder
{
    /// <summary>
    /// Resolves the values for <paramref name="parsed"/>'s names from <paramref name="args"/>, expands lists, and
    /// returns the driver text; <paramref name="values"/> holds one value per driver parameter, in index order.
    /// </summary>
    public static string Bind(ParsedSql parsed, object? args, out object?[] values)
    {
        if (parsed.Names.Length == 0)
        {
            values = [];
            return parsed.Sql;
        }
        var byName = ParameterValues.Resolve(args, parsed.Names);
        int[]? listCounts = null;
        object?[][]? lists = null;
        for (var i = 0; i < byName.Length; i++)
        {
            if (!ParameterValues.IsList(byName[i])) continue;
            listCounts ??= Enumerable.Repeat(-1, byName.Length).ToArray();
            lists ??= new object?[byName.Length][];
            lists[i] = ((System.Collections.IEnumerable)byName[i]!).Cast<object?>().ToArray();
            listCounts[i] = lists[i].Length;
        }
        if (listCounts is null)
        {
            values = byName;
            return parsed.Rewritten;
        }
        var flat = new List<object?>(byName.Length + 8);
        for (var i = 0; i < byName.Length; i++)
        {
            if (listCounts[i] >= 0) flat.AddRange(lists![i]);
            else flat.Add(byName[i]);
        }
        values = flat.ToArray();
        return parsed.Build(listCounts);
    }
}
