namespace NexuSql.Cli.Tests;

/// <summary>
/// A break test's schema objects that were weakened in silence: MariaDB INVISIBLE columns, PostgreSQL DEFERRABLE
/// constraints, EXCLUDE constraints, column collations, rules and domain checks — carried by dump/apply, backup/restore
/// and copy on their own engine, and refused or named by name across engines. Targets are read with the engine's own
/// client (psql, mysql, sqlite3).
/// </summary>
public sealed class ConstraintFidelityCliTests() : SchemaFidelityCliTestBase("constraints")
{
    private static async Task<CliRunner.Result> Refused(params string[] args)
    {
        var r = await CliRunner.RunAsync(args);
        Assert.True(r.ExitCode == 4, $"nexusql {string.Join(' ', args)} → {r.ExitCode} (4 expected)\n{r.All}");
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        return r;
    }

    /// <summary>Copy and restore of <paramref name="source"/> into <paramref name="engine"/> both exit 4; the targets stay empty.</summary>
    private async Task<CliRunner.Result> RefusedMoveAsync(string source, string engine, string named)
    {
        var copied = await Db.NewAsync(engine);
        var copy = await Refused("copy", "--from", source, "--to", copied);
        Assert.Contains(named, copy.All, StringComparison.Ordinal);
        var file = Db.File($"{Guid.NewGuid():N}.nxb");
        await Ok("--url", source, "backup", "-o", file);
        var restored = await Db.NewAsync(engine);
        var restore = await Refused("--url", restored, "restore", file);
        Assert.Contains(named, restore.All, StringComparison.Ordinal);
        foreach (var target in new[] { copied, restored })
            Assert.Equal("0", await EngineClient.RunAsync(target, engine switch
            {
                "mysql" => "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()",
                "sqlite" => "SELECT COUNT(*) FROM sqlite_master",
                _ => "SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'",
            }));
        return copy;
    }

