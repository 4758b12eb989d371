namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 12: partial, expression, INCLUDE, non-btree and prefix-length indexes are model objects — carried exactly
/// within an engine (dump → apply → dump identical, apply twice a no-op, backup/restore and copy recreate them, seen
/// with the engine's own client), translated across engines where the target can say the same thing, and a unique
/// one it cannot is refused by name before the target is touched.
/// </summary>
public sealed class SpecialIndexCliTests : IDisposable
{
    private readonly LiveDatabases _db = new("indexes");

    public void Dispose() => _db.Dispose();

    private const string PgIndexes = "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%pkey' ORDER BY indexname";
    private const string SqliteIndexes = "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name";

    private static Task<CliRunner.Result> Ok(params string[] args) => CliRunner.OkAsync(args);

    /// <summary>dump → apply to an empty database → dump identical; the second apply is a no-op; diff clean. Returns the new database.</summary>
    private async Task<string> AssertRoundTripAsync(string source, string engine)
    {
        var file = _db.File($"{Guid.NewGuid():N}.json");
        await Ok("--url", source, "schema", "dump", "-o", file);
        var target = await _db.NewAsync(engine);
        await Ok("--url", target, "schema", "apply", file);
        Assert.Equal(await System.IO.File.ReadAllTextAsync(file, TestContext.Current.CancellationToken), (await Ok("--url", target, "schema", "dump")).Stdout.TrimEnd() + "\n");
        Assert.Contains("No differences", (await Ok("--url", target, "schema", "apply", file)).All, StringComparison.Ordinal);
        await Ok("schema", "diff", "--from", target, "--to", file);
        return target;
    }

    /// <summary>Copies, and backs up and restores, <paramref name="source"/> into two new databases on <paramref name="engine"/>.</summary>
    private async Task<(string Copied, string Restored, CliRunner.Result Copy)> MoveAsync(string source, string engine)
    {
        var copied = await _db.NewAsync(engine);
        var restored = await _db.NewAsync(engine);
        var copy = await Ok("copy", "--from", source, "--to", copied);
        var file = _db.File($"{Guid.NewGuid():N}.nxb");
        await Ok("--url", source, "backup", "-o", file);
        await Ok("--url", restored, "restore", file);
        return (copied, restored, copy);
    }

