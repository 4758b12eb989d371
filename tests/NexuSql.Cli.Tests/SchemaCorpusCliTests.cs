using System.Diagnostics;
using System.Text.RegularExpressions;

namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 12's round-trip suite over a corpus of schemas shaped like well-known sample databases (Corpus/*.sql, one per
/// engine): created with the engine's own client, then backup → restore, copy, and schema dump → apply each into an
/// empty database, and the engine's own catalog dump (pg_dump -s, mysqldump --no-data, sqlite3's pragmas) of each must
/// equal the source's; the second apply of the dump is a no-op; a trigger dropped behind the tool's back is a difference.
/// </summary>
public sealed class SchemaCorpusCliTests : IDisposable
{
    private readonly LiveDatabases _live = new("corpus");

    public void Dispose() => _live.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> Corpus => new()
    {
        { "postgresql", "rental.postgresql.sql", "last_updated" },
        { "mysql", "shop.mysql.sql", "orders_ai2" },
        { "sqlite", "music.sqlite.sql", "invoice_touch" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Backup_restore_copy_and_dump_apply_recreate_the_corpus_schema_as_the_engines_catalog_shows_it(string engine, string file, string trigger)
    {
        try
        {
            var source = await _live.NewAsync(engine);
            await EngineClient.RunScriptAsync(source, await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Corpus", file), Ct));
            var expected = await CatalogAsync(source);

            var backup = _live.File($"{engine}.nxb");
            await CliRunner.OkAsync("--url", source, "backup", "-o", backup, "--quiet");
            var restored = await _live.NewAsync(engine);
            await CliRunner.OkAsync("--url", restored, "restore", backup, "--quiet");
            Assert.Equal(expected, await CatalogAsync(restored));

            var copied = await _live.NewAsync(engine);
            await CliRunner.OkAsync("copy", "--from", source, "--to", copied, "--quiet");
            Assert.Equal(expected, await CatalogAsync(copied));

            var dump = _live.File($"{engine}.json");
            await CliRunner.OkAsync("--url", source, "schema", "dump", "-o", dump);
            var applied = await _live.NewAsync(engine);
            await CliRunner.OkAsync("--url", applied, "schema", "apply", dump);
            Assert.Equal(expected, await CatalogAsync(applied));
            var again = await CliRunner.OkAsync("--url", applied, "schema", "apply", dump, "--allow-drop", "--yes");
            Assert.Contains("No differences", again.All, StringComparison.Ordinal);

            await EngineClient.RunAsync(applied, $"DROP TRIGGER {trigger}{(engine == "postgresql" ? " ON film" : "")}");
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", applied, "--to", dump);
            Assert.True(diff.ExitCode == 3 && diff.All.Contains(trigger, StringComparison.Ordinal), diff.All);
        }
        finally
        {
            await _live.CleanupAsync();
        }
    }

    [Fact]
    public async Task The_postgresql_corpus_applied_to_mariadb_is_refused_before_anything_runs_naming_what_does_not_translate()
    {
        try
        {
            var source = await _live.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Corpus", "rental.postgresql.sql"), Ct));
            var dump = _live.File("rental.json");
            await CliRunner.OkAsync("--url", source, "schema", "dump", "-o", dump);
            var target = await _live.NewAsync("mysql");
            var apply = await CliRunner.RunAsync("--url", target, "--json", "schema", "apply", dump);
            Assert.True(apply.ExitCode == 4, apply.All);
            var refused = apply.Json.GetProperty("refused").EnumerateArray().Select(r => r.GetProperty("description").GetString()!).ToList();
            foreach (var what in new[] { "create view top_films (PostgreSQL SQL with :: casts", "create trigger last_updated on film", "create policy tenant_isolation on rental",
                         "create index film_title_year on film unique", "create index film_fulltext_idx on film using gist (fulltext) (MySQL/MariaDB has no gist index method" })
                Assert.True(refused.Any(r => r.StartsWith(what, StringComparison.Ordinal)), $"{what}: {string.Join("\n", refused)}");
            Assert.Equal("", await EngineClient.RunAsync(target, "SHOW TABLES")); // nothing ran
        }
        finally
        {
            await _live.CleanupAsync();
        }
    }

    /// <summary>The schema as the engine's own tools print it, with what differs between two equal schemas taken out.</summary>
    internal static async Task<string> CatalogAsync(string url)
    {
        var parsed = DatabaseUrl.Parse(url);
        string text;
        switch (parsed.Engine)
        {
            case NexuSqlEngine.PostgreSql:
                text = await RunAsync("pg_dump", "-s", "-h", parsed.Host!.Name, "-p", Port(parsed), "-U", parsed.UserName!, parsed.Database!);
                // session settings, comments and pg_dump's per-run \restrict key; now() and CURRENT_TIMESTAMP are one function
                text = string.Join('\n', text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("--", StringComparison.Ordinal) && !l.StartsWith("SET ", StringComparison.Ordinal)
                    && !l.StartsWith("SELECT pg_catalog.set_config", StringComparison.Ordinal) && !l.StartsWith("\\restrict", StringComparison.Ordinal) && !l.StartsWith("\\unrestrict", StringComparison.Ordinal)));
                return text.Replace("DEFAULT now()", "DEFAULT CURRENT_TIMESTAMP", StringComparison.Ordinal);
            case NexuSqlEngine.MySql:
                text = await RunAsync("mysqldump", "--no-data", "--routines", "--triggers", "--skip-comments", "--skip-dump-date", "-h", parsed.Host!.Name, "-P", Port(parsed),
                    "-u", parsed.UserName!, parsed.Database!);
                // the client character set a routine was created under, AUTO_INCREMENT positions (no rows here), quoting of a trigger's own name
                return string.Join('\n', text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("/*!40", StringComparison.Ordinal) && !l.StartsWith("/*!50003 SET", StringComparison.Ordinal)
                        && !l.StartsWith("/*!50001 SET", StringComparison.Ordinal))
                    .Select(l => Regex.Replace(l, @" AUTO_INCREMENT=\d+", ""))
                    .Select(l => l.Contains("*/ /*!50003 TRIGGER ", StringComparison.Ordinal) ? Regex.Replace(l, @"TRIGGER `([^`]+)` (.*?) ON `([^`]+)`", "TRIGGER $1 $2 ON $3") : l));
            default:
                // SQLite keeps each CREATE as written: compare what its pragmas report, and trigger and view bodies
                return await EngineClient.RunAsync(url, """
                    SELECT 'table', name, type, ncol, wr, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name;
                    SELECT 'column', t.name, x.cid, x.name, x.type, x."notnull", x.dflt_value, x.pk, x.hidden FROM sqlite_schema t, pragma_table_xinfo(t.name) x WHERE t.type = 'table' ORDER BY t.name, x.cid;
                    SELECT 'fk', t.name, f.seq, f."table", f."from", f."to", f.on_update, f.on_delete FROM sqlite_schema t, pragma_foreign_key_list(t.name) f WHERE t.type = 'table' ORDER BY t.name, f."from", f.seq;
                    SELECT 'index', t.name, i.name, i."unique", i.origin, i.partial FROM sqlite_schema t, pragma_index_list(t.name) i WHERE t.type = 'table' ORDER BY t.name, i.name;
                    SELECT 'key', i.name, x.seqno, x.cid, x.name, x."desc", x.coll, x."key" FROM sqlite_schema i, pragma_index_xinfo(i.name) x WHERE i.type = 'index' ORDER BY i.name, x.seqno;
                    SELECT 'where', name, substr(sql, instr(upper(sql), ' WHERE ')) FROM sqlite_schema WHERE type = 'index' AND upper(sql) LIKE '% WHERE %' ORDER BY name;
                    SELECT type, name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name;
                    SELECT type, name, substr(sql, instr(upper(sql), ' AS ')) FROM sqlite_schema WHERE type = 'view' ORDER BY name;
                    """);
        }
    }

    private static string Port(DatabaseUrl url) => url.Host!.Port!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await stderr}");
        return (await stdout).Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
