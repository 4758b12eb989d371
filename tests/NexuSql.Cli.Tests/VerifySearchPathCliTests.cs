namespace NexuSql.Cli.Tests;

/// <summary>
/// bt41 F2: verify between two PostgreSQL databases, the second with a search path naming <c>sales</c> first (in the
/// database's settings or the URL), said hr.q's foreign key to sales.p referenced "'sales' in the first database, none
/// in the second", and the schema check alone named sales.p and public.p each "only in" one: the two schemas were read
/// relative to different current schemas. Read relative to the same one, they are the same; a real difference still shows.
/// </summary>
public sealed class VerifySearchPathCliTests() : ValueFidelityCliTestBase("bt41sp")
{
    [Fact]
    public Task Verify_reads_both_postgresql_databases_relative_to_one_current_schema() => LiveAsync(async () =>
    {
        var first = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(first, "CREATE SCHEMA sales; CREATE SCHEMA hr; CREATE TABLE public.p (id int PRIMARY KEY, v text); " +
            "CREATE TABLE sales.p (id int PRIMARY KEY, v text); CREATE TABLE hr.q (id int PRIMARY KEY, pid int REFERENCES sales.p (id)); " +
            "CREATE TABLE sales.only_sales (i int); INSERT INTO sales.p VALUES (1, 'x'); INSERT INTO hr.q VALUES (1, 1);");
        var second = await Db.NewAsync("postgresql");
        await Ok("copy", "--from", first, "--to", second, "--yes");
        var name = await EngineClient.RunAsync(second, "SELECT current_database()");
        await EngineClient.RunAsync(second, $"ALTER DATABASE {name} SET search_path = sales, public");
        // as the server sees it: the second's current schema is sales, its foreign key references sales.p
        Assert.Equal("sales", await EngineClient.RunAsync(second, "SELECT current_schema()"));
        Assert.Equal("sales|p", await EngineClient.RunAsync(second,
            "SELECT n.nspname, c.relname FROM pg_constraint k JOIN pg_class c ON c.oid = k.confrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE k.conname = 'q_pid_fkey'"));

        var r = await CliRunner.RunAsync("--url", first, "verify", "--against", second);
        Assert.True(r.ExitCode == 0, r.All);
        r = await CliRunner.RunAsync("--url", first, "verify", "--against", second, "--checks", "schema");
        Assert.True(r.ExitCode == 0, r.All);
        Assert.DoesNotContain("only in", r.All, StringComparison.Ordinal);
        r = await CliRunner.RunAsync("--url", second, "verify", "--against", first, "--checks", "schema");
        Assert.True(r.ExitCode == 0, r.All);

        // the search path in the URL instead; and a foreign key that does reference another table is still a difference
        await EngineClient.RunAsync(second, $"ALTER DATABASE {name} RESET search_path");
        var withPath = second + (second.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "search_path=sales,public";
        r = await CliRunner.RunAsync("--url", first, "verify", "--against", withPath, "--checks", "schema");
        Assert.True(r.ExitCode == 0, r.All);
        await EngineClient.RunScriptAsync(second, "ALTER TABLE hr.q DROP CONSTRAINT q_pid_fkey; ALTER TABLE hr.q ADD CONSTRAINT q_pid_fkey FOREIGN KEY (pid) REFERENCES public.p (id) NOT VALID;");
        r = await CliRunner.RunAsync("--url", first, "verify", "--against", withPath, "--checks", "schema");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("table hr.q: foreign key q_pid_fkey: referenced schema: 'sales' in the first database, none in the second", r.All, StringComparison.Ordinal);
    });
}
