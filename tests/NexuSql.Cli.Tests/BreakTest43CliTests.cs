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
}
