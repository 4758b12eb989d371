using System.Globalization;
using NexuSql.Dialects;

namespace NexuSql.Migrations;

/// <summary>
/// A script's own transaction control (<c>BEGIN</c> / <c>START TRANSACTION</c> ... <c>COMMIT</c>), one rule for
/// migrations and seed scripts. Where NexuSQL runs the script in a transaction of its own, the script may not hold any
/// (bt42 N1). Where it runs statement by statement, a script's transaction is its own — but one it leaves open, at a
/// failure or at its end, is rolled back explicitly and said by statement: the session's end rolled it back silently
/// while the work was reported applied (bt43 N-new-12), and a failure inside it was said to have left applied what
/// the engine had rolled back (bt43 N-new-7).
/// </summary>
internal static class ScriptTransaction
{
    /// <summary>What a transaction the script left open came to.</summary>
    /// <param name="RolledBack">The session was inside a transaction, which NexuSQL rolled back.</param>
    /// <param name="OpenedAt">The 0-based statement whose BEGIN opened it, when the script's text says so.</param>
    internal readonly record struct Settled(bool RolledBack, int? OpenedAt);

    /// <summary>The 0-based statement whose BEGIN (or START TRANSACTION) is still open before statement <paramref name="end"/> (0-based), read from the text.</summary>
    internal static int? OpenBefore(IReadOnlyList<SqlStatement> statements, int end, SqlDialect dialect)
    {
        int? open = null;
        for (var k = 0; k < end && k < statements.Count; k++)
        {
            var code = StatementSplitter.Code(statements[k].Text, dialect.Lexical);
            if (!SqlDialect.IsTransactionControl(code)) continue;
            open = SqlDialect.OpensTransaction(code) ? k : null;
        }
        return open;
    }

    /// <summary>
    /// Why the script cannot run as NexuSQL would run it, before anything runs: with <paramref name="transactional"/>,
    /// any transaction control of its own (<paramref name="ownTransaction"/> says whose transaction it runs in); without,
    /// a BEGIN never committed on an engine that cannot be asked afterwards whether it is still open. Null: it can run.
    /// <paramref name="optOut"/> says how the script runs statement by statement instead, where it can (a migration's
    /// first line); null where it cannot (a seed file: split it).
    /// </summary>
    internal static (int Index, string Problem)? Refusal(IReadOnlyList<SqlStatement> statements, SqlDialect dialect, bool transactional, string ownTransaction,
        string? optOut = null)
    {
        if (transactional)
        {
            for (var k = 0; k < statements.Count; k++)
            {
                var code = StatementSplitter.Code(statements[k].Text, dialect.Lexical).Trim();
                if (!SqlDialect.IsTransactionControl(code)) continue;
                // a ROLLBACK or ABORT has no BEGIN or COMMIT to remove (bt44: "remove the script's BEGIN and COMMIT" for a lone ABORT)
                var undoes = code.StartsWith("ROLLBACK", StringComparison.OrdinalIgnoreCase) || code.StartsWith("ABORT", StringComparison.OrdinalIgnoreCase);
                var words = Words(statements[k], dialect);
                var advice = undoes
                    ? $"remove the {words}: inside that transaction it would undo the script's statements before it and end the transaction half-way " +
                      "(NexuSQL rolls the whole script back by itself when a statement fails; a change that must not stay is left out of the script)"
                    : "remove the script's own BEGIN, COMMIT, ROLLBACK and ABORT and let NexuSQL run it in its transaction " +
                      "(committed when every statement ran, rolled back whole when one fails)";
                var instead = optOut is null
                    ? "; or, where it needs transactions of its own, split it into files, one per transaction"
                    : $"; or, where it needs transactions of its own, split it into migrations, one per transaction, or make {optOut} " +
                      "(its statements then run one by one, its BEGIN ... COMMIT its own)";
                return (k, $"the script controls its own transaction ({words}), and {ownTransaction}; {advice}{instead}");
            }
            return null;
        }
        if (dialect.InTransactionSql is null && OpenBefore(statements, statements.Count, dialect) is { } open)
            return (open, $"the script's {Words(statements[open], dialect)} (statement {open + 1}, line {statements[open].Line}) has no COMMIT after it: " +
                          "the statements after it would be rolled back when the script's session ends, while the script was reported run. " +
                          "Add the COMMIT (or remove the BEGIN)");
        return null;
    }

