namespace NexuSql;

/// <summary>
/// The values a pre-check refuses before anything is written (copy's and restore's): the first is thrown with the others
/// named after it — one per table and column, at most ten — so that one run shows what to fix (bt47 F2: a source took
/// three runs to clear, one bad value at a time).
/// </summary>
internal sealed class ValueRefusals
{
    private const int MaxNamed = 10;
    private readonly List<NexuSqlValueException> _found = [];
    private readonly HashSet<(string Table, string Column)> _columns = [];
    private int _more;

    /// <summary>Notes <paramref name="refusal"/>, unless one of its table and column is noted already.</summary>
    public void Add(NexuSqlValueException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        if (!_columns.Add((refusal.Table, refusal.Column))) return;
        if (_found.Count <= MaxNamed) _found.Add(refusal);
        else _more++;
    }

    /// <summary>Whether a refusal was noted.</summary>
    public bool Any => _found.Count > 0;

    /// <summary>Throws the first refusal noted, naming the others after it; returns when there is none.</summary>
    /// <exception cref="NexuSqlValueException">The first refusal.</exception>
    public void ThrowIfAny()
    {
        if (_found.Count == 0) return;
        if (_found.Count == 1) throw _found[0];
        var others = string.Join("; ", _found.Skip(1).Select(e => $"table {e.Table}, column {e.Column}, row {e.Key}{(e.Problem is { } p ? $": {p}" : "")}"));
        throw _found[0].WithNote($"Values of other columns it cannot hold either (the first of each): {others}{(_more > 0 ? $"; and {_more} more column(s)" : "")}.");
    }
}
