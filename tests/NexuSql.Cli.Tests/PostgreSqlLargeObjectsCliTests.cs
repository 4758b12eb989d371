using NexuSql.Specification;

namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test of issue 11, H5: PostgreSQL large objects are carried PostgreSQL → PostgreSQL with their oids by copy and
/// backup/restore (a 0-byte one, one of 3.2 MB read and written in chunks, the owner kept; a comment named as not
/// carried), `verify --against` then says OK; an oid the target holds with other content is refused before anything is
/// written, `--clean` replaces it, the same content is kept; into MariaDB, and with `--tables`, they stay named and
/// warned about. Every target is read with psql.
/// </summary>
public sealed class PostgreSqlLargeObjectsCliTests() : ValueFidelityCliTestBase("pg-lobj")
{
    private const string Objects = "SELECT oid, length(lo_get(oid)), md5(lo_get(oid)), pg_get_userbyid(lomowner) FROM pg_largeobject_metadata ORDER BY oid";

    private static string[] Strings(CliRunner.Result r, string name) =>
        [.. r.Json.GetProperty(name).EnumerateArray().Select(x => x.GetString()!)];

    /// <summary>doc(id, blob oid): 'hello large object' (commented), a 0-byte one owned by <paramref name="owner"/>, 3.2 MB, and an oid that is no large object.</summary>
    private static Task SeedAsync(string source, string owner) => EngineClient.RunScriptAsync(source,
        "CREATE TABLE doc (id int PRIMARY KEY, blob oid); " +
        "INSERT INTO doc VALUES (1, lo_from_bytea(0, 'hello large object'::bytea)), (2, lo_from_bytea(0, ''::bytea)), " +
        "  (3, lo_from_bytea(0, (SELECT decode(string_agg(md5(i::text), '' ORDER BY i), 'hex') FROM generate_series(1, 200000) i))), (4, 4000000000); " +
        "DO $$ BEGIN EXECUTE format('COMMENT ON LARGE OBJECT %s IS %L', (SELECT blob FROM doc WHERE id = 1), 'greeting'); " +
        $"EXECUTE format('ALTER LARGE OBJECT %s OWNER TO %I', (SELECT blob FROM doc WHERE id = 2), '{owner}'); END $$");

