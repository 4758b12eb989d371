namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 40: names that differ by case alone ("A" and a of one PostgreSQL table are two columns) and CSV line ends.
/// Each change is made, and each result read, with the engine's own client.
/// </summary>
public sealed class BreakTest40CliTests() : ValueFidelityCliTestBase("bt40")
{
    /// <summary>
    /// N-H7: a table with columns <c>"A"</c> and <c>a</c>, whose <c>a</c> differs between two databases: verify compared
    /// each side's a with the other's "A" (the first case-insensitive match) and said OK: 10 and 10. Columns pair by their spelling first.
    /// </summary>
    [Fact]
    public Task Columns_that_differ_by_case_alone_are_compared_each_with_its_own() => LiveAsync(async () =>
    {
        var (first, second) = (await Db.NewAsync("postgresql"), await Db.NewAsync("postgresql"));
        await EngineClient.RunScriptAsync(first, "CREATE TABLE t (id int PRIMARY KEY, \"A\" int, a int); INSERT INTO t VALUES (1, 10, 10);");
        await EngineClient.RunScriptAsync(second, "CREATE TABLE t (id int PRIMARY KEY, \"A\" int, a int); INSERT INTO t VALUES (1, 10, 99);");
        Assert.Equal("1|10|99", await EngineClient.RunAsync(second, "SELECT id, \"A\", a FROM t"));
        var r = await CliRunner.RunAsync("verify", "--url", first, "--against", second, "--checks", "data");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("[data] t: id=1: row differs in a", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("differs in A", r.Stdout, StringComparison.Ordinal);
        // the other column is the one that differs
        await EngineClient.RunScriptAsync(second, "UPDATE t SET a = 10, \"A\" = 11;");
        r = await CliRunner.RunAsync("verify", "--url", first, "--against", second, "--checks", "data");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("[data] t: id=1: row differs in A", r.Stdout, StringComparison.Ordinal);
        await EngineClient.RunScriptAsync(second, "UPDATE t SET \"A\" = 10;");
        await Ok("verify", "--url", first, "--against", second, "--checks", "data");
        // a column spelled differently by case alone on the other side still pairs with it (Orders and orders, bt23 F7)
        var third = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(third, "CREATE TABLE t (id int PRIMARY KEY, \"Qty\" int); INSERT INTO t VALUES (1, 5);");
        var fourth = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(fourth, "CREATE TABLE t (id int PRIMARY KEY, qty int); INSERT INTO t VALUES (1, 6);");
        r = await CliRunner.RunAsync("verify", "--url", third, "--against", fourth, "--checks", "data");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("[data] t: id=1: row differs in Qty", r.Stdout, StringComparison.Ordinal);
    });

    /// <summary>
    /// N-H6: import into a table with <c>"A"</c> and <c>a</c>: the file's a filled "A" (or both fields one column). A field
    /// fills the column spelled as it is, else the only column its name matches regardless of case; a field that could
    /// fill two is refused by name with nothing written.
    /// </summary>
    [Fact]
    public Task A_field_fills_the_column_spelled_as_it_is() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE t (id int PRIMARY KEY, \"A\" int, a int, \"Note\" text);");
        await Ok("--url", pg, "import", await FolderAsync("both", "t", "id,A,a,note\n1,10,20,x\n"));
        var json = Directory.CreateDirectory(Db.File("json")).FullName;
        await File.WriteAllTextAsync(Path.Combine(json, "t.json"), "[{\"id\": 2, \"a\": 7}, {\"id\": 3, \"A\": 8}]", TestContext.Current.CancellationToken);
        await Ok("--url", pg, "import", json);
        Assert.Equal("1|10|20|x\n2||7|\n3|8||", await EngineClient.RunAsync(pg, "SELECT id, \"A\", a, \"Note\" FROM t ORDER BY id"));
        var ms = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(ms, "CREATE TABLE u (id int PRIMARY KEY, \"Name\" text, \"NAME\" text);");
        var r = await CliRunner.RunAsync("--url", ms, "import", await FolderAsync("ambiguous", "u", "id,name\n1,x\n"));
        Assert.True(r.ExitCode == 2, r.All);
        Assert.Contains("field name of the file could fill more than one column of u (Name, NAME, which differ by case alone)", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(ms, "SELECT count(*) FROM u"));
    });

    /// <summary>N-M8: a CSV file with classic Mac line ends (a lone CR): the whole file was one record, the CR kept in its last field.</summary>
    [Fact]
    public Task A_lone_carriage_return_ends_a_csv_record() => LiveAsync(async () =>
    {
        var lite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(lite, "CREATE TABLE t (id integer PRIMARY KEY, v text);");
        await Ok("--url", lite, "import", await FolderAsync("cr", "t", "id,v\r1,a\r2,\"b\rc\"\r\n3,d"));
        Assert.Equal("1|61\n2|620D63\n3|64", await EngineClient.RunAsync(lite, "SELECT id, hex(v) FROM t ORDER BY id"));
    });

    /// <summary>
    /// N-M6: a MariaDB sequence with INCREMENT BY 0 (its step is the session's auto_increment_increment) copied to
    /// PostgreSQL or SQLite failed with a raw 22023 after the target was marked; refused by name with nothing written.
    /// </summary>
    [Fact]
    public Task A_sequence_stepping_by_the_session_is_refused_by_name() => LiveAsync(async () =>
    {
        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, "CREATE SEQUENCE s0 INCREMENT BY 0; CREATE TABLE t (id int PRIMARY KEY DEFAULT nextval(s0), v int); INSERT INTO t (v) VALUES (1), (2);");
        foreach (var engine in new[] { "postgresql", "sqlite" })
        {
            var target = await Db.NewAsync(engine);
            var r = await CliRunner.RunAsync("copy", "--from", maria, "--to", target);
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains("These MySQL/MariaDB sequences have INCREMENT BY 0 (each step is the session's auto_increment_increment), which ", r.Stderr, StringComparison.Ordinal);
            Assert.Contains("cannot express: s0. Nothing was written.", r.Stderr, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, engine == "sqlite"
                ? "SELECT count(*) FROM sqlite_master" : "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"));
        }
        var same = await Db.NewAsync("mysql");
        await Ok("copy", "--from", maria, "--to", same);
        Assert.Equal("0", await EngineClient.RunAsync(same, "SELECT increment FROM s0"));
    });

    /// <summary>
    /// N-L7: <c>schema apply</c> of a plan whose only refused change is one NexuSQL cannot make (a foreign key to a table
    /// the file does not define) advised "run again with --allow-drop", which changes nothing there; the advice is given
    /// for a refused drop only.
    /// </summary>
    [Fact]
    public Task The_allow_drop_advice_is_given_for_a_refused_drop_only() => LiveAsync(async () =>
    {
        var lite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(lite, "CREATE TABLE old (id integer PRIMARY KEY);");
        var file = Db.File("fk.json");
        await File.WriteAllTextAsync(file, """
            {"tables":[{"name":"old","columns":[{"name":"id","type":"int64","nullable":false}],"primaryKey":{"columns":["id"]}},
             {"name":"c","columns":[{"name":"id","type":"int64","nullable":false},{"name":"p","type":"int64"}],"primaryKey":{"columns":["id"]},
              "foreignKeys":[{"columns":["p"],"referencedTable":"nowhere","referencedColumns":["id"]}]}]}
            """, TestContext.Current.CancellationToken);
        var r = await CliRunner.RunAsync("--url", lite, "schema", "apply", file);
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("table nowhere is not defined in the desired schema", r.All, StringComparison.Ordinal);
        Assert.Contains("the plan has changes NexuSQL cannot make (the reason is beside each); write a migration for them by hand", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("--allow-drop", r.All, StringComparison.Ordinal);
        // a refused drop: the advice is there
        await File.WriteAllTextAsync(file, """{"tables":[]}""", TestContext.Current.CancellationToken);
        r = await CliRunner.RunAsync("--url", lite, "schema", "apply", file);
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("run again with --allow-drop for destructive ones", r.All, StringComparison.Ordinal);
        Assert.Equal("old", await EngineClient.RunAsync(lite, "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'"));
    });

    /// <summary>
    /// N-H9: <c>verify --tables t</c> said OK where one database grants SELECT on t (or has revoked EXECUTE on the
    /// function t's default calls) and the other does not; without --tables the same difference is named. The privileges
    /// on the chosen tables and on the sequences and routines that go along with them are compared; others' are not.
    /// </summary>
    [Fact]
    public Task Privileges_on_the_chosen_tables_are_compared() => LiveAsync(async () =>
    {
        var (first, second) = (await Db.NewAsync("postgresql"), await Db.NewAsync("postgresql"));
        var role = "r" + first[(first.LastIndexOf('/') + 1)..][^12..];
        const string Schema = "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'; CREATE TABLE t (id int PRIMARY KEY); CREATE TABLE u (id int PRIMARY KEY);" +
            "CREATE TABLE w (id int PRIMARY KEY DEFAULT f());";
        await EngineClient.RunScriptAsync(first, $"CREATE ROLE {role}; {Schema} GRANT SELECT ON t TO {role}; GRANT SELECT ON u TO {role}; REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC;");
        try
        {
            await EngineClient.RunScriptAsync(second, Schema);
            Assert.Equal("1", await EngineClient.RunAsync(first, $"SELECT count(*) FROM information_schema.role_table_grants WHERE grantee = '{role}' AND table_name = 't'"));
            Assert.Equal("0", await EngineClient.RunAsync(second, $"SELECT count(*) FROM information_schema.role_table_grants WHERE grantee = '{role}'"));
            var r = await CliRunner.RunAsync("verify", "--url", first, "--against", second, "--tables", "t", "--checks", "schema");
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Equal(["[schema] only in the first database (not in the schema model): privileges on table t (GRANT: not carried; grant them again)"],
                r.Stdout.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.StartsWith("[schema]", StringComparison.Ordinal)));
            r = await CliRunner.RunAsync("verify", "--url", first, "--against", second, "--tables", "w", "--checks", "schema");
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Equal(["[schema] only in the first database (not in the schema model): privileges on function f() (GRANT/REVOKE EXECUTE: not carried; grant or revoke them again)"],
                r.Stdout.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.StartsWith("[schema]", StringComparison.Ordinal)));
            // the same privileges on both sides: no difference; another table's are not compared
            await EngineClient.RunScriptAsync(second, $"GRANT SELECT ON t TO {role};");
            await Ok("verify", "--url", first, "--against", second, "--tables", "t", "--checks", "schema");
            // the same entry with other privileges is a difference (its ACL)
            await EngineClient.RunScriptAsync(second, $"GRANT INSERT ON t TO {role};");
            r = await CliRunner.RunAsync("verify", "--url", first, "--against", second, "--tables", "t", "--checks", "schema");
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains("[schema] privileges on table t (GRANT: not carried; grant them again): differs", r.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await EngineClient.RunScriptAsync(first, $"DROP OWNED BY {role};");
            await EngineClient.RunScriptAsync(second, $"DROP OWNED BY {role}; DROP ROLE {role};");
        }
    });

    /// <summary>
    /// N-L2: a MariaDB sequence counting down, restarted behind the ids its table holds, was named "at or below the
    /// largest value" (-1 against -3): a counter going down is behind at or above the smallest.
    /// </summary>
    [Fact]
    public Task A_descending_counter_behind_its_rows_is_named_by_the_smallest_value() => LiveAsync(async () =>
    {
        var (first, second) = (await Db.NewAsync("mysql"), await Db.NewAsync("mysql"));
        await EngineClient.RunScriptAsync(first, "CREATE SEQUENCE sq START WITH -1 INCREMENT BY -1 MINVALUE -1000000 MAXVALUE -1;" +
            "CREATE TABLE t (id int PRIMARY KEY DEFAULT nextval(sq), v int); INSERT INTO t (v) VALUES (1), (2), (3);");
        await Ok("copy", "--from", first, "--to", second);
        await EngineClient.RunScriptAsync(second, "ALTER SEQUENCE sq RESTART WITH -1;");
        Assert.Equal("-1|-3", await EngineClient.RunAsync(second, "SELECT (SELECT next_not_cached_value FROM sq), (SELECT min(id) FROM t)"));
        var r = await CliRunner.RunAsync("verify", "--url", first, "--against", second, "--checks", "data");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("[data] t: column id: the next value it generates is -1 in the second database, at or above the smallest value the column holds (-3): " +
            "new rows would run into ids the table already has", r.Stdout, StringComparison.Ordinal);
    });

    /// <summary>
    /// N-H2: USAGE given on a schema, revoked on an enum type, given on a domain: a PostgreSQL copy dropped each without a
    /// word and verify said OK. Each is named as left out by the copy and compared by verify (with --tables, the types the
    /// chosen table uses); a database's own public schema, as initdb made it, is no privilege given.
    /// </summary>
    [Fact]
    public Task Privileges_on_schemas_and_types_are_named_and_compared() => LiveAsync(async () =>
    {
        var (source, target) = (await Db.NewAsync("postgresql"), await Db.NewAsync("postgresql"));
        var role = "r" + source[(source.LastIndexOf('/') + 1)..][^12..];
        await EngineClient.RunScriptAsync(source, $"CREATE ROLE {role}; CREATE SCHEMA app; GRANT USAGE ON SCHEMA app TO {role};" +
            "CREATE TYPE mood AS ENUM ('ok', 'sad'); REVOKE USAGE ON TYPE mood FROM PUBLIC; CREATE DOMAIN posint AS int CHECK (VALUE > 0);" +
            $"GRANT USAGE ON DOMAIN posint TO {role}; CREATE TABLE t (id int PRIMARY KEY, m mood, n posint); CREATE TABLE app.u (id int PRIMARY KEY);");
        try
        {
            Assert.Equal("1", await EngineClient.RunAsync(source, $"SELECT count(*) FROM pg_namespace WHERE nspname = 'app' AND nspacl::text LIKE '%{role}=U/%'"));
            var copy = await Ok("copy", "--from", source, "--to", target);
            foreach (var entry in new[] { "privileges on schema app (GRANT: not carried; grant them again)", "privileges on type mood (GRANT: not carried; grant them again)",
                         "privileges on domain posint (GRANT: not carried; grant them again)" })
                Assert.Contains(entry, copy.All, StringComparison.Ordinal);
            Assert.DoesNotContain("privileges on schema public", copy.All, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM pg_namespace WHERE nspname = 'app' AND nspacl IS NOT NULL"));
            var r = await CliRunner.RunAsync("verify", "--url", source, "--against", target, "--checks", "schema");
            Assert.True(r.ExitCode == 3, r.All);
            string[] Found(CliRunner.Result x) => [.. x.Stdout.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.StartsWith("[schema]", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
            Assert.Equal([
                "[schema] only in the first database (not in the schema model): privileges on domain posint (GRANT: not carried; grant them again)",
                "[schema] only in the first database (not in the schema model): privileges on schema app (GRANT: not carried; grant them again)",
                "[schema] only in the first database (not in the schema model): privileges on type mood (GRANT: not carried; grant them again)"], Found(r));
            r = await CliRunner.RunAsync("verify", "--url", source, "--against", target, "--checks", "schema", "--tables", "t");
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Equal([
                "[schema] only in the first database (not in the schema model): privileges on domain posint (GRANT: not carried; grant them again)",
                "[schema] only in the first database (not in the schema model): privileges on type mood (GRANT: not carried; grant them again)"], Found(r));
            // given again in the target: the same
            await EngineClient.RunScriptAsync(target, $"GRANT USAGE ON SCHEMA app TO {role}; REVOKE USAGE ON TYPE mood FROM PUBLIC; GRANT USAGE ON DOMAIN posint TO {role};");
            await Ok("verify", "--url", source, "--against", target, "--checks", "schema");
        }
        finally
        {
            await EngineClient.RunScriptAsync(source, $"DROP OWNED BY {role};");
            await EngineClient.RunScriptAsync(target, $"DROP OWNED BY {role}; DROP ROLE {role};");
        }
    });

    /// <summary>
    /// N-H5: tables, a function, a type and a schema owned by another role than the database's owner became the copying
    /// role's without a word, and verify said OK. The copy names them per role (ownership is not carried, as pg_restore
    /// --no-owner), and verify tells the owners apart, by object.
    /// </summary>
    [Fact]
    public Task Objects_owned_by_another_role_are_named_and_compared() => LiveAsync(async () =>
    {
        var (source, target) = (await Db.NewAsync("postgresql"), await Db.NewAsync("postgresql"));
        var role = "o" + source[(source.LastIndexOf('/') + 1)..][^12..];
        await EngineClient.RunScriptAsync(source, $"CREATE ROLE {role}; CREATE TABLE t (id serial PRIMARY KEY); CREATE TABLE u (id int PRIMARY KEY);" +
            $"ALTER TABLE t OWNER TO {role}; CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'; ALTER FUNCTION f() OWNER TO {role};" +
            $"CREATE TYPE mood AS ENUM ('ok'); ALTER TYPE mood OWNER TO {role};");
        var entry = $"objects owned by role {role}: function f(), sequence t_id_seq, table t, type mood (OWNER: not carried; the copy's belong to the role that makes it: ALTER ... OWNER TO {role} for each)";
        try
        {
            Assert.Equal(role, await EngineClient.RunAsync(source, "SELECT tableowner FROM pg_tables WHERE tablename = 't'"));
            var copy = await Ok("copy", "--from", source, "--to", target);
            Assert.Contains(entry, copy.All, StringComparison.Ordinal);
            Assert.Equal("postgres", await EngineClient.RunAsync(target, "SELECT tableowner FROM pg_tables WHERE tablename = 't'"));
            var r = await CliRunner.RunAsync("verify", "--url", source, "--against", target, "--checks", "schema");
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains("[schema] only in the first database (not in the schema model): " + entry, r.Stdout, StringComparison.Ordinal);
            // the same owners: the same; one object's owner differs: named
            await EngineClient.RunScriptAsync(target, $"ALTER TABLE t OWNER TO {role}; ALTER FUNCTION f() OWNER TO {role}; ALTER TYPE mood OWNER TO {role};");
            await Ok("verify", "--url", source, "--against", target, "--checks", "schema");
            await EngineClient.RunScriptAsync(target, "ALTER TYPE mood OWNER TO postgres;");
            r = await CliRunner.RunAsync("verify", "--url", source, "--against", target, "--checks", "schema");
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains($"[schema] only in the second database (not in the schema model): objects owned by role {role}: function f(), sequence t_id_seq, table t (OWNER:", r.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await EngineClient.RunScriptAsync(source, $"DROP OWNED BY {role};");
            await EngineClient.RunScriptAsync(target, $"DROP OWNED BY {role}; DROP ROLE {role};");
        }
    });
}
