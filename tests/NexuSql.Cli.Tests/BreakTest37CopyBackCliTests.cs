namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 37, M6 and M7: a MariaDB database a copy made from PostgreSQL could not be copied back (MariaDB keeps
/// <c>CURRENT_DATE</c> as <c>curdate()</c> and <c>'x' || 'y'</c> as <c>concat('x','y')</c>, both refused), and MariaDB
/// generated columns of CONCAT and CHAR_LENGTH over a <c>_ci</c> column were refused as comparing text. Each side is read
/// with the engine's own client.
/// </summary>
public sealed class BreakTest37CopyBackCliTests() : ValueFidelityCliTestBase("bt37b")
{
    [Fact]
    public Task A_database_copied_from_postgresql_into_mariadb_copies_back() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE o (id int PRIMARY KEY, placed date NOT NULL DEFAULT CURRENT_DATE, tag text DEFAULT ('x' || 'y'), q varchar(10) DEFAULT 'it''s');" +
            "INSERT INTO o (id) VALUES (1);");
        var maria = await Db.NewAsync("mysql");
        await Ok("copy", "--from", pg, "--to", maria);
        Assert.Equal("curdate()|'xy'", await EngineClient.RunAsync(maria,
            "SELECT GROUP_CONCAT(column_default ORDER BY ordinal_position SEPARATOR '|') FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'o' AND column_name IN ('placed', 'tag')"));
        var back = await Db.NewAsync("postgresql");
        await Ok("copy", "--from", maria, "--to", back);
        Assert.Equal("CURRENT_DATE|'xy'::text|'it''s'::character varying", await EngineClient.RunAsync(back,
            "SELECT string_agg(column_default, '|' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'o' AND column_default IS NOT NULL"));
        await EngineClient.RunScriptAsync(back, "INSERT INTO o (id) VALUES (2);");
        Assert.Equal("t|xy|it's", await EngineClient.RunAsync(back, "SELECT placed = CURRENT_DATE, tag, q FROM o WHERE id = 2"));
        await EngineClient.RunScriptAsync(back, "DELETE FROM o WHERE id = 2;");
        await Ok("verify", "--url", pg, "--against", maria);
        await Ok("verify", "--url", maria, "--against", back);
    });

    [Fact]
    public Task Mariadb_concat_and_char_length_generated_columns_copy_to_postgresql_and_sqlite() => LiveAsync(async () =>
    {
        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, "CREATE TABLE cust (id int PRIMARY KEY, email varchar(190) NOT NULL, name varchar(100), " +
            "full_name varchar(300) AS (CONCAT(name, ' <', email, '>')) VIRTUAL, email_len int AS (CHAR_LENGTH(email)) PERSISTENT, " +
            "tagged varchar(300) AS (CONCAT(email, CONCAT('-', name))) PERSISTENT) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;" +
            "INSERT INTO cust (id, email, name) VALUES (1, 'a@x', 'Ann'), (2, 'b@y', NULL), (3, 'ü@z', 'Zoë');");
        var expected = "1|a@x|Ann <a@x>|3|a@x-Ann\n2|b@y|NULL|3|NULL\n3|ü@z|Zoë <ü@z>|3|ü@z-Zoë";
        Assert.Equal(expected, await EngineClient.RunAsync(maria, "SELECT id, email, IFNULL(full_name, 'NULL'), email_len, IFNULL(tagged, 'NULL') FROM cust ORDER BY id"));
        var pg = await Db.NewAsync("postgresql");
        var sqlite = await Db.NewAsync("sqlite");
        foreach (var (target, select) in new[] { (pg, "SELECT id, email, coalesce(full_name, 'NULL'), email_len, coalesce(tagged, 'NULL') FROM cust ORDER BY id"),
                     (sqlite, "SELECT id, email, ifnull(full_name, 'NULL'), email_len, ifnull(tagged, 'NULL') FROM cust ORDER BY id") })
        {
            await Ok("copy", "--from", maria, "--to", target);
            Assert.Equal(expected, await EngineClient.RunAsync(target, select));
            await EngineClient.RunScriptAsync(target, "INSERT INTO cust (id, email, name) VALUES (4, 'd@w', 'Dee');");
            Assert.Equal("Dee <d@w>|3|d@w-Dee", await EngineClient.RunAsync(target, "SELECT full_name, email_len, tagged FROM cust WHERE id = 4"));
            await EngineClient.RunScriptAsync(target, "DELETE FROM cust WHERE id = 4;");
            await Ok("verify", "--url", maria, "--against", target);
        }
    });

    /// <summary>
    /// M8: MariaDB INT UNSIGNED, YEAR, MEDIUMINT and TINYINT UNSIGNED copied to PostgreSQL and SQLite took values MariaDB
    /// refuses (-1, year 5). Each range is a check there now, named by the copy; verify counts a MariaDB column's own range
    /// as that check, so a dropped one is a difference.
    /// </summary>
    [Fact]
    public Task Mariadb_column_ranges_become_checks_elsewhere() => LiveAsync(async () =>
    {
        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, "CREATE TABLE t (id int PRIMARY KEY, y YEAR, u INT UNSIGNED, mi MEDIUMINT, tu TINYINT UNSIGNED, b BIGINT UNSIGNED, CONSTRAINT c1 CHECK (u < 1000));" +
            "INSERT INTO t VALUES (1, 2024, 7, -8388608, 255, 18446744073709551615);");
        foreach (var engine in new[] { "postgresql", "sqlite" })
        {
            var target = await Db.NewAsync(engine);
            var r = await Ok("copy", "--from", maria, "--to", target);
            Assert.Contains("t.u: int(10) unsigned created as", r.All, StringComparison.Ordinal);
            Assert.Contains("with the check t_u_range (u BETWEEN 0 AND 4294967295), the range MariaDB keeps", r.All, StringComparison.Ordinal);
            Assert.Contains("with the check t_y_range (y = 0 OR y BETWEEN 1901 AND 2155)", r.All, StringComparison.Ordinal);
            if (engine == "postgresql")
                Assert.Equal("c1,t_b_range,t_mi_range,t_tu_range,t_u_range,t_y_range", await EngineClient.RunAsync(target,
                    "SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint WHERE contype = 'c' AND conrelid = 't'::regclass"));
            else
            {
                // SQLite compares a decimal(20,0) as a float: the bigint unsigned column goes without its range, and says so
                Assert.Contains("t.b: bigint(20) unsigned created as DECIMAL_TEXT(20,0), without the range MariaDB keeps", r.All, StringComparison.Ordinal);
                var sql = await EngineClient.RunAsync(target, "SELECT sql FROM sqlite_master WHERE name = 't'");
                foreach (var name in new[] { "c1", "t_mi_range", "t_tu_range", "t_u_range", "t_y_range" })
                    Assert.Contains($"CONSTRAINT \"{name}\" CHECK", sql, StringComparison.Ordinal);
            }
            foreach (var bad in new[] { "INSERT INTO t (id, u) VALUES (9, -1)", "INSERT INTO t (id, y) VALUES (9, 5)", "INSERT INTO t (id, tu) VALUES (9, 256)", "INSERT INTO t (id, mi) VALUES (9, 8388608)" })
                await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, bad + ";"));
            Assert.Equal("1", await EngineClient.RunAsync(target, "SELECT count(*) FROM t"));
            await Ok("verify", "--url", maria, "--against", target);
            await Ok("verify", "--url", target, "--against", maria);
        }
    });
}
