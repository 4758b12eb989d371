namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 33 G12: the names of SQLite UNIQUE and FOREIGN KEY constraints, table-level and column-level, which SQLite
/// keeps only in the CREATE text, are carried by a copy to SQLite and to PostgreSQL (were dropped: an unnamed key, or
/// PostgreSQL's blog_post_author_id_fkey), and verify tells a named key from an unnamed one. Each side is read with
/// the engine's own client.
/// </summary>
public sealed class SqliteConstraintNameCliTests() : ValueFidelityCliTestBase("sqlcn")
{
    private const string Tables = "CREATE TABLE auth_user (id integer PRIMARY KEY); ";

    private const string Named = Tables + """
        CREATE TABLE blog_post (id integer PRIMARY KEY, author_id int NOT NULL, a int, b int CONSTRAINT "uq_b" UNIQUE,
          c int CONSTRAINT fk_c REFERENCES auth_user,
          CONSTRAINT "blog_post_author_id_dd7a8485_fk_auth_user_id" FOREIGN KEY (author_id) REFERENCES auth_user (id) DEFERRABLE INITIALLY DEFERRED,
          CONSTRAINT "uq_a" UNIQUE (a));
        INSERT INTO auth_user VALUES (1); INSERT INTO blog_post VALUES (1, 1, 1, 1, 1);
        """;

    [Fact]
    public Task Unique_and_foreign_key_names_are_carried() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, Named);
        var lite = await Db.NewAsync("sqlite");
        await Ok("copy", "--from", source, "--to", lite);
        var sql = await EngineClient.RunAsync(lite, "SELECT sql FROM sqlite_master WHERE name = 'blog_post'");
        foreach (var name in new[] { "\"uq_a\" UNIQUE", "\"uq_b\" UNIQUE", "\"blog_post_author_id_dd7a8485_fk_auth_user_id\" FOREIGN KEY", "\"fk_c\" FOREIGN KEY (\"c\") REFERENCES \"auth_user\" (\"id\")" })
            Assert.Contains("CONSTRAINT " + name, sql, StringComparison.Ordinal);
        // a named UNIQUE is still SQLite's own index
        Assert.Equal("2", await EngineClient.RunAsync(lite, "SELECT count(*) FROM pragma_index_list('blog_post') WHERE name LIKE 'sqlite_autoindex_%'"));
        Assert.Contains("OK: integrity, schema, data.", (await Ok("--url", source, "verify", "--against", lite)).All, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"blog_post_author_id_dd7a8485_fk_auth_user_id\"", (await Ok("--url", source, "schema", "dump")).All, StringComparison.Ordinal);

        // the same keys unnamed: a difference by name; unnamed against unnamed stays OK
        var unnamed = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(unnamed, Tables + """
            CREATE TABLE blog_post (id integer PRIMARY KEY, author_id int NOT NULL, a int, b int UNIQUE, c int REFERENCES auth_user,
              FOREIGN KEY (author_id) REFERENCES auth_user (id) DEFERRABLE INITIALLY DEFERRED, UNIQUE (a));
            INSERT INTO auth_user VALUES (1); INSERT INTO blog_post VALUES (1, 1, 1, 1, 1);
            """);
        var r = await CliRunner.RunAsync("--url", source, "verify", "--against", unnamed, "--checks", "schema");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("foreign key blog_post_author_id_dd7a8485_fk_auth_user_id only in the first database", r.All, StringComparison.Ordinal);
        Assert.Contains("unique key uq_a only in the first database", r.All, StringComparison.Ordinal);
        var unnamedCopy = await Db.NewAsync("sqlite");
        await Ok("copy", "--from", unnamed, "--to", unnamedCopy);
        Assert.DoesNotContain("CONSTRAINT", await EngineClient.RunAsync(unnamedCopy, "SELECT sql FROM sqlite_master WHERE name = 'blog_post'"), StringComparison.Ordinal);
        await Ok("--url", unnamed, "verify", "--against", unnamedCopy, "--checks", "schema");

        // schema apply without the named keys rebuilds the table (SQLite has no DROP CONSTRAINT; was: ALTER TABLE ... DROP CONSTRAINT "uq_a")
        var plain = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(plain, Tables + "CREATE TABLE blog_post (id integer PRIMARY KEY, author_id int NOT NULL, a int, b int, c int);");
        var file = Db.File("plain.json");
        await File.WriteAllTextAsync(file, (await Ok("--url", plain, "schema", "dump")).Stdout, TestContext.Current.CancellationToken);
        await Ok("--url", lite, "schema", "apply", file, "--allow-drop", "--yes");
        Assert.Equal("0|1|1", await EngineClient.RunAsync(lite, "SELECT (SELECT count(*) FROM pragma_index_list('blog_post')) || '|' || " +
            "(SELECT count(*) FROM blog_post) || '|' || (SELECT instr(sql, 'CONSTRAINT') = 0 FROM sqlite_master WHERE name = 'blog_post')"));

        var pg = await Db.NewAsync("postgresql");
        await Ok("copy", "--from", source, "--to", pg);
        Assert.Equal("blog_post_author_id_dd7a8485_fk_auth_user_id|f|t\nblog_post_pkey|p|f\nfk_c|f|f\nuq_a|u|f\nuq_b|u|f",
            await EngineClient.RunAsync(pg, "SELECT conname, contype, condeferred FROM pg_constraint WHERE conrelid = 'blog_post'::regclass ORDER BY conname"));
    });
}