    /// <summary>
    /// After a script running statement by statement on <paramref name="session"/> failed at statement
    /// <paramref name="end"/> (0-based), or ended (<paramref name="end"/> = the count): whether the session is inside a
    /// transaction (asked where the dialect can be, else read from the text) — and if so, rolls it back explicitly.
    /// </summary>
    internal static async Task<Settled> SettleAsync(NexuSqlSession session, IReadOnlyList<SqlStatement> statements, int end, SqlDialect dialect, CancellationToken ct)
    {
        var open = OpenBefore(statements, end, dialect);
        var inside = open is not null;
        if (dialect.InTransactionSql is { } ask)
        {
            try
            {
                inside = Convert.ToInt64(await session.ExecuteScalarAsync<object?>(ask, cancellationToken: ct).ConfigureAwait(false), CultureInfo.InvariantCulture) != 0;
            }
            catch (NexuSqlConnectionException)
            {
                // the connection is gone, and with it any transaction it held: the server rolled it back
                return new Settled(open is not null, open);
            }
        }
        if (!inside) return new Settled(false, null);
        try
        {
            await session.ExecuteRawAsync("ROLLBACK", ct).ConfigureAwait(false);
        }
        catch (NexuSqlConnectionException)
        {
            // lost on the way: the server rolled it back as the session ended
        }
        return new Settled(true, open);
    }

    /// <summary>
    /// The statements (1-based, inclusive) among the first <paramref name="ran"/> that the script's own ROLLBACK (or ABORT)
    /// undid, read from the text: each from its BEGIN / START TRANSACTION to that ROLLBACK (bt44 L2); not one that a
    /// statement committing by itself (MariaDB DDL) had emptied first.
    /// </summary>
    internal static List<(int From, int To, int RolledBackAt)> UndoneByScript(IReadOnlyList<SqlStatement> statements, int ran, SqlDialect dialect) =>
        Rollbacks(statements, ran, dialect).Undone;

    /// <summary>
    /// The script's own ROLLBACK (or ABORT) among the first <paramref name="ran"/> statements: whether what stayed needs
    /// saying statement by statement (it undid some, or undid none because DDL had committed first).
    /// </summary>
    internal static bool RollsBack(IReadOnlyList<SqlStatement> statements, int ran, SqlDialect dialect)
    {
        var (undone, undidNothing) = Rollbacks(statements, ran, dialect);
        return undone.Count > 0 || undidNothing.Count > 0;
    }

    /// <summary>
    /// The script's own ROLLBACKs (and ABORTs) among the first <paramref name="ran"/> statements (0-based indexes), read
    /// from the text: those that undid a transaction (<c>Undone</c>, 1-based ranges), and those that undid nothing because
    /// a statement between the transaction's BEGIN and them committed it (<c>UndidNothing</c>: MariaDB commits before DDL,
    /// and with autocommit on what runs after it commits by itself — bt44: <c>start transaction; insert; create table;
    /// rollback</c> was said to have undone the insert and the table, which both stayed).
    /// </summary>
    private static (List<(int From, int To, int RolledBackAt)> Undone, List<(int OpenedAt, int CommittedAt, int RolledBackAt)> UndidNothing) Rollbacks(
        IReadOnlyList<SqlStatement> statements, int ran, SqlDialect dialect)
    {
        var undone = new List<(int, int, int)>();
        var undidNothing = new List<(int, int, int)>();
        int? open = null;
        (int OpenedAt, int At)? committed = null;
        for (var k = 0; k < ran && k < statements.Count; k++)
        {
            var code = StatementSplitter.Code(statements[k].Text, dialect.Lexical).Trim();
            if (!SqlDialect.IsTransactionControl(code))
            {
                if (open is { } began && dialect.CommitsImplicitly(code)) { committed = (began, k); open = null; }
                continue;
            }
            if (code.StartsWith("ROLLBACK", StringComparison.OrdinalIgnoreCase) || code.StartsWith("ABORT", StringComparison.OrdinalIgnoreCase))
            {
                if (open is { } o) undone.Add((o + 1, k + 1, k));
                else if (committed is { } c) undidNothing.Add((c.OpenedAt, c.At, k));
            }
            open = SqlDialect.OpensTransaction(code) ? k : null;
            committed = null;
        }
        return (undone, undidNothing);
    }

