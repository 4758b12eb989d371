using NexuSql.Migrations;

namespace NexuSql.Operations;

/// <summary>
/// A seed <c>.sql</c> file, run as a migration script is (<see cref="ScriptTransaction"/>'s rule, one pipeline): in one
/// transaction where the engine has transactional DDL and no statement refuses one — the script's own BEGIN/COMMIT
/// refused before anything runs; otherwise statement by statement on one session (MariaDB, whose DDL commits by itself;
/// SQLite's PRAGMA foreign_keys), where a transaction the script leaves open is rolled back and is a failure. A failure
/// names the file, statement and line and what of the file stayed (bt42 N12, bt43 N-new-6 and N-new-12).
/// </summary>
internal sealed class SeedScript
{
    private SeedScript(string file, IReadOnlyList<SqlStatement> statements, bool transactional)
    {
        File = file;
        Statements = statements;
        Transactional = transactional;
    }

    public string File { get; }

    public IReadOnlyList<SqlStatement> Statements { get; }

    /// <summary>Runs in one transaction (rolled back whole on a failure).</summary>
    public bool Transactional { get; }

    /// <summary>Splits <paramref name="text"/> and checks that it can run as NexuSQL would run it.</summary>
    /// <exception cref="FormatException">The script controls its own transaction where it may not (statement and line named).</exception>
    public static SeedScript Read(NexuSqlDatabase database, string file, string text)
    {
        var d = database.Dialect;
        var statements = StatementSplitter.Split(text, d);
        var transactional = d.Capabilities.TransactionalDdl && !statements.Any(x => d.RequiresNoTransaction(StatementSplitter.Code(x.Text, d.Lexical)));
        if (ScriptTransaction.Refusal(statements, d, transactional, $"seed runs each .sql file on {database.Engine.DisplayName()} in a transaction of its own") is { } refusal)
            throw new FormatException($"{file}: statement {refusal.Index + 1} of {statements.Count} (line {statements[refusal.Index].Line}): {refusal.Problem}.");
        return new SeedScript(file, statements, transactional);
    }

    /// <summary>Runs the script.</summary>
    /// <exception cref="NexuSqlException">A statement failed, or the script left its own transaction open: file, statement, line and what stayed named.</exception>
    public async Task RunAsync(NexuSqlDatabase database, TransactionOptions unit, CancellationToken ct)
    {
        if (Transactional)
        {
            await using var tx = await database.BeginTransactionAsync(unit, ct).ConfigureAwait(false);
            for (var k = 0; k < Statements.Count; k++)
            {
                try
                {
                    await tx.ExecuteScriptStatementAsync(Statements[k].Text, ct).ConfigureAwait(false);
                }
                catch (NexuSqlException e) when (e is not NexuSqlConnectionException)
                {
                    throw Failed(k, e, "The file ran in one transaction, rolled back: nothing of it was written.");
                }
            }
            await tx.CommitAsync(ct).ConfigureAwait(false);
            return;
        }
        var d = database.Dialect;
        await using var session = await database.OpenSessionAsync(ct).ConfigureAwait(false);
        // the unit's settings, for the session (MySQL user variables; reset before the connection goes back to the pool)
        foreach (var (name, value) in unit.Settings ?? new Dictionary<string, string?>())
            if (d.UnitSettingSql(name) is { } set) await session.ExecuteAsync(set, new Dictionary<string, object?> { ["value"] = value }, ct).ConfigureAwait(false);
        try
        {
            for (var k = 0; k < Statements.Count; k++)
            {
                try
                {
                    await session.ExecuteScriptStatementAsync(Statements[k].Text, ct).ConfigureAwait(false);
                }
                catch (NexuSqlException e) when (e is not NexuSqlConnectionException)
                {
                    var settled = await ScriptTransaction.SettleAsync(session, Statements, k, d, ct).ConfigureAwait(false);
                    throw Failed(k, e, $"{ScriptTransaction.Kept(k, settled, Statements, d)} (the file ran without a transaction: {Why(d)}). " +
                                       "Undo by hand what stayed, or make the file idempotent, before seeding again.");
                }
            }
            var left = await ScriptTransaction.SettleAsync(session, Statements, Statements.Count, d, ct).ConfigureAwait(false);
            if (left.RolledBack)
                throw new NexuSqlException(
                    $"Seed file {File} failed: it ended with a transaction of its own still open, never committed, which NexuSQL rolled back " +
                    $"(the session's end would have done so silently). {ScriptTransaction.Kept(Statements.Count, left, Statements, d)} " +
                    $"(the file ran without a transaction: {Why(d)}). Add the missing COMMIT to the file, then seed again.", database.Engine);
        }
        finally
        {
            foreach (var name in unit.Settings?.Keys ?? [])
                if (d.UnitSettingResetSql(name) is { } reset) await session.ExecuteRawAsync(reset, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private string Why(Dialects.SqlDialect d) => d.Capabilities.TransactionalDdl
        ? "a statement in it cannot run inside one"
        : $"{d.Engine.DisplayName()} commits DDL by itself, so one transaction could not hold the file";

    private NexuSqlException Failed(int k, NexuSqlException e, string kept) =>
        new($"Seed file {File} failed at statement {k + 1} of {Statements.Count} (line {Statements[k].Line}): {NexuSqlMigrationScriptException.Sentence(e.Message)} {kept}", e.Engine, e.EngineCode, e);
}
