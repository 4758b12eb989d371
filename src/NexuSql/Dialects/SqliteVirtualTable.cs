using System.Text;

namespace NexuSql.Dialects;

/// <summary>
/// What a SQLite <c>CREATE VIRTUAL TABLE</c> statement (<see cref="Schema.TableModel.Virtual"/>) says about the table's
/// rows: its module, and whose rows they are when not its own — an external-content full-text table's
/// (<c>fts5(..., content='docs')</c>) are its content table's, an <c>fts5vocab</c> or <c>fts4aux</c> table's are read
/// from another full-text table's index. Read from the statement's text, so a backup of any format is read alike.
/// </summary>
/// <param name="Module">The module's name in lower case (<c>fts5</c>, <c>rtree</c>, <c>fts5vocab</c>, ...).</param>
/// <param name="Arguments">The module arguments as written, trimmed.</param>
internal sealed record SqliteVirtualTable(string Module, IReadOnlyList<string> Arguments)
{
    /// <summary>The full-text modules whose tables take <c>content=</c>.</summary>
    private static readonly string[] FullText = ["fts3", "fts4", "fts5"];

    /// <summary>
    /// The content table of an external-content full-text table (<c>content='docs'</c>): the index is built from its
    /// rows, and reading the full-text table reads them. Null for a table that keeps its own text, and for a
    /// contentless one (<c>content=''</c>, see <see cref="Contentless"/>).
    /// </summary>
    public string? ContentTable => FullText.Contains(Module) && Option("content") is { Length: > 0 } content ? content : null;

    /// <summary>A contentless full-text table (<c>content=''</c>): it keeps no text, only the index.</summary>
    public bool Contentless => FullText.Contains(Module) && Option("content") is { Length: 0 };

    /// <summary>
    /// The full-text table an <c>fts5vocab(table, type)</c> / <c>fts5vocab(schema, table, type)</c> or
    /// <c>fts4aux(table)</c> / <c>fts4aux(schema, table)</c> table reads: its rows are that table's index, read-only.
    /// Null for other modules.
    /// </summary>
    public string? IndexOf => Module switch
    {
        "fts5vocab" when Arguments.Count >= 2 => Unquote(Arguments[Arguments.Count == 3 ? 1 : 0]),
        "fts4aux" when Arguments.Count >= 1 => Unquote(Arguments[Arguments.Count == 2 ? 1 : 0]),
        _ => null,
    };

    /// <summary>
    /// The hidden column an FTS4 table keeps each row's language in (<c>fts4(x, languageid="lid")</c>): not among the
    /// visible columns, but a value of the row. Null for other modules and without the option.
    /// </summary>
    public string? LanguageIdColumn => Module == "fts4" && Option("languageid") is { Length: > 0 } column ? column : null;

    /// <summary>
    /// The table's rows are not its own (<see cref="ContentTable"/> or <see cref="IndexOf"/>): a load writes none of them
    /// (the module builds them from the other table), and emptying the other table empties this one.
    /// </summary>
    public bool RowsAreDerived => ContentTable is not null || IndexOf is not null;

    /// <summary>The value of option <paramref name="name"/> (<c>name = value</c>, the value unquoted), or null when not given.</summary>
    public string? Option(string name)
    {
        foreach (var argument in Arguments)
        {
            var eq = argument.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && argument[..eq].Trim().Equals(name, StringComparison.OrdinalIgnoreCase)) return Unquote(argument[(eq + 1)..].Trim());
        }
        return null;
    }

    /// <summary>The virtual table <paramref name="table"/> is (null for an ordinary table, or a statement not understood).</summary>
    public static SqliteVirtualTable? Of(Schema.TableModel table) => table.Virtual is { } statement ? Parse(statement) : null;

    /// <summary>
    /// <c>CREATE VIRTUAL TABLE [IF NOT EXISTS] [schema.]name USING module[(arguments)]</c> → module and arguments; null
    /// when the text is not such a statement.
    /// </summary>
    public static SqliteVirtualTable? Parse(string statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var at = 0;
        string? Word()
        {
            Skip();
            var start = at;
            while (at < statement.Length && (char.IsLetterOrDigit(statement[at]) || statement[at] is '_' or '$')) at++;
            return at > start ? statement[start..at] : null;
        }
        void Skip()
        {
            while (at < statement.Length && char.IsWhiteSpace(statement[at])) at++;
        }
        bool Name()
        {
            Skip();
            if (at >= statement.Length) return false;
            if (statement[at] is '"' or '`' or '[')
            {
                var close = statement[at] == '[' ? ']' : statement[at];
                for (at++; at < statement.Length; at++)
                {
                    if (statement[at] != close) continue;
                    if (close != ']' && at + 1 < statement.Length && statement[at + 1] == close) at++;
                    else
                    {
                        at++;
                        return true;
                    }
                }
                return false;
            }
            return Word() is not null;
        }
        foreach (var keyword in (ReadOnlySpan<string>)["CREATE", "VIRTUAL", "TABLE"])
            if (!string.Equals(Word(), keyword, StringComparison.OrdinalIgnoreCase)) return null;
        var mark = at;
        if (!(string.Equals(Word(), "IF", StringComparison.OrdinalIgnoreCase) && string.Equals(Word(), "NOT", StringComparison.OrdinalIgnoreCase)
            && string.Equals(Word(), "EXISTS", StringComparison.OrdinalIgnoreCase))) at = mark;
        if (!Name()) return null;
        Skip();
        if (at < statement.Length && statement[at] == '.')
        {
            at++;
            if (!Name()) return null;
        }
        if (!string.Equals(Word(), "USING", StringComparison.OrdinalIgnoreCase) || Word() is not { } module) return null;
        Skip();
        var arguments = new List<string>();
        if (at < statement.Length && statement[at] == '(')
        {
            var end = statement.LastIndexOf(')');
            if (end <= at) return null;
            arguments.AddRange(SplitArguments(statement[(at + 1)..end]));
        }
        return new SqliteVirtualTable(module.ToLowerInvariant(), arguments);
    }

    /// <summary>The module arguments split at the commas outside quotes and parentheses.</summary>
    private static IEnumerable<string> SplitArguments(string text)
    {
        var current = new StringBuilder();
        var depth = 0;
        char? quote = null;
        foreach (var c in text)
        {
            if (quote is { } q)
            {
                if (c == q) quote = null; // a doubled quote closes and opens again: the text is kept as written
            }
            else if (c is '\'' or '"' or '`') quote = c;
            else if (c == '[') quote = ']';
            else if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == ',' && depth == 0)
            {
                yield return current.ToString().Trim();
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (current.ToString().Trim() is { Length: > 0 } last) yield return last;
    }

    /// <summary><c>'docs'</c>, <c>"docs"</c>, <c>[docs]</c>, <c>`docs`</c> or <c>docs</c> → <c>docs</c> (a doubled quote inside is one).</summary>
    private static string Unquote(string value)
    {
        value = value.Trim();
        if (value.Length >= 2 && value[0] is '\'' or '"' or '`' && value[^1] == value[0])
            return value[1..^1].Replace(new string(value[0], 2), value[0].ToString(), StringComparison.Ordinal);
        return value.Length >= 2 && value[0] == '[' && value[^1] == ']' ? value[1..^1] : value;
    }
}
