namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 24 B1: <c>verify --against</c> compared rows only, so a second database that lacked a primary key, a
/// view, a trigger, a rule, partitioning or a view's CHECK OPTION was "OK". The schema check compares the two schemas
/// object by object; each database is damaged here with the engine's own client after an identical copy.
/// </summary>
public sealed class VerifySchemaCliTests() : SchemaFidelityCliTestBase("verify-schema")
{
    /// <summary>The schema findings of <c>verify --against</c> (exit 3), or fails when there are none.</summary>
    private static async Task<List<string>> SchemaFindingsAsync(string first, string second, params string[] extra)
    {
        var r = await CliRunner.RunAsync(["--json", "--url", first, "verify", "--against", second, .. extra]);
        Assert.True(r.ExitCode == 3, r.All);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        return [.. r.Json.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("check").GetString() == "schema").Select(f => f.GetProperty("finding").GetString()!)];
    }

    private static async Task AssertSameAsync(string first, string second)
    {
        var r = await Ok("--url", first, "verify", "--against", second);
        Assert.Contains("schema", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public Task PostgreSQL_keys_views_view_options_triggers_and_rules_are_compared() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE t (id int PRIMARY KEY, v int, note text);
            CREATE TABLE log (id serial PRIMARY KEY, msg text);
            INSERT INTO t SELECT g, g * 10, 'n' || g FROM generate_series(1, 5) g;
            CREATE RULE t_nodel AS ON DELETE TO t DO INSTEAD NOTHING;
            CREATE RULE t_dis AS ON INSERT TO t WHERE new.v < 0 DO INSTEAD NOTHING;
            ALTER TABLE t DISABLE RULE t_dis;
            CREATE VIEW v_bar WITH (security_barrier = true) AS SELECT id, note FROM t WHERE id > 2;
            CREATE VIEW v_inv WITH (security_invoker = true) AS SELECT id FROM t;
            CREATE FUNCTION trg_f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN new.note := upper(new.note); RETURN new; END $$;
            CREATE TRIGGER t_up BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg_f();
            """);
        var copy = await Db.NewAsync("postgresql");
        await Ok("copy", "--from", source, "--to", copy);
        await AssertSameAsync(copy, source);
        await EngineClient.RunScriptAsync(copy, """
            ALTER TABLE t ENABLE RULE t_dis;
            ALTER VIEW v_bar RESET (security_barrier);
            DROP VIEW v_inv;
            DROP TRIGGER t_up ON t;
            DROP RULE t_nodel ON t;
            ALTER TABLE t DROP CONSTRAINT t_pkey;
            """);
        var found = await SchemaFindingsAsync(copy, source);
        Assert.Contains(found, f => f.StartsWith("table t: primary key: none in the first database", StringComparison.Ordinal) && f.Contains("t_pkey", StringComparison.Ordinal));
        Assert.Contains("view v_bar: security barrier: none in the first database, true in the second", found);
        Assert.Contains("view v_inv only in the second database", found);
        Assert.Contains(found, f => f.StartsWith("rule t_dis on t: state:", StringComparison.Ordinal));
        Assert.Contains("rule t_nodel on t only in the second database", found);
        Assert.Contains("trigger t_up on t only in the second database", found);
        Assert.Equal(6, found.Count);
        // the other way round, the same objects from the other side
        Assert.Contains("trigger t_up on t only in the first database", await SchemaFindingsAsync(source, copy));
        // --checks schema alone names a table only one side has (the data check does when it runs)
        await EngineClient.RunAsync(copy, "DROP TABLE log");
        Assert.Contains("table log only in the second database", await SchemaFindingsAsync(copy, source, "--checks", "schema"));
        // --tables limits it to those tables and their triggers and rules: views are not compared
        var limited = await SchemaFindingsAsync(copy, source, "--checks", "schema", "--tables", "t");
        Assert.DoesNotContain(limited, f => f.Contains("view", StringComparison.Ordinal) || f.Contains("log", StringComparison.Ordinal));
        Assert.Contains("trigger t_up on t only in the second database", limited);
    });

    [Fact]
    public Task SQLite_triggers_and_settings_are_compared() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, """
            PRAGMA user_version = 42;
            CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL, code TEXT UNIQUE);
            CREATE TABLE audit (id INTEGER PRIMARY KEY, doc INT);
            CREATE TRIGGER docs_ai AFTER INSERT ON docs BEGIN INSERT INTO audit (doc) VALUES (new.id); END;
            INSERT INTO docs VALUES (1, 'a', 'x');
            """);
        var copy = await Db.NewAsync("sqlite");
        await Ok("copy", "--from", source, "--to", copy);
        await AssertSameAsync(copy, source);
        await EngineClient.RunScriptAsync(copy, "PRAGMA user_version = 1; DROP TRIGGER docs_ai; CREATE INDEX docs_title ON docs (title);");
        var found = await SchemaFindingsAsync(copy, source);
        Assert.Contains("settings: user_version: 1 in the first database, 42 in the second", found);
        Assert.Contains("trigger docs_ai on docs only in the second database", found);
        Assert.Contains("table docs: index docs_title only in the first database", found);
        Assert.Equal(3, found.Count);
        // a primary key over other columns, or the same in another order (break test 25 F24: a .NET error, exit 1)
        var other = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(other, "CREATE TABLE pk2 (a INT, b INT, c INT, PRIMARY KEY (b, a));");
        var same = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(same, "CREATE TABLE pk2 (a INT, b INT, c INT, PRIMARY KEY (a, b));");
        found = await SchemaFindingsAsync(other, same, "--checks", "schema");
        Assert.Equal(["table pk2: primary key: columns: [\"b\",\"a\"] in the first database, [\"a\",\"b\"] in the second"], found);
    });

    [Fact]
    public Task MariaDB_partitioning_and_view_check_option_are_compared() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE base (id int PRIMARY KEY, v int);
            CREATE TABLE pr (id int, y int, PRIMARY KEY (id, y)) PARTITION BY RANGE (y) (PARTITION p0 VALUES LESS THAN (2000), PARTITION p1 VALUES LESS THAN MAXVALUE);
            CREATE VIEW vl AS SELECT id, v FROM base WHERE v > 0 WITH CHECK OPTION;
            INSERT INTO base VALUES (1, 1);
            """);
        var copy = await Db.NewAsync("mysql");
        await Ok("copy", "--from", source, "--to", copy);
        await AssertSameAsync(copy, source);
        await EngineClient.RunScriptAsync(copy, "ALTER TABLE pr REMOVE PARTITIONING; DROP VIEW vl; CREATE VIEW vl AS SELECT id, v FROM base WHERE v > 0;");
        var found = await SchemaFindingsAsync(copy, source);
        Assert.Contains(found, f => f.StartsWith("table pr: partition clause: none in the first database", StringComparison.Ordinal));
        Assert.Contains(found, f => f.StartsWith("view vl: check option: none in the first database", StringComparison.Ordinal));
        Assert.Equal(2, found.Count);
    });

    [Fact]
    public Task Between_engines_keys_and_foreign_keys_are_compared() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE p (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);
            CREATE TABLE c (id INTEGER PRIMARY KEY, pid INT REFERENCES p (id), tag TEXT);
            CREATE UNIQUE INDEX c_tag ON c (tag);
            INSERT INTO p VALUES (1, 'a'); INSERT INTO c VALUES (1, 1, 't');
            """);
        var copy = await Db.NewAsync("postgresql");
        await Ok("copy", "--from", source, "--to", copy);
        foreach (var (first, second) in new[] { (copy, source), (source, copy) }) await AssertSameAsync(first, second);
        await EngineClient.RunScriptAsync(copy, """
            DO $$ DECLARE r record; BEGIN
              FOR r IN SELECT conrelid::regclass AS t, conname FROM pg_constraint WHERE conrelid IN ('p'::regclass, 'c'::regclass) AND contype IN ('u', 'f') LOOP
                EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.t, r.conname);
              END LOOP;
              FOR r IN SELECT indexrelid::regclass AS i FROM pg_index WHERE indrelid = 'c'::regclass AND indisunique AND NOT indisprimary LOOP
                EXECUTE format('DROP INDEX %s', r.i);
              END LOOP;
            END $$;
            """);
        var found = await SchemaFindingsAsync(copy, source);
        Assert.Contains("table p: unique key code only in the second database", found);
        Assert.Contains("table c: unique key tag only in the second database", found);
        Assert.Contains("table c: foreign key (pid) references p (id) only in the second database", found);
        Assert.Equal(3, found.Count);
    });
}
