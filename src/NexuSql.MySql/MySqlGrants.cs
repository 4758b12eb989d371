using System.Text;
using System.Text.RegularExpressions;

namespace NexuSql.MySql;

/// <summary>
/// The privileges the current account holds, read from <c>SHOW GRANTS</c> (MariaDB lists the active role's grants
/// there too). MariaDB and MySQL hide from <c>information_schema</c> what an account may not see, without an error:
/// table constraints and foreign-key rules from an account holding SELECT only, triggers without TRIGGER, view
/// definitions without SHOW VIEW, columns without a SELECT on them, routines not its own. The schema reader asks this
/// what it could not have seen, so a backup taken through a least-privilege account names it instead of leaving it
/// out in silence (break test 35 H2).
/// </summary>
internal sealed partial class MySqlGrants
{
    // GRANT <privileges> ON [PROCEDURE|FUNCTION|PACKAGE [BODY]] <db>.<table> TO <account> ...; a role's own line
    // (GRANT `role` TO ...) has no ON
    [GeneratedRegex(@"^GRANT (?<privs>(?:[^`(]|`(?:[^`]|``)*`|\((?:[^`)]|`(?:[^`]|``)*`)*\))+?) ON (?<routine>(?:PROCEDURE|FUNCTION|PACKAGE(?: BODY)?) )?(?<db>\*|`(?:[^`]|``)*`)\.(?<table>\*|`(?:[^`]|``)*`) TO ")]
    private static partial Regex GrantLine();

    // one privilege of the list: a name, with the columns it is limited to
    [GeneratedRegex(@"\G\s*(?<name>[A-Z_ ]+?)\s*(?:\((?<cols>(?:[^`)]|`(?:[^`]|``)*`)*)\))?\s*(?:,|$)")]
    private static partial Regex Privilege();

    private sealed record Grant(HashSet<string> Privileges, HashSet<string> ColumnPrivileges, Regex? Database, string? Table);

    private readonly List<Grant> _grants;

    private MySqlGrants(string account, List<Grant> grants) => (Account, _grants) = (account, grants);

    /// <summary>The account as MariaDB names it in a GRANT: <c>'ro'@'127.0.0.1'</c>.</summary>
    public string Account { get; }

    /// <summary>Reads the current account's grants.</summary>
    public static async Task<MySqlGrants> ReadAsync(NexuSqlSession db, CancellationToken ct)
    {
        var account = await db.ExecuteScalarAsync<string>("SELECT CURRENT_USER()", cancellationToken: ct).ConfigureAwait(false) ?? "";
        var at = account.LastIndexOf('@');
        var quoted = at < 0 ? $"'{account}'" : $"'{account[..at]}'@'{account[(at + 1)..]}'";
        var lines = (await db.QueryAsync<Row>("SHOW GRANTS", cancellationToken: ct).ConfigureAwait(false)).Select(r => r[0] as string ?? "");
        return FromLines(quoted, lines);
    }

    /// <summary>The grants of <paramref name="account"/> as SHOW GRANTS lists them, one statement a line.</summary>
    internal static MySqlGrants FromLines(string account, IEnumerable<string> lines) => new(account, [.. lines.Select(Parse).OfType<Grant>()]);

    /// <summary>One line of SHOW GRANTS as the privileges it gives; null for a line that gives none on tables.</summary>
    private static Grant? Parse(string line)
    {
        if (GrantLine().Match(line) is not { Success: true } m || m.Groups["routine"].Success) return null;
        var privileges = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match p in Privilege().Matches(m.Groups["privs"].Value))
            (p.Groups["cols"].Success ? columns : privileges).Add(p.Groups["name"].Value.Trim());
        var db = m.Groups["db"].Value;
        var table = m.Groups["table"].Value;
        return new Grant(privileges, columns, db == "*" ? null : DatabasePattern(Unquote(db)), table == "*" ? null : Unquote(table));
    }

    private static string Unquote(string quoted) => quoted[1..^1].Replace("``", "`", StringComparison.Ordinal);

    /// <summary>A database-level grant's name as a LIKE pattern (<c>%</c>, <c>_</c>, <c>\</c> escapes), as the server matches it.</summary>
    private static Regex DatabasePattern(string like)
    {
        var pattern = new StringBuilder("^");
        for (var i = 0; i < like.Length; i++)
            pattern.Append(like[i] switch
            {
                '\\' when i + 1 < like.Length => Regex.Escape(like[++i].ToString()),
                '%' => ".*",
                '_' => ".",
                var c => Regex.Escape(c.ToString()),
            });
        return new Regex(pattern.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    private IEnumerable<Grant> On(string database, string? table) =>
        _grants.Where(g => (g.Database is null || g.Database.IsMatch(database)) && (g.Table is null || string.Equals(g.Table, table, StringComparison.Ordinal)));

    private static bool Gives(Grant g, string privilege) => g.Privileges.Contains(privilege) || g.Privileges.Contains("ALL PRIVILEGES") || g.Privileges.Contains("ALL");

    /// <summary>True when the account holds <paramref name="privilege"/> on the table (globally, on its database or on it).</summary>
    public bool Holds(string privilege, string database, string table) => On(database, table).Any(g => Gives(g, privilege));

    /// <summary>True when the account holds <paramref name="privilege"/> globally or on every table of the database.</summary>
    public bool HoldsDatabaseWide(string privilege, string database) => On(database, null).Any(g => g.Table is null && Gives(g, privilege));

    /// <summary>True when the account holds some privilege on the database as a whole: it sees every table of it.</summary>
    public bool SeesEveryTable(string database) => On(database, null).Any(g => g.Table is null && g.Privileges.Any(p => !p.Equals("USAGE", StringComparison.OrdinalIgnoreCase)));

    /// <summary>True when the account may select some columns of the table only: the others are invisible to it.</summary>
    public bool SelectsSomeColumnsOnly(string database, string table) =>
        !Holds("SELECT", database, table) && On(database, table).Any(g => g.ColumnPrivileges.Contains("SELECT"));
}
