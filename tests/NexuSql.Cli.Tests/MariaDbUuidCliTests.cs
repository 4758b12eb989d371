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
            await Ok("verify", "--url", back, "--against", source, "--tables", "u");
            await EngineClient.RunAsync(back, "UPDATE u SET u = UPPER(u) WHERE id = 4");
            var r = await CliRunner.RunAsync("verify", "--url", back, "--against", source, "--tables", "u");
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
}
