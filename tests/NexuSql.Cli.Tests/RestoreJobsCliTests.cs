using System.Text.RegularExpressions;
using NexuSql.Specification;

namespace NexuSql.Cli.Tests;

/// <summary>
/// <c>restore --jobs N</c> (issue 14): the tables of a backup loaded on N connections at once, as <c>pg_restore -j N</c>.
/// A PostgreSQL database of five tables with foreign keys (a chain, a table referenced twice, one referencing itself)
/// is backed up and restored with three jobs into PostgreSQL and MariaDB, and both sides are read with psql and mariadb;
/// a load whose connection is ended half-way leaves each table loaded and recorded or empty, and <c>--resume --jobs
/// 3</c> finishes it; a number of jobs outside 1 to 64 is a usage error; SQLite loads one table at a time and says so.
/// </summary>
public sealed class RestoreJobsCliTests() : SchemaFidelityCliTestBase("restore-jobs")
{
    private static readonly string[] Tables = ["categories", "customers", "orders", "items", "notes"];

    /// <summary>A number column of each table and one row of it, to change a loaded table and change it back.</summary>
    private static readonly Dictionary<string, (string Column, string Where)> Changeable = new()
    {
        ["categories"] = ("parent_id", "id = 11"), ["customers"] = ("category_id", "id = 1"), ["orders"] = ("customer_id", "id = 1"),
        ["items"] = ("qty", "order_id = 2 AND line = 1"), ["notes"] = ("order_id", "id = 8"),
    };