    [Fact]
    public async Task Mariadb_invisible_column_stays_invisible_same_engine_diffs_and_is_named_across_engines()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(source, """
                CREATE TABLE t (id int PRIMARY KEY, secret varchar(20) NOT NULL DEFAULT 'x' INVISIBLE, note int);
                INSERT INTO t (id, secret, note) VALUES (1, 'hidden', 5), (2, 'also', NULL);
                """);
            const string Extra = "SELECT column_name, extra FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 't' AND extra LIKE '%INVISIBLE%'";
            Assert.Equal("secret|INVISIBLE", await EngineClient.RunAsync(source, Extra));
            var dump = await DumpAsync(source);
            Assert.Contains("\"invisible\": true", dump, StringComparison.Ordinal);
            var (copied, restored, copy) = await MoveAsync(source, "mysql");
            Assert.Empty(Skipped(copy));
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal("secret|INVISIBLE", await EngineClient.RunAsync(target, Extra));
                Assert.Equal("1|5\n2|NULL", await EngineClient.RunAsync(target, "SELECT * FROM t ORDER BY id"));
                Assert.Equal("1|hidden\n2|also", await EngineClient.RunAsync(target, "SELECT id, secret FROM t ORDER BY id"));
                Assert.Equal(dump, await DumpAsync(target));
            }
            await AssertDumpApplyConvergesAsync(source, "mysql");

            // the flag is a difference, and apply makes the column visible
            var visible = await WriteAsync(dump.Replace(",\n          \"invisible\": true", "", StringComparison.Ordinal));
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", copied, "--to", visible);
            Assert.True(diff.ExitCode == 3 && diff.All.Contains("change column t.secret: string(20) not null default 'x' invisible → string(20) not null default 'x'", StringComparison.Ordinal), diff.All);
            await Ok("--url", copied, "schema", "apply", visible);
            Assert.Equal("", await EngineClient.RunAsync(copied, Extra));

            // PostgreSQL and SQLite cannot hide a column: named by copy and restore, refused by apply
            foreach (var engine in new[] { "postgresql", "sqlite" })
            {
                var (otherCopied, otherRestored, other) = await MoveAsync(source, engine);
                Assert.Contains(Skipped(other), s => s.StartsWith("INVISIBLE of t.secret:", StringComparison.Ordinal));
                foreach (var target in new[] { otherCopied, otherRestored })
                    Assert.Equal("1|hidden|5", await EngineClient.RunAsync(target, "SELECT id, secret, note FROM t WHERE id = 1"));
                var empty = await Db.NewAsync(engine);
                var apply = await Refused("--url", empty, "schema", "apply", await WriteAsync(dump));
                Assert.Contains("INVISIBLE column t.secret", apply.All, StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public async Task Postgresql_deferrable_constraints_stay_deferrable_diff_and_are_refused_by_name_where_the_target_checks_every_statement()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(source, """
                CREATE TABLE p (id int PRIMARY KEY, code text, CONSTRAINT p_code UNIQUE (code) DEFERRABLE INITIALLY IMMEDIATE);
                CREATE TABLE c (id int PRIMARY KEY, p_id int, CONSTRAINT c_p FOREIGN KEY (p_id) REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED);
                INSERT INTO p VALUES (1, 'a'); INSERT INTO c VALUES (1, 1);
                """);
            const string Deferral = "SELECT conname, condeferrable, condeferred FROM pg_constraint WHERE contype IN ('u', 'f') AND conrelid::regclass::text IN ('p', 'c') ORDER BY conname";
            Assert.Equal("c_p|t|t\np_code|t|f", await EngineClient.RunAsync(source, Deferral));
            var dump = await DumpAsync(source);
            Assert.Contains("\"deferrable\": \"deferred\"", dump, StringComparison.Ordinal);
            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal("c_p|t|t\np_code|t|f", await EngineClient.RunAsync(target, Deferral));
                // checked at COMMIT: a child before its parent in one transaction is accepted
                await EngineClient.RunAsync(target, "BEGIN; INSERT INTO c VALUES (2, 2); INSERT INTO p VALUES (2, 'b'); COMMIT;");
                Assert.Equal(dump, await DumpAsync(target));
            }
            await AssertDumpApplyConvergesAsync(source, "postgresql");

            // not deferrable in the file: a difference, and apply makes it so
            var strict = await WriteAsync(dump.Replace(",\n          \"deferrable\": \"deferred\"", "", StringComparison.Ordinal));
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", copied, "--to", strict);
            Assert.True(diff.ExitCode == 3 && diff.All.Contains("drop foreign key c_p on c", StringComparison.Ordinal) && diff.All.Contains("add foreign key c(p_id) → p", StringComparison.Ordinal), diff.All);
            await Ok("--url", copied, "schema", "apply", strict, "--allow-drop", "--yes");
            Assert.Equal("c_p|f|f\np_code|t|f", await EngineClient.RunAsync(copied, Deferral));

            // MariaDB checks every statement: refused by name, the target untouched
            var maria = await RefusedMoveAsync(source, "mysql", "DEFERRABLE INITIALLY DEFERRED foreign key c_p on c (p_id) → p");
            Assert.Contains("DEFERRABLE INITIALLY IMMEDIATE unique p_code on p (code)", maria.All, StringComparison.Ordinal);
            var apply = await Refused("--url", await Db.NewAsync("mysql"), "schema", "apply", await WriteAsync(dump));
            Assert.Contains("DEFERRABLE INITIALLY DEFERRED foreign key c_p on c (p_id) → p", apply.All, StringComparison.Ordinal);
            // SQLite has deferrable foreign keys, but no deferrable unique constraints
            await RefusedMoveAsync(source, "sqlite", "DEFERRABLE INITIALLY IMMEDIATE unique p_code on p (code)");
            await EngineClient.RunAsync(source, "ALTER TABLE p DROP CONSTRAINT p_code");
            var (liteCopied, liteRestored, _) = await MoveAsync(source, "sqlite");
            foreach (var target in new[] { liteCopied, liteRestored })
            {
                Assert.Contains("DEFERRABLE INITIALLY DEFERRED", await EngineClient.RunAsync(target, "SELECT sql FROM sqlite_master WHERE name = 'c'"), StringComparison.Ordinal);
                await EngineClient.RunAsync(target, "PRAGMA foreign_keys = ON; BEGIN; INSERT INTO c VALUES (3, 3); INSERT INTO p VALUES (3, 'c'); COMMIT;");
                Assert.Contains("\"deferrable\": \"deferred\"", await DumpAsync(target), StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public async Task Postgresql_exclusion_constraint_is_carried_as_postgresql_sql_diffed_and_refused_by_name_across_engines()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(source, """
                CREATE TABLE booking (id int PRIMARY KEY, during tsrange NOT NULL, CONSTRAINT booking_no_overlap EXCLUDE USING gist (during WITH &&));
                INSERT INTO booking VALUES (1, '[2026-01-01 10:00, 2026-01-01 11:00)'), (2, '[2026-01-01 11:00, 2026-01-01 12:00)');
                """);
            const string Exclusions = "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'x' ORDER BY conname";
            Assert.Equal("booking_no_overlap|EXCLUDE USING gist (during WITH &&)", await EngineClient.RunAsync(source, Exclusions));
            // an overlapping booking must be refused by the target
            const string Overlap = "DO $$ BEGIN INSERT INTO booking VALUES (3, '[2026-01-01 10:30, 2026-01-01 10:45)'); RAISE EXCEPTION 'the overlap was accepted'; " +
                "EXCEPTION WHEN exclusion_violation THEN NULL; END $$";
            var dump = await DumpAsync(source);
            Assert.Contains("\"definition\": \"EXCLUDE USING gist (during WITH &&)\"", dump, StringComparison.Ordinal);
            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal("booking_no_overlap|EXCLUDE USING gist (during WITH &&)", await EngineClient.RunAsync(target, Exclusions));
                await EngineClient.RunAsync(target, Overlap);
                Assert.Equal("2", await EngineClient.RunAsync(target, "SELECT COUNT(*) FROM booking"));
                Assert.Equal(dump, await DumpAsync(target));
            }
            await AssertDumpApplyConvergesAsync(source, "postgresql");

            // a missing or changed one is a difference, and apply makes it
            await EngineClient.RunAsync(copied, "ALTER TABLE booking DROP CONSTRAINT booking_no_overlap");
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", copied, "--to", source);
            Assert.True(diff.ExitCode == 3 && diff.All.Contains("add exclusion constraint booking_no_overlap on booking", StringComparison.Ordinal), diff.All);
            await Ok("--url", copied, "schema", "apply", await WriteAsync(dump));
            Assert.Equal("booking_no_overlap|EXCLUDE USING gist (during WITH &&)", await EngineClient.RunAsync(copied, Exclusions));
            var changed = await WriteAsync(dump.Replace("during WITH &&", "during WITH =", StringComparison.Ordinal));
            diff = await CliRunner.RunAsync("schema", "diff", "--from", copied, "--to", changed);
            Assert.True(diff.ExitCode == 3 && diff.All.Contains("change exclusion constraint booking_no_overlap on booking: EXCLUDE USING gist (during WITH &&) → EXCLUDE USING gist (during WITH =)", StringComparison.Ordinal), diff.All);
            await Ok("--url", copied, "schema", "apply", changed);
            Assert.Equal("booking_no_overlap|EXCLUDE USING gist (during WITH =)", await EngineClient.RunAsync(copied, Exclusions));

            // no other engine has them: refused by name, targets untouched
            var portable = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(portable, "CREATE TABLE tag (id int PRIMARY KEY, code text, CONSTRAINT tag_code_once EXCLUDE USING btree (code WITH =) WHERE (code <> '')); INSERT INTO tag VALUES (1, 'a')");
            foreach (var engine in new[] { "mysql", "sqlite" })
                await RefusedMoveAsync(portable, engine, "exclusion constraint tag_code_once on tag (EXCLUDE USING btree (code WITH =) WHERE ((code <> ''::text)))");
            var apply = await Refused("--url", await Db.NewAsync("sqlite"), "schema", "apply", await WriteAsync(await DumpAsync(portable)));
            Assert.Contains("exclusion constraint tag_code_once on tag", apply.All, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Postgresql_column_collations_are_carried_diffed_and_named_across_engines_refused_on_key_columns()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(source, """
                CREATE TABLE w (id int PRIMARY KEY, code text COLLATE "C" CONSTRAINT w_code UNIQUE, note varchar(20) COLLATE "C", plain text);
                INSERT INTO w VALUES (1, 'a', 'b', 'c'), (2, 'A', 'B', 'C');
                """);
            const string Collations = "SELECT column_name, collation_name FROM information_schema.columns WHERE table_name = 'w' AND collation_name IS NOT NULL ORDER BY 1";
            Assert.Equal("code|C\nnote|C", await EngineClient.RunAsync(source, Collations));
            var dump = await DumpAsync(source);
            Assert.Contains("\"collation\": \"C\"", dump, StringComparison.Ordinal);
            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal("code|C\nnote|C", await EngineClient.RunAsync(target, Collations));
                Assert.Equal(dump, await DumpAsync(target));
            }
            await AssertDumpApplyConvergesAsync(source, "postgresql");

            // a dropped collation is a difference, and apply makes it
            var without = await WriteAsync(dump.Replace("\"type\": \"string(20)\",\n          \"nullable\": true,\n          \"collation\": \"C\"", "\"type\": \"string(20)\",\n          \"nullable\": true", StringComparison.Ordinal));
            Assert.NotEqual(dump, await System.IO.File.ReadAllTextAsync(without, TestContext.Current.CancellationToken));
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", copied, "--to", without);
            Assert.True(diff.ExitCode == 3 && diff.All.Contains("change column w.note: string(20) collate C → string(20)", StringComparison.Ordinal), diff.All);
            await Ok("--url", copied, "schema", "apply", without);
            Assert.Equal("code|C", await EngineClient.RunAsync(copied, Collations));

            // the unique column's collation decides what collides: refused by name; other columns' collations are named
            // ("C" compares bytes and arrives as the target's byte-order collation: break test 30 F1, BreakTest30MoreCliTests)
            await EngineClient.RunAsync(source, "ALTER TABLE w ALTER COLUMN code TYPE text COLLATE \"und-x-icu\", ALTER COLUMN note TYPE varchar(20) COLLATE \"und-x-icu\"");
            await RefusedMoveAsync(source, "mysql", "w.code (collation und-x-icu, in unique w_code)");
            await EngineClient.RunAsync(source, "ALTER TABLE w DROP CONSTRAINT w_code");
            var (liteCopied, _, lite) = await MoveAsync(source, "sqlite");
            Assert.Contains(Skipped(lite), s => s.StartsWith("collation und-x-icu of w.note:", StringComparison.Ordinal));
            Assert.Equal("1|a|b\n2|A|B", await EngineClient.RunAsync(liteCopied, "SELECT id, code, note FROM w ORDER BY id"));
        });
    }

    [Fact]
    public async Task Mariadb_and_sqlite_column_collations_are_carried_on_their_engine_and_a_key_column_collation_is_refused_elsewhere()
    {
        await LiveAsync(async () =>
        {
            var maria = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(maria, """
                CREATE TABLE m (id int PRIMARY KEY, tag varchar(20) COLLATE utf8mb4_bin, name varchar(20), UNIQUE KEY m_tag (tag));
                INSERT INTO m VALUES (1, 'a', 'x'), (2, 'A', 'y');
                """);
            const string Binary = "SELECT column_name, collation_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'm' AND collation_name = 'utf8mb4_bin'";
            var dump = await DumpAsync(maria);
            Assert.Contains("\"collation\": \"utf8mb4_bin\"", dump, StringComparison.Ordinal);
            var (copied, restored, _) = await MoveAsync(maria, "mysql");
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal("tag|utf8mb4_bin", await EngineClient.RunAsync(target, Binary));
                // 'a' and 'A' are two keys under utf8mb4_bin (one under the database's default, utf8mb4_unicode_ci)
                Assert.Equal("1|a\n2|A", await EngineClient.RunAsync(target, "SELECT id, tag FROM m ORDER BY id"));
                Assert.Equal(dump, await DumpAsync(target));
            }
            await AssertDumpApplyConvergesAsync(maria, "mysql");
            await RefusedMoveAsync(maria, "postgresql", "m.tag (collation utf8mb4_bin, in unique m_tag)");

            var lite = await Db.NewAsync("sqlite");
            await EngineClient.RunAsync(lite, "CREATE TABLE s (id INTEGER PRIMARY KEY, email TEXT COLLATE NOCASE UNIQUE, nick TEXT COLLATE NOCASE); INSERT INTO s VALUES (1, 'a@x', 'n');");
            var liteDump = await DumpAsync(lite);
            Assert.Contains("\"collation\": \"NOCASE\"", liteDump, StringComparison.Ordinal);
            var (liteCopied, liteRestored, _) = await MoveAsync(lite, "sqlite");
            foreach (var target in new[] { liteCopied, liteRestored })
            {
                // still case-insensitive: 'A@X' collides with 'a@x'
                Assert.Equal("1", await EngineClient.RunAsync(target, "INSERT OR IGNORE INTO s (email) VALUES ('A@X'); SELECT COUNT(*) FROM s;"));
                Assert.Equal(liteDump, await DumpAsync(target));
            }
            await AssertDumpApplyConvergesAsync(lite, "sqlite");
            await RefusedMoveAsync(lite, "postgresql", "s.email (collation NOCASE, in unique (email))");
        });
    }

    [Fact]
    public async Task Tables_option_names_the_foreign_keys_and_views_it_cannot_carry()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunAsync(source, """
                CREATE TABLE a (id INTEGER PRIMARY KEY);
                CREATE TABLE b (id INTEGER PRIMARY KEY, aid INTEGER REFERENCES a(id));
                CREATE VIEW v AS SELECT * FROM b;
                INSERT INTO a VALUES (1); INSERT INTO b VALUES (1, 1);
                """);
            const string Key = "foreign key (unnamed) on b (aid) references a, which --tables leaves out";
            const string View = "view v (--tables leaves tables out; views are kept only when every table is)";
            static List<string?> LeftOut(CliRunner.Result r) => [.. r.Json.GetProperty("leftOut").EnumerateArray().Select(e => e.GetString())];

            var part = await Db.NewAsync("sqlite");
            Assert.Equal([Key, View], LeftOut(await Ok("--json", "copy", "--from", source, "--to", part, "--tables", "b")));
            Assert.Equal([Key, View], LeftOut(await Ok("--url", source, "--json", "backup", "-o", Db.File($"{Guid.NewGuid():N}.nxb"), "--tables", "b")));
            Assert.Equal("", await EngineClient.RunAsync(part, "SELECT name FROM sqlite_master WHERE type = 'view'"));
            // without --json, the header says --tables left them out, not only the schema model (bt39 L4)
            var said = await Ok("copy", "--from", source, "--to", await Db.NewAsync("sqlite"), "--tables", "b");
            Assert.Contains("Left out of the copy (the schema model does not hold them, or --tables leaves them out, as each says; keep them in migrations):", said.Stderr, StringComparison.Ordinal);
            // every table named: the view and the key come along, nothing is left out
            var all = await Db.NewAsync("sqlite");
            Assert.Empty(LeftOut(await Ok("--json", "copy", "--from", source, "--to", all, "--tables", "a,b")));
            Assert.Equal("v", await EngineClient.RunAsync(all, "SELECT name FROM sqlite_master WHERE type = 'view'"));
            Assert.Equal("a", await EngineClient.RunAsync(all, "SELECT \"table\" FROM pragma_foreign_key_list('b')"));
        });
    }

    [Fact]
    public async Task Postgresql_rules_and_domains_are_in_the_model_not_left_out()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(source, """
                CREATE DOMAIN positive AS integer NOT NULL CHECK (VALUE > 0);
                CREATE TABLE t (id int PRIMARY KEY, qty positive);
                CREATE RULE t_no_delete AS ON DELETE TO t DO INSTEAD NOTHING;
                INSERT INTO t VALUES (1, 5);
                """);
            Assert.Equal("t_no_delete|t", await EngineClient.RunAsync(source, "SELECT rulename, tablename FROM pg_rules WHERE schemaname = 'public'"));
            Assert.Equal("CHECK ((VALUE > 0))", await EngineClient.RunAsync(source, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contypid = 'positive'::regtype"));
            var dump = await Ok("--url", source, "schema", "dump");
            Assert.DoesNotContain("t_no_delete", dump.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("domain positive", dump.Stderr, StringComparison.Ordinal);
            Assert.Contains("\"engineType\": \"postgresql:positive\"", dump.Stdout, StringComparison.Ordinal);
            Assert.Contains("\"rule\": true", dump.Stdout, StringComparison.Ordinal);
            Assert.Contains("CREATE RULE t_no_delete AS", dump.Stdout, StringComparison.Ordinal);
            var backup = await Ok("--url", source, "--json", "backup", "-o", Db.File($"{Guid.NewGuid():N}.nxb"));
            var leftOut = backup.Json.GetProperty("leftOut").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.DoesNotContain(leftOut, l => l!.StartsWith("rule ", StringComparison.Ordinal));
            Assert.DoesNotContain(leftOut, l => l!.StartsWith("domain ", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task Postgresql_user_operators_aggregates_and_casts_are_named_as_left_out_not_dropped_without_a_word()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE FUNCTION add2(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
                CREATE AGGREGATE mysum(int) (sfunc = add2, stype = int, initcond = '0');
                CREATE FUNCTION same_parity(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 % 2 = $2 % 2';
                CREATE OPERATOR === (leftarg = int, rightarg = int, function = same_parity);
                CREATE TYPE pair AS (a int, b int);
                CREATE FUNCTION pair_text(pair) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT ($1).a || ''/'' || ($1).b';
                CREATE CAST (pair AS text) WITH FUNCTION pair_text(pair);
                CREATE TABLE n (id int PRIMARY KEY, v int);
                """);
            var backup = await Ok("--url", source, "--json", "backup", "-o", Db.File($"{Guid.NewGuid():N}.nxb"));
            var leftOut = backup.Json.GetProperty("leftOut").EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.Contains(leftOut, l => l.StartsWith("operator ===(integer, integer) (CREATE OPERATOR: not carried", StringComparison.Ordinal));
            Assert.Contains(leftOut, l => l.StartsWith("aggregate mysum(integer) (CREATE AGGREGATE: not carried", StringComparison.Ordinal));
            Assert.Contains(leftOut, l => l.StartsWith("cast (pair AS text) (CREATE CAST: not carried", StringComparison.Ordinal));
            Assert.Equal(3, leftOut.Count);
        });
    }
}
