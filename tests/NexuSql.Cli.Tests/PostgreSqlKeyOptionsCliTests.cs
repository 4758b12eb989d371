namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test of issue 11, H1 and H2: a PostgreSQL <c>UNIQUE NULLS NOT DISTINCT</c> constraint and a foreign key's
/// <c>MATCH FULL</c> and <c>ON DELETE SET NULL (a)</c> arrived as the weaker plain key PG → PG, and schema diff did not
/// see it. Now carried by copy and backup/restore (the targets read with psql), seen by schema diff, and refused by name
/// into MariaDB and SQLite, whose targets stay empty. M13: a <c>CHECK ... NO INHERIT</c> broke every move with a raw
/// syntax error; now carried PG → PG and created as a plain check elsewhere. M12: NOT VALID constraints with rows that
/// break them made every PG → PG copy and restore fail after loading; now added NOT VALID after the rows. L9: index
/// storage parameters (<c>WITH (pages_per_range=16)</c>) were dropped PG → PG; now carried and diffed.
/// </summary>
public sealed class PostgreSqlKeyOptionsCliTests() : SchemaFidelityCliTestBase("keyopts")
{
    private const string Source = """
        CREATE TABLE p (id int, id2 int, PRIMARY KEY (id, id2));
        CREATE TABLE u (id int PRIMARY KEY, a int, c text, CONSTRAINT uq_c UNIQUE NULLS NOT DISTINCT (c));
        CREATE TABLE c (id int PRIMARY KEY, a int, b int,
          CONSTRAINT fk1 FOREIGN KEY (a, b) REFERENCES p (id, id2) MATCH FULL ON DELETE SET NULL (a) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED);
        INSERT INTO p VALUES (1, 2);
        INSERT INTO u VALUES (1, NULL, NULL);
        INSERT INTO c VALUES (1, 1, 2), (2, NULL, NULL);
        """;

    private const string Definitions =
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid IN ('u'::regclass, 'c'::regclass) AND contype IN ('u', 'f') ORDER BY 1";

    private const string Expected =
        "fk1|FOREIGN KEY (a, b) REFERENCES p(id, id2) MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL (a) DEFERRABLE INITIALLY DEFERRED\n" +
        "uq_c|UNIQUE NULLS NOT DISTINCT (c)";

