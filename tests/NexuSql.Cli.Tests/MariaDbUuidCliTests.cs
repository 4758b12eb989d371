namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test of issue 11 (session 16), L4: a MariaDB <c>UUID</c> column was refused for PostgreSQL and SQLite as an
/// "engine-native type with no equivalent", though both hold uuids. It now travels as the portable uuid: copy and
/// backup → restore into PostgreSQL give a <c>uuid</c> column, into SQLite a <c>UUID</c> one, with the same values
/// (read with psql and sqlite3), and verify compares them.
/// </summary>
public sealed class MariaDbUuidCliTests() : ValueFidelityCliTestBase("mariadb-uuid")
{
    [Fact]
    public async Task A_mariadb_uuid_column_arrives_as_uuid_in_postgresql_and_sqlite()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE u (id INT PRIMARY KEY, u UUID); " +
                "INSERT INTO u VALUES (1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'), (2, NULL), (3, '00000000-0000-0000-0000-000000000000'), (4, 'FFFFFFFF-0000-4000-8000-ABCDEFABCDEF')");
            const string values = "1|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\n2|\n3|00000000-0000-0000-0000-000000000000\n4|ffffffff-0000-4000-8000-abcdefabcdef";
            Assert.Equal(values.Replace("2|\n", "2|NULL\n", StringComparison.Ordinal), await EngineClient.RunAsync(source, "SELECT id, u FROM u ORDER BY id"));

            var pg = await Db.NewAsync("postgresql");
            await Ok("copy", "--from", source, "--to", pg);
            Assert.Equal(values, await EngineClient.RunAsync(pg, "SELECT id, u FROM u ORDER BY id"));
            Assert.Equal("uuid", await EngineClient.RunAsync(pg, "SELECT data_type FROM information_schema.columns WHERE table_name = 'u' AND column_name = 'u'"));
            await Ok("verify", "--url", source, "--against", pg);

            var backup = Db.File("u.nxb");
            await Ok("--url", source, "backup", "-o", backup);
            var restored = await Db.NewAsync("postgresql");
            await Ok("--url", restored, "restore", backup);
            Assert.Equal(values, await EngineClient.RunAsync(restored, "SELECT id, u FROM u ORDER BY id"));

            var sqlite = await Db.NewAsync("sqlite");
            await Ok("copy", "--from", source, "--to", sqlite);
            Assert.Equal(values, await EngineClient.RunAsync(sqlite, "SELECT id, u FROM u ORDER BY id"));
            Assert.Contains("\"u\" UUID", await EngineClient.RunAsync(sqlite, "SELECT sql FROM sqlite_master WHERE name = 'u'"), StringComparison.Ordinal);

            // session 18 break test M6: back into MariaDB the column is the portable uuid's CHAR(36); verify compares it
            // with the original UUID column (was: "cannot be compared", and a changed value went unnamed)
            var back = await Db.NewAsync("mysql");
            await Ok("copy", "--from", pg, "--to", back);
            // (the schema check names the type: CHAR(36) is not MariaDB's UUID)
            var types = await CliRunner.RunAsync("verify", "--url", back, "--against", source, "--tables", "u");
            Assert.True(types.ExitCode == 3, types.All);
            Assert.Contains("[schema] table u: column u: type: 'uuid' in the first database, 'native:uuid' in the second", types.All, StringComparison.Ordinal);
            await Ok("verify", "--url", back, "--against", source, "--tables", "u", "--checks", "data");
            await EngineClient.RunAsync(back, "UPDATE u SET u = UPPER(u) WHERE id = 4");
            var r = await CliRunner.RunAsync("verify", "--url", back, "--against", source, "--tables", "u", "--checks", "data");
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains("u: id=4: row differs in u", r.All, StringComparison.Ordinal);
            Assert.DoesNotContain("cannot be compared", r.All, StringComparison.Ordinal);

            // M5: PostgreSQL's uuid --data-only into a MariaDB UUID column made by hand (was written, then "the target
            // changed the data" on identical values)
            var made = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(made, "CREATE TABLE u (id INT PRIMARY KEY, u UUID)");
            await Ok("copy", "--data-only", "--from", pg, "--to", made);
            Assert.Equal(values.Replace("2|\n", "2|NULL\n", StringComparison.Ordinal), await EngineClient.RunAsync(made, "SELECT id, u FROM u ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// Session 21 break test F22: MariaDB's UUID refuses a uuid whose version digit is 8–f with an NCS variant digit
    /// (0–7), which PostgreSQL's uuid holds; a data-only copy into a UUID column failed while loading with error 1292
    /// "at row 3". Now refused by table, column and key before anything is written; the rows that fit copy.
    /// </summary>
    [Fact]
    public async Task A_uuid_mariadb_uuid_refuses_is_named_by_key_before_a_data_only_copy_writes()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE g (id int PRIMARY KEY, u uuid); INSERT INTO g VALUES " +
                "(1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'), (2, 'a0eebc99-9c0b-fef8-cb6d-6bb9bd380a11'), (3, 'a0eebc99-9c0b-fef8-7b6d-6bb9bd380a11')");
            var target = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(target, "CREATE TABLE g (id int PRIMARY KEY, u UUID)");
            Assert.Equal("NULL", await EngineClient.RunAsync(target, "SELECT CAST('a0eebc99-9c0b-fef8-7b6d-6bb9bd380a11' AS UUID)"));
            var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target, "--data-only");
            Assert.True(r.ExitCode == 1, r.All);
            var error = r.Json.GetProperty("error");
            Assert.Equal(("g", "u", "id=3"), (error.GetProperty("table").GetString(), error.GetProperty("column").GetString(), error.GetProperty("key").GetString()));
            Assert.Contains("Nothing was written", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT COUNT(*) FROM g"));

            await EngineClient.RunScriptAsync(source, "DELETE FROM g WHERE id = 3");
            await Ok("copy", "--from", source, "--to", target, "--data-only");
            Assert.Equal("1|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\n2|a0eebc99-9c0b-fef8-cb6d-6bb9bd380a11", await EngineClient.RunAsync(target, "SELECT id, u FROM g ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