    /// <summary>A PostgreSQL source of <see cref="Tables"/>, <paramref name="scale"/> orders, with foreign keys and a secondary index.</summary>
    private async Task<string> SourceAsync(int scale)
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, $"""
            CREATE TABLE categories (id int PRIMARY KEY, parent_id int REFERENCES categories (id), name varchar(40) NOT NULL);
            CREATE TABLE customers (id int PRIMARY KEY, name varchar(40) NOT NULL UNIQUE, category_id int REFERENCES categories (id));
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES customers (id), placed date NOT NULL);
            CREATE TABLE items (order_id bigint NOT NULL REFERENCES orders (id), line int NOT NULL, sku varchar(20) NOT NULL, qty int NOT NULL CHECK (qty > 0),
                PRIMARY KEY (order_id, line));
            CREATE TABLE notes (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id), body text);
            CREATE INDEX items_sku ON items (sku);
            INSERT INTO categories SELECT g, CASE WHEN g > 10 THEN g % 10 + 1 END, 'cat ' || g FROM generate_series(1, 100) g;
            INSERT INTO customers SELECT g, 'customer ' || g, 1 + g % 100 FROM generate_series(1, 2000) g;
            INSERT INTO orders SELECT g, 1 + g % 2000, date '2024-01-01' + g % 300 FROM generate_series(1, {scale}) g;
            INSERT INTO items SELECT 1 + g % {scale}, g, 'sku' || (g % 777), 1 + g % 5 FROM generate_series(1, {scale * 3}) g;
            INSERT INTO notes SELECT g, CASE WHEN g % 7 > 0 THEN 1 + g % {scale} END, repeat('n', g % 40) FROM generate_series(1, {scale}) g;
            """);
        return source;
    }

    /// <summary>Each table's count and sums, read with the engine's own client (the same SQL on PostgreSQL and MariaDB).</summary>
    private static async Task<string> ContentAsync(string url)
    {
        var lines = new List<string>();
        foreach (var (table, sums) in new[]
                 {
                     ("categories", "sum(id), sum(coalesce(parent_id, 0)), sum(length(name))"),
                     ("customers", "sum(id), sum(category_id), sum(length(name))"),
                     ("orders", "sum(id), sum(customer_id), min(placed), max(placed)"),
                     ("items", "sum(order_id), sum(line), sum(qty), sum(length(sku))"),
                     ("notes", "sum(id), sum(coalesce(order_id, 0)), sum(length(body)), count(order_id)"),
                 })
            lines.Add(table + " " + await EngineClient.RunAsync(url, $"SELECT concat_ws('|', count(*), {sums}) FROM {table}"));
        return string.Join("\n", lines);
    }

    private static Task<string> ForeignKeysAsync(string url) => EngineClient.RunAsync(url, url.StartsWith("mysql", StringComparison.Ordinal)
        ? "SELECT concat_ws('|', table_name, referenced_table_name) FROM information_schema.referential_constraints WHERE constraint_schema = database() ORDER BY 1"
        : "SELECT concat_ws('|', tc.table_name, ccu.table_name) FROM information_schema.table_constraints tc JOIN information_schema.constraint_column_usage ccu " +
          "USING (constraint_schema, constraint_name) WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public' ORDER BY 1");

    [Theory]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    public Task Three_jobs_restore_every_table_with_its_foreign_keys_as_one_job_does(string engine) => LiveAsync(async () =>
    {
        var source = await SourceAsync(20_000);
        var backup = Db.File("b.nxb");
        await Ok("--url", source, "backup", "-o", backup);
        var expected = await ContentAsync(source);

        var target = await Db.NewAsync(engine);
        var run = await Ok("--url", target, "restore", backup, "--jobs", "3");
        Assert.Contains("loading 5 tables on 3 connections", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("counts and hashes match the backup", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(expected, await ContentAsync(target));
        Assert.Equal("categories|categories\ncustomers|categories\nitems|orders\nnotes|orders\norders|customers", await ForeignKeysAsync(target));
        Assert.Equal("0", await EngineClient.RunAsync(target, engine == "mysql"
            ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = database() AND table_name = 'nexusql_restore_incomplete'"
            : "SELECT count(*) FROM pg_tables WHERE tablename = 'nexusql_restore_incomplete'"));
        // the foreign keys are in force after the load
        var orphan = await CliRunner.RunAsync("--url", target, "exec", "INSERT INTO items (order_id, line, sku, qty) VALUES (999999999, 1, 'x', 1)");
        Assert.True(orphan.ExitCode == 1, orphan.All);

        // the same as one job gives, read by the other side's verify
        var one = await Db.NewAsync(engine);
        await Ok("--url", one, "restore", backup);
        await Ok("--url", one, "verify", "--against", target, "--checks", "data");
    });

    [Theory]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    public Task A_load_ended_half_way_leaves_each_table_loaded_and_recorded_or_empty_and_resume_with_jobs_finishes(string engine) => LiveAsync(async () =>
    {
        var source = await SourceAsync(300_000);
        var backup = Db.File("b.nxb");
        await Ok("--url", source, "backup", "-o", backup);
        var expected = await ContentAsync(source);
        var target = await Db.NewAsync(engine);
        var database = DatabaseUrl.Parse(target).Database!;

        // what a server restart does to one loading connection: ended in the middle of its table's load
        var restore = CliRunner.RunAsync("--url", target, "--json", "restore", backup, "--jobs", "3");
        string? killed = null;
        for (var i = 0; i < 1200 && killed is null && !restore.IsCompleted; i++)
        {
            var found = engine == "mysql"
                ? await EngineClient.RunAsync(target, $"SELECT concat_ws('|', id, info) FROM information_schema.processlist WHERE db = '{database}' " +
                    "AND info LIKE 'LOAD DATA%' AND id <> CONNECTION_ID() " +
                    // the load itself, after the marker, not the rolled-back load of the check of keys before anything is written
                    $"AND EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = '{database}' AND table_name = 'nexusql_restore_incomplete') LIMIT 1")
                : await EngineClient.RunAsync(target, "SELECT concat_ws('|', pid, query) FROM pg_stat_activity WHERE datname = current_database() " +
                    "AND query LIKE 'COPY%' AND pid <> pg_backend_pid() AND to_regclass('nexusql_restore_incomplete') IS NOT NULL LIMIT 1");
            if (found.Length > 0)
            {
                var id = found[..found.IndexOf('|', StringComparison.Ordinal)];
                await EngineClient.RunAsync(target, engine == "mysql" ? $"KILL {id}" : $"SELECT pg_terminate_backend({id})");
                killed = Regex.Match(found, @"(?:INTO TABLE|COPY)\s+[`""]?(?:public[`""]?\.[`""]?)?(\w+)").Groups[1].Value;
            }
            else await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        var r = await restore;
        if (killed is null) return; // the restore won the race: nothing to continue (rare: the load takes seconds)
        Assert.Contains(killed, Tables);
        Assert.True(r.ExitCode == 1, r.All);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        var error = r.Json.GetProperty("error");
        Assert.True(error.GetProperty("kind").GetString() == "connection", r.All);
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains($"The connection to the target was lost while restoring table {killed}", message, StringComparison.Ordinal);
        Assert.Contains($"restore {backup} --jobs 3 --resume", message, StringComparison.Ordinal);

        // nothing half-applied looks complete: a table is recorded as loaded with all its rows, or holds none
        var recorded = (await EngineClient.RunAsync(target, "SELECT step FROM nexusql_restore_incomplete WHERE step LIKE 'loaded %'"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(s => s["loaded ".Length..]).ToHashSet();
        Assert.DoesNotContain(killed, recorded);
        var full = expected.Split('\n').ToDictionary(l => l[..l.IndexOf(' ', StringComparison.Ordinal)], l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..l.IndexOf('|', StringComparison.Ordinal)]);
        foreach (var table in Tables)
            Assert.Equal(recorded.Contains(table) ? full[table] : "0", await EngineClient.RunAsync(target, $"SELECT count(*) FROM {table}"));

        // a table recorded as loaded that changed in the target since: refused before anything more is loaded, with --clean
        // as the way on, not --resume again, which would keep it and fail each time (break test 31 B15)
        if (recorded.FirstOrDefault() is { } kept)
        {
            var (column, where) = Changeable[kept];
            await EngineClient.RunAsync(target, $"UPDATE {kept} SET {column} = {column} + 1 WHERE {where}");
            var tampered = await CliRunner.RunAsync("--url", target, "--json", "restore", backup, "--resume");
            Assert.True(tampered.ExitCode == 4, tampered.All);
            var said = tampered.Json.GetProperty("error").GetProperty("message").GetString()!;
            Assert.Contains($"Table {kept} was done by the interrupted run and changed in the target since", said, StringComparison.Ordinal);
            Assert.EndsWith("Start over with --clean.", said, StringComparison.Ordinal);
            foreach (var table in Tables.Where(t => !recorded.Contains(t)))
                Assert.Equal("0", await EngineClient.RunAsync(target, $"SELECT count(*) FROM {table}"));
            await EngineClient.RunAsync(target, $"UPDATE {kept} SET {column} = {column} - 1 WHERE {where}");
        }
        var resumed = await Ok("--url", target, "restore", backup, "--resume", "--jobs", "3");
        var left = Tables.Length - recorded.Count;
        // one table left loads on the one connection already open: no parallel phase to announce
        if (left > 1) Assert.Contains($"loading {left} tables on {Math.Min(3, left)} connections", resumed.Stdout, StringComparison.Ordinal);
        else Assert.DoesNotContain(" connections", resumed.Stdout, StringComparison.Ordinal);
        Assert.Equal(expected, await ContentAsync(target));
        Assert.Equal("categories|categories\ncustomers|categories\nitems|orders\nnotes|orders\norders|customers", await ForeignKeysAsync(target));
    });

    [Theory]
    [InlineData("0", "--jobs takes a whole number from 1 to 64, not '0'.")]
    [InlineData("65", "--jobs takes a whole number from 1 to 64, not '65'.")]
    [InlineData("-2", "--jobs takes a whole number from 1 to 64, not '-2'.")]
    [InlineData("many", "--jobs takes a whole number from 1 to 64, not 'many'.")]
    [InlineData("99999999999", "--jobs takes a whole number from 1 to 64, not '99999999999'.")]
    public async Task Jobs_outside_1_to_64_are_a_usage_error_before_anything_is_read(string jobs, string said)
    {
        var target = await Db.NewAsync("sqlite");
        var r = await CliRunner.RunAsync("--url", target, "--json", "restore", Db.File("none.nxb"), "--jobs", jobs);
        Assert.True(r.ExitCode == 2, r.All);
        Assert.Equal("usage", r.Json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains(said, r.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(File.Exists(DatabaseUrl.Parse(target).Database), "the target was touched");
    }

    [Fact]
    public Task Into_sqlite_the_tables_load_one_after_another_and_a_warning_says_so() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE a (id integer PRIMARY KEY, v text);
            CREATE TABLE b (id integer PRIMARY KEY, a_id int REFERENCES a (id));
            INSERT INTO a VALUES (1, 'x'), (2, 'y');
            INSERT INTO b VALUES (1, 2);
            """);
        var backup = Db.File("s.nxb");
        await Ok("--url", source, "backup", "-o", backup);
        var target = await Db.NewAsync("sqlite");
        var r = await Ok("--url", target, "restore", backup, "-j", "4");
        Assert.Contains("warning: --jobs 4 has no effect on SQLite, which lets one transaction write at a time", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("connections", r.Stdout, StringComparison.Ordinal);
        Assert.Equal("1|x\n2|y", await EngineClient.RunAsync(target, "SELECT id || '|' || v FROM a ORDER BY id"));
        Assert.Equal("1|2", await EngineClient.RunAsync(target, "SELECT id || '|' || a_id FROM b"));
    });
}
