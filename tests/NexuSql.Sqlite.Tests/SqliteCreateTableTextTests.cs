namespace NexuSql.Sqlite.Tests;

/// <summary>What SQLite keeps only in a table's CREATE text, read with NexuSQL's lexer (strings and comments do not count).</summary>
public class SqliteCreateTableTextTests
{
    [Fact]
    public void Deferrals_reads_deferrable_foreign_keys_from_create_table_text_and_ignores_strings_and_not_deferrable()
    {
        const string Sql = """
            CREATE TABLE "c" ("id" INT, "p_id" INT REFERENCES "p" ("id") DEFERRABLE INITIALLY DEFERRED, "q" INT DEFAULT 'DEFERRABLE, x',
              "a" INT, "b" INT, CONSTRAINT "c_ab" FOREIGN KEY ("a", "b") REFERENCES "q" ("x", "y") ON DELETE CASCADE DEFERRABLE,
              "n" INT REFERENCES p (id) NOT DEFERRABLE INITIALLY DEFERRED)
            """;
        var found = SqliteCreateTableText.Deferrals(Sql);
        Assert.Equal(2, found.Count);
        Assert.Equal("p_id: deferred", $"{string.Join(",", found[0].Columns)}: {found[0].Deferrable}");
        Assert.Equal("a,b: immediate", $"{string.Join(",", found[1].Columns)}: {found[1].Deferrable}");
        Assert.Empty(SqliteCreateTableText.Deferrals("CREATE TABLE t (a INT REFERENCES p (id))"));
    }

    [Fact]
    public void ColumnCollations_reads_sqlite_column_collations_but_not_those_inside_parentheses_or_table_constraints()
    {
        var found = SqliteCreateTableText.ColumnCollations(
            "CREATE TABLE s (\"email\" TEXT COLLATE NOCASE UNIQUE, n TEXT, g TEXT AS (lower(n) COLLATE RTRIM), c VARCHAR(5) COLLATE \"RTRIM\", CONSTRAINT u UNIQUE (n COLLATE NOCASE))");
        Assert.Equal("c=RTRIM, email=NOCASE", string.Join(", ", found.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}={k.Value}")));
    }

    [Fact]
    public void HasAutoincrement_counts_the_keyword_only_outside_strings_quoted_names_and_comments()
    {
        Assert.True(SqliteCreateTableText.HasAutoincrement("CREATE TABLE t (id INTEGER PRIMARY KEY autoincrement, v TEXT)"));
        Assert.False(SqliteCreateTableText.HasAutoincrement("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT DEFAULT 'AUTOINCREMENT' /* AUTOINCREMENT */, \"AUTOINCREMENT\" INT)"));
    }

    [Fact]
    public void Conflicts_reads_the_key_unique_and_not_null_clauses_outside_strings_and_expressions()
    {
        var (key, uniques, notNull) = SqliteCreateTableText.Conflicts("""
            CREATE TABLE q (a int, "b c" int NOT NULL ON CONFLICT IGNORE DEFAULT 0, c text UNIQUE on conflict replace,
              d text DEFAULT 'x NOT NULL ON CONFLICT FAIL' CHECK (d <> 'UNIQUE ON CONFLICT ROLLBACK'), -- NOT NULL ON CONFLICT ABORT
              PRIMARY KEY (a, "b c" DESC) ON CONFLICT IGNORE, CONSTRAINT u UNIQUE (a, c COLLATE nocase) ON CONFLICT FAIL)
            """);
        Assert.Equal("IGNORE", key);
        Assert.Equal(["c REPLACE", "a,c FAIL"], uniques.Select(u => string.Join(",", u.Columns) + " " + u.Algorithm).ToArray());
        Assert.Equal("IGNORE", Assert.Single(notNull, x => x.Key == "b c").Value);
        Assert.DoesNotContain("d", notNull.Keys);
        Assert.Null(SqliteCreateTableText.Conflicts("CREATE TABLE t (id integer PRIMARY KEY, v text NOT NULL)").Key);
        Assert.Equal("ROLLBACK", SqliteCreateTableText.Conflicts("CREATE TABLE t (k integer PRIMARY KEY DESC ON CONFLICT ROLLBACK)").Key);
    }
}
