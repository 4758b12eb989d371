namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 34, copy: a <c>--resume</c> into target tables changed since the interrupted copy (F5); a <c>--data-only</c>
/// copy into tables whose own trigger or conflict clause changes the rows (F6). Each side is read with psql, mariadb or sqlite3.
/// </summary>
public sealed class BreakTest34CopyCliTests() : ValueFidelityCliTestBase("bt34copy")
{
    /// <summary>
    /// F5: a copy killed after its first table, then the target's tables changed (a column retyped, one added NOT NULL, a
    /// check changed, a table dropped), then <c>--resume</c>: refused naming each change, nothing written (was a raw
    /// 22P03 from PostgreSQL's binary COPY, or a load into the changed table). PostgreSQL and MariaDB after a full copy,
    /// SQLite after a <c>--data-only</c> one (the target's own tables, as the copy found them).
    /// </summary>
    [Fact]
    public Task A_resume_into_target_tables_changed_since_is_refused_by_name() => LiveAsync(async () =>
    {
        var ct = TestContext.Current.CancellationToken;
        // PostgreSQL: b's rows take 0.1 s each to check in the target too (the copy creates the check): killed while it loads b
        var slow = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(slow, """
            CREATE FUNCTION slow_ok(int) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.1); RETURN true; END $$;
            CREATE TABLE a (id int PRIMARY KEY, s text CONSTRAINT a_s CHECK (s <> 'x'));
            INSERT INTO a VALUES (1, 'a');
            CREATE TABLE b (id int PRIMARY KEY, n int);
            INSERT INTO b SELECT g, g FROM generate_series(1, 40) g;
            ALTER TABLE b ADD CONSTRAINT b_slow CHECK (slow_ok(id));
            """);
        // into the others: enough rows in b that it is still being written when the copy is killed
        var big = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(big, """
            CREATE TABLE a (id int PRIMARY KEY, s text);
            INSERT INTO a VALUES (1, 'a');
            CREATE TABLE b (id int PRIMARY KEY, n int);
            INSERT INTO b SELECT g, g FROM generate_series(1, 80000) g;
            """);
        var sqliteTarget = await Db.NewAsync("sqlite");
        // (in WAL mode, where reading the marker does not wait for the copy's writes)
        await EngineClient.RunScriptAsync(sqliteTarget, "PRAGMA journal_mode = WAL; CREATE TABLE a (id int PRIMARY KEY, s text); CREATE TABLE b (id int PRIMARY KEY, n int);");
        foreach (var (engine, source, target, dataOnly, change, expected) in new[]
        {
            ("postgresql", slow, await Db.NewAsync("postgresql"), false,
                "ALTER TABLE b ALTER n TYPE text; ALTER TABLE a DROP CONSTRAINT a_s, ADD CONSTRAINT a_s CHECK (s <> 'y'), ADD z int NOT NULL DEFAULT 0;",
                new[] { "table a: check a_s: expression: '(s <> 'x'::text)' then, '(s <> 'y'::text)' now", "table a: column z added", "table b: column n: type: 'int32' then, 'text' now" }),
            ("mysql", big, await Db.NewAsync("mysql"), false, "ALTER TABLE b MODIFY n text; ALTER TABLE a DROP COLUMN s;",
                ["table a: column s dropped", "table b: column n: type: 'int32' then, 'text' now"]),
            ("sqlite", big, sqliteTarget, true, "DROP TABLE b;", ["table b dropped"]),
        })
        {
            string[] copy = ["copy", "--from", source, "--to", target, .. dataOnly ? new[] { "--data-only" } : []];
            using (var run = CliRunner.Start(copy))
            {
                var marked = engine switch
                {
                    "postgresql" => "SELECT count(*) FROM pg_tables WHERE tablename = 'nexusql_copy_incomplete'",
                    "mysql" => "SELECT count(*) FROM information_schema.tables WHERE table_schema = database() AND table_name = 'nexusql_copy_incomplete'",
                    _ => "SELECT count(*) FROM sqlite_master WHERE name = 'nexusql_copy_incomplete'",
                };
                await CliRunner.WaitUntilAsync(() => EngineClient.RunAsync(target, marked).Result == "1"
                    && EngineClient.RunAsync(target, "SELECT count(*) FROM nexusql_copy_incomplete WHERE step LIKE 'copied % a'").Result == "1", run, $"table a to be copied into {engine}");
                run.Kill(entireProcessTree: true);
                await run.WaitForExitAsync(ct);
            }
            await EngineClient.RunScriptAsync(target, change);
            const string state = "SELECT (SELECT count(*) FROM a) || '|' || (SELECT count(*) FROM nexusql_copy_incomplete)";
            var before = await EngineClient.RunAsync(target, engine == "mysql" ? "SELECT concat((SELECT count(*) FROM a), '|', (SELECT count(*) FROM nexusql_copy_incomplete))" : state);
            Assert.StartsWith("1|", before, StringComparison.Ordinal);

            var r = await CliRunner.RunAsync([.. copy, "--resume"]);
            Assert.True(r.ExitCode == 4, engine + ": " + r.All);
            foreach (var said in expected.Append("The target's tables changed since the interrupted copy: ").Append("Nothing was changed. Run it again with --clean."))
                Assert.Contains(said, r.All, StringComparison.Ordinal);
            Assert.Equal(before, await EngineClient.RunAsync(target, engine == "mysql" ? "SELECT concat((SELECT count(*) FROM a), '|', (SELECT count(*) FROM nexusql_copy_incomplete))" : state));
            if (engine != "sqlite") Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM b"));
        }
        // the data-only run's own tables, as they were, resume: b created again as the copy found it
        await EngineClient.RunScriptAsync(sqliteTarget, "CREATE TABLE b (id int PRIMARY KEY, n int);");
        await Ok("copy", "--from", big, "--to", sqliteTarget, "--data-only", "--resume");
        Assert.Equal("1|80000|0", await EngineClient.RunAsync(sqliteTarget,
            "SELECT (SELECT count(*) FROM a) || '|' || (SELECT count(DISTINCT id) FROM b) || '|' || (SELECT count(*) FROM sqlite_master WHERE name = 'nexusql_copy_incomplete')"));
    });

