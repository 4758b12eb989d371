namespace NexuSql.Cli.Tests;

/// <summary>Break test 49 (an outside tester of issue 12, the schema side). Each result is read with the engine's own client.</summary>
public sealed class BreakTest49CliTests() : ValueFidelityCliTestBase("bt49")
{
    private static async Task<CliRunner.Result> Refused(params string[] args)
    {
        var r = await CliRunner.RunAsync(args);
        Assert.True(r.ExitCode == 4, $"nexusql {string.Join(' ', args)} → {r.ExitCode}\n{r.All}");
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        return r;
    }

    private async Task AppliesTwiceAsync(string file, string target)
    {
        await Ok("--url", target, "--yes", "schema", "apply", file);
        Assert.Contains("No differences", (await Ok("--url", target, "--yes", "schema", "apply", file)).Stdout, StringComparison.Ordinal);
        Assert.Contains("No differences", (await Ok("schema", "diff", "--from", file, "--to", target)).Stdout, StringComparison.Ordinal);
    }

    /// <summary>
    /// M4, M5, M6: files of another engine whose second apply was never a no-op — a MariaDB ENUM on PostgreSQL and SQLite
    /// (the enum type against the file's <c>enum(...)</c>), PostgreSQL's <c>NOT g</c> on MariaDB (stored <c>g = 0</c>:
    /// dropped and added again by every apply), SQLite's <c>a || ': ' || b</c> generated column on PostgreSQL (stored
    /// <c>((a || ': ') || b)</c>: the column dropped and added, moved to the end of the table).
    /// </summary>
    [Fact]
    public Task Other_engines_files_apply_once() => LiveAsync(async () =>
    {
        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, "CREATE TABLE a (id int PRIMARY KEY, fmt enum('CD','LP') NOT NULL DEFAULT 'CD');");
        var enumFile = Db.File("me.json");
        await Ok("--url", maria, "schema", "dump", "-o", enumFile);
        var pg = await Db.NewAsync("postgresql");
        await AppliesTwiceAsync(enumFile, pg);
        Assert.Equal("a_fmt", await EngineClient.RunAsync(pg, "SELECT udt_name FROM information_schema.columns WHERE table_name = 'a' AND column_name = 'fmt'"));
        await AppliesTwiceAsync(enumFile, await Db.NewAsync("sqlite"));

        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id int PRIMARY KEY, f boolean, g boolean, r int, h text, CHECK (NOT g OR r > 0), CHECK (h IS NOT NULL OR NOT f));");
        var notFile = Db.File("nc.json");
        await Ok("--url", source, "schema", "dump", "-o", notFile);
        var mariaTarget = await Db.NewAsync("mysql");
        await AppliesTwiceAsync(notFile, mariaTarget);
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(mariaTarget, "INSERT INTO t (id, g, r) VALUES (1, 1, 0);"));

        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE item (id integer PRIMARY KEY, slug text NOT NULL, title text NOT NULL, label text GENERATED ALWAYS AS (slug || ': ' || title) STORED, note text);");
        var concatFile = Db.File("s2.json");
        await Ok("--url", sqlite, "schema", "dump", "-o", concatFile);
        var pgTarget = await Db.NewAsync("postgresql");
        await AppliesTwiceAsync(concatFile, pgTarget);
        Assert.Equal("id,slug,title,label,note", await EngineClient.RunAsync(pgTarget, "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'item'"));
    });

    /// <summary>
    /// H1: a PostgreSQL domain's check that does not translate (LIKE, lower()) was dropped with a note, and apply exited 0:
    /// SQLite then took 'bcd' and 'ABC'. Refused by name now, by apply and copy, with nothing created. M3: a status domain's
    /// <c>VALUE IN (...)</c> was refused for MariaDB by its own translation (translated twice); it goes, and holds.
    /// </summary>
    [Fact]
    public Task Domain_checks_go_across_engines_or_are_refused() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE DOMAIN d_like AS text CHECK (VALUE LIKE 'A%'); CREATE TABLE t (id int PRIMARY KEY, a d_like);");
        var file = Db.File("dd.json");
        await Ok("--url", pg, "schema", "dump", "-o", file);
        var sqlite = await Db.NewAsync("sqlite");
        var plan = await Refused("--url", sqlite, "--yes", "schema", "apply", file);
        Assert.Contains("domain checks and defaults do not translate to SQLite, which has no domains: check d_like_check of domain d_like on t.a", plan.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(sqlite["sqlite:///".Length..]), "the refused apply left a database file");
        await Refused("copy", "--from", pg, "--to", sqlite, "--yes");
        Assert.Equal("0", await EngineClient.RunAsync(sqlite, "SELECT count(*) FROM sqlite_master"));

        var status = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(status, "CREATE DOMAIN status_t AS text NOT NULL DEFAULT 'new' CHECK (VALUE IN ('new', 'done')); CREATE TABLE task (id int PRIMARY KEY, status status_t);");
        var statusFile = Db.File("di.json");
        await Ok("--url", status, "schema", "dump", "-o", statusFile);
        var maria = await Db.NewAsync("mysql");
        await AppliesTwiceAsync(statusFile, maria);
        await EngineClient.RunScriptAsync(maria, "INSERT INTO task (id) VALUES (1);");
        Assert.Equal("new", await EngineClient.RunAsync(maria, "SELECT status FROM task"));
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(maria, "INSERT INTO task (id, status) VALUES (2, 'NEW');"));
        await Ok("copy", "--from", status, "--to", await Db.NewAsync("mysql"), "--yes");
    });

    /// <summary>
    /// H2: a PostgreSQL unique key on numeric, uuid or timestamptz compares text on SQLite ('1.0' and '1.00' two keys),
    /// and nothing said so; M7: a timestamptz is MariaDB's TIMESTAMP, 1970 to 2038 only, and nothing said so. Both named.
    /// </summary>
    [Fact]
    public Task What_a_target_type_holds_less_of_is_named() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE band (id int PRIMARY KEY, lo numeric(8,2) NOT NULL UNIQUE, sku uuid UNIQUE, at timestamptz);");
        var file = Db.File("pn.json");
        await Ok("--url", pg, "schema", "dump", "-o", file);
        var sqlite = await Db.NewAsync("sqlite");
        var applied = await Ok("--url", sqlite, "--yes", "schema", "apply", file);
        Assert.Contains("band.lo (in unique band_lo_key): SQLite keeps a decimal as text, and its key compares the text", applied.Stdout, StringComparison.Ordinal);
        Assert.Contains("band.sku (in unique band_sku_key): SQLite keeps a UUID as text", applied.Stdout, StringComparison.Ordinal);
        // what it says, read with sqlite3: two spellings of one number are two keys there
        await EngineClient.RunScriptAsync(sqlite, "INSERT INTO band (id, lo) VALUES (1, '1.0'); INSERT INTO band (id, lo) VALUES (2, '1.00');");
        var maria = await Db.NewAsync("mysql");
        var copy = await Ok("copy", "--from", pg, "--to", maria, "--yes");
        Assert.Contains("band.at: a timestamp with time zone is created as TIMESTAMP, MySQL's only type that keeps an instant, which holds 1970-01-01 00:00:01 to 2038-01-19 03:14:07 UTC only",
            copy.All, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(maria, "INSERT INTO band (id, lo, at) VALUES (3, 3, '2040-01-01 00:00:00');"));
    });

    /// <summary>
    /// M1: a SQL-standard-body function (<c>RETURN n &gt; 0</c>) used in a check was created after the tables: PostgreSQL
    /// to PostgreSQL apply, copy and restore failed with 42883 (the backup said "verified"). M2: a table of one name in
    /// <c>public</c> and in <c>app</c>, with a foreign key to <c>app.film(code)</c>: the dump was refused by apply and
    /// diff (the key's columns looked up in public.film).
    /// </summary>
    [Fact]
    public Task PostgreSql_files_with_standard_bodies_and_namesakes_apply() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, """
            CREATE FUNCTION is_pos(n int) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN n > 0;
            CREATE TABLE t (id int PRIMARY KEY, q int CHECK (is_pos(q)));
            INSERT INTO t VALUES (1, 5);
            CREATE FUNCTION cnt() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM t; END;
            CREATE VIEW v AS SELECT cnt() AS c;
            CREATE SCHEMA app;
            CREATE TABLE public.film (id int PRIMARY KEY);
            CREATE TABLE app.film (id int PRIMARY KEY, code text UNIQUE);
            CREATE TABLE app.inventory (id int PRIMARY KEY, film_code text REFERENCES app.film (code));
            """);
        var file = Db.File("sb.json");
        await Ok("--url", pg, "schema", "dump", "-o", file);
        var applied = await Db.NewAsync("postgresql");
        await AppliesTwiceAsync(file, applied);
        var (copied, restored) = await MoveAsync(pg, "postgresql");
        foreach (var target in new[] { applied, copied, restored })
        {
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, "INSERT INTO t VALUES (2, -1);"));
            Assert.Equal("app.film(code)", await EngineClient.RunAsync(target,
                "SELECT substring(pg_get_constraintdef(oid) from 'REFERENCES (.*)$') FROM pg_constraint WHERE conrelid = 'app.inventory'::regclass AND contype = 'f'"));
        }
        Assert.Equal("1", await EngineClient.RunAsync(restored, "SELECT c FROM v"));
    });

    /// <summary>
    /// L3 and bt41 F32: usage errors that named nothing or came as .NET's own words — a file where the dump's folder should
    /// be, an empty option value (an unset shell variable), a SQLite database whose folder does not exist — each exit 2,
    /// named, nothing written.
    /// </summary>
    [Fact]
    public Task Bad_paths_and_empty_values_are_named() => LiveAsync(async () =>
    {
        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE t (id integer PRIMARY KEY);");
        var blocker = Db.File("a-file");
        File.WriteAllText(blocker, "x");
        async Task<string> UsageAsync(params string[] args)
        {
            var r = await CliRunner.RunAsync(args);
            Assert.True(r.ExitCode == 2, $"nexusql {string.Join(' ', args)} → {r.ExitCode}\n{r.All}");
            Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
            return r.Stderr;
        }
        Assert.Contains($"{blocker} is a file, not a folder. Nothing was written.", await UsageAsync("--url", sqlite, "schema", "dump", "-o", Path.Combine(blocker, "x.json")), StringComparison.Ordinal);
        Assert.Contains("--output was given an empty value", await UsageAsync("--url", sqlite, "backup", "-o", ""), StringComparison.Ordinal);
        Assert.Contains("--from was given an empty value", await UsageAsync("copy", "--from", "", "--to", sqlite), StringComparison.Ordinal);
        Assert.Contains("the path argument was given an empty value", await UsageAsync("--url", sqlite, "restore", ""), StringComparison.Ordinal);
        var nowhere = Path.Combine(Db.File("no-such-folder"), "x.db");
        Assert.Contains($"The folder of the database file '{nowhere}' does not exist", await UsageAsync("copy", "--from", sqlite, "--to", "sqlite:///" + nowhere), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(nowhere)));
    });
}
