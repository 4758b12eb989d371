using System.Globalization;
using System.Text;
using NexuSql.Dialects;
using NexuSql.Internal;

namespace NexuSql.Migrations;

/// <summary>
/// Writes a plan (<see cref="MigrationResult"/> of a dry run) as a script a DBA can review and run with the engine's
/// own client: every statement terminated (';', or <c>GO</c> on SQL Server, or a <c>DELIMITER</c> block for a MySQL
/// body holding ';'), history writes with their values written as literals, and BEGIN/COMMIT around each migration
/// that NexuSQL runs in one transaction.
/// </summary>
internal static class MigrationScriptWriter
{
    internal const string TransactionalNote = "-- runs in one transaction with its history row";
    internal const string StatementByStatementNote = "-- runs without a transaction (statement by statement)";

    public static string Write(MigrationResult result, SqlDialect dialect, SqlLexicalRules rules)
    {
        var syntax = dialect.Scripts;
        var sb = new StringBuilder();
        sb.Append("-- Dry run: nothing was changed. ").Append(result.Scripts.Count.ToString(CultureInfo.InvariantCulture))
          .Append(" script(s) would run.\n");
        string? current = null;
        var inTransaction = false;
        foreach (var s in result.Statements)
        {
            if (s.Script != current && s.Script != "history")
            {
                sb.Append("\n-- ===== ").Append(s.Script.ReplaceLineEndings(" ")).Append(" =====\n");
                current = s.Script;
            }
            if (s.Sql == TransactionalNote)
            {
                sb.Append(TransactionalNote).Append('\n');
                Terminate(sb, syntax.BeginTransaction, dialect, rules);
                inTransaction = true;
                continue;
            }
            if (s.Sql == StatementByStatementNote)
            {
                sb.Append(StatementByStatementNote).Append('\n');
                continue;
            }
            Terminate(sb, s.Parameters is null ? s.Sql : Inline(s.Sql, s.Parameters, dialect, rules), dialect, rules);
            if (inTransaction && s.Script == "history" && s.Parameters is not null)
            {
                Terminate(sb, syntax.CommitTransaction, dialect, rules);
                inTransaction = false;
            }
        }
        return sb.ToString();
    }

    /// <summary>Appends one statement with the terminator the engine's client needs.</summary>
    private static void Terminate(StringBuilder sb, string sql, SqlDialect dialect, SqlLexicalRules rules)
    {
        var text = sql.TrimEnd();
        if (dialect.Scripts.BatchSeparator is { } separator)
        {
            sb.Append(text).Append('\n').Append(separator).Append('\n');
            return;
        }
        if (dialect.Scripts.DelimiterCommand && HasCodeSemicolon(text, rules))
        {
            // the mysql client would cut a routine body at its first ';'
            sb.Append("DELIMITER //\n").Append(text).Append("\n//\nDELIMITER ;\n");
            return;
        }
        // a statement ending in a line comment needs its ';' on the next line, or the comment swallows it
        sb.Append(text).Append(EndsInLineComment(text, rules) ? "\n;\n" : ";\n");
    }

    private static bool HasCodeSemicolon(string text, SqlLexicalRules rules)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var end = SqlScanner.SkipInert(text, i, rules);
            if (end >= 0) { i = end - 1; continue; }
            if (text[i] == ';') return true;
        }
        return false;
    }

    private static bool EndsInLineComment(string text, SqlLexicalRules rules)
    {
        var i = 0;
        var lineCommentToEnd = false;
        while (i < text.Length)
        {
            var end = SqlScanner.SkipInert(text, i, rules);
            if (end >= 0)
            {
                lineCommentToEnd = end >= text.Length && (text[i] == '-' || text[i] == '#');
                i = end;
                continue;
            }
            lineCommentToEnd = false;
            i++;
        }
        return lineCommentToEnd;
    }

    /// <summary>The statement with each <c>:name</c> replaced by its value as a SQL literal.</summary>
    private static string Inline(string sql, IReadOnlyDictionary<string, object?> values, SqlDialect dialect, SqlLexicalRules rules)
    {
        var parsed = ParsedSql.Parse(sql, dialect, rules);
        var sb = new StringBuilder();
        var last = 0;
        foreach (var p in parsed.Placeholders)
        {
            sb.Append(sql, last, p.Start - last);
            var name = parsed.Names[p.NameIndex];
            if (!values.TryGetValue(name, out var value)) throw new InvalidOperationException($"No value for :{name} in a planned history write.");
            sb.Append(Literal(value, dialect, rules));
            last = p.Start + p.Length;
        }
        return sb.Append(sql, last, sql.Length - last).ToString();
    }

    /// <summary>A value as a literal of the engine's SQL (strings quoted and escaped for the lexical rules in force).</summary>
    internal static string Literal(object? value, SqlDialect dialect, SqlLexicalRules rules) => value switch
    {
        null => "NULL",
        bool b when dialect.Scripts.BooleansAsNumbers => b ? "1" : "0",
        bool b => b ? "TRUE" : "FALSE",
        DateTime d => Quote(d.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture), dialect, rules),
        IFormattable f when value is int or long or short or byte or decimal => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", dialect, rules),
    };

    private static string Quote(string text, SqlDialect dialect, SqlLexicalRules rules)
    {
        var escaped = text.Replace("'", "''", StringComparison.Ordinal);
        if (rules.BackslashEscapesInStrings) escaped = escaped.Replace("\\", "\\\\", StringComparison.Ordinal);
        return dialect.Scripts.StringLiteralPrefix + "'" + escaped + "'";
    }
}