    /// <summary>
    /// F6: <c>copy --data-only</c> into a target table whose own trigger rewrites each row (MariaDB BEFORE INSERT, SQLite
    /// AFTER INSERT) or whose <c>ON CONFLICT IGNORE</c> drops one (SQLite, a NOCASE unique key) is refused before anything
    /// is written, naming the table, the row, the trigger or clause and what helps — never <c>--resume</c> (was: the
    /// read-back check failed after the rows were written, advising <c>--resume</c>, which loads them through it again).
    /// With <c>--clean</c> into a table holding rows (no trial load then) the end check names the trigger, with the same
    /// advice. PostgreSQL turns the table's triggers off for the load: the rows arrive as the source holds them.
    /// </summary>
    [Fact]
    public Task A_data_only_copy_into_a_table_whose_trigger_changes_the_rows_is_refused_before_writing() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE p (id integer PRIMARY KEY, name text); INSERT INTO p VALUES (1, 'ann'), (2, 'bob'), (3, 'Ann');");
        foreach (var (engine, table, expected) in new[]
        {
            ("mysql", "CREATE TABLE p (id int PRIMARY KEY, name text); CREATE TRIGGER p_up BEFORE INSERT ON p FOR EACH ROW SET NEW.name = upper(NEW.name);",
                new[] { "Table p: row id=1 reads back with other values in name than were loaded.", "trigger p_up (BEFORE INSERT)", "MySQL/MariaDB cannot turn a trigger off" }),
            ("sqlite", "CREATE TABLE p (id integer PRIMARY KEY, name text COLLATE NOCASE UNIQUE ON CONFLICT IGNORE);",
                ["Table p: row id=3 is not in the table once loaded (2 rows read back of 3 loaded).", "UNIQUE (name) ON CONFLICT IGNORE", "remove the ON CONFLICT clause"]),
            ("sqlite", "CREATE TABLE p (id integer PRIMARY KEY, name text); CREATE TRIGGER p_x AFTER INSERT ON p BEGIN UPDATE p SET name = 'x' WHERE id = new.id; END;",
                ["Table p: row id=1 reads back with other values in name than were loaded.", "trigger p_x (AFTER INSERT)", "drop the trigger for the copy"]),
        })
        {
            var target = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(target, table);
            var r = await CliRunner.RunAsync("copy", "--from", source, "--to", target, "--data-only");
            Assert.True(r.ExitCode == 4, engine + ": " + r.All);
            foreach (var said in expected.Append("then copy again with --data-only; or copy into an empty database without --data-only")
                         .Append("Nothing was written to the target (the rows were loaded in a transaction that was rolled back)."))
                Assert.Contains(said, r.All, StringComparison.Ordinal);
            Assert.DoesNotContain("--resume", r.All, StringComparison.Ordinal);
            Assert.Equal("0|0", await EngineClient.RunAsync(target, engine == "mysql"
                ? "SELECT concat((SELECT count(*) FROM p), '|', (SELECT count(*) FROM information_schema.tables WHERE table_schema = database() AND table_name = 'nexusql_copy_incomplete'))"
                : "SELECT (SELECT count(*) FROM p) || '|' || (SELECT count(*) FROM sqlite_master WHERE name = 'nexusql_copy_incomplete')"));

            if (table.Contains("p_x", StringComparison.Ordinal))
            {
                // --clean into a table holding rows: found by the end check, with the same advice (and --clean, as the rows are written)
                await EngineClient.RunScriptAsync(target, "INSERT INTO p VALUES (9, 'old');");
                var clean = await CliRunner.RunAsync("copy", "--from", source, "--to", target, "--data-only", "--clean", "--yes");
                Assert.True(clean.ExitCode == 1, clean.All);
                foreach (var said in new[] { "id=1: row differs in name", "The target's own trigger p_x (AFTER INSERT) changed the rows of table p as they were loaded",
                             "--resume would load them through it again", "drop the trigger for the copy (create it again afterwards), then copy again with --data-only --clean" })
                    Assert.Contains(said, clean.All, StringComparison.Ordinal);
                Assert.DoesNotContain("tables already copied are re-checked and kept", clean.All, StringComparison.Ordinal);
                await EngineClient.RunScriptAsync(target, "DROP TRIGGER p_x;");
                await Ok("copy", "--from", source, "--to", target, "--data-only", "--clean", "--yes");
                Assert.Equal("1|ann\n2|bob\n3|Ann", await EngineClient.RunAsync(target, "SELECT id || '|' || name FROM p ORDER BY id"));
            }
        }

        // PostgreSQL: the table's triggers (enabled, and ENABLE ALWAYS) are off during the load and on again after it
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, """
            CREATE TABLE p (id int PRIMARY KEY, name text);
            CREATE FUNCTION up() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.name := upper(NEW.name); RETURN NEW; END $$;
            CREATE TRIGGER p_up BEFORE INSERT ON p FOR EACH ROW EXECUTE FUNCTION up();
            CREATE TRIGGER p_up_always BEFORE INSERT ON p FOR EACH ROW EXECUTE FUNCTION up();
            ALTER TABLE p ENABLE ALWAYS TRIGGER p_up_always;
            """);
        await Ok("copy", "--from", source, "--to", pg, "--data-only");
        Assert.Equal("1|ann,2|bob,3|Ann|p_up O,p_up_always A", await EngineClient.RunAsync(pg,
            "SELECT (SELECT string_agg(id || '|' || name, ',' ORDER BY id) FROM p) || '|' || (SELECT string_agg(tgname || ' ' || tgenabled::text, ',' ORDER BY tgname) FROM pg_trigger WHERE tgrelid = 'p'::regclass)"));
    });
}
