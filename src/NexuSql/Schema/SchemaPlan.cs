namespace NexuSql.Schema;

/// <summary>One planned change.</summary>
/// <param name="Description">What it does, for people ("add column orders.note").</param>
/// <param name="Sql">The statement(s) for the target engine; empty for a refused change the engine cannot express.</param>
/// <param name="Destructive">Drops or narrows something: data may be lost.</param>
public sealed record SchemaChange(string Description, IReadOnlyList<string> Sql, bool Destructive = false)
{
    /// <summary>
    /// SQL written for another engine, run as written (another engine's view): where schema changes commit one by one,
    /// <see cref="SchemaApplier.ApplyAsync"/> tries it in a scratch database first.
    /// </summary>
    internal bool ForeignSql { get; init; }

    /// <summary>
    /// A query that returns a row when the rows the table holds now would make the change fail (a new UNIQUE key with
    /// duplicates, a new check some rows break), its first column showing one of them; null when none applies. Where
    /// schema changes commit one by one, <see cref="SchemaApplier.ApplyAsync"/> runs these before the first change
    /// (bt53 O15: "1 of 3 change(s) were applied before 'add unique x on b' failed").
    /// </summary>
    internal string? BrokenByRowsSql { get; init; }
}

/// <summary>What it takes to turn one schema into another, in the order to run it.</summary>
/// <param name="Changes">Changes to run, in order.</param>
/// <param name="Refused">Changes left out: destructive ones without allow-drop, and ones the engine cannot do in place (with the reason).</param>
public sealed record SchemaPlan(IReadOnlyList<SchemaChange> Changes, IReadOnlyList<SchemaChange> Refused)
{
    /// <summary>
    /// What of another engine's schema file the plan makes otherwise on this engine, each a sentence — as a copy or
    /// restore makes it and names it ("not as they were"): a collation that does not translate, an identity's step, a
    /// key given a length. Empty for a file of this engine's or a hand-written one. Not a difference by itself.
    /// </summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>True when the schemas already match.</summary>
    public bool IsEmpty => Changes.Count == 0 && Refused.Count == 0;

    /// <summary>Every statement to run, in order.</summary>
    public IEnumerable<string> Statements => Changes.SelectMany(c => c.Sql);

    /// <summary>The plan as a migration script: each change as a comment and its statements, refused changes listed at the top.</summary>
    public string ToScript()
    {
        var sb = new System.Text.StringBuilder();
        foreach (var r in Refused) sb.Append("-- NOT INCLUDED: ").Append(r.Description).Append('\n');
        if (Refused.Count > 0) sb.Append('\n');
        foreach (var n in Notes) sb.Append("-- NOT AS IN THE FILE: ").Append(n).Append('\n');
        if (Notes.Count > 0) sb.Append('\n');
        foreach (var c in Changes)
        {
            sb.Append("-- ").Append(c.Description).Append('\n');
            foreach (var s in c.Sql) sb.Append(s).Append(";\n");
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
