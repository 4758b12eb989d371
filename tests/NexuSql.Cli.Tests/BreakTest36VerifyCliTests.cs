namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 36 H1: <c>verify --against</c> between two engines compared tables, columns and keys only, and said
/// "OK: schema" after the target lost a CHECK, an index or a default, or gained a trigger or another collation —
/// everything a copy carries is compared now. Each change is made with the engine's own client.
/// </summary>
public sealed class BreakTest36VerifyCliTests() : ValueFidelityCliTestBase("bt36v")
{
    [Fact]
    public Task Verify_between_engines_sees_checks_indexes_defaults_triggers_and_views() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE p (id int PRIMARY KEY, name varchar(20) NOT NULL DEFAULT 'x', qty int CHECK (qty >= 0), price numeric(8,2) DEFAULT 0);" +
            "CREATE TABLE c (id int PRIMARY KEY, pid int REFERENCES p (id) ON DELETE CASCADE, note varchar(10) CHECK (note <> ''), d date DEFAULT CURRENT_DATE);" +
            "CREATE INDEX c_note ON c (note);" +
            "CREATE VIEW pv AS SELECT id, name FROM p WHERE qty > 0; INSERT INTO p VALUES (1, 'a', 1, 1.5); INSERT INTO c VALUES (1, 1, 'n');");
        foreach (var engine in new[] { "mysql", "sqlite" })
        {
            var target = await Db.NewAsync(engine);
            await Ok("copy", "--from", source, "--to", target);
            // a faithful copy differs only by the view the copy names as not created (written for PostgreSQL); the checks
            // MariaDB stores in its own spelling (cast(name as char charset binary)) are no difference (bt37 M1)
            var r = await CliRunner.RunAsync("verify", "--url", source, "--against", target, "--checks", "schema");
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Equal(["[schema] view pv only in the first database"], r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith("[schema]", StringComparison.Ordinal)));
            await EngineClient.RunScriptAsync(target, engine == "mysql"
                ? "ALTER TABLE p DROP CONSTRAINT p_qty_check; DROP INDEX c_note ON c; ALTER TABLE p ALTER price DROP DEFAULT; CREATE TRIGGER tt BEFORE INSERT ON p FOR EACH ROW SET NEW.qty = 5;"
                : "DROP INDEX c_note; CREATE TRIGGER tt BEFORE INSERT ON p BEGIN SELECT 1; END;");
            r = await CliRunner.RunAsync("verify", "--url", source, "--against", target, "--checks", "schema");
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains("[schema] table c: an index on (note) only in the first database", r.Stdout, StringComparison.Ordinal);
            Assert.Contains("[schema] trigger tt on p only in the second database", r.Stdout, StringComparison.Ordinal);
            if (engine == "mysql")
            {
                Assert.Contains("[schema] table p: a check on (qty) only in the first database (p_qty_check)", r.Stdout, StringComparison.Ordinal);
                Assert.Contains("[schema] table p: column price: a default (0) only in the first database", r.Stdout, StringComparison.Ordinal);
            }
        }
    });

    /// <summary>
    /// L1: after <c>GRANT</c> then <c>REVOKE</c> a PostgreSQL table's ACL is explicit but the owner's default: verify named
    /// "privileges on table p" as a difference where no privilege was given (schema diff said none); a real GRANT still is one.
    /// </summary>
    [Fact]
    public Task An_acl_back_at_its_default_is_no_privileges_difference() => LiveAsync(async () =>
    {
        var first = await Db.NewAsync("postgresql");
        var second = await Db.NewAsync("postgresql");
        foreach (var db in new[] { first, second }) await EngineClient.RunScriptAsync(db, "CREATE TABLE p (id int PRIMARY KEY, v int); CREATE SEQUENCE s;");
        await EngineClient.RunScriptAsync(second, "GRANT SELECT ON p TO PUBLIC; REVOKE SELECT ON p FROM PUBLIC; GRANT SELECT (v) ON p TO PUBLIC; REVOKE SELECT (v) ON p FROM PUBLIC;" +
            "GRANT USAGE ON SEQUENCE s TO PUBLIC; REVOKE USAGE ON SEQUENCE s FROM PUBLIC;");
        await Ok("verify", "--url", first, "--against", second, "--checks", "schema");
        await EngineClient.RunScriptAsync(second, "GRANT SELECT ON p TO PUBLIC;");
        var r = await CliRunner.RunAsync("verify", "--url", first, "--against", second, "--checks", "schema");
        Assert.True(r.ExitCode == 3 && r.Stdout.Contains("only in the second database (not in the schema model): privileges on table p", StringComparison.Ordinal), r.All);
    });

    /// <summary>L5: a row both databases hold that differs names its columns in <c>--json</c> too, not only in the text.</summary>
    [Fact]
    public Task A_differing_row_names_its_columns_in_json() => LiveAsync(async () =>
    {
        var first = await Db.NewAsync("sqlite");
        var second = await Db.NewAsync("postgresql");
        foreach (var db in new[] { first, second }) await EngineClient.RunScriptAsync(db, "CREATE TABLE s (id int PRIMARY KEY, v text, w int); INSERT INTO s VALUES (0, 'a', 1), (1, 'b', 2);");
        await EngineClient.RunScriptAsync(second, "UPDATE s SET v = 'x', w = 9 WHERE id = 1;");
        var r = await CliRunner.RunAsync("--json", "verify", "--url", first, "--against", second, "--checks", "data");
        Assert.True(r.ExitCode == 3, r.All);
        var finding = Assert.Single(r.Json.GetProperty("findings").EnumerateArray());
        Assert.Equal(("s", "id=1", "v,w"), (finding.GetProperty("table").GetString(), finding.GetProperty("key").GetString(),
            string.Join(",", finding.GetProperty("columns").EnumerateArray().Select(c => c.GetString()))));
    });

    /// <summary>
    /// bt37 H2: <c>verify --tables t</c> between engines of a table with a PostgreSQL enum column compared the structure
    /// only (the chosen tables came without their enum type, and did not translate): a default dropped was "OK".
    /// </summary>
    [Fact]
    public Task Verify_of_chosen_tables_between_engines_sees_a_dropped_default() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, "CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, m mood DEFAULT 'ok', n int DEFAULT 5 CHECK (n > 0)); INSERT INTO t VALUES (1, 'sad', 1);");
        var target = await Db.NewAsync("mysql");
        await Ok("copy", "--from", source, "--to", target);
        await Ok("verify", "--url", source, "--against", target, "--tables", "t", "--checks", "schema");
        // and (bt37 H3) an identity the copy made, gone: inserts without an id fail there
        await EngineClient.RunScriptAsync(target, "ALTER TABLE t ALTER n DROP DEFAULT; ALTER TABLE t MODIFY id int NOT NULL;");
        var r = await CliRunner.RunAsync("verify", "--url", source, "--against", target, "--tables", "t", "--checks", "schema");
        Assert.True(r.ExitCode == 3 && r.Stdout.Contains("[schema] table t: column n: a default (5) only in the first database", StringComparison.Ordinal)
            && r.Stdout.Contains("[schema] table t: column id: an identity (generated ids) only in the first database", StringComparison.Ordinal), r.All);
    });
}
