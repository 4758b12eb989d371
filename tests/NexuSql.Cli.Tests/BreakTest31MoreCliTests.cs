namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 31, the rest of its findings: a replace that dropped the target's tables before finding that the backup's
/// rows break a foreign key to a table that stays (B14). Each side is read with the engine's own client.
/// </summary>
public sealed class BreakTest31MoreCliTests() : ValueFidelityCliTestBase("bt31m")
{
    /// <summary>
    /// B14: <c>restore --tables orders --replace</c> where a backup row's user is gone from the target's users (which
    /// stays) is refused by table, column, key and foreign key before anything is dropped; once the user is back it runs.
    /// </summary>
    [Fact]
    public Task A_replace_whose_rows_miss_a_parent_that_stays_is_refused_before_anything_is_dropped() => LiveAsync(async () =>
    {
        foreach (var engine in new[] { "postgresql", "mysql", "sqlite" })
        {
            var source = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE users (id int PRIMARY KEY, name varchar(20));
                CREATE TABLE orders (id int PRIMARY KEY, user_id int, note varchar(20), CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id));
                INSERT INTO users VALUES (1, 'ann'), (5, 'eve');
                INSERT INTO orders VALUES (1, 1, 'a'), (2, 5, 'b'), (3, NULL, 'c');
                """);
            var file = Db.File($"{engine}-replace.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var target = await Db.NewAsync(engine);
            await Ok("--url", target, "restore", file);
            await EngineClient.RunScriptAsync(target, """
                DELETE FROM orders WHERE user_id = 5;
                DELETE FROM users WHERE id = 5;
                INSERT INTO orders VALUES (4, 1, 'target only');
                """);
            const string orders = "SELECT id, user_id, note FROM orders ORDER BY id";
            var before = await EngineClient.RunAsync(target, orders);

            var r = await CliRunner.RunAsync("--json", "--yes", "--url", target, "restore", file, "--tables", "orders", "--replace");
            var error = AssertConstraintError(r, "orders", "user_id", "id=2");
            var message = error.GetProperty("message").GetString()!;
            Assert.Contains("Nothing was changed", message, StringComparison.Ordinal);
            // (SQLite's name of the key is read from its CREATE text: break test 33 G12)
            foreach (var named in new[] { "user_id=5", "foreign key orders_user_fk (user_id)", "no row in users", "--tables" })
                Assert.Contains(named, message, StringComparison.Ordinal);
            // no advice that assumes tables were dropped, nor to run the same command again (refused the same way)
            foreach (var not in new[] { "were dropped", "may already have dropped", "same command again" })
                Assert.DoesNotContain(not, message, StringComparison.Ordinal);
            // the target's own rows are all there, and no restore is marked unfinished
            Assert.Equal(before, await EngineClient.RunAsync(target, orders));
            Assert.Equal("0", await EngineClient.RunAsync(target,
                "SELECT count(*) FROM " + engine switch
                {
                    "sqlite" => "sqlite_master WHERE name",
                    // (information_schema spans every database on MariaDB: other tests' restores run beside this one)
                    "mysql" => "information_schema.tables WHERE table_schema = database() AND table_name",
                    _ => "information_schema.tables WHERE table_schema = current_schema() AND table_name",
                } + " = 'nexusql_restore_incomplete'"));

            // the parent row back: the replace runs and the target holds the backup's orders
            await EngineClient.RunScriptAsync(target, "INSERT INTO users VALUES (5, 'eve');");
            await Ok("--yes", "--url", target, "restore", file, "--tables", "orders", "--replace");
            Assert.Equal(await EngineClient.RunAsync(source, orders), await EngineClient.RunAsync(target, orders));
        }
    });

    /// <summary>
    /// B13: a JSON number is its value: <c>1.0</c>, <c>1e2</c>, <c>1.5e3</c> and <c>100e-2</c> into integer columns are
    /// imported (and seeded) as the integers they are; <c>1.5</c>, <c>1e-400</c> and <c>1e400</c> are still refused by
    /// column and row, and <c>1e400</c> into a decimal is named as written, not spelled out in 401 digits.
    /// </summary>
    [Fact]
    public Task Json_numbers_that_are_integers_are_imported_into_integer_columns_and_others_are_refused_shortly() => LiveAsync(async () =>
    {
        var dir = Directory.CreateDirectory(Db.File("js")).FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "items.json"), """
            [{"id": 1, "qty": 1.0}, {"id": 3, "qty": 1e2}, {"id": 6, "qty": 7, "big": 1.5e3}, {"id": 7, "qty": 100e-2, "big": -2.50E+1},
             {"id": 20, "qty": 1.5}, {"id": 21, "qty": 1, "big": 1e-400}, {"id": 22, "qty": 1, "big": 1e400}, {"id": 23, "qty": 1, "price": 1e400}]
            """, TestContext.Current.CancellationToken);
        const string rows = "SELECT id, qty, COALESCE(big, 0) FROM items ORDER BY id";
        foreach (var engine in new[] { "postgresql", "mysql", "sqlite" })
        {
            var db = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(db, "CREATE TABLE items (id int PRIMARY KEY, qty int NOT NULL, big bigint, price numeric(10,2));");
            var r = await CliRunner.RunAsync("--json", "--url", db, "import", dir);
            Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
            var file = r.Json.GetProperty("files")[0];
            Assert.Equal(4, file.GetProperty("inserted").GetInt32());
            var reasons = file.GetProperty("rejections").EnumerateArray().Select(x => x.GetProperty("reason").GetString()!).ToList();
            Assert.Equal(
            [
                "column qty, row id=20: '1.5' is not an integer",
                "column big, row id=21: '1e-400' is not an integer",
                "column big, row id=22: '1e400' is out of range for int64",
                "column price, row id=23: 1e400 has more digits before the point than decimal(10,2) allows (401 digits; it allows 8)",
            ], reasons);
            Assert.Equal("1|1|0\n3|100|0\n6|7|1500\n7|1|-25", await EngineClient.RunAsync(db, rows));
        }
        // seed reads the same numbers
        var seeded = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(seeded, "CREATE TABLE items (id int PRIMARY KEY, qty int NOT NULL, big bigint, price numeric(10,2));");
        await File.WriteAllTextAsync(Path.Combine(dir, "items.json"), """[{"id": 1, "qty": 2.0, "big": 3e1}]""", TestContext.Current.CancellationToken);
        await Ok("--url", seeded, "seed", "--folder", dir);
        Assert.Equal("1|2|30", await EngineClient.RunAsync(seeded, rows));
    });

    /// <summary>
    /// B12: MariaDB MyISAM and Aria tables are read outside the consistent snapshot: backup and copy name each with its
    /// engine in their warnings (they said nothing); a backup of InnoDB tables only does not.
    /// </summary>
    [Fact]
    public Task Backup_and_copy_of_mariadb_myisam_and_aria_tables_warn_by_name_that_the_snapshot_does_not_cover_them() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE hits (id int PRIMARY KEY, n bigint NOT NULL) ENGINE=MyISAM;
            CREATE TABLE ariat (id int PRIMARY KEY, n int) ENGINE=Aria;
            CREATE TABLE inno (id int PRIMARY KEY, n int) ENGINE=InnoDB;
            INSERT INTO hits VALUES (1, 10); INSERT INTO ariat VALUES (1, 20); INSERT INTO inno VALUES (1, 30);
            """);
        static IEnumerable<string> Warnings(CliRunner.Result r) => r.Json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!);
        const string named = "tables ariat (Aria), hits (MyISAM) are not transactional: read outside the consistent snapshot";
        var file = Db.File("myisam.nxb");
        Assert.Contains(Warnings(await Ok("--json", "--url", source, "backup", "-o", file)), w => w.StartsWith(named, StringComparison.Ordinal));
        var only = Db.File("inno.nxb");
        Assert.DoesNotContain(Warnings(await Ok("--json", "--url", source, "backup", "-o", only, "--tables", "inno")), w => w.Contains("not transactional", StringComparison.Ordinal));
        var target = await Db.NewAsync("sqlite");
        Assert.Contains(Warnings(await Ok("--json", "copy", "--from", source, "--to", target)), w => w.StartsWith("source: " + named, StringComparison.Ordinal));
        // the rows themselves are carried
        const string rows = "SELECT (SELECT n FROM hits) + (SELECT n FROM ariat) + (SELECT n FROM inno)";
        Assert.Equal("60", await EngineClient.RunAsync(target, rows));
        var restored = await Db.NewAsync("sqlite");
        await Ok("--url", restored, "restore", file);
        Assert.Equal("60", await EngineClient.RunAsync(restored, rows));
    });

    /// <summary>
    /// B8, wording: each error says what went wrong, where and what to do, without .NET's text — a backup into a folder
    /// that takes no files, a URL of an unknown scheme, a folder given as the backup to restore, a foreign key left out
    /// by --schemas named with its schema, and a data-only copy refused before writing said once, with no advice to run
    /// it again unchanged.
    /// </summary>
    [Fact]
    public Task Error_wording_names_the_cause_and_place_without_dotnet_text() => LiveAsync(async () =>
    {
        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE t (id int PRIMARY KEY);");
        static string Message(CliRunner.Result r, int exit, string kind)
        {
            Assert.True(r.ExitCode == exit, r.All);
            Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
            Assert.Equal(kind, r.Json.GetProperty("error").GetProperty("kind").GetString());
            return r.Json.GetProperty("error").GetProperty("message").GetString()!;
        }
        Assert.Equal("Cannot write the backup to /proc/x.nxb: no file can be created in /proc. Choose a folder you can write files in (-o); nothing was written.",
            Message(await CliRunner.RunAsync("--json", "--url", sqlite, "backup", "-o", "/proc/x.nxb"), 1, "failed"));
        Assert.StartsWith("Unknown database URL scheme 'foo'.", Message(await CliRunner.RunAsync("--json", "copy", "--from", "foo://bar", "--to", sqlite), 2, "usage"), StringComparison.Ordinal);
        var folder = Path.GetDirectoryName(Db.File("x"))!;
        Assert.StartsWith($"{folder} is a folder, not a backup file.", Message(await CliRunner.RunAsync("--json", "--url", sqlite, "restore", folder), 2, "usage"), StringComparison.Ordinal);

        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE customers (id int PRIMARY KEY);
            CREATE SCHEMA sales;
            CREATE TABLE sales.customers (id int PRIMARY KEY);
            CREATE TABLE sales.orders (id int PRIMARY KEY, customer_id int CONSTRAINT orders_customer_id_fkey REFERENCES public.customers (id));
            INSERT INTO customers VALUES (1); INSERT INTO sales.orders VALUES (1, 1);
            """);
        var target = await Db.NewAsync("postgresql");
        var copied = await Ok("--json", "copy", "--from", source, "--to", target, "--schemas", "sales");
        Assert.Contains("foreign key orders_customer_id_fkey on sales.orders (references public.customers, in a schema --schemas leaves out)",
            copied.Json.GetProperty("leftOut").EnumerateArray().Select(x => x.GetString()!));
        Assert.Equal("1|1", await EngineClient.RunAsync(target, "SELECT id, customer_id FROM sales.orders"));

        // data-only into a target whose customers lack the order's: refused before writing, said once
        var fresh = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(fresh, """
            CREATE TABLE customers (id int PRIMARY KEY);
            CREATE SCHEMA sales;
            CREATE TABLE sales.orders (id int PRIMARY KEY, customer_id int CONSTRAINT orders_customer_id_fkey REFERENCES public.customers (id));
            """);
        var refused = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", fresh, "--data-only", "--tables", "sales.orders");
        var message = AssertConstraintError(refused, "sales.orders", "customer_id", "id=1").GetProperty("message").GetString()!;
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(message, "Nothing was written"));
        Assert.DoesNotContain("Run the same command again", message, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(fresh, "SELECT count(*) FROM sales.orders"));
    });

    /// <summary>
    /// B8: Ctrl-C during an import said only "the statement that was running is rolled back": it now says the rows
    /// loaded before stay and that the same import goes on where it stopped, which it does.
    /// </summary>
    [Fact]
    public Task An_interrupted_import_says_the_rows_before_stay_and_the_same_import_continues() => LiveAsync(async () =>
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await Db.NewAsync("postgresql");
        // each row takes 0.4 s to write (50 rows: on a busy machine a shorter import ended before the interrupt reached it)
        await EngineClient.RunScriptAsync(db, """
            CREATE TABLE ev (id int PRIMARY KEY, v text);
            CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.4); RETURN NEW; END $$;
            CREATE TRIGGER ev_slow BEFORE INSERT ON ev FOR EACH ROW EXECUTE FUNCTION slow();
            """);
        var dir = Directory.CreateDirectory(Db.File("imp")).FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "ev.csv"), "id,v\n" + string.Concat(Enumerable.Range(1, 50).Select(i => $"{i},x{i}\n")), ct);
        using var import = CliRunner.Start("--url", db, "import", dir);
        var stdout = import.StandardOutput.ReadToEndAsync(ct);
        var stderr = import.StandardError.ReadToEndAsync(ct);
        var written = 0;
        while (written < 2)
        {
            Assert.False(import.HasExited, "the import ended before it was interrupted");
            await Task.Delay(100, ct);
            written = int.Parse(await EngineClient.RunAsync(db, "SELECT count(*) FROM ev"), System.Globalization.CultureInfo.InvariantCulture);
        }
        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", import.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync(ct);
        await import.WaitForExitAsync(ct);
        var message = await stdout + await stderr;
        Assert.True(import.ExitCode == 130, $"exit {import.ExitCode}: {message}");
        Assert.Contains("The rows loaded before it stay", message, StringComparison.Ordinal);
        Assert.Contains("Run the same import again", message, StringComparison.Ordinal);
        var kept = int.Parse(await EngineClient.RunAsync(db, "SELECT count(*) FROM ev"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(kept, 2, 49);
        // as said: the same import skips those and loads the rest
        await EngineClient.RunScriptAsync(db, "DROP TRIGGER ev_slow ON ev;");
        var again = await Ok("--json", "--url", db, "import", dir);
        Assert.Equal(kept, again.Json.GetProperty("skipped").GetInt32());
        Assert.Equal("50|1275", await EngineClient.RunAsync(db, "SELECT count(*), sum(id) FROM ev"));
    });
}
