using NexuSql.Specification;

namespace NexuSql.Cli.Tests;

/// <summary>Scratch databases on each live engine for CLI tests, and a sample schema with data that is easy to lose.</summary>
public sealed class LiveDatabases(string stem) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory($"nexusql-cli-{stem}-").FullName;
    private readonly List<Func<Task>> _cleanup = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string File(string name) => Path.Combine(_dir, name);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Drops the server databases made so far.</summary>
    public async Task CleanupAsync()
    {
        foreach (var c in _cleanup) await c();
        _cleanup.Clear();
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<NexuSqlEngine, Lazy<Task<string?>>> Reachable = new();

    /// <summary>Null when the server answers the engine's own client, else why not; asked once per test run and engine.</summary>
    private static Task<string?> UnreachableAsync(DatabaseUrl admin, NexuSqlEngine kind) =>
        Reachable.GetOrAdd(kind, _ => new(async () =>
        {
            try
            {
                await EngineClient.RunAsync(admin.ToSecretString(), "SELECT 1");
                return null;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return e.Message.Trim();
            }
        })).Value;

    /// <summary>A new empty database on the engine: a file for SQLite, CREATE DATABASE on the servers (dropped afterwards).</summary>
    public Task<string> NewAsync(string engine) => NewAsync(engine, "");

    /// <summary>A new database on <paramref name="engine"/>, created with <paramref name="options"/> after its name (PostgreSQL: <c>ENCODING 'LATIN1' TEMPLATE template0 ...</c>).</summary>
    public async Task<string> NewAsync(string engine, string options)
    {
        if (engine == "sqlite") return "sqlite:///" + File($"{Guid.NewGuid():N}.db");
        var (admin, kind) = engine == "postgresql" ? (LiveServers.PostgreSql, NexuSqlEngine.PostgreSql) : (LiveServers.MySql, NexuSqlEngine.MySql);
        if (await UnreachableAsync(admin, kind) is { } why) LiveServers.Unavailable<int>(kind, why);
        var name = $"nexusql_cli_backup_{Guid.NewGuid():N}"[..32];
        // the engine's own client, not the tool under test: test set-up costs a C client, not a .NET process start
        await EngineClient.RunAsync(admin.ToSecretString(), $"CREATE DATABASE {name} {options}".TrimEnd());
        _cleanup.Add(async () =>
        {
            try { await EngineClient.RunAsync(admin.ToSecretString(), kind == NexuSqlEngine.PostgreSql ? $"DROP DATABASE {name} WITH (FORCE)" : $"DROP DATABASE {name}"); }
            catch (Exception e) when (e is not OutOfMemoryException) { } // a scratch database left behind fails no test
        });
        return admin.WithDatabase(name).ToSecretString();
    }

    public const string Schema = """
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

    public async Task SeedAsync(string url)
    {
        await System.IO.File.WriteAllTextAsync(File("schema.json"), Schema, Ct);
        var apply = await CliRunner.RunAsync("--url", url, "schema", "apply", File("schema.json"));
        Assert.True(apply.ExitCode == 0, apply.All);
        // MariaDB's default collation (utf8mb4_unicode_ci) would make owners_name_uq case-insensitive, which a copy to
        // another engine refuses (break test 26 G28): the key compares characters, as on PostgreSQL and SQLite
        if (url.StartsWith("mysql", StringComparison.OrdinalIgnoreCase) || url.StartsWith("mariadb", StringComparison.OrdinalIgnoreCase))
            Assert.Equal(0, (await CliRunner.RunAsync("--url", url, "exec", "ALTER TABLE owners MODIFY name varchar(40) NOT NULL COLLATE utf8mb4_nopad_bin")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("--url", url, "exec", "INSERT INTO owners (name) VALUES ('ann'), ('bob')")).ExitCode);
        var insert = await CliRunner.RunAsync("--url", url, "exec",
            "INSERT INTO items (id, owner_id, flag, qty, price, ratio, label, notes, payload, ref, day, at, instant) " +
            "VALUES (1, 1, :flag, 7, :price, :ratio, :label, :notes, :blob, :ref, :day, :at, :instant), (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL), (3, 2, :f, 0, :zero, :neg, :empty, :empty, :none, NULL, NULL, NULL, NULL)",
            "-p", "flag:bool=true", "-p", "price:decimal=12345678901234567890.12345678", "-p", "ratio:double=0.1", "-p", "label=Grüße 😀 ok",
            "-p", "notes=" + new string('n', 20_000) + "\u00e9\U0001F600", "-p", "blob:base64=AAEC/wA=", "-p", "ref:uuid=3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            "-p", "day:date=2024-02-29", "-p", "at:datetime=2024-02-29T23:59:59.123456", "-p", "instant:datetimeoffset=2024-06-01T08:30:00.5+02:00",
            "-p", "f:bool=false", "-p", "zero:decimal=0", "-p", "neg:double=-1e300", "-p", "empty=", "-p", "none:base64=");
        Assert.True(insert.ExitCode == 0, insert.All);
        var doc = await CliRunner.RunAsync("--url", url, "exec", "UPDATE items SET doc = :doc WHERE id = 1", "-p", """doc={"b": [1, 2.50, "😀"], "a": {"z": null}}""");
        if (doc.ExitCode != 0) // PostgreSQL wants jsonb, not text
            doc = await CliRunner.RunAsync("--url", url, "exec", "UPDATE items SET doc = CAST(:doc AS jsonb) WHERE id = 1", "-p", """doc={"b": [1, 2.50, "😀"], "a": {"z": null}}""");
        Assert.True(doc.ExitCode == 0, doc.All);
    }
}
