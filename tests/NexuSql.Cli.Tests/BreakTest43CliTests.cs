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
}
