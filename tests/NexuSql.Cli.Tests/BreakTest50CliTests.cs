namespace NexuSql.Cli.Tests;

/// <summary>Break test 50 (an outside tester of issue 12, the schema side, after bt49's fixes). Each result is read with the engine's own client.</summary>
public sealed class BreakTest50CliTests() : ValueFidelityCliTestBase("bt50")
{
    /// <summary>
    /// M1: a domain whose check calls a user function (SQL-standard or plpgsql) was created before the functions: every
    /// PostgreSQL to PostgreSQL apply, copy and restore failed with 42883 (the backup said "verified"). Functions that name
    /// no type of the schema come first now; one whose header names a domain comes after the domains.
    /// </summary>
    [Fact]
    public Task A_domain_check_may_call_a_function() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, """
            CREATE FUNCTION is_pos(n int) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN n > 0;
            CREATE FUNCTION plpos(n int) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN n > 0; END $$;
            CREATE DOMAIN posint AS int CHECK (is_pos(VALUE));
            CREATE DOMAIN posint2 AS int CHECK (plpos(VALUE));
            CREATE FUNCTION twice(x posint) RETURNS int LANGUAGE sql RETURN x * 2;
            CREATE TABLE t (id int PRIMARY KEY, q posint, r posint2, s int DEFAULT twice(3));
            INSERT INTO t (id, q, r) VALUES (1, 1, 1);
            """);
        var file = Db.File("p22.json");
        await Ok("--url", pg, "schema", "dump", "-o", file);
        var applied = await Db.NewAsync("postgresql");
        await Ok("--url", applied, "--yes", "schema", "apply", file);
        Assert.Contains("No differences", (await Ok("schema", "diff", "--from", file, "--to", applied)).Stdout, StringComparison.Ordinal);
        var (copied, restored) = await MoveAsync(pg, "postgresql");
        foreach (var target in new[] { applied, copied, restored })
        {
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, "INSERT INTO t (id, q, r) VALUES (2, -1, 1);"));
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, "INSERT INTO t (id, q, r) VALUES (3, 1, -1);"));
            await EngineClient.RunScriptAsync(target, "INSERT INTO t (id, q, r) VALUES (4, 1, 1);");
            Assert.Equal("6", await EngineClient.RunAsync(target, "SELECT s FROM t WHERE id = 4"));
        }
    });

    /// <summary>
    /// M6: MariaDB stores <c>a % 3</c> as <c>a MOD 3</c> and <c>NOT f IS FALSE</c> as <c>!(f is false)</c>; both were
    /// refused on their way to PostgreSQL and SQLite (so a check NexuSQL itself wrote to MariaDB could not come back). They
    /// translate, hold the same rows, and a second apply finds nothing.
    /// </summary>
    [Fact]
    public Task MariaDb_stored_mod_and_bang_checks_translate() => LiveAsync(async () =>
    {
        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, "CREATE TABLE k (id int PRIMARY KEY, a int, f boolean, CONSTRAINT c1 CHECK (a % 3 <> 1), CONSTRAINT c15 CHECK (NOT f IS FALSE));");
        var file = Db.File("m14.json");
        await Ok("--url", maria, "schema", "dump", "-o", file);
        foreach (var engine in new[] { "postgresql", "sqlite" })
        {
            var target = await Db.NewAsync(engine);
            await Ok("--url", target, "--yes", "schema", "apply", file);
            Assert.Contains("No differences", (await Ok("--url", target, "--yes", "schema", "apply", file)).Stdout, StringComparison.Ordinal);
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, "INSERT INTO k (id, a) VALUES (1, 4);"));
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, $"INSERT INTO k (id, f) VALUES (2, {(engine == "sqlite" ? "0" : "false")});"));
            await EngineClient.RunScriptAsync(target, "INSERT INTO k (id, a) VALUES (3, 5);");
        }
    });
}
