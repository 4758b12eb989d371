namespace NexuSql.Cli.Tests;

/// <summary>
/// Destroying is never casual: without a terminal, reset, restore --clean, copy --clean and schema apply --allow-drop
/// need --yes on every environment, and a URL naming a protected environment's database is protected too.
/// </summary>
public sealed class ConfirmationCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-confirm-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string In(string name) => Path.Combine(_dir, name);

    private string Url(string name) => "sqlite:///" + In(name);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string[]> TablesAsync(string url) =>
        [.. (await CliRunner.OkAsync("--url", url, "--json", "query", "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
            .Json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("name").GetString()!)];

    private static async Task RefusedAsync(string expected, string[] args, IDictionary<string, string>? environment = null)
    {
        var r = await CliRunner.RunAsync(["--json", .. args], environment);
        Assert.True(r.ExitCode == 4, $"nexusql {string.Join(' ', args)} → {r.ExitCode}\n{r.All}");
        Assert.Equal("refused", r.Json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains(expected, r.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Destructive_commands_need_yes_without_a_terminal_even_where_nothing_is_protected()
    {
        var (db, other) = (Url("a.db"), Url("o.db"));
        await CliRunner.OkAsync("--url", db, "exec", "CREATE TABLE t (id INTEGER PRIMARY KEY)");
        await CliRunner.OkAsync("--url", other, "exec", "CREATE TABLE u (id INTEGER PRIMARY KEY)");
        await CliRunner.OkAsync("--url", db, "backup", "-o", In("a.nxb"));
        await CliRunner.OkAsync("--url", db, "schema", "dump", "-o", In("a.json"));
        await File.WriteAllTextAsync(In("empty.json"), """{"tables":[]}""", Ct);

        await RefusedAsync("reset destroys data in sqlite:///", ["--url", db, "reset"]);
        await RefusedAsync("add --yes to confirm (there is no terminal to ask)", ["--url", db, "reset", "--data-only"]);
        await RefusedAsync("restore --clean destroys data", ["--url", other, "restore", In("a.nxb"), "--clean"]);
        await RefusedAsync("copy --clean destroys data", ["copy", "--from", db, "--to", other, "--clean"]);
        await RefusedAsync("schema apply --allow-drop destroys data", ["--url", db, "schema", "apply", In("empty.json"), "--allow-drop"]);
        Assert.Equal(["t"], await TablesAsync(db));
        Assert.Equal(["u"], await TablesAsync(other));

        // nothing destroyed, nothing asked: a plan without drops, a dry run, a copy into an empty database
        await CliRunner.OkAsync("--url", db, "schema", "apply", In("a.json"), "--allow-drop");
        await CliRunner.OkAsync("--url", db, "schema", "apply", In("empty.json"), "--allow-drop", "--dry-run");
        await CliRunner.OkAsync("copy", "--from", db, "--to", Url("new.db"));

        await CliRunner.OkAsync("--url", other, "--yes", "restore", In("a.nxb"), "--clean");
        Assert.Equal(["t"], await TablesAsync(other));
        await CliRunner.OkAsync("--url", db, "--yes", "schema", "apply", In("empty.json"), "--allow-drop");
        Assert.Empty(await TablesAsync(db));
        await CliRunner.OkAsync("--url", other, "--yes", "reset");
        Assert.Empty(await TablesAsync(other));
    }

    [Fact]
    public async Task A_url_naming_a_protected_environments_database_is_protected_however_it_is_spelled()
    {
        var config = In("nexusql.json");
        await File.WriteAllTextAsync(config, """{"environments":{"dev":{"url":"sqlite:///dev.db"},"prod":{"url":"${SHOP_PROD_URL}","protected":true}}}""", Ct);
        var prod = new Dictionary<string, string> { ["SHOP_PROD_URL"] = Url("prod.db") };
        await CliRunner.OkAsync("--url", Url("prod.db"), "exec", "CREATE TABLE orders (id INTEGER PRIMARY KEY)");
        await CliRunner.OkAsync("--url", Url("dev.db"), "exec", "CREATE TABLE orders (id INTEGER PRIMARY KEY)");

        // the same file through --url (another spelling of its path), DATABASE_URL and copy --to
        var spelled = "sqlite:///" + Path.Combine(_dir, "sub", "..", "prod.db");
        Directory.CreateDirectory(In("sub"));
        await RefusedAsync("--url names the database of protected environment prod: reset was not confirmed (type the environment's name exactly, or pass --confirm prod)",
            ["--config", config, "--url", spelled, "--yes", "reset"], prod);
        await RefusedAsync("DATABASE_URL names the database of protected environment prod",
            ["--config", config, "--yes", "reset", "--data-only"], new Dictionary<string, string>(prod) { ["DATABASE_URL"] = Url("prod.db") });
        await RefusedAsync("--to names the database of protected environment prod: copy --clean needs --yes",
            ["--config", config, "copy", "--from", "dev", "--to", Url("prod.db"), "--clean"], prod);
        // through a symbolic link to the file, and a server's database through another name of the same host (the
        // break test: localhost instead of prod's 127.0.0.1 let reset --yes drop prod's tables); refused before connecting
        File.CreateSymbolicLink(In("alias.db"), In("prod.db"));
        await RefusedAsync("--url names the database of protected environment prod",
            ["--config", config, "--url", Url("alias.db"), "--yes", "reset"], prod);
        // and as a SQLite URI file name (bt41 F34: file:prod.db reset prod without --confirm)
        foreach (var uri in new[] { "sqlite:///file:" + In("prod.db"), $"sqlite:///file://{In("prod.db")}?cache=private", "sqlite:///file:" + In("sub/../pro%64.db") })
            await RefusedAsync("--url names the database of protected environment prod", ["--config", config, "--url", uri, "--yes", "reset", "--data-only"], prod);
        var server = new Dictionary<string, string> { ["SHOP_PROD_URL"] = "postgresql://app@127.0.0.1:9/shop" };
        foreach (var other in new[] { "postgresql://app@localhost:9/shop", "postgresql://app@[::1]:9/shop", "postgresql://app@db1,localhost:9/shop" })
            await RefusedAsync("--url names the database of protected environment prod", ["--config", config, "--url", other, "--yes", "reset"], server);
        Assert.Equal(["orders"], await TablesAsync(Url("prod.db")));

        // through another environment whose URL names prod's database: its NAME_DATABASE_URL, or its entry (bt42 N13:
        // DEV_DATABASE_URL=prod's file, and -e dev reset, copy --to dev --clean, restore --clean emptied prod)
        var devIsProd = new Dictionary<string, string>(prod) { ["DEV_DATABASE_URL"] = spelled };
        await RefusedAsync("environment dev names the database of protected environment prod: reset --data-only was not confirmed (type the environment's name exactly, or pass --confirm prod)",
            ["--config", config, "-e", "dev", "--yes", "reset", "--data-only"], devIsProd);
        await RefusedAsync("environment dev names the database of protected environment prod",
            ["--config", config, "-e", "dev", "--yes", "--confirm", "dev", "reset", "--data-only"], devIsProd);
        await RefusedAsync("environment dev names the database of protected environment prod: copy --clean needs --yes",
            ["--config", config, "copy", "--from", Url("dev.db"), "--to", "dev", "--clean"], devIsProd);
        var slip = In("slip.json");
        await File.WriteAllTextAsync(slip, """{"environments":{"dev":{"url":"sqlite:///./prod.db"},"prod":{"url":"sqlite:///prod.db","protected":true}}}""", Ct);
        await RefusedAsync("environment dev names the database of protected environment prod", ["--config", slip, "-e", "dev", "--yes", "reset"]);
        Assert.Equal(["orders"], await TablesAsync(Url("prod.db")));

        // a variable not set: the environment's database cannot be known, so nothing matches it (and dev is not protected)
        await CliRunner.OkAsync("--config", config, "--url", Url("dev.db"), "--yes", "reset");
        await CliRunner.OkAsync(["--config", config, "--url", spelled, "--yes", "--confirm", "prod", "reset"], prod);
        Assert.Empty(await TablesAsync(Url("prod.db")));
    }

    /// <summary>
    /// bt40 N-H8: <c>postgresql://h/x?database=prodx</c> reached prodx while the protection check and every message said
    /// x, so <c>reset --yes</c> emptied a protected database. A URL option that changes the host, port, user, password,
    /// database or file the URL itself gives is a usage error, before anything connects; one giving the same value is not.
    /// </summary>
    [Fact]
    public async Task A_url_option_may_not_change_the_database_host_or_user_the_url_names()
    {
        var config = In("nexusql.json");
        await File.WriteAllTextAsync(config, """{"environments":{"prod":{"url":"${SHOP_PROD_URL}","protected":true}}}""", Ct);
        var prod = new Dictionary<string, string> { ["SHOP_PROD_URL"] = Url("prod.db") };
        await CliRunner.OkAsync("--url", Url("prod.db"), "exec", "CREATE TABLE orders (id INTEGER PRIMARY KEY)");
        foreach (var (url, option, keyword) in new[]
        {
            (Url("x.db") + "?data_source=" + In("prod.db"), "data_source", "Data Source"),
            ("postgresql://app@127.0.0.1:9/x?database=shop", "database", "Database"),
            ("postgresql://app@otherhost:9999/shop?host=127.0.0.1&port=9", "host", "Host"),
            ("postgresql://app@127.0.0.1:9/shop?Server=localhost", "Server", "Host"),
            ("postgresql://app@127.0.0.1:9/shop?password=hunter2", "password", "Password"),
            ("mysql://root@127.0.0.1:9/x?database=shop", "database", "Database"),
            ("mysql://root@127.0.0.1:9/shop?uid=bob", "uid", "User ID"),
            // bt41 F11: the protocol decides what the host names (a socket file, a pipe)
            ("mysql://root@127.0.0.1:9/shop?protocol=unix", "protocol", "Connection Protocol"),
            ("mysql://root@127.0.0.1:9/shop?connection_protocol=pipe", "connection_protocol", "Connection Protocol"),
        })
        {
            var r = await CliRunner.RunAsync(["--json", "--config", config, "--url", url, "--yes", "reset", "--data-only"], prod);
            Assert.True(r.ExitCode == 2, $"{url} → {r.ExitCode}\n{r.All}");
            Assert.Equal("usage", r.Json.GetProperty("error").GetProperty("kind").GetString());
            Assert.Contains($"URL option '{option}' sets the driver's {keyword}, which the URL itself gives", r.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", r.All, StringComparison.Ordinal);
        }
        Assert.Equal(["orders"], await TablesAsync(Url("prod.db")));
        // the same value as the URL's own is no change
        await CliRunner.OkAsync("--url", Url("x.db") + "?data_source=" + In("x.db"), "exec", "CREATE TABLE t (id INTEGER PRIMARY KEY)");
        Assert.Equal(["t"], await TablesAsync(Url("x.db")));
    }
}
