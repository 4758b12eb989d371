namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 38, H1, H3, H4, H6–H8, M2, M3, M8, M14: what <c>verify</c> called "OK" that was not — what a <c>--tables</c> choice
/// depends on, positions of columns drawing from a sequence, enum labels against SQLite's label check, an enum or a
/// generated column made plain in another engine's copy, a sequence's increment, drift never checked. Each change is
/// made with the engine's own client.
/// </summary>
public sealed class BreakTest38VerifyCliTests() : ValueFidelityCliTestBase("bt38v")
{
    /// <summary>
    /// H1, H6 (one engine): <c>verify --tables p</c> said OK after an enum label was added to the type of p.m, the check of
    /// p.pi's domain changed, the function p's trigger runs replaced, and the sequence p.id draws from set back. Each
    /// is named now; a clean copy stays OK.
    /// </summary>
    [Fact]
    public Task Tables_choice_compares_types_functions_and_sequences_its_tables_use() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy'); CREATE DOMAIN posint AS int CHECK (VALUE > 0);" +
            "CREATE SEQUENCE p_id_seq2; CREATE TABLE p (id int PRIMARY KEY DEFAULT nextval('p_id_seq2'), m mood, pi posint, price numeric(10,2));" +
            "CREATE TABLE other (id int PRIMARY KEY); INSERT INTO p (m, pi, price) VALUES ('ok', 1, 1), ('sad', 2, 2);" +
            "CREATE FUNCTION keep_price() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.price := NEW.price; RETURN NEW; END $$;" +
            "CREATE TRIGGER p_upd BEFORE UPDATE ON p FOR EACH ROW EXECUTE FUNCTION keep_price();");
        var target = await Db.NewAsync("postgresql");
        await Ok("copy", "--from", source, "--to", target);
        await Ok("verify", "--url", source, "--against", target, "--tables", "p");
        await EngineClient.RunScriptAsync(target, "ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok'; ALTER DOMAIN posint DROP CONSTRAINT posint_check;" +
            "ALTER DOMAIN posint ADD CONSTRAINT posint_check CHECK (VALUE > -100); SELECT setval('p_id_seq2', 1, false);" +
            "CREATE OR REPLACE FUNCTION keep_price() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.price := 0; RETURN NEW; END $$;");
        Assert.Equal("sad,meh,ok,happy|1", await EngineClient.RunAsync(target,
            "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder), (SELECT last_value FROM p_id_seq2) FROM pg_enum WHERE enumtypid = 'mood'::regtype"));
        var r = await CliRunner.RunAsync("verify", "--url", source, "--against", target, "--tables", "p");
        Assert.True(r.ExitCode == 3, r.All);
        var schema = Lines(r, "schema");
        Assert.Contains(schema, l => l.StartsWith("[schema] domain posint: check posint_check: expression:", StringComparison.Ordinal));
        Assert.Contains("[schema] enum type mood: values: [\"sad\",\"ok\",\"happy\"] in the first database, [\"sad\",\"meh\",\"ok\",\"happy\"] in the second", schema);
        Assert.Contains(schema, l => l.StartsWith("[schema] routine keep_price(): sql:", StringComparison.Ordinal));
        Assert.Equal(3, schema.Length);
        Assert.Equal(["[data] p_id_seq2: the sequence's next value is 3 in the first database, 1 in the second"], Lines(r, "data"));
        // a table that uses none of them is still OK
        await Ok("verify", "--url", source, "--against", target, "--tables", "other");
    });

    /// <summary>
    /// bt39 H6: a sequence of another PostgreSQL schema (app.s, a schema without tables) that a table draws its ids
    /// from, set back behind the ids in the second database, was "OK" with and without <c>--tables</c>; named now.
    /// </summary>
    [Fact]
    public Task A_sequence_of_another_schema_set_back_is_named() => LiveAsync(async () =>
    {
        var (first, second) = (await Db.NewAsync("postgresql"), await Db.NewAsync("postgresql"));
        foreach (var db in new[] { first, second })
            await EngineClient.RunScriptAsync(db, "CREATE SCHEMA app; CREATE SEQUENCE app.s INCREMENT 2;" +
                "CREATE TABLE y (id bigint PRIMARY KEY DEFAULT nextval('app.s'), v int); INSERT INTO y (v) VALUES (1), (2);");
        await Ok("verify", "--url", first, "--against", second);
        Assert.Equal("1", await EngineClient.RunAsync(second, "SELECT setval('app.s', 1)"));
        foreach (var tables in new[] { Array.Empty<string>(), ["--tables", "y"] })
        {
            var r = await CliRunner.RunAsync(["verify", "--url", first, "--against", second, .. tables]);
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Equal(["[data] app.s: the sequence's next value is 5 in the first database, 3 in the second"], Lines(r, "data"));
        }
    });

    /// <summary>
    /// H4, H6, H7, H8, M2 against SQLite and MariaDB: a PostgreSQL table with an enum column, an id drawing from a
    /// sequence and a generated column, copied to each. Clean copies verify OK in both orders (SQLite first was a false
    /// "2 check constraints ... 1 in the second": the enum's label check). Then the labels, the generation and the
    /// position are changed in the copy: each named in both orders (all were OK).
    /// </summary>
    [Fact]
    public Task Enum_generation_and_position_changed_in_another_engine_are_named() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy'); CREATE SEQUENCE p_id_seq2;" +
            "CREATE TABLE p (id int PRIMARY KEY DEFAULT nextval('p_id_seq2'), m mood, q text, total text GENERATED ALWAYS AS (q || 'x') STORED);" +
            "INSERT INTO p (m, q) VALUES ('ok', '1'), ('sad', '2');");
        var sqlite = await Db.NewAsync("sqlite");
        var maria = await Db.NewAsync("mysql");
        await Ok("copy", "--from", pg, "--to", sqlite);
        await Ok("copy", "--from", pg, "--to", maria);
        foreach (var other in new[] { sqlite, maria })
        {
            await Ok("verify", "--url", pg, "--against", other);
            await Ok("verify", "--url", other, "--against", pg);
        }

        await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE p2 (id INTEGER PRIMARY KEY AUTOINCREMENT, m TEXT, q TEXT, total TEXT," +
            " CONSTRAINT p_m_check CHECK (m IN ('sad', 'meh', 'ok', 'happy'))); INSERT INTO p2 SELECT id, m, q, total FROM p; DROP TABLE p;" +
            " ALTER TABLE p2 RENAME TO p; UPDATE sqlite_sequence SET seq = 7 WHERE name = 'p';");
        await EngineClient.RunScriptAsync(maria, "ALTER TABLE p MODIFY m varchar(10), MODIFY total longtext; ALTER TABLE p AUTO_INCREMENT = 8;");
        Assert.Contains("`m` varchar(10)", await EngineClient.RunAsync(maria, "SHOW CREATE TABLE p"), StringComparison.Ordinal);
        foreach (var (first, second, side, other) in new[] { (pg, sqlite, "first", "second"), (sqlite, pg, "second", "first") })
        {
            var r = await CliRunner.RunAsync("verify", "--url", first, "--against", second, "--tables", "p");
            Assert.True(r.ExitCode == 3, r.All);
            var labels = side == "first" ? "('sad', 'ok', 'happy') in the first database, ('sad', 'meh', 'ok', 'happy') in the second"
                : "('sad', 'meh', 'ok', 'happy') in the first database, ('sad', 'ok', 'happy') in the second";
            Assert.Contains($"[schema] table p: column m: enum labels {labels}", Lines(r, "schema"));
            Assert.Contains(Lines(r, "schema"), l => l.StartsWith("[schema] table p: column total: generated as (", StringComparison.Ordinal)
                && l.EndsWith($"in the {side} database, a plain column in the {other}", StringComparison.Ordinal));
            Assert.Equal(2, Lines(r, "schema").Length);
            Assert.Equal([$"[data] p: column id: the next value it generates is {(side == "first" ? "3" : "8")} in the first database, {(side == "first" ? "8" : "3")} in the second"],
                Lines(r, "data"));
        }
        foreach (var (first, second, side, other) in new[] { (pg, maria, "first", "second"), (maria, pg, "second", "first") })
        {
            var r = await CliRunner.RunAsync("verify", "--url", first, "--against", second);
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains($"[schema] table p: column m: an enum of the labels ('sad', 'ok', 'happy') in the {side} database, a column taking other values in the {other}", Lines(r, "schema"));
            // as PostgreSQL holds it, in either order (bt39 L2: MariaDB's spelling was shown as the first database's)
            Assert.Contains(Lines(r, "schema"), l => l.StartsWith("[schema] table p: column total: generated as (", StringComparison.Ordinal)
                && l.Contains("'x'::text", StringComparison.Ordinal));
            Assert.Contains($"[data] p: column id: the next value it generates is {(side == "first" ? "3" : "8")} in the first database, {(side == "first" ? "8" : "3")} in the second", Lines(r, "data"));
        }
    });

    /// <summary>
    /// H4, M2 with a MariaDB ENUM into SQLite, M3: the copy's label check is compared with the ENUM's labels in both
    /// orders (SQLite first was a false check count; a reordered ENUM was OK), and a sequence's increment changed in a
    /// PostgreSQL copy is named (was OK). L1: a MariaDB target database that does not exist.
    /// </summary>
    [Fact]
    public Task Mariadb_enum_against_sqlite_check_and_sequence_increment_across_engines() => LiveAsync(async () =>
    {
        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, "CREATE TABLE t (id int PRIMARY KEY, s enum('new','paid','void') NOT NULL DEFAULT 'new');" +
            "INSERT INTO t VALUES (1, 'new'), (2, 'void'); CREATE SEQUENCE tick START WITH 10 INCREMENT BY 5;");
        var sqlite = await Db.NewAsync("sqlite");
        await Ok("copy", "--from", maria, "--to", sqlite, "--tables", "t");
        await Ok("verify", "--url", maria, "--against", sqlite, "--tables", "t");
        await Ok("verify", "--url", sqlite, "--against", maria, "--tables", "t");
        await EngineClient.RunScriptAsync(maria, "ALTER TABLE t MODIFY s enum('void','new','paid','x') NOT NULL DEFAULT 'new';");
        foreach (var (first, second, labels) in new[] { (maria, sqlite, "('void', 'new', 'paid', 'x') in the first database, ('new', 'paid', 'void') in the second"),
                     (sqlite, maria, "('new', 'paid', 'void') in the first database, ('void', 'new', 'paid', 'x') in the second") })
        {
            var r = await CliRunner.RunAsync("verify", "--url", first, "--against", second, "--tables", "t", "--checks", "schema");
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Equal([$"[schema] table t: column s: enum labels {labels}"], Lines(r, "schema"));
        }

        var pg = await Db.NewAsync("postgresql");
        await Ok("copy", "--from", maria, "--to", pg);
        await Ok("verify", "--url", maria, "--against", pg, "--checks", "schema");
        await EngineClient.RunScriptAsync(pg, "ALTER SEQUENCE tick INCREMENT 1;");
        Assert.Equal("1", await EngineClient.RunAsync(pg, "SELECT increment_by FROM pg_sequences WHERE sequencename = 'tick'"));
        var s = await CliRunner.RunAsync("verify", "--url", maria, "--against", pg, "--checks", "schema");
        Assert.True(s.ExitCode == 3, s.All);
        Assert.Equal(["[schema] sequence tick: increment 5 in the first database, 1 in the second"], Lines(s, "schema"));

        // L1: a MariaDB target that does not exist is named as such, without "run the same command again"
        var missing = maria[..(maria.LastIndexOf('/') + 1)] + "nexusql_bt38_no_such_db";
        var m = await CliRunner.RunAsync("copy", "--from", pg, "--to", missing);
        Assert.True(m.ExitCode == 1, m.All);
        Assert.Contains("Unknown database 'nexusql_bt38_no_such_db'. Create it first (CREATE DATABASE), or check the database name in the URL.", m.All, StringComparison.Ordinal);
        Assert.DoesNotContain("the same command again", m.All, StringComparison.Ordinal);
    });

    /// <summary>
    /// M6, M8, M14: a PostgreSQL table with row-level security, a policy, a function, a partial and an expression index,
    /// copied to MariaDB (which names them not recreated), verified "OK"; and a check dropped there with another added on another column was "OK" (checks
    /// were compared by their number only). Each is named now, in both orders; a check whose literal holds a quote (MariaDB
    /// writes 'no\'price', price a column) is no false difference (bt39 M1).
    /// </summary>
    [Fact]
    public Task What_a_copy_did_not_recreate_and_a_check_moved_to_another_column_are_named() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE a (id int PRIMARY KEY, user_id int, price numeric(10,2) CHECK (price >= 0), note text CHECK (note <> 'no''price'));" +
            "ALTER TABLE a ENABLE ROW LEVEL SECURITY; CREATE POLICY pa ON a USING (user_id = 1); CREATE FUNCTION f1() RETURNS int LANGUAGE sql AS 'SELECT 1';" +
            "CREATE INDEX a_live ON a (user_id) WHERE price IS NOT NULL; CREATE INDEX a_double ON a ((price * 2));");
        var maria = await Db.NewAsync("mysql");
        var copy = await Ok("copy", "--from", pg, "--to", maria);
        Assert.Contains("policy pa on a: PostgreSQL SQL; policies are not translated between engines", copy.All, StringComparison.Ordinal);
        foreach (var (first, second, side) in new[] { (pg, maria, "first"), (maria, pg, "second") })
        {
            var r = await CliRunner.RunAsync("verify", "--url", first, "--against", second, "--checks", "schema");
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Equal([$"[schema] table a: an index on (user_id) where price IS NOT NULL only in the {side} database",
                $"[schema] table a: {(side == "first" ? "1" : "0")} expression index(es) in the first database, {(side == "first" ? "0" : "1")} in the second",
                $"[schema] function f1 only in the {side} database", $"[schema] policy pa on a only in the {side} database",
                $"[schema] row level security on a only in the {side} database"], Lines(r, "schema"));
        }
        await EngineClient.RunScriptAsync(maria, "ALTER TABLE a DROP CONSTRAINT a_price_check, ADD CONSTRAINT a_user_check CHECK (user_id <> 0);");
        Assert.Contains("CONSTRAINT `a_user_check` CHECK (`user_id` <> 0)", await EngineClient.RunAsync(maria, "SHOW CREATE TABLE a"), StringComparison.Ordinal);
        var moved = await CliRunner.RunAsync("verify", "--url", pg, "--against", maria, "--checks", "schema");
        Assert.True(moved.ExitCode == 3, moved.All);
        Assert.Contains("[schema] table a: a check on (price) only in the first database (a_price_check)", Lines(moved, "schema"));
        Assert.Contains("[schema] table a: a check on (user_id) only in the second database (a_user_check)", Lines(moved, "schema"));
    });

    /// <summary>
    /// H3: <c>verify --checks drift</c> with no migration scripts at hand said "OK: drift." for a database whose check had
    /// been changed: drift was never checked. It is a finding now (exit 3), in --json too. L6: a database verified against
    /// itself gets a note that the comparison proves nothing.
    /// </summary>
    [Fact]
    public Task Drift_asked_for_without_scripts_is_not_ok() => LiveAsync(async () =>
    {
        var db = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(db, "CREATE TABLE t (id int PRIMARY KEY);");
        var empty = Directory.CreateTempSubdirectory("bt38v-none").FullName;
        try
        {
            var r = await CliRunner.RunAsync("--json", "--url", db, "verify", "--checks", "drift", "--locations", empty);
            Assert.True(r.ExitCode == 3, r.All);
            Assert.False(r.Json.GetProperty("ok").GetBoolean());
            Assert.StartsWith($"drift not checked: there are no migration scripts in {empty}", r.Json.GetProperty("findings")[0].GetProperty("finding").GetString(), StringComparison.Ordinal);
            // L6: a database verified against itself passes, and is said to prove nothing
            var self = await CliRunner.RunAsync("--url", db, "verify", "--against", db, "--locations", empty);
            Assert.True(self.ExitCode == 0, self.All);
            Assert.Contains("the two URLs reach one database: the schema and data checks compare it with itself, so they prove nothing", self.All, StringComparison.Ordinal);
            Assert.DoesNotContain("reach one database", (await CliRunner.RunAsync("--url", db, "verify", "--locations", empty)).All, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, true);
        }
    });
}
