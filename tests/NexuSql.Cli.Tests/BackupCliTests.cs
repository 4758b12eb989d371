using System.Diagnostics;
using NexuSql.Specification;

namespace NexuSql.Cli.Tests;

/// <summary>`nexusql backup | restore` across every pair of live engines, and killed mid-way.</summary>
public sealed class BackupCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-cli-backup-").FullName;
    private readonly List<Func<Task>> _cleanup = [];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name) => Path.Combine(_dir, name);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new empty database on the engine: a file for SQLite, CREATE DATABASE on the servers (dropped afterwards).</summary>
    private async Task<string> NewDatabaseAsync(string engine)
    {
        if (engine == "sqlite") return "sqlite:///" + File($"{Guid.NewGuid():N}.db");
        var (admin, kind) = engine == "postgresql" ? (LiveServers.PostgreSql, NexuSqlEngine.PostgreSql) : (LiveServers.MySql, NexuSqlEngine.MySql);
        var check = await CliRunner.RunAsync("--url", admin.ToSecretString(), "check");
        if (check.ExitCode != 0) LiveServers.Unavailable<int>(kind, check.All.Trim());
        var name = $"nexusql_cli_backup_{Guid.NewGuid():N}"[..32];
        Assert.Equal(0, (await CliRunner.RunAsync("--url", admin.ToSecretString(), "exec", $"CREATE DATABASE {name}")).ExitCode);
        _cleanup.Add(() => CliRunner.RunAsync("--url", admin.ToSecretString(), "exec", kind == NexuSqlEngine.PostgreSql ? $"DROP DATABASE {name} WITH (FORCE)" : $"DROP DATABASE {name}"));
        return admin.WithDatabase(name).ToSecretString();
    }

    private const string Schema = """
        {
          "tables": [
            { "name": "owners", "columns": [ { "name": "id", "type": "int64", "nullable": false, "identity": true }, { "name": "name", "type": "string(40)", "nullable": false } ],
              "primaryKey": { "columns": ["id"] }, "uniques": [ { "name": "owners_name_uq", "columns": ["name"] } ] },
            { "name": "items", "columns": [
                { "name": "id", "type": "int64", "nullable": false }, { "name": "owner_id", "type": "int64" }, { "name": "flag", "type": "boolean" },
                { "name": "qty", "type": "int32" }, { "name": "price", "type": "decimal(30,8)" }, { "name": "ratio", "type": "float64" },
                { "name": "label", "type": "string(20)" }, { "name": "notes", "type": "text" }, { "name": "payload", "type": "binary" },
                { "name": "ref", "type": "uuid" }, { "name": "day", "type": "date" }, { "name": "at", "type": "timestamp" },
                { "name": "instant", "type": "timestamptz" }, { "name": "doc", "type": "json" } ],
              "primaryKey": { "columns": ["id"] },
              "foreignKeys": [ { "columns": ["owner_id"], "referencedTable": "owners", "referencedColumns": ["id"] } ],
              "indexes": [ { "name": "items_day", "columns": [ { "name": "day" }, { "name": "id", "descending": true } ] } ],
              "checks": [ { "name": "items_qty_check", "expression": "qty >= 0" } ] }
          ]
        }
        """;

    private async Task SeedAsync(string url)
    {
        await System.IO.File.WriteAllTextAsync(File("schema.json"), Schema, Ct);
        var apply = await CliRunner.RunAsync("--url", url, "schema", "apply", File("schema.json"));
        Assert.True(apply.ExitCode == 0, apply.All);
        Assert.Equal(0, (await CliRunner.RunAsync("--url", url, "exec", "INSERT INTO owners (name) VALUES ('ann'), ('bob')")).ExitCode);
        var insert = await CliRunner.RunAsync("--url", url, "exec",
            "INSERT INTO items (id, owner_id, flag, qty, price, ratio, label, notes, payload, ref, day, at, instant) " +
            "VALUES (1, 1, :flag, 7, :price, :ratio, :label, :notes, :blob, :ref, :day, :at, :instant), (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL), (3, 2, :f, 0, :zero, :neg, :empty, :empty, :none, NULL, NULL, NULL, NULL)",
            "-p", "flag:bool=true", "-p", "price:decimal=1234567890123456789012.12345678", "-p", "ratio:double=0.1", "-p", "label=Grüße 😀 ok",
            "-p", "notes=" + new string('n', 20_000) + "\u00e9\U0001F600", "-p", "blob:base64=AAEC/wA=", "-p", "ref:uuid=3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            "-p", "day:date=2024-02-29", "-p", "at:datetime=2024-02-29T23:59:59.123456", "-p", "instant:datetimeoffset=2024-06-01T08:30:00.5+02:00",
            "-p", "f:bool=false", "-p", "zero:decimal=0", "-p", "neg:double=-1e300", "-p", "empty=", "-p", "none:base64=");
        Assert.True(insert.ExitCode == 0, insert.All);
        var doc = await CliRunner.RunAsync("--url", url, "exec", "UPDATE items SET doc = :doc WHERE id = 1", "-p", """doc={"b": [1, 2.50, "😀"], "a": {"z": null}}""");
        if (doc.ExitCode != 0) // PostgreSQL wants jsonb, not text
            doc = await CliRunner.RunAsync("--url", url, "exec", "UPDATE items SET doc = CAST(:doc AS jsonb) WHERE id = 1", "-p", """doc={"b": [1, 2.50, "😀"], "a": {"z": null}}""");
        Assert.True(doc.ExitCode == 0, doc.All);
    }

    public static TheoryData<string, string> Pairs => new()
    {
        { "sqlite", "postgresql" }, { "sqlite", "mysql" }, { "postgresql", "mysql" }, { "postgresql", "sqlite" },
        { "mysql", "postgresql" }, { "mysql", "sqlite" }, { "sqlite", "sqlite" }, { "postgresql", "postgresql" }, { "mysql", "mysql" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Backup_from_one_engine_restores_into_another_with_identical_data(string from, string to)
    {
        try
        {
            var source = await NewDatabaseAsync(from);
            var target = await NewDatabaseAsync(to);
            await SeedAsync(source);
            var backup = await CliRunner.RunAsync("--url", source, "--json", "backup", "-o", File("b.nxb"));
            Assert.True(backup.ExitCode == 0, backup.All);
            Assert.Equal(5, backup.Json.GetProperty("rows").GetInt32());
            Assert.DoesNotContain(source, System.Text.Encoding.Latin1.GetString(await System.IO.File.ReadAllBytesAsync(File("b.nxb"), Ct)));

            // the restore itself compares every table's count and content hash with the backup's
            var restore = await CliRunner.RunAsync("--url", target, "--json", "restore", File("b.nxb"));
            Assert.True(restore.ExitCode == 0, restore.All);
            Assert.Equal(5, restore.Json.GetProperty("rows").GetInt32());

            var row = (await CliRunner.RunAsync("--url", target, "--json", "query", "SELECT label, notes, ratio FROM items WHERE id = 1")).Json.GetProperty("rows")[0];
            Assert.Equal("Grüße 😀 ok", row.GetProperty("label").GetString());
            Assert.Equal(20_003, row.GetProperty("notes").GetString()!.Length);
            Assert.Equal(0.1, row.GetProperty("ratio").GetDouble());
            var empty = (await CliRunner.RunAsync("--url", target, "--json", "query", "SELECT label FROM items WHERE id = 3")).Json.GetProperty("rows")[0];
            Assert.Equal("", empty.GetProperty("label").GetString());
            // schema came along: foreign key enforced, identity continues
            Assert.Equal(1, (await CliRunner.RunAsync("--url", target, "exec", "INSERT INTO items (id, owner_id) VALUES (9, 99)")).ExitCode);
            Assert.Equal(0, (await CliRunner.RunAsync("--url", target, "exec", "INSERT INTO owners (name) VALUES ('cy')")).ExitCode);
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", target, "--to", File("schema.json"));
            Assert.True(diff.ExitCode == 0, diff.All);

            var again = await CliRunner.RunAsync("--url", target, "--json", "restore", File("b.nxb"));
            Assert.Equal(4, again.ExitCode);
            Assert.Equal("refused", again.Json.GetProperty("error").GetProperty("kind").GetString());
        }
        finally
        {
            foreach (var c in _cleanup) await c();
        }
    }

    [Fact]
    public async Task A_value_the_target_cannot_hold_is_named_and_the_target_stays_empty()
    {
        try
        {
            var source = await NewDatabaseAsync("sqlite");
            var target = await NewDatabaseAsync("mysql");
            await SeedAsync(source);
            // SQLite keeps what it is given: a label longer than string(20) and a timestamp with 100 ns
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "exec", "UPDATE items SET label = :l WHERE id = 3", "-p", "l=" + new string('x', 25))).ExitCode);
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "backup", "-o", File("b.nxb"))).ExitCode);
            var restore = await CliRunner.RunAsync("--url", target, "--json", "restore", File("b.nxb"));
            Assert.Equal(1, restore.ExitCode);
            var error = restore.Json.GetProperty("error");
            Assert.Equal("value", error.GetProperty("kind").GetString());
            Assert.Equal(("items", "label", "id=3"), (error.GetProperty("table").GetString(), error.GetProperty("column").GetString(), error.GetProperty("key").GetString()));
            Assert.Contains("25 characters do not fit string(20)", error.GetProperty("message").GetString());
            var tables = await CliRunner.RunAsync("--url", target, "--json", "query", "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE()");
            Assert.Equal(0, tables.Json.GetProperty("rows")[0].GetProperty("n").GetInt32());
        }
        finally
        {
            foreach (var c in _cleanup) await c();
        }
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(CliRunner.DllPath);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("DATABASE_URL");
        return Process.Start(start)!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Process process, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (process.HasExited)
                Assert.Fail($"the process ended (exit {process.ExitCode}) before {what}: {await process.StandardOutput.ReadToEndAsync(Ct)} {await process.StandardError.ReadToEndAsync(Ct)}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"timed out waiting for {what}");
            await Task.Delay(20, Ct);
        }
    }

    [Fact]
    public async Task Killed_backups_never_look_complete_and_killed_restores_are_marked_and_cleaned()
    {
        var source = "sqlite:///" + File("big.db");
        Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "exec", "CREATE TABLE big (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "exec",
            "INSERT INTO big (id, payload) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1500000) SELECT x, printf('row %d %s', x, hex(randomblob(24))) FROM c")).ExitCode);
        var folder = Path.Combine(_dir, "backups");
        var path = Path.Combine(folder, "killed.nxb");

        var backup = Start("--url", source, "backup", "-o", path);
        string? Partial() => Directory.Exists(folder) ? Directory.GetFiles(folder, "*.partial").SingleOrDefault() : null;
        await WaitUntilAsync(() => Partial() is { } p && new FileInfo(p).Length > 100_000, backup, "the backup to write");
        backup.Kill(entireProcessTree: true);
        await backup.WaitForExitAsync(Ct);
        Assert.False(System.IO.File.Exists(path), "a killed backup has the final name");
        var list = await CliRunner.RunAsync("--json", "backup", "list", "--dir", folder);
        var listed = list.Json.GetProperty("backups")[0];
        Assert.False(listed.GetProperty("usable").GetBoolean());
        Assert.StartsWith("incomplete", listed.GetProperty("status").GetString());
        var partialRestore = await CliRunner.RunAsync("--url", "sqlite:///" + File("never.db"), "restore", Partial()!);
        Assert.Equal(1, partialRestore.ExitCode);
        Assert.Contains("no NexuSQL seal", partialRestore.Stderr);

        Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "backup", "-o", path)).ExitCode);
        var target = "sqlite:///" + File("target.db");
        var restore = Start("--url", target, "restore", path);
        await WaitUntilAsync(() => System.IO.File.Exists(File("target.db")) && new FileInfo(File("target.db")).Length > 0, restore, "the restore to start");
        await Task.Delay(300, Ct);
        restore.Kill(entireProcessTree: true);
        await restore.WaitForExitAsync(Ct);
        var after = await CliRunner.RunAsync("--url", target, "restore", path);
        Assert.Equal(4, after.ExitCode);
        Assert.Contains("interrupted restore: add --resume to finish it, or --clean to start over", after.Stderr);
        var resumed = await CliRunner.RunAsync("--url", target, "restore", path, "--resume");
        Assert.True(resumed.ExitCode == 0, resumed.All);
        var count = await CliRunner.RunAsync("--url", target, "--json", "query", "SELECT COUNT(*) AS n FROM big");
        Assert.Equal(1_500_000, count.Json.GetProperty("rows")[0].GetProperty("n").GetInt32());
    }
}
