namespace NexuSql.Cli.Tests;

/// <summary>Break test 48 (an outside tester of issue 12, the schema side). Each result is read with the engine's own client.</summary>
public sealed class BreakTest48CliTests() : ValueFidelityCliTestBase("bt48")
{
    /// <summary>
    /// H2: a SQLite column named <c>status</c> (or <c>level</c>: a name that begins and ends with one letter) was read as
    /// "quoted" and its <c>COLLATE NOCASE</c> lost — in dump, apply, copy and restore — so a check the source passes for
    /// 'NEW' refused it, and diff and verify said nothing.
    /// </summary>
    [Fact]
    public Task A_sqlite_column_named_status_keeps_its_collation() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id integer PRIMARY KEY, status text COLLATE NOCASE CHECK (status IN ('new', 'old')), level text COLLATE NOCASE);");
        var file = Db.File("nc.json");
        await Ok("--url", source, "schema", "dump", "-o", file);
        var dump = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("tables")[0].GetProperty("columns");
        Assert.Equal(["NOCASE", "NOCASE"], dump.EnumerateArray().Skip(1).Select(c => c.GetProperty("collation").GetString()));
        var (copied, applied, restored) = (await Db.NewAsync("sqlite"), await Db.NewAsync("sqlite"), await Db.NewAsync("sqlite"));
        await Ok("copy", "--from", source, "--to", copied, "--yes");
        await Ok("--url", applied, "--yes", "schema", "apply", file);
        var backup = Db.File("nc.nxb");
        await Ok("--url", source, "backup", "-o", backup);
        await Ok("--url", restored, "restore", backup);
        foreach (var target in new[] { copied, applied, restored })
        {
            await EngineClient.RunScriptAsync(target, "INSERT INTO t VALUES (1, 'NEW', 'x');");
            Assert.Equal("1", await EngineClient.RunAsync(target, "SELECT count(*) FROM t WHERE level = 'X'"));
        }
    });

    /// <summary>
    /// H1: a MariaDB <c>INT UNSIGNED AUTO_INCREMENT</c> key became a plain bigint identity elsewhere, without its range
    /// and without a word (MariaDB refuses a check on an AUTO_INCREMENT column, so none is added): named now, by copy and
    /// by apply, beside the checks its other unsigned columns get.
    /// </summary>
    [Fact]
    public Task An_unsigned_auto_increment_key_names_the_range_it_loses() => LiveAsync(async () =>
    {
        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, "CREATE TABLE cat (id int unsigned AUTO_INCREMENT PRIMARY KEY, qty smallint unsigned NOT NULL DEFAULT 0);");
        const string Named = "cat.id: int(10) unsigned AUTO_INCREMENT created as a BIGINT identity without the range MariaDB keeps (id BETWEEN 0 AND 4294967295)";
        var pg = await Db.NewAsync("postgresql");
        Assert.Contains(Named, (await Ok("copy", "--from", maria, "--to", pg, "--yes")).All, StringComparison.Ordinal);
        var file = Db.File("mx.json");
        await Ok("--url", maria, "schema", "dump", "-o", file);
        var applied = await Db.NewAsync("postgresql");
        Assert.Contains(Named, (await Ok("--url", applied, "--yes", "schema", "apply", file)).All, StringComparison.Ordinal);
        // what it means, read with the clients: the range check on qty holds, the key takes -1 there and not on MariaDB
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(applied, "INSERT INTO cat (id, qty) VALUES (1, -1);"));
        await EngineClient.RunScriptAsync(applied, "INSERT INTO cat (id, qty) VALUES (-1, 0);");
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(maria, "SET SESSION sql_mode = 'STRICT_ALL_TABLES'; INSERT INTO cat (id, qty) VALUES (-1, 0);"));
    });

    /// <summary>
    /// M3: an int32 identity (PostgreSQL serial or identity) applied to SQLite is its 64-bit INTEGER PRIMARY KEY; the
    /// plan compared it with the file's int32 and wanted to rebuild the table on every apply (exit 4). Named once; the
    /// second apply and diff find nothing.
    /// </summary>
    [Fact]
    public Task An_int32_identity_applied_to_sqlite_converges() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text); CREATE TABLE u (id serial PRIMARY KEY);");
        var file = Db.File("pi.json");
        await Ok("--url", pg, "schema", "dump", "-o", file);
        var sqlite = await Db.NewAsync("sqlite");
        var first = await Ok("--url", sqlite, "--yes", "schema", "apply", file);
        Assert.Contains("u.id: an int32 identity is created as SQLite's INTEGER PRIMARY KEY, its only identity, which is 64-bit", first.All, StringComparison.Ordinal);
        Assert.Contains("No differences", (await Ok("--url", sqlite, "--yes", "schema", "apply", file)).Stdout, StringComparison.Ordinal);
        Assert.Contains("No differences", (await Ok("schema", "diff", "--from", file, "--to", sqlite)).Stdout, StringComparison.Ordinal);
        Assert.Contains("\"id\" INTEGER PRIMARY KEY", await EngineClient.RunAsync(sqlite, "SELECT sql FROM sqlite_master WHERE name = 'u'"), StringComparison.Ordinal);
    });

    /// <summary>
    /// M1: a PostgreSQL file's checks comparing text or using <c>%</c>, applied to MariaDB, were dropped and added again by
    /// every apply (MariaDB stores them as <c>cast(s as char charset binary)</c> and <c>MOD</c>). A second apply finds nothing.
    /// </summary>
    [Fact]
    public Task Text_and_modulo_checks_applied_to_mariadb_converge() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE t (id int PRIMARY KEY, s text CHECK (s IN ('a', 'b')), r int CHECK (r % 2 = 0), c text CHECK (c BETWEEN 'A' AND 'Z'));");
        var file = Db.File("nc.json");
        await Ok("--url", pg, "schema", "dump", "-o", file);
        var maria = await Db.NewAsync("mysql");
        await Ok("--url", maria, "--yes", "schema", "apply", file);
        Assert.Contains("No differences", (await Ok("--url", maria, "--yes", "schema", "apply", file)).Stdout, StringComparison.Ordinal);
        Assert.Contains("No differences", (await Ok("schema", "diff", "--from", file, "--to", maria)).Stdout, StringComparison.Ordinal);
        // the checks hold as on PostgreSQL: 'A' is not 'a', 3 is odd
        foreach (var row in new[] { "(1, 'A', 2, 'B')", "(1, 'a', 3, 'B')", "(1, 'a', 2, 'b')" })
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(maria, $"INSERT INTO t VALUES {row};"));
        await EngineClient.RunScriptAsync(maria, "INSERT INTO t VALUES (1, 'a', 2, 'B');");
    });

    /// <summary>
    /// M2: a SQLite LIKE check applied to PostgreSQL (stored as <c>~~</c>) or MariaDB (stored with its cast) was never
    /// the file's again: the second apply exited 4, or dropped and added it with --allow-drop. Both converge.
    /// </summary>
    [Fact]
    public Task A_sqlite_like_check_applied_elsewhere_converges() => LiveAsync(async () =>
    {
        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE a (id integer PRIMARY KEY, email text CHECK (email LIKE '%@%'));");
        var file = Db.File("lk.json");
        await Ok("--url", sqlite, "schema", "dump", "-o", file);
        foreach (var engine in new[] { "postgresql", "mysql" })
        {
            var target = await Db.NewAsync(engine);
            await Ok("--url", target, "--yes", "schema", "apply", file);
            Assert.Contains("No differences", (await Ok("--url", target, "--yes", "schema", "apply", file)).Stdout, StringComparison.Ordinal);
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, "INSERT INTO a VALUES (1, 'no-at');"));
            await EngineClient.RunScriptAsync(target, "INSERT INTO a VALUES (1, 'x@y');");
        }
    });

    /// <summary>
    /// M4: a PostgreSQL domain over an enum of another schema (<c>app.mood_nn</c> over <c>app.mood</c>) was read as of
    /// type <c>mood</c>, and apply, copy and restore refused it ("the database has no such type") — the backup said
    /// "verified". Read as <c>app.mood</c>: all three make the column of the domain, as pg_dump would.
    /// </summary>
    [Fact]
    public Task A_domain_over_an_enum_of_another_schema_moves() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE SCHEMA app; CREATE TYPE app.mood AS ENUM ('sad', 'ok'); CREATE DOMAIN app.mood_nn AS app.mood NOT NULL; " +
            "CREATE TABLE app.t (id int PRIMARY KEY, m app.mood_nn DEFAULT 'ok', m2 app.mood); INSERT INTO app.t VALUES (1, 'sad', 'ok');");
        var file = Db.File("pe.json");
        await Ok("--url", pg, "schema", "dump", "-o", file);
        var backup = Db.File("pe.nxb");
        await Ok("--url", pg, "backup", "-o", backup);
        var (applied, copied, restored) = (await Db.NewAsync("postgresql"), await Db.NewAsync("postgresql"), await Db.NewAsync("postgresql"));
        await Ok("--url", applied, "--yes", "schema", "apply", file);
        Assert.Contains("No differences", (await Ok("schema", "diff", "--from", file, "--to", applied)).Stdout, StringComparison.Ordinal);
        await Ok("copy", "--from", pg, "--to", copied, "--yes");
        await Ok("--url", restored, "restore", backup);
        const string Types = "SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'app.t'::regclass AND attnum > 0";
        foreach (var target in new[] { applied, copied, restored })
            Assert.Equal("id integer, m app.mood_nn, m2 app.mood", await EngineClient.RunAsync(target, Types));
        Assert.Equal("1|sad|ok", await EngineClient.RunAsync(restored, "SELECT id, m, m2 FROM app.t"));
    });

    /// <summary>
    /// L1: a cross-engine plan (and copy) refused one kind of thing per run — the <c>sku &lt;&gt; ''</c> check first, and
    /// the <c>_ci</c> key collations only once that was gone. Every kind is named in one run now, and nothing is created.
    /// </summary>
    [Fact]
    public Task Every_kind_of_cross_engine_refusal_is_named_in_one_run() => LiveAsync(async () =>
    {
        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, "CREATE TABLE p (id int PRIMARY KEY, sku varchar(20) NOT NULL UNIQUE, name varchar(40) NOT NULL, CHECK (sku <> ''), UNIQUE KEY uq_name (name));");
        var file = Db.File("l1.json");
        await Ok("--url", maria, "schema", "dump", "-o", file);
        var pg = await Db.NewAsync("postgresql");
        var plan = await CliRunner.RunAsync("--url", pg, "--yes", "schema", "apply", file);
        Assert.True(plan.ExitCode == 4, plan.All);
        Assert.Contains("checks do not translate to PostgreSQL: check CONSTRAINT_1 on p", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("key columns have a collation", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("p.name (collation utf8mb4_", plan.Stdout, StringComparison.Ordinal);
        var copy = await CliRunner.RunAsync("--json", "copy", "--from", maria, "--to", pg, "--yes");
        Assert.True(copy.ExitCode == 4, copy.All);
        var error = System.Text.Json.JsonDocument.Parse(copy.Stdout).RootElement.GetProperty("error");
        Assert.Equal(2, error.GetProperty("reasons").GetArrayLength());
        Assert.StartsWith("Nothing was written. Refused for 2 reasons:", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(pg, "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"));
    });

    /// <summary>
    /// L2: <c>schema dump -o</c> and <c>backup -o</c> into a folder that does not exist made it without a word (a
    /// mistyped path made folders in silence): made, and named on stderr and in <c>--json</c>.
    /// </summary>
    [Fact]
    public Task Output_into_a_missing_folder_names_the_folder_it_creates() => LiveAsync(async () =>
    {
        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE t (id integer PRIMARY KEY);");
        var missing = Db.File("not-yet");
        var dump = await Ok("--url", sqlite, "schema", "dump", "-o", Path.Combine(missing, "deeper", "s.json"));
        Assert.Contains($"note: created the folder {missing}, which did not exist", dump.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(missing, "deeper", "s.json")));
        var again = await Ok("--url", sqlite, "schema", "dump", "-o", Path.Combine(missing, "deeper", "s2.json"));
        Assert.DoesNotContain("created the folder", again.All, StringComparison.Ordinal);
        var backup = await Ok("--json", "--url", sqlite, "backup", "-o", Path.Combine(missing, "b", "x.nxb"));
        Assert.Equal(Path.Combine(missing, "b"), System.Text.Json.JsonDocument.Parse(backup.Stdout).RootElement.GetProperty("createdFolder").GetString());
    });
}
