using NexuSql.Dialects;
using NexuSql.Migrations;

namespace NexuSql.Operations;

/// <summary>
/// SQL of several statements — a seed <c>.sql</c> file, the text given to <c>exec</c> — run as a migration script is
/// (<see cref="ScriptTransaction"/>'s rule, one pipeline): in one transaction where the engine can hold every statement
/// in one (transactional DDL, or no statement that commits by itself: MariaDB's DDL) and no statement refuses one;
/// otherwise statement by statement on one session, where a transaction the script leaves open is rolled back and is a
/// failure. A failure names the statement and line and what of the script stayed (bt42 N12, bt43 N-new-6 and
/// N-new-12; bt45 M3: <c>exec "insert ...; insert into nosuch ..."</c> kept the first insert on SQLite and MariaDB
/// without a word, while PostgreSQL rolled both back).
/// </summary>
internal sealed class SqlScript
{
    private SqlScript(string name, string what, string advice, IReadOnlyList<SqlStatement> statements, bool transactional)
    {
        Name = name;
        What = what;
        Advice = advice;
        Statements = statements;
        Transactional = transactional;
    }

    /// <summary>What the script is, for messages: "Seed file x.sql", "The SQL".</summary>
    public string Name { get; }

    /// <summary>The script inside a sentence: "the file", "the SQL".</summary>
    private string What { get; }

    /// <summary>What to do after a failure that kept statements ("before seeding again").</summary>
    private string Advice { get; }

    public IReadOnlyList<SqlStatement> Statements { get; }

    /// <summary>Runs in one transaction (rolled back whole on a failure).</summary>
    public bool Transactional { get; }

    /// <summary>Splits <paramref name="text"/> and checks that it can run as NexuSQL would run it.</summary>
    /// <param name="database">The database it runs on (its dialect splits it).</param>
    /// <param name="name">What the script is, for messages ("Seed file x.sql").</param>
    /// <param name="what">The script inside a sentence ("the file").</param>
    /// <param name="text">The SQL.</param>
    /// <param name="ownTransaction">
    /// Why a transaction of the script's own is refused where NexuSQL would run it in one ("seed runs each .sql file in a
    /// transaction of its own"); null: a script holding its own BEGIN ... COMMIT runs statement by statement instead,
    /// its transactions its own (<c>exec</c>, where the user writes them on purpose).
    /// </param>
    /// <param name="advice">What to do after a failure that kept statements ("make the file idempotent, before seeding again").</param>
    /// <exception cref="FormatException">The script controls its own transaction where it may not (statement and line named).</exception>
    public static SqlScript Read(NexuSqlDatabase database, string name, string what, string text, string? ownTransaction, string advice)
    {
        var d = database.Dialect;
        var statements = StatementSplitter.Split(text, d);
        var codes = statements.Select(x => StatementSplitter.Code(x.Text, d.Lexical)).ToList();
        var own = codes.Any(SqlDialect.IsTransactionControl);
        // MariaDB: DDL commits by itself, so a transaction holds the script only when it has none (nor its own BEGIN ... COMMIT)
        var transactional = !codes.Any(d.RequiresNoTransaction)
                            && (d.Capabilities.TransactionalDdl ? ownTransaction is not null || !own : !own && !codes.Any(d.CommitsImplicitly));
        if (ScriptTransaction.Refusal(statements, d, transactional, $"{ownTransaction} on {database.Engine.DisplayName()}") is { } refusal)
            throw new FormatException($"{name}: statement {refusal.Index + 1} of {statements.Count} (line {statements[refusal.Index].Line}): {refusal.Problem}.");
        return new SqlScript(name, what, advice, statements, transactional);
    }

