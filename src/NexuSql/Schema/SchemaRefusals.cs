namespace NexuSql.Schema;

/// <summary>
/// The refusals of one cross-engine translation, gathered step by step so that one run names every kind (bt48 L1: a
/// refused plan named the check it could not translate, and only the next run the key collations). A step that refuses
/// leaves the schema as it was, and the next steps go on with it.
/// </summary>
internal sealed class SchemaRefusals
{
    private const string NothingWritten = "Nothing was written. ";
    private readonly List<string> _reasons = [];

    /// <summary>Whether a refusal was noted.</summary>
    public bool Any => _reasons.Count > 0;

    /// <summary>Notes a refusal (a whole sentence; "Nothing was written." in it is said once for all).</summary>
    public void Add(string reason) => _reasons.Add(reason);

    /// <summary>The refusals noted so far, each a whole sentence.</summary>
    public IReadOnlyList<string> Reasons => _reasons.Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Runs <paramref name="step"/>; a refusal it throws is noted, and <paramref name="unchanged"/> returned (so is it for
    /// another failure once a refusal was noted: the step had the refused objects as they were).
    /// </summary>
    public T Try<T>(Func<T> step, T unchanged)
    {
        try
        {
            return step();
        }
        catch (NexuSqlRefusedException e)
        {
            _reasons.AddRange(e.Reasons);
            return unchanged;
        }
        catch (Exception e) when (Any && e is not OperationCanceledException)
        {
            return unchanged;
        }
    }

    /// <summary>Runs <paramref name="step"/>; a refusal it throws is noted.</summary>
    public void Try(Action step) => Try(() => { step(); return true; }, false);

    /// <summary>
    /// Runs the steps of a translation: a refusal they throw is noted; another failure after a refusal was noted gives way
    /// to the refusals (the later steps had the refused objects as they were), and the refusals are thrown.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Every refusal noted, in one exception.</exception>
    public T Run<T>(Func<T> steps)
    {
        var result = Try(steps, default(T)!);
        ThrowIfAny();
        return result;
    }

    /// <summary>Throws the refusals noted, one exception for all; returns when there is none.</summary>
    /// <exception cref="NexuSqlRefusedException">One refusal as it was written, or several numbered under one heading.</exception>
    public void ThrowIfAny()
    {
        var reasons = Reasons;
        if (reasons.Count == 0) return;
        if (reasons.Count == 1) throw new NexuSqlRefusedException(reasons[0]);
        throw new NexuSqlRefusedException(
            $"{NothingWritten}Refused for {reasons.Count} reasons:" + string.Concat(reasons.Select((r, i) => $"\n  {i + 1}. {r.Replace(NothingWritten, "", StringComparison.Ordinal)}")),
            reasons);
    }
}
