namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test of issue 11 (session 16), H1 and H3. H1: `seed` into a MariaDB column under a case-insensitive collation
/// (or a PostgreSQL nondeterministic one) took the file keys <c>abc</c> and <c>ABC</c> for one row: the first record's
/// row was overwritten, exit 0, "updated" on every run. The row a record's key finds must now hold that key exactly;
/// otherwise seed stops with a value error naming table, column, both keys and the file's line (nothing of the file is
/// written), and import rejects the record instead of calling it "already there". H3: base64 and <c>\x</c> hex for a
/// MariaDB VARBINARY/BINARY column were stored as their text; they are bytes as for BLOB (read with mariadb's HEX()).
/// </summary>
public sealed class SeedKeySpellingCliTests() : ValueFidelityCliTestBase("seed-key-spelling")
{
    [Fact]
    public async Task Seed_refuses_file_keys_that_the_mariadb_collation_takes_for_one_and_writes_nothing()
    {
        try
        {
            var url = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(url, "CREATE TABLE c (code VARCHAR(10) PRIMARY KEY, name VARCHAR(20)) COLLATE utf8mb4_unicode_ci");
            var dir = await FolderAsync("both", "c", "code,name\nabc,first\nABC,second\n");
            var r = await CliRunner.RunAsync("--json", "--url", url, "seed", "--folder", dir);
            Assert.True(r.ExitCode == 1, r.All);
            var error = System.Text.Json.JsonDocument.Parse(r.Stdout).RootElement.GetProperty("error");
            Assert.Equal("value", error.GetProperty("kind").GetString());
            var message = error.GetProperty("message").GetString()!;
            Assert.StartsWith("Table c, column code, row code=ABC: the key finds the row code=abc that an earlier record of this file names", message, StringComparison.Ordinal);
            Assert.Contains("(utf8mb4_unicode_ci)", message, StringComparison.Ordinal);
            Assert.Contains("line 3", message, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(url, "SELECT * FROM c"));

            // a file key the table holds spelled otherwise: refused, the table's row stays as it was
            await EngineClient.RunAsync(url, "INSERT INTO c VALUES ('ABC', 'old'), ('é', 'acc')");
            dir = await FolderAsync("table", "c", "code,name\nabc,new\n");
            r = await CliRunner.RunAsync("--url", url, "seed", "--folder", dir);
            Assert.True(r.ExitCode == 1, r.All);
            Assert.Contains("Table c, column code, row code=abc: the key finds the row code=ABC already in the table", r.All, StringComparison.Ordinal);
            dir = await FolderAsync("accent", "c", "code,name\ne,plain\n");
            r = await CliRunner.RunAsync("--url", url, "seed", "--folder", dir);
            Assert.True(r.ExitCode == 1, r.All);
            Assert.Contains("row code=e: the key finds the row code=é already in the table", r.All, StringComparison.Ordinal);
            Assert.Equal("ABC|old\né|acc", await EngineClient.RunAsync(url, "SELECT code, name FROM c ORDER BY name DESC"));

            // keys as the table holds them: updated once, then unchanged
            dir = await FolderAsync("same", "c", "code,name\nABC,new\n");
            Assert.Contains("0 inserted, 1 updated", (await Ok("--url", url, "seed", "--folder", dir)).All, StringComparison.Ordinal);
            Assert.Contains("0 inserted, 0 updated, 1 unchanged", (await Ok("--url", url, "seed", "--folder", dir)).All, StringComparison.Ordinal);
            Assert.Equal("ABC|new\né|acc", await EngineClient.RunAsync(url, "SELECT code, name FROM c ORDER BY name DESC"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Import_rejects_a_key_spelled_otherwise_instead_of_skipping_it()
    {
        try
        {
            var url = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(url, "CREATE TABLE c (code VARCHAR(10) PRIMARY KEY, name VARCHAR(20)) COLLATE utf8mb4_unicode_ci; INSERT INTO c VALUES ('Old', 'kept')");
            var dir = await FolderAsync("import", "c", "code,name\nabc,first\nABC,second\nold,again\nOld,same\nnew,third\n");
            var r = await CliRunner.RunAsync("--url", url, "--json", "import", dir);
            Assert.True(r.ExitCode == 3, r.All); // some records rejected
            var file = System.Text.Json.JsonDocument.Parse(r.Stdout).RootElement.GetProperty("files")[0];
            Assert.Equal(2, file.GetProperty("inserted").GetInt64());
            Assert.Equal(1, file.GetProperty("skipped").GetInt64());
            Assert.Equal(2, file.GetProperty("rejected").GetInt64());
            var reasons = string.Join("\n", file.GetProperty("rejections").EnumerateArray().Select(x => x.GetProperty("reason").GetString()));
            Assert.Contains("column code, row code=ABC: the key finds the row code=abc that an earlier record of this file names", reasons, StringComparison.Ordinal);
            Assert.Contains("column code, row code=old: the key finds the row code=Old already in the table", reasons, StringComparison.Ordinal);
            Assert.Equal("Old|kept\nabc|first\nnew|third", await EngineClient.RunAsync(url, "SELECT code, name FROM c ORDER BY code COLLATE utf8mb4_bin"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Seed_refuses_keys_one_under_a_postgresql_nondeterministic_collation()
    {
        try
        {
            var url = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(url, "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false); " +
                "CREATE TABLE c (code VARCHAR(10) COLLATE ci PRIMARY KEY, name VARCHAR(20))");
            var dir = await FolderAsync("pg", "c", "code,name\nabc,first\nABC,second\n");
            var r = await CliRunner.RunAsync("--url", url, "seed", "--folder", dir);
            Assert.True(r.ExitCode == 1, r.All);
            Assert.Contains("Table c, column code, row code=ABC: the key finds the row code=abc that an earlier record of this file names", r.All, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(url, "SELECT count(*) FROM c"));
            // a deterministic column keeps the two apart, and a second run is unchanged
            await EngineClient.RunAsync(url, "DROP TABLE c; CREATE TABLE c (code VARCHAR(10) PRIMARY KEY, name VARCHAR(20))");
            Assert.Contains("2 inserted", (await Ok("--url", url, "seed", "--folder", dir)).All, StringComparison.Ordinal);
            Assert.Contains("2 unchanged", (await Ok("--url", url, "seed", "--folder", dir)).All, StringComparison.Ordinal);
            Assert.Equal("ABC|second\nabc|first", await EngineClient.RunAsync(url, "SELECT code, name FROM c ORDER BY code COLLATE \"C\""));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Seed_and_import_decode_base64_and_hex_for_mariadb_binary_columns()
    {
        try
        {
            foreach (var command in new[] { "seed", "import" })
            {
                var url = await Db.NewAsync("mysql");
                await EngineClient.RunScriptAsync(url, "CREATE TABLE s (id INT PRIMARY KEY, vb VARBINARY(10), b BINARY(2), bl BLOB)");
                var dir = await FolderAsync(command, "s", "id,vb,b,bl\n1,AAECAw==,AAE=,AAECAw==\n2,\\xff00,\\xff00,\\xff00\n");
                await Ok(command == "seed" ? ["--url", url, "seed", "--folder", dir] : ["--url", url, "import", dir]);
                Assert.Equal("1|00010203|0001|00010203\n2|FF00|FF00|FF00", await EngineClient.RunAsync(url, "SELECT id, HEX(vb), HEX(b), HEX(bl) FROM s ORDER BY id"));
                if (command == "seed")
                    Assert.Contains("2 unchanged", (await Ok("--url", url, "seed", "--folder", dir)).All, StringComparison.Ordinal);
            }
            // bytes a BINARY(n) column would pad or cut: refused by column and key
            var other = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(other, "CREATE TABLE s (id INT PRIMARY KEY, vb VARBINARY(2), b BINARY(4))");
            var bad = await FolderAsync("bad", "s", "id,vb,b\n1,\\x00,\\x0001\n2,\\x000102,\n3,plain text,\n");
            var r = await CliRunner.RunAsync("--url", other, "import", bad);
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains("column b, row id=1: 2 bytes would be padded with zero bytes to 4 in binary(4)", r.All, StringComparison.Ordinal);
            Assert.Contains("column vb, row id=2: 3 bytes do not fit varbinary(2) (at most 2)", r.All, StringComparison.Ordinal);
            Assert.Contains("column vb, row id=3: 'plain text' is not base64 (or hex after \\x)", r.All, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(other, "SELECT count(*) FROM s"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Seed_takes_upper_case_mariadb_uuid_and_inet6_as_the_values_they_store()
    {
        // break test 16, L5: 'A0EE…' is stored as 'a0ee…': a second seed is unchanged, also with the UUID as the key
        try
        {
            var url = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(url, "CREATE TABLE k (u UUID PRIMARY KEY, i INET6, n INT)");
            var dir = await FolderAsync("uuid", "k", "u,i,n\nA0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11,::FFFF:1.2.3.4,1\n");
            Assert.Contains("1 inserted", (await Ok("--url", url, "seed", "--folder", dir)).All, StringComparison.Ordinal);
            Assert.Contains("0 inserted, 0 updated, 1 unchanged", (await Ok("--url", url, "seed", "--folder", dir)).All, StringComparison.Ordinal);
            Assert.Equal("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11|::ffff:1.2.3.4|1", await EngineClient.RunAsync(url, "SELECT u, i, n FROM k"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// Break test of issue 11 (session 16), M4 and the H1 limit: PostgreSQL's cast of inet to text adds the netmask
    /// (10.0.0.1/32), so the text 10.0.0.1 copied into an inet column read back as another value (target marked), and a
    /// seed file's 10.0.0.1 was "updated" on every run. inet is now read as PostgreSQL prints it. A key spelled another
    /// way than PostgreSQL prints it is refused by the column's type, not a collation.
    /// </summary>
    [Fact]
    public async Task Postgresql_inet_seeds_unchanged_copies_from_text_and_names_a_respelled_key()
    {
        try
        {
            var url = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(url, "CREATE TABLE h (id int PRIMARY KEY, ip inet, net cidr); CREATE TABLE k (ip inet PRIMARY KEY, n int); CREATE TABLE m_i (id int PRIMARY KEY, x inet)");
            var dir = await FolderAsync("inet", "h", "id,ip,net\n1,10.0.0.1,10.0.0.0/8\n2,::1,::/0\n3,10.1.0.0/16,10.1.0.0/16\n");
            Assert.Contains("3 inserted, 0 updated", (await Ok("--url", url, "seed", "--folder", dir)).All, StringComparison.Ordinal);
            Assert.Contains("0 inserted, 0 updated, 3 unchanged", (await Ok("--url", url, "seed", "--folder", dir)).All, StringComparison.Ordinal);
            Assert.Equal("1|10.0.0.1|10.0.0.0/8\n2|::1|::/0\n3|10.1.0.0/16|10.1.0.0/16", await EngineClient.RunAsync(url, "SELECT id, ip, net FROM h ORDER BY id"));

            dir = await FolderAsync("inetkey", "k", "ip,n\n10.0.0.1,1\n");
            await Ok("--url", url, "seed", "--folder", dir);
            // session 18 break test M4: 10.0.0.1/32 is the inet value 10.0.0.1 — the same key, on the first run as on the
            // next (was: taken on a first run, refused on every later one)
            dir = await FolderAsync("inetkey2", "k", "ip,n\n10.0.0.1/32,2\n::FFFF:1.2.3.4,3\n");
            Assert.Contains("1 inserted, 1 updated, 0 unchanged", (await Ok("--url", url, "seed", "--folder", dir)).All, StringComparison.Ordinal);
            Assert.Contains("0 inserted, 0 updated, 2 unchanged", (await Ok("--url", url, "seed", "--folder", dir)).All, StringComparison.Ordinal);
            Assert.Equal("10.0.0.1|2\n::ffff:1.2.3.4|3", await EngineClient.RunAsync(url, "SELECT ip, n FROM k ORDER BY n"));

            var sqlite = await Db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE m_i (id INTEGER PRIMARY KEY, x TEXT); INSERT INTO m_i VALUES (1, '10.0.0.1'), (2, '::1'), (3, '10.1.0.0/16')");
            Assert.Contains("counts and hashes match", (await Ok("copy", "--from", sqlite, "--to", url, "--tables", "m_i", "--data-only")).All, StringComparison.Ordinal);
            Assert.Equal("1|10.0.0.1\n2|::1\n3|10.1.0.0/16", await EngineClient.RunAsync(url, "SELECT id, x FROM m_i ORDER BY id"));
            Assert.Equal("", await EngineClient.RunAsync(url, "SELECT tablename FROM pg_tables WHERE tablename LIKE 'nexusql%'"));
            await Ok("verify", "--url", url, "--against", sqlite, "--tables", "m_i");
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// Session 18 break test M4: a value of PostgreSQL's own types spelled otherwise than PostgreSQL prints it (interval
    /// <c>-1 day -02:00:00</c>, tsrange without seconds) was "updated" on every seed run; MariaDB's INET6 likewise. The
    /// engine now reads each such value as its column's type first: a rerun is "unchanged". A value the type's modifier
    /// would change (<c>101</c> into <c>bit(4)</c>, which an explicit cast pads to <c>1010</c>) or that is no value of the
    /// type is refused by column and key, before anything is written; import rejects those records the same way.
    /// </summary>
    [Fact]
    public async Task Values_of_engine_types_in_other_spellings_seed_unchanged_and_misfits_are_refused_by_key()
    {
        try
        {
            var url = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(url, "CREATE TABLE r (id int PRIMARY KEY, iv interval, tr tsrange, b bit(4), vb varbit(3))");
            var dir = await FolderAsync("spell", "r", "id,iv,tr,b,vb\n1,-1 day -02:00:00,\"[2020-01-02 10:00,2020-03-04 11:00)\",1010,101\n2,P1D,,,\n");
            Assert.Contains("2 inserted", (await Ok("--url", url, "seed", "--folder", dir)).All, StringComparison.Ordinal);
            Assert.Contains("0 inserted, 0 updated, 2 unchanged", (await Ok("--url", url, "seed", "--folder", dir)).All, StringComparison.Ordinal);
            Assert.Equal("1|-1 days -02:00:00|[\"2020-01-02 10:00:00\",\"2020-03-04 11:00:00\")|1010|101\n2|1 day|||",
                await EngineClient.RunAsync(url, "SELECT id, iv, tr, b, vb FROM r ORDER BY id"));

            foreach (var (field, column, problem) in new[]
            {
                ("id,b\n3,101\n", "b", "the text '101' does not fit the column's type bit(4), which would make it '1010'"),
                ("id,vb\n3,1011\n", "vb", "the text '1011' does not fit the column's type bit varying(3), which would make it '101'"),
                ("id,iv\n3,soon\n", "iv", "the text 'soon' is not a value of type interval (PostgreSQL error 22007"),
            })
            {
                var r = await CliRunner.RunAsync("--json", "--url", url, "seed", "--folder", await FolderAsync("bad" + column, "r", field));
                Assert.True(r.ExitCode == 1, r.All);
                Assert.Contains($"Table r, column {column}, row id=3: {problem}", r.All, StringComparison.Ordinal);
                var rejected = await CliRunner.RunAsync("--url", url, "import", await FolderAsync("imp" + column, "r", field));
                Assert.True(rejected.ExitCode == 3, rejected.All);
                Assert.Contains($"column {column}, row id=3: {problem}", rejected.All, StringComparison.Ordinal);
            }
            Assert.Equal("1,2", await EngineClient.RunAsync(url, "SELECT string_agg(id::text, ',' ORDER BY id) FROM r"));

            var maria = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(maria, "CREATE TABLE s6 (ip INET6 PRIMARY KEY, other INET6, n INT)");
            dir = await FolderAsync("inet6", "s6", "ip,other,n\n2001:0db8::1,2001:0DB8:0:0::2,1\n");
            Assert.Contains("1 inserted", (await Ok("--url", maria, "seed", "--folder", dir)).All, StringComparison.Ordinal);
            Assert.Contains("0 inserted, 0 updated, 1 unchanged", (await Ok("--url", maria, "seed", "--folder", dir)).All, StringComparison.Ordinal);
            Assert.Equal("2001:db8::1|2001:db8::2|1", await EngineClient.RunAsync(maria, "SELECT ip, other, n FROM s6"));
            var bad = await CliRunner.RunAsync("--url", maria, "seed", "--folder", await FolderAsync("inet6bad", "s6", "ip,other,n\nbanana,,2\n"));
            Assert.True(bad.ExitCode == 1, bad.All);
            Assert.Contains("Table s6, column ip, row ip=banana: the text 'banana' is not a value of type inet6", bad.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
