namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 28 (an outside tester's schemas, issue 12): a PostgreSQL unique index that a foreign key references was
/// left out of the model — dump lost it without a word and copy failed half-way with 42830 (L1). Each side is read with
/// the engine's own client.
/// </summary>
public sealed class BreakTest28CliTests() : SchemaFidelityCliTestBase("bt28")
{
    [Fact]
    public Task A_unique_index_a_foreign_key_references_is_dumped_copied_and_restored() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE parent (id int PRIMARY KEY, code text NOT NULL);
            CREATE UNIQUE INDEX parent_code_uix ON parent (code);
            CREATE TABLE child (id int PRIMARY KEY, pcode text REFERENCES parent (code) ON DELETE CASCADE);
            INSERT INTO parent VALUES (1, 'a'), (2, 'b'); INSERT INTO child VALUES (1, 'a'), (2, 'b');
            """);
        const string Index = "SELECT indexdef FROM pg_indexes WHERE indexname = 'parent_code_uix'";
        const string Key = "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'child_pcode_fkey'";
        var file = Db.File($"{Guid.NewGuid():N}.nxb");
        await Ok("--url", source, "backup", "-o", file);
        var copied = await Db.NewAsync("postgresql");
        await Ok("copy", "--from", source, "--to", copied);
        var restored = await Db.NewAsync("postgresql");
        await Ok("--url", restored, "restore", file);
        var dump = Db.File($"{Guid.NewGuid():N}.json");
        await Ok("--url", source, "schema", "dump", "-o", dump);
        var applied = await Db.NewAsync("postgresql");
        await Ok("--url", applied, "schema", "apply", dump);
        foreach (var target in new[] { copied, restored, applied })
        {
            Assert.Equal(await EngineClient.RunAsync(source, Index), await EngineClient.RunAsync(target, Index));
            Assert.Equal(await EngineClient.RunAsync(source, Key), await EngineClient.RunAsync(target, Key));
        }
        Assert.Equal("1|a\n2|b", await EngineClient.RunAsync(copied, "SELECT id, pcode FROM child ORDER BY id"));
        await Ok("--url", copied, "verify", "--against", source);
        // into another engine too: the unique index comes before the foreign key
        var lite = await Db.NewAsync("sqlite");
        await Ok("copy", "--from", source, "--to", lite);
        Assert.Contains("CREATE UNIQUE INDEX \"parent_code_uix\"", await EngineClient.RunAsync(lite, "SELECT sql FROM sqlite_master WHERE name = 'parent_code_uix'"), StringComparison.Ordinal);
    });

    [Fact]
    public Task A_check_dividing_an_integer_made_numeric_is_refused_where_it_would_divide_integers() => LiveAsync(async () =>
    {
        // L6: `a::numeric / 2 <= 59` arrived in SQLite as `a / 2 <= 59`, which takes 119 (59 there, 59.5 on PostgreSQL)
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE c (id int PRIMARY KEY, a int, n numeric(10,2), CONSTRAINT half CHECK (a::numeric / 2 <= 59), CONSTRAINT pos CHECK (n::numeric > 0));");
        var target = await Db.NewAsync("sqlite");
        var r = await CliRunner.RunAsync("copy", "--from", source, "--to", target);
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("check half on c", r.All, StringComparison.Ordinal);
        Assert.Contains("makes PostgreSQL compute with a decimal number", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("check pos", r.All, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"));
    });

    [Fact]
    public Task Defaults_built_on_now_keep_what_surrounds_it_and_a_change_is_found() => LiveAsync(async () =>
    {
        // L1: `now() + interval '1 day'`, `now() AT TIME ZONE 'utc'`, CURRENT_TIMESTAMP(0) all arrived as CURRENT_TIMESTAMP, and diff/verify saw nothing
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id int PRIMARY KEY, a timestamptz DEFAULT now() + interval '1 day', b timestamptz DEFAULT now() - interval '5 minutes', " +
            "c timestamp DEFAULT (now() AT TIME ZONE 'utc'), g timestamptz DEFAULT current_timestamp(0));");
        const string Defaults = "SELECT string_agg(attname || '=' || pg_get_expr(adbin, adrelid), ', ' ORDER BY attname) FROM pg_attrdef JOIN pg_attribute ON attrelid = adrelid AND attnum = adnum";
        var copied = await Db.NewAsync("postgresql");
        await Ok("copy", "--from", source, "--to", copied);
        Assert.Equal(await EngineClient.RunAsync(source, Defaults), await EngineClient.RunAsync(copied, Defaults));
        await EngineClient.RunScriptAsync(copied, "ALTER TABLE t ALTER COLUMN a SET DEFAULT now();");
        var r = await CliRunner.RunAsync("--url", source, "verify", "--against", copied, "--checks", "schema");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("column a: default", r.All, StringComparison.Ordinal);

        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, "CREATE TABLE t (id int PRIMARY KEY, a datetime DEFAULT (current_timestamp() + interval 1 day), e datetime(6) DEFAULT current_timestamp(3));");
        const string MariaDefaults = "SELECT group_concat(column_name, '=', column_default ORDER BY column_name) FROM information_schema.columns WHERE table_schema = DATABASE() AND column_name <> 'id'";
        var mariaCopy = await Db.NewAsync("mysql");
        await Ok("copy", "--from", maria, "--to", mariaCopy);
        Assert.Equal(await EngineClient.RunAsync(maria, MariaDefaults), await EngineClient.RunAsync(mariaCopy, MariaDefaults));
    });

    /// <summary>
    /// bt32 F26: a timestamp column defaulting to the current UTC time (<c>now() AT TIME ZONE 'utc'</c>, the usual way on
    /// PostgreSQL; was refused between engines) goes to SQLite as <c>strftime('%Y-%m-%d %H:%M:%f', 'now')</c> and to
    /// MariaDB as <c>UTC_TIMESTAMP(p)</c>, each of which gives the UTC time there, and comes back to PostgreSQL as it was.
    /// </summary>
    [Fact]
    public Task A_default_of_the_current_utc_time_goes_to_every_engine_and_back() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE u (id int PRIMARY KEY, a timestamp DEFAULT (now() AT TIME ZONE 'utc'), b timestamp(0) DEFAULT (now() AT TIME ZONE 'utc'));");
        const string Defaults = "SELECT string_agg(attname || '=' || pg_get_expr(adbin, adrelid), ', ' ORDER BY attname) FROM pg_attrdef JOIN pg_attribute ON attrelid = adrelid AND attnum = adnum";
        foreach (var (engine, defaults, nearNow) in new[]
        {
            ("sqlite", "SELECT sql FROM sqlite_master WHERE name = 'u'", "SELECT abs(julianday(a) - julianday('now')) * 86400 < 60, abs(julianday(b) - julianday('now')) * 86400 < 60, b = substr(b, 1, 19) FROM u"),
            ("mysql", "SELECT group_concat(column_name, '=', column_default ORDER BY column_name) FROM information_schema.columns WHERE table_schema = DATABASE() AND column_name <> 'id'",
                "SELECT abs(timestampdiff(SECOND, a, utc_timestamp())) < 60, abs(timestampdiff(SECOND, b, utc_timestamp())) < 60, microsecond(b) = 0 FROM u"),
        })
        {
            var target = await Db.NewAsync(engine);
            await Ok("copy", "--from", source, "--to", target);
            Assert.Contains(engine == "sqlite" ? "\"a\" TIMESTAMP DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))" : "a=utc_timestamp(6),b=utc_timestamp()",
                await EngineClient.RunAsync(target, defaults), StringComparison.Ordinal);
            await EngineClient.RunScriptAsync(target, "INSERT INTO u (id) VALUES (1);");
            Assert.Equal("1|1|1", await EngineClient.RunAsync(target, nearNow));
            var back = await Db.NewAsync("postgresql");
            await Ok("copy", "--from", target, "--to", back);
            Assert.Equal(await EngineClient.RunAsync(source, Defaults), await EngineClient.RunAsync(back, Defaults));
            await Ok("--url", source, "verify", "--against", back, "--checks", "schema");
        }
    });

    [Fact]
    public Task A_sequence_owned_by_a_column_whose_default_does_not_use_it_is_carried() => LiveAsync(async () =>
    {
        // L8: `CREATE SEQUENCE tok_seq OWNED BY tok.id` (no nextval default) was taken for a serial's and lost by dump, backup and copy
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE tok (id int PRIMARY KEY, v text); CREATE SEQUENCE tok_seq START 100 OWNED BY tok.id; " +
            "SELECT nextval('tok_seq'); SELECT nextval('tok_seq');");
        const string Position = "SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM tok_seq"; // the next value (step 1)
        var (copied, restored, _) = await MoveAsync(source, "postgresql");
        foreach (var target in new[] { copied, restored })
            Assert.Equal(await EngineClient.RunAsync(source, Position), await EngineClient.RunAsync(target, Position));
        await Ok("--url", copied, "verify", "--against", source);
    });

    [Theory]
    [InlineData("sqlite")]
    [InlineData("mysql")]
    [InlineData("postgresql")]
    public Task Letter_case_inside_a_default_or_a_view_literal_is_a_difference(string engine) => LiveAsync(async () =>
    {
        // L4: schema diff and drift took 'ACTIVE' for 'active' (verify --against did not)
        var first = await Db.NewAsync(engine);
        var second = await Db.NewAsync(engine);
        foreach (var (url, status) in new[] { (first, "ACTIVE"), (second, "active") })
            await EngineClient.RunScriptAsync(url, $"CREATE TABLE t (id int PRIMARY KEY, s varchar(10) DEFAULT '{status}'); CREATE VIEW v AS SELECT id FROM t WHERE s = '{status}';");
        var r = await CliRunner.RunAsync("schema", "diff", "--from", first, "--to", second);
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains(engine == "sqlite" ? "rebuild table t" : "change column t.s", r.All, StringComparison.Ordinal);
        Assert.Contains("'active'", r.All, StringComparison.Ordinal);
        Assert.Contains("view v", r.All, StringComparison.Ordinal);
    });

    [Fact]
    public Task A_cast_that_changes_the_value_is_part_of_a_check_index_or_generated_expression() => LiveAsync(async () =>
    {
        // L3: `v::int = v` and `v = v`, `s::varchar(3)` and `s::varchar(4)`, `(j->>'k')::int` and `j->>'k'` were "No differences"
        var first = await Db.NewAsync("postgresql");
        var second = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(first, "CREATE TABLE t (id int PRIMARY KEY, v numeric, j jsonb, s text, CONSTRAINT v_whole CHECK (v::int = v), " +
            "CONSTRAINT s_len CHECK (s::varchar(3) = s)); CREATE INDEX t_jk ON t (((j->>'k')::int)); " +
            "CREATE TABLE g (id int PRIMARY KEY, a numeric, b numeric GENERATED ALWAYS AS (a::numeric(10,0)) STORED);");
        await EngineClient.RunScriptAsync(second, "CREATE TABLE t (id int PRIMARY KEY, v numeric, j jsonb, s text, CONSTRAINT v_whole CHECK (v = v), " +
            "CONSTRAINT s_len CHECK (s::varchar(4) = s)); CREATE INDEX t_jk ON t ((j->>'k')); " +
            "CREATE TABLE g (id int PRIMARY KEY, a numeric, b numeric GENERATED ALWAYS AS (a) STORED);");
        var r = await CliRunner.RunAsync("schema", "diff", "--from", first, "--to", second);
        Assert.True(r.ExitCode == 3, r.All);
        foreach (var change in new[] { "change check v_whole on t", "change check s_len on t", "change index t_jk on t", "change column g.b" })
            Assert.Contains(change, r.All, StringComparison.Ordinal);
        // the file a user writes (casts spelled their way, none of the ones PostgreSQL adds) applies once, then is a no-op
        var file = Db.File($"{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            {"tables":[{"name":"t","columns":[{"name":"id","type":"int32","nullable":false},{"name":"v","type":"decimal(12,2)"},{"name":"s","type":"text"}],
              "primaryKey":{"columns":["id"]},"checks":[{"name":"v_whole","expression":"CAST(v AS int) = v"},{"name":"s_len","expression":"s::varchar(3) = s"}]}]}
            """);
        var applied = await Db.NewAsync("postgresql");
        await Ok("--url", applied, "schema", "apply", file);
        var again = await CliRunner.RunAsync("--url", applied, "schema", "apply", file);
        Assert.True(again.ExitCode == 0 && again.Stdout.Contains("No differences", StringComparison.Ordinal), again.All);
        const string Checks = "SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), ', ' ORDER BY conname) FROM pg_constraint WHERE contype = 'c'";
        Assert.Equal(await EngineClient.RunAsync(first, Checks), await EngineClient.RunAsync(applied, Checks));
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(applied, "INSERT INTO t (id, v) VALUES (1, 1.5)"));
        Assert.Contains("v_whole", refused.Message, StringComparison.Ordinal);
    });

    [Fact]
    public Task Mariadb_trigger_order_survives_a_trigger_of_another_event_between_them() => LiveAsync(async () =>
    {
        // L5: action_order counts within (table, timing, event); read in one list across events, the FOLLOWS chain broke
        // and the copy fired t_double before t_plus (10 → 21 instead of 22)
        var source = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id int PRIMARY KEY, v int); " +
            "CREATE TRIGGER t_double BEFORE INSERT ON t FOR EACH ROW SET NEW.v = NEW.v * 2; " +
            "CREATE TRIGGER t_plus BEFORE INSERT ON t FOR EACH ROW PRECEDES t_double SET NEW.v = NEW.v + 1; " +
            "CREATE TRIGGER z_audit AFTER UPDATE ON t FOR EACH ROW SET @x = 1;");
        const string Order = "SELECT group_concat(trigger_name, ':', action_order ORDER BY trigger_name) FROM information_schema.triggers WHERE trigger_schema = DATABASE()";
        var (copied, restored, _) = await MoveAsync(source, "mysql");
        foreach (var target in new[] { copied, restored })
        {
            Assert.Equal("t_double:2,t_plus:1,z_audit:1", await EngineClient.RunAsync(target, Order));
            await EngineClient.RunScriptAsync(target, "INSERT INTO t VALUES (1, 10);");
            Assert.Equal("22", await EngineClient.RunAsync(target, "SELECT v FROM t"));
        }
        // the order is a difference: a target whose BEFORE INSERT triggers fire the other way round
        var reversed = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(reversed, "CREATE TABLE t (id int PRIMARY KEY, v int); " +
            "CREATE TRIGGER t_double BEFORE INSERT ON t FOR EACH ROW SET NEW.v = NEW.v * 2; " +
            "CREATE TRIGGER t_plus BEFORE INSERT ON t FOR EACH ROW SET NEW.v = NEW.v + 1; " +
            "CREATE TRIGGER z_audit AFTER UPDATE ON t FOR EACH ROW SET @x = 1;");
        var r = await CliRunner.RunAsync("--url", source, "verify", "--against", reversed, "--checks", "schema");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("t_double", r.All, StringComparison.Ordinal);
    });

    [Fact]
    public Task A_mariadb_view_keeps_its_database_name_inside_string_literals() => LiveAsync(async () =>
    {
        // L13: the `db`. qualifier MariaDB writes before every name was cut out of string literals too ('`db`.' → '')
        var source = await Db.NewAsync("mysql");
        var name = await EngineClient.RunAsync(source, "SELECT DATABASE()");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1); " +
            $"CREATE VIEW v AS SELECT t.id, '{name}' AS db_lit, '`{name}`.' AS q_lit, concat('select * from `{name}`.', 't') AS q FROM t;");
        var (copied, restored, _) = await MoveAsync(source, "mysql");
        foreach (var target in new[] { copied, restored })
            Assert.Equal(await EngineClient.RunAsync(source, "SELECT * FROM v"), await EngineClient.RunAsync(target, "SELECT * FROM v"));
    });

    [Theory]
    [InlineData("postgresql")]
    [InlineData("sqlite")]
    public Task Applying_a_mariadb_dump_refuses_what_a_plain_table_would_lose(string engine) => LiveAsync(async () =>
    {
        // L9: partitioning, system versioning, ENGINE= and table options became plain tables without a word
        var source = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE pt (id int, y int, PRIMARY KEY (id, y)) PARTITION BY RANGE (y) (PARTITION p0 VALUES LESS THAN (2000), PARTITION p1 VALUES LESS THAN MAXVALUE); " +
            "CREATE TABLE sv (id int PRIMARY KEY, v int) WITH SYSTEM VERSIONING; CREATE TABLE mm (id int PRIMARY KEY) ENGINE=MEMORY; " +
            "CREATE TABLE ro (id int PRIMARY KEY) ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8; CREATE TABLE plain (id int PRIMARY KEY);");
        var dump = Db.File($"{Guid.NewGuid():N}.json");
        await Ok("--url", source, "schema", "dump", "-o", dump);
        var target = await Db.NewAsync(engine);
        var r = await CliRunner.RunAsync("--url", target, "schema", "apply", dump);
        Assert.True(r.ExitCode == 4, r.All);
        foreach (var what in new[] { "PARTITION BY RANGE", "WITH SYSTEM VERSIONING (the history of its rows) of table sv", "ENGINE=MEMORY of table mm", "of table ro" })
            Assert.Contains(what, r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("table plain (", r.All, StringComparison.Ordinal);
    });

    [Fact]
    public Task A_sqlite_boolean_default_written_as_text_stays_text() => LiveAsync(async () =>
    {
        // L10: DEFAULT 'f' (stored as TEXT in SQLite's NUMERIC affinity) became DEFAULT false (the integer 0) in the copy
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE b (id integer PRIMARY KEY, f boolean DEFAULT 'f', t boolean DEFAULT 'TRUE', z boolean DEFAULT '0', n boolean DEFAULT false);");
        const string NewRow = "INSERT INTO b (id) VALUES (1); SELECT typeof(f), f, typeof(t), t, typeof(z), z, typeof(n), n FROM b;";
        var (copied, restored, _) = await MoveAsync(source, "sqlite");
        var expected = await EngineClient.RunAsync(source, NewRow);
        Assert.Equal("text|f|text|TRUE|integer|0|integer|0", expected);
        foreach (var target in new[] { copied, restored })
            Assert.Equal(expected, await EngineClient.RunAsync(target, NewRow));
        // a database whose default is the integer is a difference
        var other = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(other, "CREATE TABLE b (id integer PRIMARY KEY, f boolean DEFAULT false, t boolean DEFAULT 'TRUE', z boolean DEFAULT '0', n boolean DEFAULT false);");
        var r = await CliRunner.RunAsync("--url", source, "verify", "--against", other, "--checks", "schema");
        Assert.True(r.ExitCode == 3, r.All);
        // into PostgreSQL it is the boolean it means
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, "DELETE FROM b;");
        await Ok("copy", "--from", source, "--to", pg);
        Assert.Equal("f|t|f|f", await EngineClient.RunAsync(pg, "INSERT INTO b (id) VALUES (1); SELECT f, t, z, n FROM b;"));
    });

    [Theory]
    [InlineData("sqlite")]
    [InlineData("mysql")]
    public Task Desc_key_columns_are_carried_and_compared(string engine) => LiveAsync(async () =>
    {
        // L14: PRIMARY KEY (b, a DESC) and UNIQUE (c DESC) arrived ascending, and verify said OK
        var source = await Db.NewAsync(engine);
        var ascending = await Db.NewAsync(engine);
        var rowid = engine == "sqlite" ? " WITHOUT ROWID" : "";
        await EngineClient.RunScriptAsync(source, $"CREATE TABLE w (a int, b int, c int, PRIMARY KEY (b, a DESC), CONSTRAINT uc UNIQUE (c DESC)){rowid}; " +
            "INSERT INTO w VALUES (1, 7, 1), (2, 7, 2);");
        await EngineClient.RunScriptAsync(ascending, $"CREATE TABLE w (a int, b int, c int, PRIMARY KEY (b, a), CONSTRAINT uc UNIQUE (c)){rowid}; INSERT INTO w VALUES (1, 7, 1), (2, 7, 2);");
        var order = engine == "sqlite"
            ? "SELECT group_concat(il.origin || ':' || x.name || ':' || x.\"desc\", ',') FROM pragma_index_list('w') il, pragma_index_xinfo(il.name) x WHERE x.key = 1"
            : "SELECT group_concat(index_name, ':', column_name, ':', collation ORDER BY index_name, seq_in_index) FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'w'";
        var (copied, restored, _) = await MoveAsync(source, engine);
        foreach (var target in new[] { copied, restored })
        {
            Assert.Equal(await EngineClient.RunAsync(source, order), await EngineClient.RunAsync(target, order));
            Assert.Equal(await EngineClient.RunAsync(source, "SELECT a FROM w"), await EngineClient.RunAsync(target, "SELECT a FROM w"));
        }
        var r = await CliRunner.RunAsync("--url", source, "verify", "--against", ascending, "--checks", "schema");
        Assert.True(r.ExitCode == 3, r.All);
        var diff = await CliRunner.RunAsync("schema", "diff", "--from", ascending, "--to", source);
        Assert.True(diff.ExitCode == 3, diff.All);
        // PostgreSQL's keys have no order: created ascending, named
        var pg = await Db.NewAsync("postgresql");
        var copy = await CliRunner.RunAsync("copy", "--from", source, "--to", pg);
        Assert.True(copy.ExitCode == 0, copy.All);
        Assert.Contains("primary key of w (a DESC: created ascending", copy.All, StringComparison.Ordinal);
    });

    [Fact]
    public Task A_sqlite_text_column_defaulting_to_current_timestamp_keeps_its_text_format() => LiveAsync(async () =>
    {
        // L11: new rows got '2026-12-03 21:35:55.720608+00' on PostgreSQL where SQLite writes '2026-12-03 21:35:51'
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE e (id integer PRIMARY KEY, n text, created text DEFAULT CURRENT_TIMESTAMP); INSERT INTO e (n) VALUES ('a');");
        var format = new System.Text.RegularExpressions.Regex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$");
        foreach (var engine in new[] { "postgresql", "mysql", "sqlite" })
        {
            var target = await Db.NewAsync(engine);
            await Ok("copy", "--from", source, "--to", target);
            await EngineClient.RunScriptAsync(target, "INSERT INTO e (id, n) VALUES (2, 'b');");
            var created = await EngineClient.RunAsync(target, "SELECT created FROM e WHERE id = 2");
            Assert.Matches(format, created);
            // UTC, as SQLite writes it
            Assert.True(Math.Abs((DateTime.Parse(created, System.Globalization.CultureInfo.InvariantCulture) - DateTime.UtcNow).TotalMinutes) < 5, $"{engine}: {created}");
        }
        // another engine's current time in a text column has no equivalent text: refused by table and column
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE l (id int PRIMARY KEY, at text DEFAULT now());");
        var lite = await Db.NewAsync("sqlite");
        var r = await CliRunner.RunAsync("copy", "--from", pg, "--to", lite);
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("column l.at (default now()", r.All, StringComparison.Ordinal);
    });

    [Fact]
    public Task A_mariadb_auto_increment_column_leading_a_unique_key_is_copied_and_restored() => LiveAsync(async () =>
    {
        // L20: the load adds unique keys after the rows, and CREATE TABLE refused the AUTO_INCREMENT column without one (1075)
        var source = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE t (code varchar(10) PRIMARY KEY, id int NOT NULL AUTO_INCREMENT, w int, UNIQUE KEY uid (id), UNIQUE KEY uw (w)); " +
            "INSERT INTO t (code, w) VALUES ('a', 1), ('b', 2);");
        var (copied, restored, _) = await MoveAsync(source, "mysql");
        foreach (var target in new[] { copied, restored })
        {
            Assert.Equal("a|1|1\nb|2|2", await EngineClient.RunAsync(target, "SELECT code, id, w FROM t ORDER BY code"));
            Assert.Equal("uid,uw", await EngineClient.RunAsync(target,
                "SELECT group_concat(index_name ORDER BY index_name) FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 't' AND non_unique = 0 AND index_name <> 'PRIMARY'"));
            await EngineClient.RunScriptAsync(target, "INSERT INTO t (code, w) VALUES ('c', 3);");
            Assert.Equal("3", await EngineClient.RunAsync(target, "SELECT id FROM t WHERE code = 'c'"));
        }
    });

    [Fact]
    public Task A_sqlite_uuid_default_applied_twice_is_a_no_op() => LiveAsync(async () =>
    {
        // L22: NexuSQL's own SQLite spelling of uuid() read back as an expression: every apply rebuilt the table
        var file = await WriteAsync("""
            { "tables": [ { "name": "tok", "columns": [
              { "name": "id", "type": "int64", "nullable": false },
              { "name": "ext", "type": "uuid", "nullable": true, "default": "uuid()" } ], "primaryKey": { "columns": ["id"] } } ] }
            """);
        var db = await Db.NewAsync("sqlite");
        await Ok("--url", db, "schema", "apply", file);
        var created = await EngineClient.RunAsync(db, "SELECT sql FROM sqlite_master WHERE name = 'tok'");
        var again = await Ok("--url", db, "schema", "apply", file);
        Assert.Contains("No differences", again.All, StringComparison.Ordinal);
        Assert.Equal(created, await EngineClient.RunAsync(db, "SELECT sql FROM sqlite_master WHERE name = 'tok'"));
        await EngineClient.RunScriptAsync(db, "INSERT INTO tok (id) VALUES (1);");
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", await EngineClient.RunAsync(db, "SELECT ext FROM tok"));
    });
}
