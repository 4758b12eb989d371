namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 41, F3, F4, F17–F19: verify between two engines said OK for databases that accept different rows — where
/// each side held one object that does not translate to the other engine, and for keys a copy refuses as weaker. Each
/// difference is shown real with the engines' own clients: one database accepts a row the other refuses.
/// </summary>
public sealed class BreakTest41VerifyCliTests() : ValueFidelityCliTestBase("bt41v")
{
    /// <summary>
    /// F4: a PostgreSQL interval column (no SQLite type) and a SQLite generated column calling upper() (no PostgreSQL
    /// one computes it alike) made neither schema translate as a whole, and every check, default, index, generated
    /// column and view went uncompared: "OK". Each table is compared the way it translates now; one that translates
    /// neither way is named.
    /// </summary>
    [Fact]
    public Task One_untranslatable_object_on_each_side_leaves_the_rest_compared() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE x (id int PRIMARY KEY, iv interval); CREATE TABLE c (id int PRIMARY KEY, q int CHECK (q > 0) DEFAULT 5);" +
            "CREATE INDEX c_q ON c (q); CREATE TABLE y (id int PRIMARY KEY, s text, g text); CREATE VIEW cv AS SELECT id FROM c;" +
            "CREATE TABLE z (id int PRIMARY KEY, iv interval, s text);");
        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE x (id integer PRIMARY KEY, iv text); CREATE TABLE c (id integer PRIMARY KEY, q int);" +
            "CREATE TABLE y (id integer PRIMARY KEY, s text, g text GENERATED ALWAYS AS (upper(s)) VIRTUAL);" +
            "CREATE TABLE z (id integer PRIMARY KEY, iv text, s text, u text GENERATED ALWAYS AS (upper(s)) VIRTUAL);");
        foreach (var (first, second, side, other) in new[] { (pg, sqlite, "first", "second"), (sqlite, pg, "second", "first") })
        {
            var r = await CliRunner.RunAsync("verify", "--url", first, "--against", second, "--checks", "schema");
            Assert.True(r.ExitCode == 3, r.All);
            var lines = Lines(r, "schema");
            Assert.Contains($"[schema] table c: an index on (q) only in the {side} database", lines);
            Assert.Contains($"[schema] table c: column q: a default (5) only in the {side} database", lines);
            Assert.Contains($"[schema] table y: column g: generated as (upper(s)) in the {other} database, a plain column in the {side}", lines);
            Assert.Contains($"[schema] view cv only in the {side} database", lines);
            Assert.Contains(lines, l => l.StartsWith($"[schema] table c: a check on (q) only in the {side} database", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("[schema] table z: its checks, defaults, indexes, generated columns and identity are not compared, as its definition translates to neither engine: ",
                StringComparison.Ordinal) && l.Contains(side == "first" ? "z.iv (interval" : "z.u (generated as upper(s)", StringComparison.Ordinal));
        }
        // the difference is real: SQLite takes what PostgreSQL refuses
        await EngineClient.RunAsync(sqlite, "INSERT INTO c (id, q) VALUES (1, -5)");
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(pg, "INSERT INTO c (id, q) VALUES (1, -5)"));
    });

    /// <summary>
    /// F19, F18, F3: UNIQUE NULLS NOT DISTINCT, an exclusion constraint, MATCH FULL (all refused by a copy as weaker on
    /// MariaDB), a unique index on lower(e) against a plain prefix index, and keys under a nondeterministic collation or
    /// citext against keys comparing characters: each was "OK" between PostgreSQL and MariaDB.
    /// </summary>
    [Fact]
    public Task Keys_the_other_engine_cannot_express_are_named() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE EXTENSION IF NOT EXISTS btree_gist; CREATE EXTENSION IF NOT EXISTS citext;" +
            "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);" +
            "CREATE TABLE u (id int PRIMARY KEY, a int, CONSTRAINT ua UNIQUE NULLS NOT DISTINCT (a));" +
            "CREATE TABLE r (id int PRIMARY KEY, room int, CONSTRAINT r_room EXCLUDE USING gist (room WITH =));" +
            "CREATE TABLE p (a int, b int, PRIMARY KEY (a, b)); CREATE TABLE f (id int PRIMARY KEY, a int, b int, CONSTRAINT f_ab FOREIGN KEY (a, b) REFERENCES p MATCH FULL);" +
            "CREATE TABLE w (id int PRIMARY KEY, e text); CREATE UNIQUE INDEX lx ON w (lower(e));" +
            "CREATE TABLE n (id int PRIMARY KEY, email text COLLATE ci CONSTRAINT n_email UNIQUE, e2 citext CONSTRAINT n_e2 UNIQUE);");
        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, "CREATE TABLE u (id int PRIMARY KEY, a int, CONSTRAINT ua UNIQUE (a)); CREATE TABLE r (id int PRIMARY KEY, room int);" +
            "CREATE TABLE p (a int, b int, PRIMARY KEY (a, b)); CREATE TABLE f (id int PRIMARY KEY, a int, b int, CONSTRAINT f_ab FOREIGN KEY (a, b) REFERENCES p (a, b));" +
            "CREATE TABLE w (id int PRIMARY KEY, e text); CREATE INDEX px ON w (e(10));" +
            "CREATE TABLE n (id int PRIMARY KEY, email varchar(100) COLLATE utf8mb4_nopad_bin, e2 varchar(100) COLLATE utf8mb4_nopad_bin, CONSTRAINT n_email UNIQUE (email), CONSTRAINT n_e2 UNIQUE (e2));");
        var r = await CliRunner.RunAsync("verify", "--url", pg, "--against", maria, "--checks", "schema");
        Assert.True(r.ExitCode == 3, r.All);
        const string Tail = "in the first database, which MySQL/MariaDB cannot express: the other accepts rows it refuses";
        Assert.Equal([
            "[schema] table w: 0 unique expression index(es) in the second database, 1 in the first",
            "[schema] table w: an index on (e(10)) only in the second database",
            $"[schema] table f: foreign key f_ab on f (a, b) → p MATCH FULL {Tail}",
            "[schema] table r: exclusion constraint r_room on r (EXCLUDE USING gist (room WITH =)) " + Tail,
            $"[schema] table u: unique ua on u (a) NULLS NOT DISTINCT {Tail}",
            "[schema] table n: column email: unique n_email compares text under collation ci in the first database (two different texts can be one key: 'A' and 'a'), " +
                "by its characters in the second: rows one database accepts the other refuses as duplicates",
            "[schema] table n: column e2: unique n_e2 compares text as citext in the first database (two different texts can be one key: 'A' and 'a'), " +
                "by its characters in the second: rows one database accepts the other refuses as duplicates"], Lines(r, "schema"));
        // real: MariaDB takes what PostgreSQL refuses
        foreach (var sql in new[] { "INSERT INTO u VALUES (1, NULL), (2, NULL)", "INSERT INTO r VALUES (1, 5), (2, 5)", "INSERT INTO w VALUES (1, 'Abc'), (2, 'abc')",
            "INSERT INTO n VALUES (1, 'a@x', 'k'), (2, 'A@X', 'K')" })
        {
            await EngineClient.RunAsync(maria, sql);
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(pg, sql));
        }
    });

    /// <summary>
    /// F17: a SQLite NOCASE key ('A' = 'a', 'a' ≠ 'a ') against a MariaDB utf8mb4_bin one ('A' ≠ 'a', 'a' = 'a ' by PAD
    /// SPACE) was "OK": both fold, otherwise. A SQLite RTRIM key and a utf8mb4_bin one both leave trailing blanks out
    /// alone: alike.
    /// </summary>
    [Fact]
    public Task Keys_that_fold_otherwise_on_each_side_are_named() => LiveAsync(async () =>
    {
        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE u (id integer PRIMARY KEY, e text COLLATE NOCASE UNIQUE, r text COLLATE RTRIM UNIQUE);");
        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, "CREATE TABLE u (id int PRIMARY KEY, e varchar(100) COLLATE utf8mb4_bin UNIQUE, r varchar(100) COLLATE utf8mb4_bin UNIQUE);");
        var r = await CliRunner.RunAsync("verify", "--url", sqlite, "--against", maria, "--checks", "schema");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Equal(["[schema] table u: column e: unique (e) compares text under collation NOCASE in the first database (two different texts can be one key: 'A' and 'a'), " +
            "under collation utf8mb4_bin in the second ('a' and 'a '): rows one database accepts the other refuses as duplicates"], Lines(r, "schema"));
        await EngineClient.RunAsync(maria, "INSERT INTO u (id, e) VALUES (1, 'a'), (2, 'A')");
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(sqlite, "INSERT INTO u (id, e) VALUES (1, 'a'), (2, 'A')"));
        await EngineClient.RunAsync(sqlite, "INSERT INTO u (id, e) VALUES (3, 'b'), (4, 'b ')");
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(maria, "INSERT INTO u (id, e) VALUES (3, 'b'), (4, 'b ')"));
    });

    /// <summary>
    /// bt43 (F3 sideways): the case-insensitive collation given on the unique index, not on the column
    /// (<c>CREATE UNIQUE INDEX ux ON v (email COLLATE ci)</c>), against a binary key on SQLite: "OK". The index's own
    /// collation decides for the key.
    /// </summary>
    [Fact]
    public Task A_unique_index_collation_is_the_keys() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);" +
            "CREATE TABLE v (id int PRIMARY KEY, email text); CREATE UNIQUE INDEX ux ON v (email COLLATE ci);");
        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE v (id integer PRIMARY KEY, email text); CREATE UNIQUE INDEX ux ON v (email);");
        var r = await CliRunner.RunAsync("verify", "--url", pg, "--against", sqlite, "--checks", "schema");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("[schema] table v: column email: unique index ux compares text under collation ci in the first database (two different texts can be one key: 'A' and 'a'), " +
            "by its characters in the second: rows one database accepts the other refuses as duplicates", Lines(r, "schema"));
        await EngineClient.RunAsync(sqlite, "INSERT INTO v VALUES (1, 'a@x'), (2, 'A@X')");
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(pg, "INSERT INTO v VALUES (1, 'a@x'), (2, 'A@X')"));
    });

    /// <summary>
    /// bt43 (F18 sideways): a PostgreSQL unique lower(e) index against a MariaDB unique prefix index e(10), each beside
    /// unique (e): "OK", both being one "expression or prefix" index. A prefix is compared by its column and length (as
    /// the substr(e, 1, n) a copy makes of it elsewhere), other expressions by their number; a MariaDB prefix index copied
    /// to PostgreSQL is no difference.
    /// </summary>
    [Fact]
    public Task A_prefix_index_is_not_an_expression_index() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE u (id int PRIMARY KEY, e varchar(100) UNIQUE); CREATE UNIQUE INDEX lx ON u (lower(e));");
        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, "CREATE TABLE u (id int PRIMARY KEY, e varchar(100) COLLATE utf8mb4_nopad_bin UNIQUE, UNIQUE KEY px (e(10)));");
        var r = await CliRunner.RunAsync("verify", "--url", pg, "--against", maria, "--checks", "schema");
        Assert.True(r.ExitCode == 3, r.All);
        var lines = Lines(r, "schema");
        Assert.Contains(lines, l => l.StartsWith("[schema] table u: a unique index on (e(10)) only in the ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("[schema] table u: ", StringComparison.Ordinal) && l.Contains("unique expression index(es)", StringComparison.Ordinal));
        // real: MariaDB takes what PostgreSQL refuses (and the other way round)
        await EngineClient.RunAsync(maria, "INSERT INTO u VALUES (1, 'Abc'), (2, 'abc')");
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(pg, "INSERT INTO u VALUES (1, 'Abc'), (2, 'abc')"));

        // a MariaDB prefix index copied to PostgreSQL (substr(e, 1, 10) there) is the same key
        var copied = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(maria, "DELETE FROM u;");
        await Ok("copy", "--from", maria, "--to", copied);
        var same = await CliRunner.RunAsync("verify", "--url", maria, "--against", copied, "--checks", "schema");
        Assert.DoesNotContain(Lines(same, "schema"), l => l.Contains("index", StringComparison.Ordinal));
    });
}
