namespace NexuSql.Migrations;

/// <summary>One statement (or SQL Server batch) of a script.</summary>
/// <param name="Text">The statement without its delimiter.</param>
/// <param name="Line">The 1-based script line where it starts.</param>
public sealed record SqlStatement(string Text, int Line);