    [Fact]
    public async Task Large_objects_are_copied_and_restored_with_their_oids_and_verify_says_ok()
    {
        var owner = $"lo11_{Guid.NewGuid():N}"[..16];
        var admin = LiveServers.PostgreSql.ToSecretString();
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(admin, $"CREATE ROLE {owner}");
            await SeedAsync(source, owner);
            var expected = await EngineClient.RunAsync(source, Objects);
            Assert.Equal(3, expected.Split('\n').Length);
            Assert.Contains("|3200000|", expected, StringComparison.Ordinal);
            Assert.Contains($"|0|d41d8cd98f00b204e9800998ecf8427e|{owner}", expected, StringComparison.Ordinal);

            var copied = await Db.NewAsync("postgresql");
            var copy = await Ok("--json", "copy", "--from", source, "--to", copied);
            Assert.DoesNotContain(Strings(copy, "leftOut"), x => x.StartsWith("large objects", StringComparison.Ordinal));
            Assert.DoesNotContain(Strings(copy, "warnings"), x => x.Contains("not copied", StringComparison.Ordinal));
            Assert.Contains(Strings(copy, "warnings"), x => x.StartsWith("large objects: not carried", StringComparison.Ordinal) && x.Contains("(its comment)", StringComparison.Ordinal));
            Assert.Equal(expected, await EngineClient.RunAsync(copied, Objects));
            await AssertSameAsync("SELECT id, blob FROM doc ORDER BY id", source, copied);
            Assert.Equal("", await EngineClient.RunAsync(copied, "SELECT obj_description(oid, 'pg_largeobject') FROM pg_largeobject_metadata WHERE obj_description(oid, 'pg_largeobject') IS NOT NULL"));
            var verify = await CliRunner.RunAsync("verify", "--url", source, "--against", copied, "--checks", "data");
            Assert.True(verify.ExitCode == 0, verify.All);

            var file = Db.File("lo.nxb");
            var backup = await Ok("--json", "--url", source, "backup", "-o", file);
            Assert.DoesNotContain(Strings(backup, "leftOut"), x => x.StartsWith("large objects", StringComparison.Ordinal));
            Assert.DoesNotContain(Strings(backup, "warnings"), x => x.Contains("not in the backup: 3 large objects", StringComparison.Ordinal));
            var check = await Ok("--json", "backup", "verify", file);
            var outside = Assert.Single(check.Json.GetProperty("outsideContent").EnumerateArray().ToList());
            Assert.Equal(3, outside.GetProperty("count").GetInt64());
            Assert.Equal(3_200_018, outside.GetProperty("bytes").GetInt64());

            var restored = await Db.NewAsync("postgresql");
            var restore = await Ok("--json", "--url", restored, "restore", file);
            Assert.DoesNotContain(Strings(restore, "leftOut"), x => x.StartsWith("large objects", StringComparison.Ordinal));
            Assert.Contains(Strings(restore, "warnings"), x => x.Contains("(its comment)", StringComparison.Ordinal));
            Assert.Equal(expected, await EngineClient.RunAsync(restored, Objects));
            await AssertSameAsync("SELECT id, blob FROM doc ORDER BY id", source, restored);
            verify = await CliRunner.RunAsync("verify", "--url", source, "--against", restored, "--checks", "data");
            Assert.True(verify.ExitCode == 0, verify.All);

            // --tables moves part of the database: as pg_dump, no large objects, said
            var part = await Db.NewAsync("postgresql");
            var some = await Ok("--json", "copy", "--from", source, "--to", part, "--tables", "doc");
            Assert.Contains(Strings(some, "warnings"), x => x.StartsWith("source: not copied: 3 large objects, 3200018 bytes", StringComparison.Ordinal));
            Assert.Equal("0", await EngineClient.RunAsync(part, "SELECT count(*) FROM pg_largeobject_metadata"));
        }
        finally
        {
            await Db.CleanupAsync();
            await EngineClient.RunAsync(admin, $"DROP ROLE IF EXISTS {owner}");
        }
    }

    [Fact]
    public async Task An_oid_taken_in_the_target_by_other_content_is_refused_before_writing_clean_replaces_it_and_the_same_content_is_kept()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE doc (id int PRIMARY KEY, blob oid); INSERT INTO doc VALUES (1, lo_from_bytea(0, 'hello large object'::bytea))");
            var oid = await EngineClient.RunAsync(source, "SELECT blob FROM doc");
            var target = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(target, $"SELECT lo_from_bytea({oid}, 'other'::bytea)");

            var refused = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target);
            Assert.True(refused.ExitCode == 4, refused.All);
            var message = refused.Json.GetProperty("error").GetProperty("message").GetString()!;
            Assert.Contains($"under ids the source's use (content MD5 differs): {oid} (", message, StringComparison.Ordinal);
            Assert.Contains("Nothing was written", message, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
            Assert.Equal("other", await EngineClient.RunAsync(target, $"SELECT convert_from(lo_get({oid}), 'UTF8')"));

            var file = Db.File("taken.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var restore = await CliRunner.RunAsync("--url", target, "restore", file);
            Assert.True(restore.ExitCode == 4, restore.All);
            Assert.Contains($"{oid} (MD5 ", restore.All, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));

            await Ok("--yes", "copy", "--from", source, "--to", target, "--clean");
            Assert.Equal($"{oid}|hello large object", await EngineClient.RunAsync(target, "SELECT oid, convert_from(lo_get(oid), 'UTF8') FROM pg_largeobject_metadata"));

            // the same content under the same oid is the same object: kept (a data-only copy, a restore into a database that has it)
            await Ok("--yes", "copy", "--from", source, "--to", target, "--data-only", "--clean");
            var again = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(again, $"SELECT lo_from_bytea({oid}, 'hello large object'::bytea)");
            await Ok("--url", again, "restore", file);
            foreach (var db in new[] { target, again })
            {
                Assert.Equal($"{oid}|hello large object", await EngineClient.RunAsync(db, "SELECT oid, convert_from(lo_get(oid), 'UTF8') FROM pg_largeobject_metadata"));
                Assert.Equal($"1|{oid}", await EngineClient.RunAsync(db, "SELECT id, blob FROM doc"));
                var verify = await CliRunner.RunAsync("verify", "--url", source, "--against", db, "--checks", "data");
                Assert.True(verify.ExitCode == 0, verify.All);
            }
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Large_objects_removed_while_a_copy_or_backup_runs_arrive_as_the_snapshot_saw_them()
    {
        try
        {
            // rows and large objects removed together while the move reads: the target holds both or neither, never a
            // row whose large object is gone (they are read inside the rows' snapshot)
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE big (id int PRIMARY KEY, pad text); INSERT INTO big SELECT i, repeat('x', 200) FROM generate_series(1, 300000) i; " +
                "CREATE TABLE doc (id int PRIMARY KEY, blob oid); INSERT INTO doc SELECT i, lo_from_bytea(0, convert_to(repeat('y', i), 'UTF8')) FROM generate_series(1, 20) i");
            const string Dangling = "SELECT count(*) FROM doc WHERE NOT EXISTS (SELECT 1 FROM pg_largeobject_metadata m WHERE m.oid = doc.blob)";
            const string Remove = "BEGIN; SELECT lo_unlink(blob) FROM doc WHERE id > {0}; DELETE FROM doc WHERE id > {0}; COMMIT";
            var copied = await Db.NewAsync("postgresql");
            var copy = CliRunner.RunAsync("copy", "--from", source, "--to", copied);
            // here the copy (about 6 s) is reading the rows; the backup (about 3.5 s) below too
            await Task.Delay(3000, TestContext.Current.CancellationToken);
            await EngineClient.RunScriptAsync(source, string.Format(System.Globalization.CultureInfo.InvariantCulture, Remove, 15));
            var file = Db.File("race.nxb");
            var backup = CliRunner.RunAsync("--url", source, "backup", "-o", file);
            await Task.Delay(2500, TestContext.Current.CancellationToken);
            await EngineClient.RunScriptAsync(source, string.Format(System.Globalization.CultureInfo.InvariantCulture, Remove, 10));
            Assert.True((await copy).ExitCode == 0, (await copy).All);
            Assert.True((await backup).ExitCode == 0, (await backup).All);
            var restored = await Db.NewAsync("postgresql");
            await Ok("--url", restored, "restore", file);
            foreach (var db in new[] { copied, restored })
            {
                Assert.Equal("0", await EngineClient.RunAsync(db, Dangling));
                Assert.Equal(await EngineClient.RunAsync(db, "SELECT count(*) FROM doc"), await EngineClient.RunAsync(db, "SELECT count(*) FROM pg_largeobject_metadata"));
            }
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Into_mariadb_large_objects_are_named_and_warned_about_not_carried()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id int PRIMARY KEY, ref bigint); INSERT INTO t VALUES (1, lo_from_bytea(0, 'hello large object'::bytea))");
            var maria = await Db.NewAsync("mysql");
            var copy = await Ok("--json", "copy", "--from", source, "--to", maria);
            Assert.Contains(Strings(copy, "leftOut"), x => x.StartsWith("large objects (1 in pg_largeobject)", StringComparison.Ordinal));
            Assert.Contains(Strings(copy, "warnings"), x => x.StartsWith("source: not copied: 1 large objects, 18 bytes", StringComparison.Ordinal));

            var file = Db.File("m.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var restored = await Db.NewAsync("mysql");
            var restore = await Ok("--json", "--url", restored, "restore", file);
            Assert.Contains(Strings(restore, "leftOut"), x => x.StartsWith("large objects (1 in the backup): their content is not restored (MySQL/MariaDB has no large objects)", StringComparison.Ordinal));
            Assert.Contains(Strings(restore, "warnings"), x => x.StartsWith("not restored: 1 large objects, 18 bytes", StringComparison.Ordinal));
            var oid = await EngineClient.RunAsync(source, "SELECT ref FROM t");
            foreach (var db in new[] { maria, restored }) Assert.Equal(oid, await EngineClient.RunAsync(db, "SELECT ref FROM t"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