    [Fact]
    public async Task Postgresql_nulls_not_distinct_unique_and_match_full_foreign_key_are_copied_and_restored_as_they_are()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, Source);
            Assert.Equal(Expected, await EngineClient.RunAsync(source, Definitions));
            var dump = await DumpAsync(source);
            foreach (var field in new[] { "\"nullsNotDistinct\": true", "\"matchFull\": true", "\"onDeleteColumns\": [" })
                Assert.Contains(field, dump, StringComparison.Ordinal);
            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal(Expected, await EngineClient.RunAsync(target, Definitions));
                // the target refuses what the source refuses: a second NULL key, a half-NULL foreign key
                Assert.Equal("refused|refused", await EngineClient.RunAsync(target, """
                    CREATE FUNCTION pg_temp.refused(sql text) RETURNS text LANGUAGE plpgsql AS $$
                    BEGIN EXECUTE sql; RETURN 'taken'; EXCEPTION WHEN unique_violation OR foreign_key_violation THEN RETURN 'refused'; END $$;
                    SET CONSTRAINTS ALL IMMEDIATE;
                    SELECT pg_temp.refused('INSERT INTO u VALUES (2, 5, NULL)'), pg_temp.refused('INSERT INTO c VALUES (9, NULL, 2)');
                    """));
                Assert.Equal(dump, await DumpAsync(target));
            }
            await AssertDumpApplyConvergesAsync(source, "postgresql");
        });
    }

    [Fact]
    public async Task Postgresql_schema_diff_sees_a_unique_or_foreign_key_that_lost_nulls_not_distinct_or_match_full()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, Source);
            var weaker = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(weaker, Source
                .Replace("UNIQUE NULLS NOT DISTINCT", "UNIQUE", StringComparison.Ordinal)
                .Replace("MATCH FULL ON DELETE SET NULL (a)", "ON DELETE SET NULL", StringComparison.Ordinal));
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", weaker, "--to", source, "--allow-drop");
            Assert.True(diff.ExitCode == 3, diff.All);
            Assert.Contains("add unique uq_c on u NULLS NOT DISTINCT", diff.All, StringComparison.Ordinal);
            Assert.Contains("add foreign key c(a, b) → p MATCH FULL ON DELETE SET NULL (a) DEFERRABLE INITIALLY DEFERRED", diff.All, StringComparison.Ordinal);
            await Ok("--url", weaker, "schema", "apply", await WriteAsync(await DumpAsync(source)), "--allow-drop", "--yes");
            Assert.Equal(Expected, await EngineClient.RunAsync(weaker, Definitions));
            var same = await Ok("schema", "diff", "--from", weaker, "--to", source);
            Assert.Contains("No differences", same.All, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Postgresql_no_inherit_check_is_carried_as_it_is_and_becomes_a_plain_check_elsewhere()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE c (id int PRIMARY KEY, t int, CONSTRAINT ck CHECK (t > 0) NO INHERIT, CONSTRAINT ck2 CHECK (t < 100)); " +
                "INSERT INTO c VALUES (1, 5);");
            const string Checks = "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'c'::regclass AND contype = 'c' ORDER BY 1";
            const string Expected = "ck|CHECK ((t > 0)) NO INHERIT\nck2|CHECK ((t < 100))";
            Assert.Equal(Expected, await EngineClient.RunAsync(source, Checks));
            var dump = await DumpAsync(source);
            Assert.Contains("\"noInherit\": true", dump, StringComparison.Ordinal);
            Assert.DoesNotContain("NO INHERIT", dump, StringComparison.Ordinal);
            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            foreach (var target in new[] { copied, restored })
                Assert.Equal(Expected, await EngineClient.RunAsync(target, Checks));
            await AssertDumpApplyConvergesAsync(source, "postgresql");

            // the check without NO INHERIT differs
            await EngineClient.RunScriptAsync(copied, "ALTER TABLE c DROP CONSTRAINT ck; ALTER TABLE c ADD CONSTRAINT ck CHECK (t > 0);");
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", copied, "--to", source);
            Assert.True(diff.ExitCode == 3 && diff.All.Contains("change check ck on c: ((t > 0)) → ((t > 0)) NO INHERIT", StringComparison.Ordinal), diff.All);

            // no inheritance elsewhere: a plain check, which refuses what the source's refuses
            var (sqliteCopied, sqliteRestored, _) = await MoveAsync(source, "sqlite");
            foreach (var target in new[] { sqliteCopied, sqliteRestored })
                Assert.Contains("CONSTRAINT \"ck\" CHECK (\"t\" > 0)", await EngineClient.RunAsync(target, "SELECT sql FROM sqlite_master WHERE name = 'c'"), StringComparison.Ordinal);
            var (myCopied, myRestored, _) = await MoveAsync(source, "mysql");
            foreach (var target in new[] { myCopied, myRestored })
                Assert.Equal("ck|`t` > 0\nck2|`t` < 100", await EngineClient.RunAsync(target,
                    "SELECT constraint_name, check_clause FROM information_schema.check_constraints WHERE constraint_schema = DATABASE() ORDER BY 1"));
        });
    }

    [Fact]
    public async Task Postgresql_not_valid_constraints_with_rows_that_break_them_are_copied_restored_and_applied_not_valid()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE p (id int PRIMARY KEY);
                CREATE TABLE c (id int PRIMARY KEY, p_id int, v int);
                INSERT INTO p VALUES (1);
                INSERT INTO c VALUES (1, 1, 5), (2, 99, -5);
                ALTER TABLE c ADD CONSTRAINT pos CHECK (v > 0) NOT VALID;
                ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (p_id) REFERENCES p NOT VALID;
                """);
            const string Constraints = "SELECT conname, convalidated, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'c'::regclass AND contype IN ('c', 'f') ORDER BY 1";
            const string Expected = "fk|f|FOREIGN KEY (p_id) REFERENCES p(id) NOT VALID\npos|f|CHECK ((v > 0)) NOT VALID";
            Assert.Equal(Expected, await EngineClient.RunAsync(source, Constraints));
            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal(Expected, await EngineClient.RunAsync(target, Constraints));
                Assert.Equal("1|1|5\n2|99|-5", await EngineClient.RunAsync(target, "SELECT * FROM c ORDER BY id"));
            }
            await AssertDumpApplyConvergesAsync(source, "postgresql");

            // a validated constraint is not the NOT VALID one
            await EngineClient.RunScriptAsync(copied, "DELETE FROM c WHERE id = 2; ALTER TABLE c VALIDATE CONSTRAINT fk;");
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", copied, "--to", source);
            Assert.True(diff.ExitCode == 3 && diff.All.Contains("add foreign key c(p_id) → p NOT VALID", StringComparison.Ordinal), diff.All);
        });
    }

    [Fact]
    public async Task Postgresql_index_storage_parameters_are_carried_and_diffed_and_left_behind_elsewhere()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id int PRIMARY KEY, ts timestamp, b int); INSERT INTO t VALUES (1, '2020-01-01', 2); " +
                "CREATE INDEX t_ts ON t USING brin (ts) WITH (pages_per_range = 16); CREATE INDEX t_b ON t (b) WITH (fillfactor = 70);");
            const string Indexes = "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 't' AND indexname <> 't_pkey' ORDER BY 1";
            const string Expected = "t_b|CREATE INDEX t_b ON public.t USING btree (b) WITH (fillfactor='70')\n" +
                                    "t_ts|CREATE INDEX t_ts ON public.t USING brin (ts) WITH (pages_per_range='16')";
            Assert.Equal(Expected, await EngineClient.RunAsync(source, Indexes));
            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            foreach (var target in new[] { copied, restored })
                Assert.Equal(Expected, await EngineClient.RunAsync(target, Indexes));
            await AssertDumpApplyConvergesAsync(source, "postgresql");

            await EngineClient.RunScriptAsync(copied, "DROP INDEX t_b; CREATE INDEX t_b ON t (b);");
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", copied, "--to", source, "--allow-drop");
            Assert.True(diff.ExitCode == 3 && diff.All.Contains("create index t_b on t (b) with (fillfactor=70)", StringComparison.Ordinal), diff.All);

            // SQLite has no storage parameters: the index arrives without them
            var (sqlite, _, _) = await MoveAsync(source, "sqlite");
            Assert.Equal("CREATE INDEX \"t_b\" ON \"t\" (\"b\")", await EngineClient.RunAsync(sqlite, "SELECT sql FROM sqlite_master WHERE name = 't_b'"));
        });
    }

    [Theory]
    [InlineData("sqlite", "SQLite")]
    [InlineData("mysql", "MySQL/MariaDB")]
    public async Task Postgresql_nulls_not_distinct_unique_and_match_full_foreign_key_are_refused_by_name_into_another_engine(string engine, string display)
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, Source.Replace(" DEFERRABLE INITIALLY DEFERRED", "", StringComparison.Ordinal));
            var file = Db.File("keys.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var copied = await Db.NewAsync(engine);
            var restored = await Db.NewAsync(engine);
            foreach (var run in new[] { CliRunner.RunAsync("copy", "--from", source, "--to", copied), CliRunner.RunAsync("--url", restored, "restore", file) })
            {
                var r = await run;
                Assert.True(r.ExitCode == 4, r.All);
                Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
                Assert.Contains($"These PostgreSQL constraints cannot be created on {display} with the same meaning: ", r.All, StringComparison.Ordinal);
                foreach (var named in new[] { "unique uq_c on u (c) NULLS NOT DISTINCT", "foreign key fk1 on c (a, b) → p MATCH FULL", "foreign key fk1 on c (a, b) → p ON DELETE SET NULL (a)" })
                    Assert.Contains(named, r.All, StringComparison.Ordinal);
            }
            foreach (var target in new[] { copied, restored })
                Assert.Equal("0", await EngineClient.RunAsync(target, engine == "mysql"
                    ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()" : "SELECT COUNT(*) FROM sqlite_master"));

            // a one-column MATCH FULL takes the rows MATCH SIMPLE takes: carried as a plain foreign key
            var single = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(single, "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p MATCH FULL); " +
                "INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1), (2, NULL);");
            var plain = await Db.NewAsync(engine);
            await Ok("copy", "--from", single, "--to", plain);
            Assert.Equal("1|1\n2|NULL".Replace("NULL", engine == "sqlite" ? "" : "NULL", StringComparison.Ordinal),
                await EngineClient.RunAsync(plain, "SELECT id, p_id FROM c ORDER BY id"));
        });
    }
}