    /// <summary>
    /// What stayed of the <paramref name="ran"/> statements that ran before a failure (or of all, at the end), once
    /// <paramref name="settled"/>: "Statements 1 to 3 stayed applied", or which were rolled back — by the script's own
    /// ROLLBACK, or with the script's own transaction left open.
    /// </summary>
    internal static string Kept(int ran, Settled settled, IReadOnlyList<SqlStatement> statements, SqlDialect dialect)
    {
        var (undone, undidNothing) = Rollbacks(statements, ran, dialect);
        if (!settled.RolledBack && undone.Count == 0 && undidNothing.Count == 0)
            return ran switch
            {
                <= 0 => "No statement before it ran",
                1 => "Statement 1 stayed applied",
                _ => $"Statements 1 to {ran} stayed applied",
            };
        var parts = undone.Select(u =>
            $"{Range(u.From, u.To)} — the script's own transaction from its {Words(statements[u.From - 1], dialect)} (line {statements[u.From - 1].Line}) " +
            $"to its {Words(statements[u.RolledBackAt], dialect)} (line {statements[u.RolledBackAt].Line}) — {(u.From == u.To ? "was" : "were")} undone by that " +
            Words(statements[u.RolledBackAt], dialect)).ToList();
        parts.AddRange(undidNothing.Select(u =>
            $"the script's {Words(statements[u.RolledBackAt], dialect)} (statement {u.RolledBackAt + 1}, line {statements[u.RolledBackAt].Line}) undid nothing: " +
            $"its {Words(statements[u.CommittedAt], dialect)} (statement {u.CommittedAt + 1}, line {statements[u.CommittedAt].Line}) committed the transaction " +
            $"from its {Words(statements[u.OpenedAt], dialect)} (line {statements[u.OpenedAt].Line}) before it ran, as {dialect.Engine.DisplayName()} does at " +
            "DDL, and each statement after it committed by itself"));
        var gone = undone.SelectMany(u => Enumerable.Range(u.From, u.To - u.From + 1)).ToHashSet();
        if (settled.RolledBack && settled.OpenedAt is not { } o)
            return (parts.Count == 0 ? "" : Upper(string.Join("; ", parts)) + "; ") +
                   "The session was left inside a transaction the script opened (did it turn autocommit off?), which NexuSQL rolled back: " +
                   "the statements since the script's last COMMIT (or statement that commits by itself) did not stay; those before it did";
        if (settled.RolledBack)
        {
            var from = settled.OpenedAt!.Value + 1;
            parts.Add($"{Range(from, ran)} — the script's own transaction from its {Words(statements[from - 1], dialect)} (line {statements[from - 1].Line}), never committed — " +
                      $"{(from == ran ? "was" : "were")} rolled back");
            gone.UnionWith(Enumerable.Range(from, ran - from + 1));
        }
        var stayed = Enumerable.Range(1, Math.Max(ran, 0)).Where(n => !gone.Contains(n)).ToList();
        var rest = stayed.Count == 0
            ? "no statement before it stayed applied"
            : $"{List(stayed)} stayed applied";
        return $"{Upper(string.Join("; ", parts))}; {rest}";
    }

    /// <summary>"statement 1", "statements 1 to 2 and 5", "statements 1, 3 and 5 to 6" for ascending <paramref name="numbers"/>.</summary>
    private static string List(List<int> numbers)
    {
        var runs = new List<string>();
        for (var i = 0; i < numbers.Count;)
        {
            var j = i;
            while (j + 1 < numbers.Count && numbers[j + 1] == numbers[j] + 1) j++;
            runs.Add(i == j ? $"{numbers[i]}" : $"{numbers[i]} to {numbers[j]}");
            i = j + 1;
        }
        return numbers.Count == 1 ? $"statement {numbers[0]}"
            : runs.Count == 1 ? $"statements {runs[0]}"
            : $"statements {string.Join(", ", runs[..^1])} and {runs[^1]}";
    }

    /// <summary>"statement 2" or "statements 2 to 3".</summary>
    internal static string Range(int from, int to) =>
        from >= to ? $"statement {from}" : $"statements {from} to {to}";

    private static string Upper(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>The statement's words, its whitespace (line breaks too) collapsed, ';' dropped: "start transaction" split over two lines reads whole (bt44 L4).</summary>
    private static string Words(SqlStatement s, SqlDialect dialect)
    {
        var words = string.Join(' ', StatementSplitter.Code(s.Text, dialect.Lexical).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd(';').TrimEnd();
        return words.Length > 60 ? words[..57] + "..." : words;
    }
}
