namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 43: keys, checks and definitions a copy or a schema apply made into something the target engine accepts
/// other rows with, or fails on half-way. Each case is shown with the engines' own clients.
/// </summary>
public sealed class BreakTest43KeyCliTests() : ValueFidelityCliTestBase("bt43k")
{
    /// <summary>
    /// N-new-8: a PostgreSQL <c>char(10)</c> unique key refuses 'a ' beside 'a' (bpchar pads); copied into SQLite, whose
    /// CHAR(10) is plain text, it took both, and verify said OK, also for two databases made apart. The copy's key now
    /// compares as the source's (SQLite <c>COLLATE RTRIM</c>, MariaDB CHAR under its byte-order collation), the way back
    /// gives PostgreSQL's plain char(10), and verify names a SQLite key that does not leave trailing blanks out.
    /// </summary>
    [Fact]
    public Task A_char_key_refuses_trailing_blanks_wherever_it_is_copied() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE c (id int PRIMARY KEY, e char(10) CONSTRAINT c_e_key UNIQUE, f char(3)); INSERT INTO c VALUES (1, 'a', 'x');");
        var (sqlite, _) = await MoveAsync(pg, "sqlite");
        var maria = await Db.NewAsync("mysql");
        await Ok("copy", "--from", pg, "--to", maria);
        // as in PostgreSQL: 'a ' is 'a'; 'A' is another key
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(pg, "INSERT INTO c (id, e) VALUES (2, 'a ')"));
        foreach (var target in new[] { sqlite, maria })
        {
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(target, "INSERT INTO c (id, e) VALUES (2, 'a ')"));
            await EngineClient.RunAsync(target, "INSERT INTO c (id, e) VALUES (3, 'A')");
            await EngineClient.RunAsync(target, "DELETE FROM c WHERE id = 3");
        }
        await EngineClient.RunScriptAsync(pg, "INSERT INTO c (id, e) VALUES (3, 'A'); DELETE FROM c WHERE id = 3;");
        foreach (var target in new[] { sqlite, maria })
            Assert.Contains("OK: schema, data.", (await Ok("verify", "--url", pg, "--against", target, "--checks", "schema,data")).Stdout, StringComparison.Ordinal);

        // back to PostgreSQL from SQLite: the plain char(10) key, no collation
        var back = await Db.NewAsync("postgresql");
        await Ok("copy", "--from", sqlite, "--to", back);
        Assert.Equal("character|", (await EngineClient.RunAsync(back,
            "SELECT data_type || '|' || coalesce(collation_name, '') FROM information_schema.columns WHERE table_name = 'c' AND column_name = 'e'")).Trim());
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(back, "INSERT INTO c (id, e) VALUES (2, 'a ')"));

        // two databases made apart: SQLite's plain CHAR(10) key takes 'a' and 'a '
        var apart = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(apart, "CREATE TABLE c (id int PRIMARY KEY, e char(10) CONSTRAINT c_e_key UNIQUE, f char(3)); INSERT INTO c VALUES (1, 'a', 'x');");
        var r = await CliRunner.RunAsync("verify", "--url", pg, "--against", apart, "--checks", "schema");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Equal(["[schema] table c: column e: unique c_e_key compares text as CHAR(10) in the first database (two different texts can be one key: 'a' and 'a '), " +
            "by its characters in the second: rows one database accepts the other refuses as duplicates"], Lines(r, "schema"));
        await EngineClient.RunAsync(apart, "INSERT INTO c (id, e) VALUES (2, 'a ')");
    });

    /// <summary>
    /// N-new-2: a SQLite <c>CHECK (id &gt; 0)</c> on an INTEGER PRIMARY KEY: the copy made the key AUTO_INCREMENT, which
    /// MariaDB refuses in a CHECK (error 1901), after the first table was created and loaded. Refused by table and check
    /// before anything is written, by copy, restore and schema apply.
    /// </summary>
    [Fact]
    public Task A_check_on_an_identity_column_is_refused_for_mariadb_before_anything_is_written() => LiveAsync(async () =>
    {
        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE a (id integer PRIMARY KEY); CREATE TABLE b (id integer PRIMARY KEY, pid int REFERENCES a(id), CHECK (id > 0));" +
            "INSERT INTO a VALUES (1); INSERT INTO b VALUES (1, 1);");
        var maria = await Db.NewAsync("mysql");
        var file = Db.File("ln.nxb");
        await Ok("--url", sqlite, "backup", "-o", file);
        var schema = Db.File("ln.json");
        await Ok("--url", sqlite, "schema", "dump", "-o", schema);
        foreach (var args in new[] { new[] { "copy", "--from", sqlite, "--to", maria }, ["--url", maria, "restore", file], ["--url", maria, "--yes", "schema", "apply", schema] })
        {
            var r = await CliRunner.RunAsync(args);
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains("reads identity column id, and MariaDB/MySQL refuse an AUTO_INCREMENT column in a CHECK (error 1901)", r.All, StringComparison.Ordinal);
            Assert.Equal("", (await EngineClient.RunAsync(maria, "SHOW TABLES")).Trim());
        }
    });

    /// <summary>
    /// N-new-5, N-new-9: a PostgreSQL dump applied to MariaDB — a <c>nextval('seq'::regclass)</c> default, a view over
    /// "Users" (PostgreSQL writes its names in double quotes, which MariaDB reads as strings) — failed with 1064 after the
    /// sequence and tables before it were made. Both are refused by name before anything runs; PostgreSQL applies the file.
    /// </summary>
    [Fact]
    public Task Another_engines_sql_mariadb_does_not_read_is_refused_by_the_plan() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE SEQUENCE seq START 100; CREATE TABLE orders (id int PRIMARY KEY DEFAULT nextval('seq'), x int);" +
            "CREATE TABLE \"Users\" (id int PRIMARY KEY, \"Email\" text, score int); CREATE VIEW \"Active\" AS SELECT id, \"Email\" FROM \"Users\" WHERE score > 0;");
        var schema = Db.File("vw.json");
        await Ok("--url", pg, "schema", "dump", "-o", schema);
        var maria = await Db.NewAsync("mysql");
        var r = await CliRunner.RunAsync("--url", maria, "--yes", "schema", "apply", schema);
        Assert.True(r.ExitCode == 4, r.All);
        // the sequence's default is the column's identity there, as a copy makes it (one pipeline, bt46)
        Assert.DoesNotContain("NOT INCLUDED: default nextval", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("-- create table orders", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("-- NOT INCLUDED: create view Active (PostgreSQL SQL with \"double-quoted\" names, which MySQL/MariaDB reads as strings; write the view in a migration)",
            r.Stdout, StringComparison.Ordinal);
        Assert.Equal("", (await EngineClient.RunAsync(maria, "SHOW FULL TABLES")).Trim());
        // the same file on PostgreSQL: applied, and nothing left to do
        var again = await Db.NewAsync("postgresql");
        await Ok("--url", again, "--yes", "schema", "apply", schema);
        Assert.Equal("1", (await EngineClient.RunAsync(again, "SELECT count(*) FROM pg_views WHERE viewname = 'Active'")).Trim());
        Assert.Contains("No differences", (await Ok("schema", "diff", "--from", again, "--to", schema)).Stdout, StringComparison.Ordinal);
    });

    /// <summary>
    /// bt41 F20: <c>copy --data-only</c> of users into a PostgreSQL target holding only "Users" — the pre-check took one
    /// for the other, the write failed with a raw 42P01 and advice to run the same command again; and a target column
    /// the source lacks, NOT NULL without a default, failed every row the same way. Both refused by name up front.
    /// </summary>
    [Fact]
    public Task A_data_only_copy_refuses_what_every_row_would_fail_on() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE users (id int PRIMARY KEY, v text); INSERT INTO users VALUES (1, 'lower');");
        var upper = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(upper, "CREATE TABLE \"Users\" (id int PRIMARY KEY, v text);");
        var r = await CliRunner.RunAsync("copy", "--from", source, "--to", upper, "--data-only");
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("PostgreSQL tells names apart by case: users (the target has Users). Nothing was written.", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Run the same command again", r.All, StringComparison.Ordinal);
        Assert.Equal("0", (await EngineClient.RunAsync(upper, "SELECT count(*) FROM \"Users\"")).Trim());

        var extra = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(extra, "CREATE TABLE users (id int PRIMARY KEY, v text, extra int NOT NULL);");
        r = await CliRunner.RunAsync("copy", "--from", source, "--to", extra, "--data-only");
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("NOT NULL without a default, and the source has no such column, so every row would be refused: users.extra. Nothing was written.", r.All, StringComparison.Ordinal);
        Assert.Equal("0", (await EngineClient.RunAsync(extra, "SELECT count(*) FROM users")).Trim());
        // with a default the rows arrive
        await EngineClient.RunAsync(extra, "ALTER TABLE users ALTER COLUMN extra SET DEFAULT 7");
        await Ok("copy", "--from", source, "--to", extra, "--data-only");
        Assert.Equal("1|lower|7", (await EngineClient.RunAsync(extra, "SELECT id || '|' || v || '|' || extra FROM users")).Trim());
    });

    /// <summary>
    /// bt42 F6 (server side): <c>ALTER DATABASE ... SET session_replication_role = replica</c> switched every session's
    /// foreign keys off, and import and seed loaded an orphan with "0 rejected". Both refuse such a database by the
    /// setting, nothing written; once it is reset, the orphan is rejected by the foreign key.
    /// </summary>
    [Fact]
    public Task Import_and_seed_refuse_a_database_whose_sessions_check_no_foreign_keys() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        var database = pg[(pg.LastIndexOf('/') + 1)..];
        await EngineClient.RunScriptAsync(pg, $"CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, pid int REFERENCES p (id)); ALTER DATABASE \"{database}\" SET session_replication_role = replica;");
        var folder = await FolderAsync("fkimp", "c", "id,pid\n2,77\n");
        foreach (var (command, nothing) in new[] { (new[] { "import", folder }, "Nothing was imported."), (["seed", "--folder", folder], "Nothing was seeded.") })
        {
            var r = await CliRunner.RunAsync(["--url", pg, .. command]);
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains($"its sessions run with session_replication_role = replica (set for the database or the user), under which foreign keys and triggers do not fire", r.All, StringComparison.Ordinal);
            Assert.Contains($"ALTER DATABASE \"{database}\" RESET session_replication_role", r.All, StringComparison.Ordinal);
            Assert.Contains(nothing, r.All, StringComparison.Ordinal);
        }
        Assert.Equal("0", (await EngineClient.RunAsync(pg, "SELECT count(*) FROM c")).Trim());
        await EngineClient.RunAsync(pg, $"ALTER DATABASE \"{database}\" RESET session_replication_role");
        var imported = await CliRunner.RunAsync("--url", pg, "import", folder);
        Assert.Contains("1 rejected", imported.All, StringComparison.Ordinal);
        Assert.Equal("0", (await EngineClient.RunAsync(pg, "SELECT count(*) FROM c")).Trim());
    });
}
