namespace NexuSql.Internal;

/// <summary>The column list shared by the rows of one result.</summary>
internal sealed class RowSchema
{
    public RowSchema(string[] names)
    {
        Names = names;
        Index = new Dictionary<string, int>(names.Length, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Length; i++) Index.TryAdd(names[i], i);
    }

    public string[] Names { get; }

    public Dictionary<string, int> Index { get; }
}
