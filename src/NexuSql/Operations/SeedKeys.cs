namespace NexuSql.Operations;

/// <summary>
/// The rows seed's records name, by key, with the first record naming each: two records naming one row leave the row's
/// values unsaid, whether they are in one file (break test F22) or in two files of one folder for one table (each seed
/// updated the row to the first file's values, then to the second's: "1 updated" twice on every run, never
/// "unchanged"). Files of different folders (seeds/common, then the environment's; several <c>--folder</c>) are
/// layered instead, the later folder's winning, as meant.
/// </summary>
internal sealed class SeedKeys
{
    private readonly Dictionary<string, (string File, int Position)> _first = new(StringComparer.Ordinal);

    /// <summary>Whether a record so far names the row <paramref name="key"/> (<see cref="FileTable.DescribeKey(object?[])"/>).</summary>
    public bool Contains(string key) => _first.ContainsKey(key);

    /// <summary>Notes that the record at <paramref name="position"/> of <paramref name="file"/> names <paramref name="key"/>.</summary>
    /// <returns>The first record naming the same row, if one did; null otherwise.</returns>
    public (string File, int Position)? Add(string key, string file, int position)
    {
        if (_first.TryGetValue(key, out var earlier)) return earlier;
        _first[key] = (file, position);
        return null;
    }

    /// <summary>The refusal of the record at <paramref name="position"/> of <paramref name="file"/>, which names the row <paramref name="earlier"/> names.</summary>
    /// <param name="bound">The record's binding.</param>
    /// <param name="values">The record's values (its key as the table holds it).</param>
    /// <param name="earlier">The first record naming the row.</param>
    /// <param name="file">The record's file.</param>
    /// <param name="position">The record's line (CSV) or item (JSON).</param>
    /// <param name="engine">The database's engine.</param>
    /// <param name="nothing">What was not written.</param>
    public static NexuSqlValueException Refusal(FileTable bound, object?[] values, (string File, int Position) earlier, string file, int position,
        NexuSqlEngine engine, string nothing)
    {
        var key = bound.DescribeKey(values);
        var columns = string.Join(", ", bound.Key.Select(k => k.Name));
        if (earlier.File == file)
            return new NexuSqlValueException(bound.Table.QualifiedName, columns, key,
                "an earlier record of this file names the same row, so the file does not say which values the row should hold", engine,
                advice: $"Keep one record per key in {file} (the second is at {Place(file, position)}); {nothing}");
        return new NexuSqlValueException(bound.Table.QualifiedName, columns, key,
            $"{earlier.File} ({Place(earlier.File, earlier.Position)}) and {file} ({Place(file, position)}) both name this row, " +
            "and files of one folder for one table are loaded as one, so the folder does not say which values the row should hold", engine,
            advice: "Keep the row in one of the two files (values meant to override another folder's go in a later --folder, " +
                    $"such as the environment's after seeds/common). {nothing}");
    }

    private static string Place(string file, int position) =>
        $"{(file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "item" : "line")} {position}";
}
