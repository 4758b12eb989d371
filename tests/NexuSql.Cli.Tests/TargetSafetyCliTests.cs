using System.Diagnostics;
using NexuSql.Specification;

namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 29: a target that is the source under another name (two hard links of one SQLite file) is refused before
/// anything is dropped (M6); a target that lives in the tool's memory is refused instead of "succeeding" into nothing
/// (M14).
/// </summary>
public sealed class TargetSafetyCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-target-safety-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string In(string name) => Path.Combine(_dir, name);

    private string Url(string name) => "sqlite:///" + In(name);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task LinkAsync(string existing, string link)
    {
        using var ln = Process.Start("ln", [existing, link]);
        await ln.WaitForExitAsync(Ct);
        Assert.Equal(0, ln.ExitCode);
    }

    /// <summary>A SQLite file with table keep(id, v) holding two rows, and a hard link to it.</summary>
    private async Task<(string Source, string Link)> LinkedAsync()
    {
        var (source, link) = (Url("a.db"), Url("b.db"));
        Assert.Equal("", await EngineClient.RunAsync(source, "CREATE TABLE keep (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO keep VALUES (1, 'a'), (2, 'b')"));
        await LinkAsync(In("a.db"), In("b.db"));
        return (source, link);
    }

    private static async Task<CliRunner.Result> ExpectAsync(int exit, string kind, string text, string[] args, IDictionary<string, string>? environment = null)
    {
        var r = await CliRunner.RunAsync(["--json", .. args], environment);
        Assert.True(r.ExitCode == exit, $"nexusql {string.Join(' ', args)} → {r.ExitCode}\n{r.All}");
        Assert.Equal(kind, r.Json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains(text, r.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        return r;
    }

    [Theory]
    [InlineData("--data-only", "--clean")]
    [InlineData("--clean")]
    [InlineData("--data-only")]
    [InlineData("--resume")]
    public async Task Copy_between_two_hard_links_of_one_file_is_refused_and_the_source_keeps_its_rows(params string[] options)
    {
        var (source, link) = await LinkedAsync();
        await ExpectAsync(4, "refused", "are the same database", ["copy", "--from", source, "--to", link, .. options, "--yes"]);
        await ExpectAsync(4, "refused", "are the same database", ["copy", "--from", link, "--to", source, .. options, "--yes"]);
        Assert.Equal("1|a\n2|b", await EngineClient.RunAsync(source, "SELECT id, v FROM keep ORDER BY id"));
        Assert.Equal("keep", await EngineClient.RunAsync(source, "SELECT group_concat(name) FROM sqlite_master"));
    }

    [Fact]
    public async Task Copy_into_a_separate_copy_of_the_file_is_allowed()
    {
        var (source, _) = await LinkedAsync();
        File.Copy(In("a.db"), In("c.db"));
        await EngineClient.RunAsync(Url("c.db"), "DELETE FROM keep");
        await CliRunner.OkAsync("copy", "--from", source, "--to", Url("c.db"), "--data-only");
        Assert.Equal("1|a\n2|b", await EngineClient.RunAsync(Url("c.db"), "SELECT id, v FROM keep ORDER BY id"));
        await CliRunner.OkAsync("copy", "--from", source, "--to", Url("c.db"), "--clean", "--yes");
        Assert.Equal("1|a\n2|b", await EngineClient.RunAsync(Url("c.db"), "SELECT id, v FROM keep ORDER BY id"));
        Assert.Equal("1|a\n2|b", await EngineClient.RunAsync(source, "SELECT id, v FROM keep ORDER BY id"));
    }

    [Fact]
    public async Task Copy_between_hard_links_is_refused_while_another_connection_holds_the_database()
    {
        // SQLite's own locks (fcntl) do not disturb the probe (flock): a reader in the middle of a transaction changes nothing
        var (source, link) = await LinkedAsync();
        var reader = new ProcessStartInfo("sqlite3") { RedirectStandardInput = true, RedirectStandardOutput = true };
        reader.ArgumentList.Add(In("a.db"));
        using var holder = Process.Start(reader)!;
        await holder.StandardInput.WriteLineAsync("BEGIN; SELECT count(*) FROM keep;");
        await holder.StandardInput.FlushAsync(Ct);
        Assert.Equal("2", await holder.StandardOutput.ReadLineAsync(Ct));
        try
        {
            await ExpectAsync(4, "refused", "are the same database", ["copy", "--from", source, "--to", link, "--data-only", "--clean", "--yes"]);
        }
        finally
        {
            holder.StandardInput.Close();
            await holder.WaitForExitAsync(Ct);
        }
        Assert.Equal("1|a\n2|b", await EngineClient.RunAsync(source, "SELECT id, v FROM keep ORDER BY id"));
    }

    [Fact]
    public async Task A_url_naming_a_hard_link_of_a_protected_environments_file_is_protected()
    {
        var (_, link) = await LinkedAsync();
        var config = In("nexusql.json");
        await File.WriteAllTextAsync(config, "{\"environments\":{\"dev\":{\"url\":\"" + Url("dev.db") + "\"},\"prod\":{\"url\":\"" + Url("a.db") + "\",\"protected\":true}}}", Ct);
        await ExpectAsync(4, "refused", "--url names the database of protected environment prod",
            ["--config", config, "--url", link, "--yes", "reset"]);
        await CliRunner.OkAsync("--url", Url("dev.db"), "exec", "CREATE TABLE keep (id INTEGER PRIMARY KEY, v TEXT)");
        await ExpectAsync(4, "refused", "--to names the database of protected environment prod",
            ["--config", config, "copy", "--from", "dev", "--to", link, "--clean", "--yes"]);
        Assert.Equal("1|a\n2|b", await EngineClient.RunAsync(Url("a.db"), "SELECT id, v FROM keep ORDER BY id"));
    }

    /// <summary>Runs a command as root; false when it fails (no root, no permission to mount).</summary>
    private static async Task<bool> RootAsync(string file, params string[] args)
    {
        if (Environment.UserName != "root") return false;
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        await p.WaitForExitAsync(Ct);
        return p.ExitCode == 0;
    }

    [Fact]
    public async Task A_full_disk_is_a_storage_error_naming_the_file_with_nothing_half_written_left_as_whole()
    {
        var full = Directory.CreateDirectory(In("full")).FullName;
        Assert.SkipUnless(await RootAsync("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", full), "needs root to mount a 1 MiB tmpfs");
        try
        {
            var source = Url("big.db");
            Assert.Equal("", await EngineClient.RunAsync(source, "CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB); " +
                "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 3000) INSERT INTO t SELECT i, randomblob(1000) FROM c"));

            var backup = await ExpectAsync(1, "storage", $"Cannot write the backup to {Path.Combine(full, "b.nxb")}: the disk is full",
                ["--url", source, "backup", "-o", Path.Combine(full, "b.nxb")]);
            Assert.Contains("Free space there, or choose another folder (-o). No backup was written (its unfinished .partial file is removed).",
                backup.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(full));

            var target = "sqlite:///" + Path.Combine(full, "c.db");
            var copy = await ExpectAsync(1, "storage", "The disk holding the database file is full", ["copy", "--from", source, "--to", target]);
            Assert.Contains($"The target is marked as an unfinished copy (nothing half-copied looks complete). Continue with: nexusql copy --from {source} --to {target} --resume",
                copy.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal("13", copy.Json.GetProperty("error").GetProperty("code").GetString());
            // the half-copied target is marked, never taken for a whole copy; the source is as it was
            Assert.Equal("nexusql_copy_incomplete", await EngineClient.RunAsync(target, "SELECT name FROM sqlite_master WHERE name = 'nexusql_copy_incomplete'"));
            Assert.Equal("3000", await EngineClient.RunAsync(source, "SELECT count(*) FROM t"));
            var plain = await CliRunner.RunAsync("copy", "--from", source, "--to", target);
            Assert.Equal(4, plain.ExitCode);
            Assert.Contains("holds an interrupted copy", plain.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Assert.True(await RootAsync("umount", full));
        }
    }

    [Fact]
    public void Every_error_kind_the_tool_writes_is_documented_with_its_exit_code()
    {
        // break test 29 M10: kind internal was written but not documented
        var cli = Path.Combine(CliRunner.RepositoryRoot, "src", "NexuSql.Cli");
        var code = string.Join("\n", Directory.GetFiles(cli, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).Select(File.ReadAllText));
        // Output.Error("kind", ...) and WriteError(w, "kind", ...) anywhere; the arms of Output.Describe's switch
        var describe = code[code.IndexOf("var kind = e switch", StringComparison.Ordinal)..];
        describe = describe[..describe.IndexOf("};", StringComparison.Ordinal)];
        var kinds = System.Text.RegularExpressions.Regex.Matches(code, @"(?:Error\(|WriteError\(w, )""(?<kind>[a-z]+)""")
            .Concat(System.Text.RegularExpressions.Regex.Matches(describe, @"=> ""(?<kind>[a-z]+)"""))
            .Select(m => m.Groups["kind"].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(["usage", "refused", "failed", "internal", "cancelled", "storage", "constraint", "database"]), kinds);
        var doc = File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot, "docs", "cli.md"));
        var documented = System.Text.RegularExpressions.Regex.Matches(doc, @"^\s*\| `(?<kind>[a-z]+)` \| (?<exit>\d+) \|", System.Text.RegularExpressions.RegexOptions.Multiline)
            .ToDictionary(m => m.Groups["kind"].Value, m => int.Parse(m.Groups["exit"].Value, System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        Assert.Empty(kinds.Except(documented.Keys));
        Assert.Equal(2, documented["usage"]);
        Assert.Equal(4, documented["refused"]);
        Assert.Equal(130, documented["cancelled"]);
        Assert.All(kinds.Except(["usage", "refused", "cancelled"]), k => Assert.Equal(1, documented[k]));
    }

    public static TheoryData<string> MemoryUrls => ["sqlite::memory:", "sqlite:///:memory:", "sqlite:///m.db?mode=memory", "sqlite:///m.db?Mode=Memory&Cache=Shared"];

    [Theory]
    [MemberData(nameof(MemoryUrls))]
    public async Task Commands_that_leave_data_in_the_target_refuse_an_in_memory_database(string memory)
    {
        var source = Url("s.db");
        Assert.Equal("", await EngineClient.RunAsync(source, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1, 'a')"));
        await CliRunner.OkAsync("--url", source, "backup", "-o", In("s.nxb"));
        Directory.CreateDirectory(In("data"));
        await File.WriteAllTextAsync(In("data/t.csv"), "id,v\n2,b\n", Ct);
        Directory.CreateDirectory(In("migrations"));
        await File.WriteAllTextAsync(In("migrations/V1__t.sql"), "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);", Ct);
        await CliRunner.OkAsync("--url", source, "schema", "dump", "-o", In("s.json"));
        string[][] commands =
        [
            ["copy", "--from", source, "--to", memory],
            ["copy", "--from", source, "--to", memory, "--clean", "--yes"],
            ["--url", memory, "restore", In("s.nxb")],
            ["--url", memory, "import", In("data")],
            ["--url", memory, "seed", "--folder", In("data")],
            ["--url", memory, "migrate", "--locations", In("migrations")],
            ["--url", memory, "migrate", "baseline", "--version", "1"],
            ["--url", memory, "schema", "apply", In("s.json")],
        ];
        foreach (var args in commands)
        {
            var r = await ExpectAsync(2, "usage", "is an in-memory database: what", args);
            Assert.Contains("would be gone when nexusql exits. Give a database file (sqlite:///app.db) or a server's database. Nothing was written.",
                r.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        Assert.False(File.Exists("m.db"));
        Assert.False(File.Exists(In("m.db")));
        Assert.Equal("1|a", await EngineClient.RunAsync(source, "SELECT id, v FROM t"));

        // what keeps nothing still runs there: a dry run, a query
        var dryRun = await CliRunner.RunAsync("--json", "--url", memory, "migrate", "--locations", In("migrations"), "--dry-run");
        Assert.True(dryRun.ExitCode == 0, dryRun.All);
        var query = await CliRunner.OkAsync("--json", "--url", memory, "query", "SELECT 40 + 2 AS n");
        Assert.Equal(42, query.Json.GetProperty("rows")[0].GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task An_environment_whose_url_is_in_memory_is_refused_by_its_name()
    {
        var config = In("nexusql.json");
        await File.WriteAllTextAsync(config, """{"environments":{"scratch":{"url":"sqlite::memory:"}}}""", Ct);
        Directory.CreateDirectory(In("migrations"));
        await File.WriteAllTextAsync(In("migrations/V1__t.sql"), "CREATE TABLE t (id INTEGER PRIMARY KEY);", Ct);
        await ExpectAsync(2, "usage", "--env scratch (sqlite::memory:) is an in-memory database: what migrate writes into it would be gone",
            ["--config", config, "--env", "scratch", "migrate", "--locations", In("migrations")]);
    }
}
