using NexuSql.Specification;

namespace NexuSql.Cli.Tests;

/// <summary>
/// Break tests 42 and 43: what outside testers found — a SQLite data-only reset firing DELETE triggers, SQLite index
/// names that differ only in case, an environment's SQLite URL read otherwise than the same text on the command line,
/// and small wording items. Each result is read with the engine's own client.
/// </summary>
public sealed class BreakTest43CliTests() : ValueFidelityCliTestBase("bt43")
{
    /// <summary>
    /// bt42 N8: <c>reset --data-only</c> said "Emptied 2 tables" while a log table held the rows a DELETE trigger of the
    /// other table wrote into it (SQLite DELETE fires them). Every table ends empty and the triggers are there again,
    /// with the same statements; on PostgreSQL an ON TRUNCATE trigger does not fire either (MariaDB's TRUNCATE fires none).
    /// </summary>
    [Fact]
    public Task Reset_data_only_fires_no_trigger_and_leaves_every_table_empty() => LiveAsync(async () =>
    {
        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(sqlite, "create table a(id integer primary key); create table alog(msg text); create table zlog(msg text); " +
            "create trigger td after delete on a begin insert into alog values ('deleted '||old.id); insert into zlog values ('z'); end; " +
            "create trigger \"Tz\" before delete on zlog begin insert into a values (99); end; " +
            "insert into a values (1),(2); insert into zlog values ('old');");
        const string Triggers = "select name, sql from sqlite_master where type = 'trigger' order by name";
        var before = await EngineClient.RunAsync(sqlite, Triggers);
        var r = await Ok("--url", sqlite, "--yes", "reset", "--data-only");
        Assert.Contains("Emptied 3 tables", r.Stdout, StringComparison.Ordinal);
        Assert.Equal("0|0|0", await EngineClient.RunAsync(sqlite, "select (select count(*) from a), (select count(*) from alog), (select count(*) from zlog)"));
        Assert.Equal(before, await EngineClient.RunAsync(sqlite, Triggers));
        Assert.Contains("Tz|", before, StringComparison.Ordinal);
        // and the triggers still fire afterwards
        await EngineClient.RunAsync(sqlite, "insert into a values (5); delete from a;");
        Assert.Equal("deleted 5", await EngineClient.RunAsync(sqlite, "select msg from alog"));

        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "create table a(id int primary key); create table alog(msg text);\n" +
            "create function lg() returns trigger language plpgsql as $$ begin insert into alog values ('truncated'); return null; end $$;\n" +
            "create trigger tt after truncate on a for each statement execute function lg();\n" +
            "create trigger td after delete on a for each row execute function lg(); alter table a disable trigger td;\n" +
            "insert into a values (1),(2);\n");
        Assert.Contains("Emptied 2 tables", (await Ok("--url", pg, "--yes", "reset", "--data-only")).Stdout, StringComparison.Ordinal);
        Assert.Equal("0|0", await EngineClient.RunAsync(pg, "select (select count(*) from a), (select count(*) from alog)"));
        // each trigger keeps its own state: tt fires again, td stays disabled
        Assert.Equal("td|D\ntt|O", await EngineClient.RunAsync(pg, "select tgname, tgenabled from pg_trigger where not tgisinternal order by 1"));

        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunAsync(maria, "create table a(id int primary key); create table alog(msg text); " +
            "create trigger td after delete on a for each row insert into alog values (concat('deleted ', old.id)); insert into a values (1),(2);");
        Assert.Contains("Emptied 2 tables", (await Ok("--url", maria, "--yes", "reset", "--data-only")).Stdout, StringComparison.Ordinal);
        Assert.Equal("0\t0", (await EngineClient.RunAsync(maria, "select (select count(*) from a), (select count(*) from alog)")).Replace('|', '\t'));
        Assert.Equal("td", await EngineClient.RunAsync(maria, "select trigger_name from information_schema.triggers where trigger_schema = database()"));
    });

    /// <summary>
    /// bt43 N-new-11: index names <c>Ix</c> and <c>ix</c> in one schema file: the SQLite plan accepted them and the engine
    /// failed "index ix already exists". SQLite keeps index names beside tables and views regardless of case: its plan
    /// refuses the second by name, as MariaDB's does, and nothing is applied; a key's CONSTRAINT name takes no index
    /// name there (unique <c>U</c> beside index <c>u</c> is applied); PostgreSQL creates both.
    /// </summary>
    [Fact]
    public Task Sqlite_plan_refuses_index_names_that_differ_only_in_case() => LiveAsync(async () =>
    {
        static string File(string indexes) => $$"""
            {"tables":[{"name":"t","columns":[{"name":"id","type":"int32","nullable":false},{"name":"a","type":"int32"},{"name":"b","type":"int32"}],
              "primaryKey":{"columns":["id"]},"indexes":[{{indexes}}]}]}
            """;
        var clash = Db.File("ix.json");
        await System.IO.File.WriteAllTextAsync(clash, File("""{"name":"Ix","columns":[{"name":"a"}]},{"name":"ix","columns":[{"name":"b"}]}"""), TestContext.Current.CancellationToken);
        var sqlite = await Db.NewAsync("sqlite");
        var r = await CliRunner.RunAsync("--url", sqlite, "--yes", "schema", "apply", clash);
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("NOT INCLUDED: index ix on t (index Ix on t has that name, and SQLite names indexes per schema, beside its tables and views, regardless of case; " +
            "rename one of them in the file)", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("already exists", r.All, StringComparison.Ordinal);
        Assert.Equal("", await EngineClient.RunAsync(sqlite, "select name from sqlite_master"));

        // an index named like the table: refused the same way
        var table = Db.File("table.json");
        await System.IO.File.WriteAllTextAsync(table, File("""{"name":"T","columns":[{"name":"a"}]}"""), TestContext.Current.CancellationToken);
        r = await CliRunner.RunAsync("--url", sqlite, "--yes", "schema", "apply", table);
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("NOT INCLUDED: index T on t (table t has that name", r.All, StringComparison.Ordinal);

        // a unique key's name names no index on SQLite: U beside index u is no clash
        var keyed = Db.File("keyed.json");
        await System.IO.File.WriteAllTextAsync(keyed, File("""{"name":"u","columns":[{"name":"b"}]}""").Replace("\"indexes\"", "\"uniques\":[{\"name\":\"U\",\"columns\":[\"a\"]}],\"indexes\"", StringComparison.Ordinal),
            TestContext.Current.CancellationToken);
        await Ok("--url", sqlite, "--yes", "schema", "apply", keyed);
        Assert.Equal("index|u", await EngineClient.RunAsync(sqlite, "select type, name from sqlite_master where type = 'index' and name not like 'sqlite_%'"));

        var maria = await Db.NewAsync("mysql");
        r = await CliRunner.RunAsync("--url", maria, "--yes", "schema", "apply", clash);
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("NOT INCLUDED: index ix on t (index Ix on t has that name", r.All, StringComparison.Ordinal);
        Assert.Equal("", await EngineClient.RunAsync(maria, "select table_name from information_schema.tables where table_schema = database()"));

        var pg = await Db.NewAsync("postgresql");
        await Ok("--url", pg, "--yes", "schema", "apply", clash);
        Assert.Equal("Ix\nix", await EngineClient.RunAsync(pg, "select indexname from pg_indexes where tablename = 't' and indexname <> 't_pkey' order by indexname collate \"C\""));
    });

    /// <summary>
    /// bt43 N-new-10: nexusql.json's <c>sqlite:///file:q.db%3Fcache%3Dprivate</c> wrote a file literally named
    /// <c>file:q.db?cache=private</c>, the same text given to --url opened q.db; <c>file:m.db%3Fvfs%3Dmemdb</c> was
    /// restored into a file by that name, refused as in-memory with --url. The environment's URL is read as --url reads
    /// it, its file under the project's folder; env list shows a URL that, given to --url, opens the same file.
    /// </summary>
    [Fact]
    public async Task An_environment_reads_a_sqlite_uri_file_name_as_url_does()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = Db.File("memenv");
        var below = Path.Combine(project, "sub");
        Directory.CreateDirectory(below);
        await File.WriteAllTextAsync(Path.Combine(project, "nexusql.json"),
            """{"environments":{"e1":{"url":"sqlite:///file:q.db%3Fcache%3Dprivate"},"mem":{"url":"sqlite:///file:m.db%3Fvfs%3Dmemdb"}}}""", ct);
        var r = await CliRunner.RunAsync(["-e", "e1", "exec", "create table viaenv(id int)"], null, below);
        Assert.True(r.ExitCode == 0, r.All);
        r = await CliRunner.RunAsync(["--url", "sqlite:///file:q.db%3Fcache%3Dprivate", "exec", "create table viaurl(id int)"], null, project);
        Assert.True(r.ExitCode == 0, r.All);
        var q = "sqlite:///" + Path.Combine(project, "q.db");
        Assert.Equal("viaenv\nviaurl", await EngineClient.RunAsync(q, "select name from sqlite_master order by name"));
        Assert.Equal<string>(["nexusql.json", "q.db", "sub"], Directory.GetFileSystemEntries(project).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray());
        Assert.Empty(Directory.GetFileSystemEntries(below));

        // env list names what is opened, in a spelling --url opens the same way
        r = await CliRunner.RunAsync(["--json", "env", "list"], null, below);
        Assert.True(r.ExitCode == 0, r.All);
        var listed = System.Text.Json.JsonDocument.Parse(r.Stdout).RootElement.GetProperty("environments").EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("url").GetString()!);
        Assert.Equal($"sqlite:///file:{project}/q.db%3Fcache=private", listed["e1"]);
        r = await CliRunner.RunAsync(["--json", "--url", listed["e1"], "query", "select count(*) as n from sqlite_master"], null, Path.GetTempPath());
        Assert.True(r.ExitCode == 0, r.All);
        Assert.Contains("\"n\": 2", r.Stdout, StringComparison.Ordinal);

        // an in-memory URI file name is refused by restore from the environment as from --url, and writes no file
        var source = "sqlite:///" + Path.Combine(project, "src.db");
        await EngineClient.RunAsync(source, "create table a(id int); insert into a values (1);");
        var backup = Path.Combine(project, "ln.nxb");
        await Ok("--url", source, "backup", "--output", backup);
        r = await CliRunner.RunAsync(["-e", "mem", "--yes", "restore", backup], null, project);
        Assert.True(r.ExitCode == 2, r.All);
        Assert.Contains($"--env mem (sqlite:///file:{project}/m.db%3Fvfs=memdb) is an in-memory database: what restore writes into it would be gone", r.Stderr, StringComparison.Ordinal);
        r = await CliRunner.RunAsync(["--url", "sqlite:///file:m.db%3Fvfs%3Dmemdb", "--yes", "restore", backup], null, project);
        Assert.True(r.ExitCode == 2, r.All);
        Assert.Contains("is an in-memory database: what restore writes into it would be gone", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFileSystemEntries(project), f => Path.GetFileName(f).Contains("m.db", StringComparison.Ordinal));
    }

    /// <summary>
    /// bt43 LOW: <c>backup prune --keep 99999999999</c> was refused as "not a whole number, 1 or more" (it is one: it
    /// did not fit an int). More than there can be keeps every backup; elsewhere a number too large names the largest.
    /// </summary>
    [Fact]
    public async Task Prune_keeps_every_backup_when_keep_is_larger_than_an_int()
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(source, "create table a(id int); insert into a values (1);");
        var folder = Db.File("backups");
        Directory.CreateDirectory(folder);
        await Ok("--url", source, "backup", "--output", Path.Combine(folder, "one.nxb"));
        await Ok("--url", source, "backup", "--output", Path.Combine(folder, "two.nxb"));
        foreach (var keep in new[] { "99999999999", "99999999999999999999999999" })
        {
            var r = await CliRunner.RunAsync("--json", "backup", "prune", "--keep", keep, "--dir", folder);
            Assert.True(r.ExitCode == 0, r.All);
            Assert.Equal(2, r.Json.GetProperty("kept").GetArrayLength());
            Assert.Equal(0, r.Json.GetProperty("deleted").GetArrayLength());
        }
        Assert.Equal(2, Directory.GetFiles(folder, "*.nxb").Length);
        var steps = await CliRunner.RunAsync("--url", source, "migrate", "undo", "--steps", "99999999999");
        Assert.True(steps.ExitCode == 2, steps.All);
        Assert.Contains("--steps takes a whole number, 1 or more, at most 2147483647, not '99999999999'.", steps.Stderr, StringComparison.Ordinal);
        Assert.Contains("--keep takes a whole number, 1 or more, not '0'.", (await CliRunner.RunAsync("backup", "prune", "--keep", "0", "--dir", folder)).Stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// bt43 LOW: <c>verify --against</c> between two PostgreSQL databases that hold "Users" and users was refused in
    /// copy's words ("nothing was written. Rename one of them in the source"). Between two databases of one engine that
    /// tells them apart they pair by their spelling; across engines the refusal says what verify did (nothing compared).
    /// </summary>
    [Fact]
    public Task Verify_pairs_tables_differing_only_in_case_by_spelling_on_one_engine() => LiveAsync(async () =>
    {
        const string Tables = "create table \"Users\"(id int primary key, n text); create table users(id int primary key, m text); " +
            "insert into \"Users\" values (1, 'a'); insert into users values (1, 'b');";
        var first = await Db.NewAsync("postgresql");
        var second = await Db.NewAsync("postgresql");
        await EngineClient.RunAsync(first, Tables);
        await EngineClient.RunAsync(second, Tables);
        await Ok("--url", first, "verify", "--against", second, "--checks", "data");
        await EngineClient.RunAsync(second, "update users set m = 'c'");
        Assert.Equal("1|a\n1|c", await EngineClient.RunAsync(second, "select * from \"Users\" union all select * from users order by 2"));
        var r = await CliRunner.RunAsync("--url", first, "verify", "--against", second, "--checks", "data");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("[data] users: id=1: row differs in m", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[data] Users", r.Stdout, StringComparison.Ordinal);

        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(sqlite, "create table users(id int primary key, m text);");
        r = await CliRunner.RunAsync("--url", first, "verify", "--against", sqlite, "--checks", "data");
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("Tables \"Users\" and \"users\" have names that differ only in case, which NexuSQL does not tell apart when it matches tables " +
            "(across two engines; --tables cannot pick one of them either); nothing was compared. Rename one of them or compare with a database of the same engine",
            r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("nothing was written", r.All, StringComparison.Ordinal);
    });
}
