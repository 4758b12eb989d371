namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 37, M11–M16: PostgreSQL sources and targets with per-database settings (statement_timeout,
/// default_transaction_read_only, a search path naming no schema) or users lacking a privilege. Each is copied or refused
/// by name before anything is written, never with a false cause or advice to run the same command again. Each side is
/// read with psql.
/// </summary>
public sealed class BreakTest37PgSettingsCliTests() : ValueFidelityCliTestBase("bt37p")
{
    /// <summary>
    /// M11: a user without SELECT on the sequence of an identity or serial column failed backup and copy only after
    /// every row (42501, then --resume advice that failed the same way): refused before anything is read, naming the
    /// sequence and its GRANT. M12: <c>verify --tables</c> refused for other tables the user cannot read. M13: a target
    /// user without CREATE on schema public got a raw 42501 and "run the same command again": refused naming the schema
    /// and the GRANT.
    /// </summary>
    [Fact]
    public Task Missing_privileges_on_a_sequence_or_the_target_schema_are_refused_by_name_before_writing() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        var database = source[(source.LastIndexOf('/') + 1)..];
        var role = "r" + database[^12..];
        await EngineClient.RunScriptAsync(source, $"CREATE ROLE {role} LOGIN PASSWORD 'pw'; GRANT USAGE ON SCHEMA public TO {role};" +
            "CREATE TABLE customers (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text); INSERT INTO customers (name) VALUES ('a'), ('b');" +
            "CREATE TABLE orders (id bigserial PRIMARY KEY, amount numeric); INSERT INTO orders (amount) VALUES (2.5);" +
            $"CREATE TABLE secret (id int PRIMARY KEY); GRANT SELECT ON customers, orders TO {role};");
        try
        {
            var asRole = new UriBuilder(source) { UserName = role, Password = "pw" }.Uri.ToString();
            var target = await Db.NewAsync("postgresql");
            var file = Db.File("seq.nxb");
            foreach (var run in new[] { new[] { "--url", asRole, "backup", "-o", file, "--tables", "customers,orders" }, ["copy", "--from", asRole, "--to", target, "--tables", "customers,orders"] })
            {
                var r = await CliRunner.RunAsync(run);
                Assert.True(r.ExitCode == 4, r.All);
                Assert.Contains($"customers (no SELECT privilege on its sequence customers_id_seq, whose position is carried with the rows: GRANT SELECT ON SEQUENCE customers_id_seq TO \"{role}\")", r.All, StringComparison.Ordinal);
                Assert.Contains("orders (no SELECT privilege on its sequence orders_id_seq", r.All, StringComparison.Ordinal);
                Assert.DoesNotContain("--resume", r.All, StringComparison.Ordinal);
            }
            Assert.False(File.Exists(file));
            Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));

            // M12: verify --tables compares what it names; secret, which the user cannot read, is left out
            await EngineClient.RunAsync(source, $"GRANT SELECT ON SEQUENCE customers_id_seq, orders_id_seq TO {role}");
            var verify = await Ok("--url", asRole, "verify", "--against", source, "--tables", "customers");
            Assert.Contains("OK:", verify.All, StringComparison.Ordinal);
            var all = await CliRunner.RunAsync("--url", asRole, "verify", "--against", source);
            Assert.True(all.ExitCode == 4 && all.All.Contains($"secret (no SELECT privilege: GRANT SELECT ON \"secret\" TO \"{role}\")", StringComparison.Ordinal), all.All);
            await Ok("--url", asRole, "backup", "-o", file, "--tables", "customers,orders");

            // M13: the same user as the target's, without CREATE on its schema public (PostgreSQL 15's default)
            var asTarget = new UriBuilder(target) { UserName = role, Password = "pw" }.Uri.ToString();
            foreach (var run in new[] { new[] { "--url", asTarget, "restore", file }, ["copy", "--from", source, "--to", asTarget, "--tables", "customers,orders"] })
            {
                var r = await CliRunner.RunAsync(run);
                Assert.True(r.ExitCode == 4, r.All);
                Assert.Contains("table customers (needs CREATE on schema \"public\"), table orders (needs CREATE on schema \"public\"); nothing was written. " +
                    $"Give the user what is missing (GRANT CREATE ON SCHEMA \"public\" TO \"{role}\"", r.All, StringComparison.Ordinal);
                Assert.DoesNotContain("same command again", r.All, StringComparison.Ordinal);
            }
            Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
            await EngineClient.RunAsync(target, $"GRANT CREATE ON SCHEMA public TO {role}");
            await Ok("--url", asTarget, "restore", file);
            Assert.Equal("a,b|2.5", await EngineClient.RunAsync(target, "SELECT string_agg(name, ',' ORDER BY id), (SELECT amount FROM orders) FROM customers"));
            await EngineClient.RunScriptAsync(target, $"DROP OWNED BY {role};");
        }
        finally
        {
            await EngineClient.RunScriptAsync(source, $"DROP OWNED BY {role}; DROP ROLE {role};");
        }
    });

    /// <summary>
    /// M15: a target database whose statement_timeout cut short the driver's first query was said to give "no answer
    /// while connecting": the cancelled statement and the setting are named (and the URL's options turn it off). M16: a
    /// target with <c>default_transaction_read_only = on</c> failed with a raw 25006 and "run the same command again":
    /// refused by the setting before writing, and backed up from. M14: a target whose search path names no schema is
    /// refused by name (restore too), with the URL option that lets NexuSQL in. L6: a full stop between an engine's message and what follows.
    /// </summary>
    [Fact]
    public Task A_target_with_its_own_settings_is_copied_or_refused_by_name() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v text); INSERT INTO t (v) VALUES ('x'), ('y');");
        var file = Db.File("t.nxb");
        await Ok("--url", source, "backup", "-o", file);
        static string Name(string url) => url[(url.LastIndexOf('/') + 1)..];

        // M15: 1 ms cancels Npgsql's type loading on every connection
        var timed = await Db.NewAsync("postgresql");
        await EngineClient.RunAsync(timed, $"ALTER DATABASE {Name(timed)} SET statement_timeout = '1ms'");
        var r = await CliRunner.RunAsync("copy", "--from", source, "--to", timed);
        Assert.True(r.ExitCode == 1, r.All);
        // (on a loaded machine the types load within the millisecond now and then, and a statement after them is cancelled:
        // named the same way, with the setting and the URL option)
        Assert.Contains("PostgreSQL error 57014: canceling statement due to statement timeout", r.All, StringComparison.Ordinal);
        Assert.Contains("?options=-c%20statement_timeout%3D0", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("no answer while connecting", r.All, StringComparison.Ordinal);
        if (r.All.Contains("(while connecting)", StringComparison.Ordinal))
        {
            Assert.Contains("PostgreSQL error 57014: canceling statement due to statement timeout (while connecting). Npgsql's first query on a new connection", r.All, StringComparison.Ordinal);
            Assert.DoesNotContain("Run the same command again", r.All, StringComparison.Ordinal);
        }
        await Ok("copy", "--from", source, "--to", timed + "?options=-c%20statement_timeout%3D0");
        Assert.Equal("x,y", await EngineClient.RunAsync(timed, "SET statement_timeout = 0; SELECT string_agg(v, ',' ORDER BY id) FROM t"));

        // M16: read-only by the database's default; its data is still backed up
        var readOnly = await Db.NewAsync("postgresql");
        await EngineClient.RunAsync(readOnly, $"ALTER DATABASE {Name(readOnly)} SET default_transaction_read_only = on");
        foreach (var run in new[] { new[] { "copy", "--from", source, "--to", readOnly }, ["--url", readOnly, "restore", file] })
        {
            r = await CliRunner.RunAsync(run);
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains($"takes no writes: its sessions begin read-only (default_transaction_read_only = on, set for the database, the user or in the URL's options), " +
                $"so PostgreSQL refuses every CREATE and INSERT. Turn it off for the target (ALTER DATABASE \"{Name(readOnly)}\" SET default_transaction_read_only = off", r.All, StringComparison.Ordinal);
            Assert.DoesNotContain("Run the same command again", r.All, StringComparison.Ordinal);
        }
        Assert.Equal("0", await EngineClient.RunAsync(readOnly, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
        await Ok("--url", readOnly, "backup", "-o", Db.File("ro.nxb"));

        // M14: as a target, a search path naming no schema (nor '$user') is refused by name before writing
        foreach (var path in new[] { "nothere", "'$user'" })
        {
            var noSchema = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(noSchema, $"ALTER DATABASE {Name(noSchema)} SET search_path = {path}");
            foreach (var run in new[] { new[] { "copy", "--from", source, "--to", noSchema }, ["--url", noSchema, "restore", file] })
            {
                r = await CliRunner.RunAsync(run);
                Assert.True(r.ExitCode == 4 && r.All.Contains($"The connection has no current schema: its search path ({path.Trim('\'').Replace("$user", "\"$user\"", StringComparison.Ordinal)}) names no schema that exists", StringComparison.Ordinal)
                    && r.All.Contains("or name the schema in the URL for NexuSQL alone (?search_path=public)", StringComparison.Ordinal), r.All);
                Assert.DoesNotContain("same command again", r.All, StringComparison.Ordinal);
            }
            Assert.Equal("0", await EngineClient.RunAsync(noSchema, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
            await Ok("copy", "--from", source, "--to", noSchema + "?search_path=public");
            Assert.Equal("x,y", await EngineClient.RunAsync(noSchema, "SELECT string_agg(v, ',' ORDER BY id) FROM public.t"));
        }
    });
}
