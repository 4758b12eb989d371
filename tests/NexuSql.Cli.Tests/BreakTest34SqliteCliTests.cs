namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 34, SQLite sources: constraint names SQLite keeps no apart (F2), a schema file PostgreSQL and MariaDB
/// cannot create as it is (F7), a generated column whose value is a truth value (F4). Each side is read with its own
/// client (sqlite3, psql, mariadb).
/// </summary>
public sealed class BreakTest34SqliteCliTests() : ValueFidelityCliTestBase("bt34s")
{
    private const string TablesOf = "SELECT count(*) FROM information_schema.tables WHERE table_schema = {0}";

    private static string Tables(string engine) => string.Format(System.Globalization.CultureInfo.InvariantCulture, TablesOf, engine == "postgresql" ? "'public'" : "DATABASE()");

    private static string Constraints(string engine, string table) => engine == "postgresql"
        ? $"SELECT string_agg(conname || ':' || contype::text, ',' ORDER BY conname) FROM pg_constraint WHERE conrelid = '{table}'::regclass"
        : $"SELECT GROUP_CONCAT(CONSTRAINT_NAME, ':', LEFT(CONSTRAINT_TYPE, 1) ORDER BY CONSTRAINT_NAME) FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '{table}'";

    /// <summary>
    /// F2: two UNIQUE constraints named u, a CHECK and a FOREIGN KEY named c, a UNIQUE and a CHECK named k, and a foreign
    /// key f on two tables (MariaDB names foreign keys per database): copy and restore into PostgreSQL and MariaDB carry
    /// every constraint, the second of a name with its table's name in front, each named under "not as they were" (were
    /// 42710, 1061 or 1826 after the rows). The keys hold on the target.
    /// </summary>
    [Fact]
    public Task Constraints_of_one_name_arrive_each_under_a_name_of_its_own() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE p (id INTEGER PRIMARY KEY);
            CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, b INT, CONSTRAINT u UNIQUE (a), CONSTRAINT u UNIQUE (b), CONSTRAINT c CHECK (a > 0), CONSTRAINT c FOREIGN KEY (a) REFERENCES p (id));
            CREATE TABLE s (id INTEGER PRIMARY KEY, a INT, CONSTRAINT k UNIQUE (a), CONSTRAINT k CHECK (a < 9), CONSTRAINT f FOREIGN KEY (a) REFERENCES p (id));
            CREATE TABLE r (id INTEGER PRIMARY KEY, a INT, CONSTRAINT f FOREIGN KEY (a) REFERENCES p (id));
            INSERT INTO p VALUES (1), (2); INSERT INTO t VALUES (1, 1, 1), (2, 2, 2); INSERT INTO s VALUES (1, 1); INSERT INTO r VALUES (1, 2);
            """);
        var backup = Db.File("bt34s-f2.nxb");
        await Ok("--url", source, "backup", "-o", backup);
        foreach (var engine in new[] { "postgresql", "mysql" })
        {
            var target = await Db.NewAsync(engine);
            var copy = await Ok("copy", "--from", source, "--to", target);
            Assert.Contains("unique key u on t is named t_u", copy.All, StringComparison.Ordinal);
            Assert.Contains("check c on t is named t_c", copy.All, StringComparison.Ordinal);
            Assert.Contains("check k on s is named s_k", copy.All, StringComparison.Ordinal);
            if (engine == "mysql") Assert.Contains("foreign key f on s is named s_f", copy.All, StringComparison.Ordinal);
            var restored = await Db.NewAsync(engine);
            await Ok("--url", restored, "restore", backup);
            foreach (var db in new[] { target, restored })
            {
                if (engine == "postgresql")
                {
                    Assert.Equal("c:f,t_c:c,t_pkey:p,t_u:u,u:u", await EngineClient.RunAsync(db, Constraints(engine, "t")));
                    Assert.Equal("f:f,k:u,s_k:c,s_pkey:p", await EngineClient.RunAsync(db, Constraints(engine, "s")));
                    Assert.Equal("f:f,r_pkey:p", await EngineClient.RunAsync(db, Constraints(engine, "r")));
                }
                else
                {
                    Assert.Equal("c:F,PRIMARY:P,t_c:C,t_u:U,u:U", await EngineClient.RunAsync(db, Constraints(engine, "t")));
                    Assert.Equal("k:U,PRIMARY:P,s_f:F,s_k:C", await EngineClient.RunAsync(db, Constraints(engine, "s")));
                    Assert.Equal("f:F,PRIMARY:P", await EngineClient.RunAsync(db, Constraints(engine, "r")));
                }
                await AssertSameAsync("SELECT id, a, b FROM t ORDER BY id", source, db);
            }
            // both keys of t hold: a row that repeats b is refused there
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(target, "INSERT INTO t (id, a, b) VALUES (3, 2, 1)"));
            Assert.Equal("2", await EngineClient.RunAsync(target, "SELECT count(*) FROM t"));
            await Ok("--url", source, "verify", "--against", target);
        }
    });

    /// <summary>
    /// F7 (copy and restore): a foreign key to a column that is no key of its table (SQLite creates one) is refused by
    /// name before anything is written, on PostgreSQL (was 42830 after the rows) and MariaDB (was errno 150 / 1822).
    /// </summary>
    [Fact]
    public Task A_foreign_key_to_no_key_is_refused_before_anything_is_written() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE p (id INTEGER PRIMARY KEY, k INT);
            CREATE TABLE c (id INTEGER PRIMARY KEY, pk INT REFERENCES p (k));
            INSERT INTO p VALUES (1, 5); INSERT INTO c VALUES (1, 5);
            """);
        var file = Db.File("keyless.nxb");
        await Ok("--url", source, "backup", "-o", file);
        foreach (var engine in new[] { "postgresql", "mysql" })
        {
            var copied = await Db.NewAsync(engine);
            var restored = await Db.NewAsync(engine);
            foreach (var r in new[] { await CliRunner.RunAsync("copy", "--from", source, "--to", copied), await CliRunner.RunAsync("--url", restored, "restore", file) })
            {
                Assert.True(r.ExitCode == 4, r.All);
                Assert.Contains("foreign key on c (pk) → p: p(k)", r.All, StringComparison.Ordinal);
                Assert.Contains("Nothing was written", r.All, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
            }
            foreach (var db in new[] { copied, restored }) Assert.Equal("0", await EngineClient.RunAsync(db, Tables(engine)));
        }
    });

    /// <summary>
    /// F7 (schema apply): a SQLite schema file with a UNIQUE and an index of one name, a UNIQUE named like a table, a
    /// table t_pkey beside t's primary key, a CHECK and a FOREIGN KEY of one name, a foreign key to no key, one in the
    /// other column order, integers of two widths and one foreign-key name on two tables: applied to an empty
    /// PostgreSQL or MariaDB database, the plan refuses each the engine would refuse, by name, and nothing is created
    /// (was 42P07, 42710, 42830, 1061, errno 150 mid-apply, MariaDB's first changes kept). A self-referencing key and
    /// one to a table defined later apply.
    /// </summary>
    [Fact]
    public Task Schema_apply_of_a_SQLite_file_refuses_what_the_engine_would_in_the_plan() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE t1 (id INTEGER PRIMARY KEY, a INT, CONSTRAINT u UNIQUE (a)); CREATE INDEX u ON t1 (a);
            CREATE TABLE t2 (id INTEGER PRIMARY KEY, a INT, CONSTRAINT t1 UNIQUE (a));
            CREATE TABLE t3 (id INT PRIMARY KEY); CREATE TABLE t3_pkey (id INT);
            CREATE TABLE p (id INTEGER PRIMARY KEY, k INT, j INT, l INTEGER, UNIQUE (k, j));
            CREATE TABLE c (id INTEGER PRIMARY KEY, a INT, b INT, w INT, CONSTRAINT x CHECK (a > 0), CONSTRAINT x FOREIGN KEY (a) REFERENCES p (l),
              CONSTRAINT f FOREIGN KEY (a, b) REFERENCES p (j, k), FOREIGN KEY (w) REFERENCES p (id));
            CREATE TABLE d (id INTEGER PRIMARY KEY, a INTEGER, CONSTRAINT f FOREIGN KEY (a) REFERENCES p (id));
            """);
        var file = Db.File("bt34s-f7.json");
        await Ok("--url", source, "schema", "dump", "-o", file);
        var expected = new Dictionary<string, string[]>
        {
            ["postgresql"] =
            [
                "index u on t1 (unique key u on t1 has that name",
                "unique key t1 on t2 (table t1 has that name",
                "t3_pkey, which PostgreSQL makes for table t3 (table t3_pkey has that name",
                "check x on c (foreign key x on c has that name",
                "add foreign key c(a) → p (p(l) is neither the primary key nor a unique key of p",
            ],
            ["mysql"] =
            [
                "index u on t1 (unique key u on t1 has that name",
                "check x on c (foreign key x on c has that name",
                "foreign key f on d (foreign key f on c has that name, and MySQL/MariaDB names foreign keys per database",
                "add foreign key c(a) → p (p(l) has no index that begins with those columns",
                "add foreign key c(a, b) → p (the key of p on those columns is (k, j)",
                "add foreign key c(w) → p (c.w is int32 and p.id int64",
            ],
        };
        foreach (var engine in new[] { "postgresql", "mysql" })
        {
            var target = await Db.NewAsync(engine);
            var r = await CliRunner.RunAsync("--url", target, "--json", "schema", "apply", file);
            Assert.True(r.ExitCode == 4, r.All);
            var refused = r.Json.GetProperty("refused").EnumerateArray().Select(x => x.GetProperty("description").GetString()!).ToList();
            foreach (var what in expected[engine]) Assert.Contains(refused, x => x.StartsWith(what, StringComparison.Ordinal));
            // besides, on PostgreSQL, copy's refusal of the same foreign key (the file is made as a copy makes it: bt46)
            var asCopy = refused.Where(x => x.StartsWith("the file's schema", StringComparison.Ordinal)).ToList();
            Assert.All(asCopy, x => Assert.Contains("foreign key", x, StringComparison.Ordinal));
            Assert.Equal(expected[engine].Length, refused.Count - asCopy.Count);
            Assert.Equal("0", await EngineClient.RunAsync(target, Tables(engine)));
        }

        // what the engines take as it is: a self-referencing key, a key to a table defined later
        var good = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(good, """
            CREATE TABLE a (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES a (id), zid INTEGER REFERENCES z (id));
            CREATE TABLE z (id INTEGER PRIMARY KEY);
            """);
        var goodFile = Db.File("bt34s-f7-good.json");
        await Ok("--url", good, "schema", "dump", "-o", goodFile);
        foreach (var engine in new[] { "postgresql", "mysql" })
        {
            var target = await Db.NewAsync(engine);
            await Ok("--url", target, "schema", "apply", goodFile);
            Assert.Equal("2", await EngineClient.RunAsync(target, engine == "postgresql"
                ? "SELECT count(*) FROM pg_constraint WHERE contype = 'f'"
                : "SELECT count(*) FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()"));
        }
    });

    /// <summary>
    /// F4: SQLite generated columns whose value is a truth value in integer and text columns (<c>g INT AS (s = 'abc')</c>,
    /// IS NULL, NOT, IN, AND) arrive in PostgreSQL (was 42804) and MariaDB by copy, restore and schema apply with the
    /// values SQLite computes, and verify --against finds them the same.
    /// </summary>
    [Fact]
    public Task A_truth_value_in_a_generated_integer_column_arrives_as_SQLite_computes_it() => LiveAsync(async () =>
    {
        const string table = """
            CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, g INT AS (s = 'abc'), k INT AS (s IS NULL), m INTEGER AS (NOT (id > 1)),
              n INT AS (s IN ('x', 'abc')), o INT GENERATED ALWAYS AS (id > 1 AND s IS NOT NULL), x TEXT AS (s = 'x') STORED);
            """;
        const string rows = "INSERT INTO t (id, s) VALUES (1, 'abc'), (2, 'x'), (3, NULL);";
        const string values = "SELECT id, coalesce(g, -1), k, m, coalesce(n, -1), o, coalesce(x, 'N') FROM t ORDER BY id";
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, table + rows);
        Assert.Equal("1|1|0|1|1|0|0\n2|0|0|0|1|1|1\n3|-1|1|0|-1|0|N", await EngineClient.RunAsync(source, values));
        var file = Db.File("bt34s-f4.json");
        await Ok("--url", source, "schema", "dump", "-o", file);
        var backup = Db.File("bt34s-f4.nxb");
        await Ok("--url", source, "backup", "-o", backup);
        foreach (var engine in new[] { "postgresql", "mysql" })
        {
            var (copied, restored) = (await Db.NewAsync(engine), await Db.NewAsync(engine));
            await Ok("copy", "--from", source, "--to", copied);
            await Ok("--url", restored, "restore", backup);
            await AssertSameAsync(values, source, copied, restored);
            await Ok("--url", source, "verify", "--against", copied);
            var applied = await Db.NewAsync(engine);
            await Ok("--url", applied, "schema", "apply", file);
            await EngineClient.RunAsync(applied, rows);
            await AssertSameAsync(values, source, applied);
        }

        // a STORED one that reads the rowid: MariaDB refused it (1901, AUTO_INCREMENT), VIRTUAL computes the same values
        var stored = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(stored, "CREATE TABLE v (id INTEGER PRIMARY KEY, w INT AS (id > 1) STORED); INSERT INTO v (id) VALUES (1), (2);");
        var maria = await Db.NewAsync("mysql");
        var r = await Ok("copy", "--from", stored, "--to", maria);
        Assert.Contains("STORED of generated column v.w: it reads the identity column id", r.All, StringComparison.Ordinal);
        await AssertSameAsync("SELECT id, w FROM v ORDER BY id", stored, maria);
    });
}