    [Fact]
    public async Task Postgresql_partial_expression_include_gin_hash_and_opclass_indexes_round_trip_and_survive_backup_restore_and_copy()
    {
        try
        {
            var source = await _db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE t (id int PRIMARY KEY, email text, name varchar(50), deleted_at timestamp, tags jsonb, a int, b int);
                CREATE UNIQUE INDEX t_email_live ON t (lower(email)) WHERE deleted_at IS NULL;
                CREATE INDEX t_inc ON t (a DESC NULLS LAST) INCLUDE (b, name);
                CREATE INDEX t_gin ON t USING gin (tags jsonb_path_ops);
                CREATE INDEX t_hash ON t USING hash (name);
                CREATE INDEX t_mixed ON t (a, (b + 1) DESC, name varchar_pattern_ops) WHERE a > 0 AND name <> 'x';
                CREATE UNIQUE INDEX t_ab ON t (a, b) NULLS NOT DISTINCT;
                """);
            var expected = await EngineClient.RunAsync(source, PgIndexes);
            Assert.Contains("CREATE UNIQUE INDEX t_ab ON public.t USING btree (a, b) NULLS NOT DISTINCT", expected, StringComparison.Ordinal);
            Assert.Contains("CREATE UNIQUE INDEX t_email_live ON public.t USING btree (lower(email)) WHERE (deleted_at IS NULL)", expected, StringComparison.Ordinal);
            var applied = await AssertRoundTripAsync(source, "postgresql");
            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            foreach (var target in new[] { applied, copied, restored }) Assert.Equal(expected, await EngineClient.RunAsync(target, PgIndexes));
            Assert.DoesNotContain("index", (await Ok("--url", source, "schema", "dump")).Stderr, StringComparison.Ordinal); // nothing left out
        }
        finally
        {
            await _db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Sqlite_partial_unique_and_expression_indexes_round_trip_and_copy_to_postgresql_keeps_the_constraint_partial()
    {
        try
        {
            var source = await _db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, deleted_at TEXT, name TEXT);
                CREATE UNIQUE INDEX users_email_live ON users (email) WHERE deleted_at IS NULL;
                CREATE INDEX users_lower_email ON users (lower(email), name DESC);
                INSERT INTO users (email, deleted_at) VALUES ('a@x', '2024-01-01'), ('a@x', NULL);
                """);
            var applied = await AssertRoundTripAsync(source, "sqlite");
            var (copied, restored, _) = await MoveAsync(source, "sqlite");
            foreach (var target in new[] { applied, copied, restored })
            {
                var indexes = await EngineClient.RunAsync(target, SqliteIndexes);
                Assert.Contains("CREATE UNIQUE INDEX \"users_email_live\" ON \"users\" (\"email\") WHERE deleted_at IS NULL", indexes, StringComparison.Ordinal);
                Assert.Contains("CREATE INDEX \"users_lower_email\" ON \"users\" ((lower(email)), \"name\" DESC)", indexes, StringComparison.Ordinal);
            }

            // issue 12 input 5: SQLite → PostgreSQL works, and the unique index stays partial (a full one would refuse the rows above)
            var (pgCopied, pgRestored, _) = await MoveAsync(source, "postgresql");
            foreach (var pg in new[] { pgCopied, pgRestored })
            {
                var indexes = await EngineClient.RunAsync(pg, PgIndexes);
                Assert.Contains("CREATE UNIQUE INDEX users_email_live ON public.users USING btree (email) WHERE (deleted_at IS NULL)", indexes, StringComparison.Ordinal);
                Assert.Contains("CREATE INDEX users_lower_email ON public.users USING btree (lower(email), name DESC)", indexes, StringComparison.Ordinal);
                await EngineClient.RunAsync(pg, "INSERT INTO users (email, deleted_at) VALUES ('a@x', '2025-01-01')");
                var duplicate = await CliRunner.RunAsync("--url", pg, "exec", "INSERT INTO users (email) VALUES ('a@x')");
                Assert.NotEqual(0, duplicate.ExitCode);
            }
            var file = _db.File("users.json");
            await Ok("--url", source, "schema", "dump", "-o", file);
            await Ok("schema", "diff", "--from", pgCopied, "--to", file);
        }
        finally
        {
            await _db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Mariadb_prefix_length_indexes_round_trip_and_a_unique_prefix_becomes_an_exact_substr_index_elsewhere()
    {
        try
        {
            var source = await _db.NewAsync("mysql");
            await EngineClient.RunAsync(source,
                "CREATE TABLE p (id int PRIMARY KEY, name varchar(50), bio text, UNIQUE KEY p_name (name(10)), KEY p_bio (bio(20), id DESC))");
            var applied = await AssertRoundTripAsync(source, "mysql");
            var (copied, restored, _) = await MoveAsync(source, "mysql");
            foreach (var target in new[] { applied, copied, restored })
            {
                var create = await EngineClient.RunAsync(target, "SHOW CREATE TABLE p");
                Assert.Contains("UNIQUE KEY `p_name` (`name`(10))", create, StringComparison.Ordinal);
                Assert.Contains("KEY `p_bio` (`bio`(20),`id` DESC)", create, StringComparison.Ordinal);
            }
            var (pg, _, _) = await MoveAsync(source, "postgresql");
            var pgIndexes = await EngineClient.RunAsync(pg, PgIndexes);
            Assert.Contains("CREATE UNIQUE INDEX p_name ON public.p USING btree (substr((name)::text, 1, 10))", pgIndexes, StringComparison.Ordinal);
            Assert.Contains("CREATE INDEX p_bio ON public.p USING btree (substr(bio, 1, 20), id DESC)", pgIndexes, StringComparison.Ordinal);
            var (lite, _, _) = await MoveAsync(source, "sqlite");
            // written through the expression translator: the column quoted the target's way
            Assert.Contains("CREATE UNIQUE INDEX \"p_name\" ON \"p\" ((substr(\"name\", 1, 10)))", await EngineClient.RunAsync(lite, SqliteIndexes), StringComparison.Ordinal);
        }
        finally
        {
            await _db.CleanupAsync();
        }
    }

    [Fact]
    public async Task A_partial_unique_index_into_mariadb_is_refused_by_name_before_the_target_is_touched_and_a_gin_index_into_sqlite_is_named()
    {
        try
        {
            var source = await _db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, deleted_at TEXT);
                CREATE UNIQUE INDEX users_email_live ON users (email) WHERE deleted_at IS NULL;
                """);
            var target = await _db.NewAsync("mysql");
            var copy = await CliRunner.RunAsync("copy", "--from", source, "--to", target);
            Assert.True(copy.ExitCode == 4, copy.All);
            Assert.Contains("index users_email_live on users unique (email) where deleted_at IS NULL: MySQL/MariaDB has no partial indexes", copy.All, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(target, "SHOW TABLES"));
            var file = _db.File("users.json");
            await Ok("--url", source, "schema", "dump", "-o", file);
            var apply = await CliRunner.RunAsync("--url", target, "schema", "apply", file);
            Assert.True(apply.ExitCode == 4, apply.All);
            Assert.Contains("create index users_email_live on users", apply.All, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", apply.All, StringComparison.Ordinal);

            var pg = await _db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(pg, """
                CREATE TABLE docs (id int PRIMARY KEY, tags jsonb, code text);
                CREATE INDEX docs_tags ON docs USING gin (tags);
                CREATE INDEX docs_code ON docs USING hash (code);
                """);
            var lite = await _db.NewAsync("sqlite");
            var moved = await Ok("copy", "--from", pg, "--to", lite);
            Assert.Contains("index docs_tags on docs using gin (tags): not created (SQLite has no gin indexes)", moved.All, StringComparison.Ordinal);
            Assert.Equal("CREATE INDEX \"docs_code\" ON \"docs\" (\"code\")", await EngineClient.RunAsync(lite, SqliteIndexes));
        }
        finally
        {
            await _db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Diff_reports_a_changed_predicate_or_expression_and_apply_puts_it_back()
    {
        try
        {
            var source = await _db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE users (id int PRIMARY KEY, email text, deleted_at timestamp);
                CREATE UNIQUE INDEX users_email_live ON users (lower(email)) WHERE deleted_at IS NULL;
                """);
            var file = _db.File("users.json");
            await Ok("--url", source, "schema", "dump", "-o", file);
            await EngineClient.RunScriptAsync(source, """
                DROP INDEX users_email_live;
                CREATE UNIQUE INDEX users_email_live ON users (lower(email)) WHERE deleted_at IS NOT NULL;
                """);
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", source, "--to", file);
            Assert.True(diff.ExitCode == 3, diff.All);
            Assert.Contains("change index users_email_live on users: unique ((lower(email))) where deleted_at IS NOT NULL → unique ((lower(email))) where deleted_at IS NULL", diff.All, StringComparison.Ordinal);
            await Ok("--url", source, "schema", "apply", file, "--allow-drop", "--yes");
            Assert.Contains("WHERE (deleted_at IS NULL)", await EngineClient.RunAsync(source, PgIndexes), StringComparison.Ordinal);

            await EngineClient.RunScriptAsync(source, """
                DROP INDEX users_email_live;
                CREATE UNIQUE INDEX users_email_live ON users (upper(email)) WHERE deleted_at IS NULL;
                """);
            diff = await CliRunner.RunAsync("schema", "diff", "--from", source, "--to", file);
            Assert.True(diff.ExitCode == 3 && diff.All.Contains("(upper(email))", StringComparison.Ordinal), diff.All);
        }
        finally
        {
            await _db.CleanupAsync();
        }
    }

    [Fact]
    public async Task A_schema_file_with_an_index_key_part_without_name_or_expression_is_a_clear_error()
    {
        var file = _db.File("bad.json");
        await System.IO.File.WriteAllTextAsync(file, """
            {"tables":[{"name":"t","columns":[{"name":"id","type":"int64","nullable":false}],"indexes":[{"name":"t_x","columns":[{}]}]}]}
            """, TestContext.Current.CancellationToken);
        var r = await CliRunner.RunAsync("--url", "sqlite:///" + _db.File("bad.db"), "schema", "apply", file);
        Assert.True(r.ExitCode == 2, r.All);
        Assert.Contains("Index t_x on table t: key part 1 needs either \"name\" (a column) or \"expression\"", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
    }
}