    /// <summary>Runs the script, every statement with <paramref name="args"/> (each takes the <c>:name</c>s it uses).</summary>
    /// <returns>The rows the statements affected, summed; -1 when none reports a count.</returns>
    /// <exception cref="NexuSqlException">A statement failed, or the script left its own transaction open: statement, line and what stayed named.</exception>
    /// <exception cref="NexuSqlScriptCancelledException">Cancelled: the statement that ran and what stayed named.</exception>
    public async Task<int> RunAsync(NexuSqlDatabase database, TransactionOptions unit, object? args, CancellationToken ct)
    {
        var affected = -1;
        void Add(int n)
        {
            if (n >= 0) affected = Math.Max(affected, 0) + n;
        }
        var k = 0;
        if (Transactional)
        {
            try
            {
                await using var tx = await database.BeginTransactionAsync(unit, ct).ConfigureAwait(false);
                for (; k < Statements.Count; k++)
                {
                    try
                    {
                        Add(await Run(tx, Statements[k].Text, args, ct).ConfigureAwait(false));
                    }
                    catch (NexuSqlException e) when (e is not NexuSqlConnectionException && !ct.IsCancellationRequested)
                    {
                        throw Failed(k, e, $"{Upper(What)} ran in one transaction, rolled back: nothing of it was written.");
                    }
                }
                await tx.CommitAsync(ct).ConfigureAwait(false);
                return affected;
            }
            catch (Exception e) when (e is OperationCanceledException or NexuSqlException && e is not NexuSqlScriptCancelledException && ct.IsCancellationRequested)
            {
                throw new NexuSqlScriptCancelledException(Name, Math.Min(k + 1, Statements.Count), Statements.Count,
                    "it ran in one transaction, rolled back: nothing of it was written.", e, ct);
            }
        }
        var d = database.Dialect;
        await using var session = await database.OpenSessionAsync(ct).ConfigureAwait(false);
        // the unit's settings, for the session (MySQL user variables; reset before the connection goes back to the pool)
        foreach (var (name, value) in unit.Settings ?? new Dictionary<string, string?>())
            if (d.UnitSettingSql(name) is { } set) await session.ExecuteAsync(set, new Dictionary<string, object?> { ["value"] = value }, ct).ConfigureAwait(false);
        try
        {
            for (; k < Statements.Count; k++)
            {
                try
                {
                    Add(await Run(session, Statements[k].Text, args, ct).ConfigureAwait(false));
                }
                catch (NexuSqlException e) when (e is not NexuSqlConnectionException && !ct.IsCancellationRequested)
                {
                    var settled = await ScriptTransaction.SettleAsync(session, Statements, k, d, ct).ConfigureAwait(false);
                    throw Failed(k, e, $"{ScriptTransaction.Kept(k, settled, Statements, d)} ({What} ran without a transaction: {Why(d)}). {Advice}");
                }
                catch (Exception e) when (e is OperationCanceledException or NexuSqlException && ct.IsCancellationRequested)
                {
                    // the statement that ran is rolled back by the engine; say what of the script stayed
                    var settled = await ScriptTransaction.SettleAsync(session, Statements, k, d, CancellationToken.None).ConfigureAwait(false);
                    throw new NexuSqlScriptCancelledException(Name, k + 1, Statements.Count,
                        $"the statement that ran is rolled back; {Lower(ScriptTransaction.Kept(k, settled, Statements, d))} ({What} ran without a transaction: {Why(d)}). {Advice}", e, ct);
                }
            }
            var left = await ScriptTransaction.SettleAsync(session, Statements, Statements.Count, d, ct).ConfigureAwait(false);
            if (left.RolledBack)
                throw new NexuSqlException(
                    $"{Name} failed: it ended with a transaction of its own still open, never committed, which NexuSQL rolled back " +
                    $"(the session's end would have done so silently). {ScriptTransaction.Kept(Statements.Count, left, Statements, d)} " +
                    $"({What} ran without a transaction: {Why(d)}). Add the missing COMMIT, then run it again.", database.Engine);
            return affected;
        }
        finally
        {
            foreach (var name in unit.Settings?.Keys ?? [])
                if (d.UnitSettingResetSql(name) is { } reset) await session.ExecuteRawAsync(reset, CancellationToken.None).ConfigureAwait(false);
        }
    }

    // without arguments a statement runs as written (a seed file: no ':name' is read as a parameter)
    private static Task<int> Run(NexuSqlSession session, string sql, object? args, CancellationToken ct) =>
        args is null ? session.ExecuteScriptStatementAsync(sql, ct) : session.ExecuteAsync(sql, args, ct);

    private string Why(SqlDialect d) => Statements.Any(s => SqlDialect.IsTransactionControl(StatementSplitter.Code(s.Text, d.Lexical)))
        ? "it holds its own transaction control"
        : d.Capabilities.TransactionalDdl
            ? "a statement in it cannot run inside one"
            : $"{d.Engine.DisplayName()} commits DDL by itself, so one transaction could not hold {What}";

    private NexuSqlException Failed(int k, NexuSqlException e, string kept) =>
        new($"{Name} failed at statement {k + 1} of {Statements.Count} (line {Statements[k].Line}): {NexuSqlMigrationScriptException.Sentence(e.Message)} {kept}", e.Engine, e.EngineCode, e);

    private static string Upper(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    private static string Lower(string s) => char.ToLowerInvariant(s[0]) + s[1..];
}
