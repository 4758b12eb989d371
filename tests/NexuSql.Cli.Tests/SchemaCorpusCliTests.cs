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
            foreach (var what in new[] { "create view top_films (PostgreSQL SQL with PostgreSQL's :: casts", "create trigger last_updated on film", "create policy tenant_isolation on rental",
                         "create index film_title_year on film unique", "create index film_fulltext_idx on film using gist (fulltext) (MySQL/MariaDB has no gist index method" })
                Assert.True(refused.Any(r => r.StartsWith(what, StringComparison.Ordinal)), $"{what}: {string.Join("\n", refused)}");
            Assert.Equal("", await EngineClient.RunAsync(target, "SHOW TABLES")); // nothing ran
        }
        finally
        {
            await _live.CleanupAsync();
        }
    }

    /// <summary>
    /// One change of each object kind, made with the engine's own client behind the tool's back (name that must be
    /// reported | the SQL | for a change apply leaves to a migration, the SQL that undoes it). Applied all at once to a database migrated from the corpus: <c>schema diff</c> against the
    /// dump and <c>verify --checks drift</c> against the migration must each name every one.
    /// </summary>
    public static TheoryData<string, string, string> Mutations => new()
    {
        { "postgresql", "rental.postgresql.sql", """
            rental_duration|ALTER TABLE film ALTER COLUMN rental_duration SET DEFAULT 4
            replacement_cost|ALTER TABLE film ALTER COLUMN replacement_cost TYPE numeric(6,2)
            create_date|ALTER TABLE customer ALTER COLUMN create_date DROP NOT NULL
            rental_dates|ALTER TABLE rental DROP CONSTRAINT rental_dates; ALTER TABLE rental ADD CONSTRAINT rental_dates CHECK (return_date IS NULL OR return_date > rental_date)
            idx_title|DROP INDEX idx_title
            film_title_year|DROP INDEX film_title_year; CREATE UNIQUE INDEX film_title_year ON film (title, release_year) WHERE rating <> 'R'
            rental_customer_fk|ALTER TABLE rental DROP CONSTRAINT rental_customer_fk; ALTER TABLE rental ADD CONSTRAINT rental_customer_fk FOREIGN KEY (customer_id) REFERENCES customer (customer_id)
            top_films|CREATE OR REPLACE VIEW top_films AS SELECT fid, title FROM film_list WHERE rating = 'PG'
            film_in_stock|CREATE OR REPLACE FUNCTION film_in_stock(p_film_id integer) RETURNS SETOF integer LANGUAGE sql STABLE AS $$ SELECT film_id FROM film WHERE film_id = p_film_id AND length > 0 $$
            language_last_updated|DROP TRIGGER language_last_updated ON language; CREATE TRIGGER language_last_updated BEFORE INSERT OR UPDATE ON language FOR EACH ROW EXECUTE FUNCTION last_updated()
            tenant_isolation|ALTER POLICY tenant_isolation ON rental USING (tenant_id = 1)
            ticket_no|ALTER SEQUENCE ticket_no INCREMENT 20
            film_id|ALTER TABLE film ALTER COLUMN film_id SET INCREMENT BY 1
            price_per_day|ALTER TABLE film DROP COLUMN price_per_day; ALTER TABLE film ADD COLUMN price_per_day numeric GENERATED ALWAYS AS (rental_rate * rental_duration) STORED
            composite type address|ALTER TYPE address ADD ATTRIBUTE country text|ALTER TYPE address DROP ATTRIBUTE country
            domain year|ALTER DOMAIN year DROP CONSTRAINT year_check; ALTER DOMAIN year ADD CONSTRAINT year_check CHECK (VALUE >= 1900 AND VALUE <= 2155)|ALTER DOMAIN year DROP CONSTRAINT year_check; ALTER DOMAIN year ADD CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155)
            """ },
        { "mysql", "shop.mysql.sql", """
            name|ALTER TABLE customers MODIFY name VARCHAR(100) NOT NULL DEFAULT 'anon'
            status|ALTER TABLE customers MODIFY status ENUM('new','active','closed','banned') NOT NULL DEFAULT 'new'
            products_price|ALTER TABLE products DROP CONSTRAINT products_price; ALTER TABLE products ADD CONSTRAINT products_price CHECK (price > 0)
            weight_g|ALTER TABLE products MODIFY weight_g MEDIUMINT CHECK (weight_g > 0)
            views|ALTER TABLE products MODIFY views INT NOT NULL DEFAULT 0
            customers_name_prefix|ALTER TABLE customers DROP INDEX customers_name_prefix; CREATE INDEX customers_name_prefix ON customers (name(20))
            products_title_ft|ALTER TABLE products DROP INDEX products_title_ft
            orders_customer|ALTER TABLE orders DROP FOREIGN KEY orders_customer; ALTER TABLE orders ADD CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT
            total|ALTER TABLE products MODIFY total DECIMAL(12,2) AS (price * qty * 2) PERSISTENT
            active_products|CREATE OR REPLACE VIEW active_products AS SELECT id, sku, title FROM products WHERE active = 0
            orders_ai2|DROP TRIGGER orders_ai2
            order_total|DROP FUNCTION order_total; CREATE FUNCTION order_total(oid BIGINT) RETURNS DECIMAL(12,2) DETERMINISTIC READS SQL DATA RETURN 0
            """ },
        { "sqlite", "music.sqlite.sql", """
            track_album|DROP INDEX track_album
            track_name_live|DROP INDEX track_name_live; CREATE UNIQUE INDEX track_name_live ON track (AlbumId, Name)
            track_name_lower|DROP INDEX track_name_lower; CREATE INDEX track_name_lower ON track (upper(Name))
            invoice_touch|DROP TRIGGER invoice_touch; CREATE TRIGGER invoice_touch AFTER UPDATE OF Total ON invoice FOR EACH ROW BEGIN UPDATE invoice SET updated = datetime('now') WHERE InvoiceId = NEW.InvoiceId; END
            album_tracks|DROP VIEW album_tracks; CREATE VIEW album_tracks AS SELECT a.Title, count(*) AS n FROM album a LEFT JOIN track t ON t.AlbumId = a.AlbumId GROUP BY a.Title
            log|ALTER TABLE log ADD COLUMN level TEXT
            """ },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task One_change_of_each_object_kind_behind_the_tools_back_is_named_by_diff_and_drift_and_apply_converges_back(string engine, string file, string mutations)
    {
        try
        {
            var live = await _live.NewAsync(engine);
            var migrations = Directory.CreateDirectory(_live.File($"{engine}-migrations")).FullName;
            await File.WriteAllTextAsync(Path.Combine(migrations, "V1__corpus.sql"), await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Corpus", file), Ct), Ct);
            await CliRunner.OkAsync("--url", live, "migrate", "--locations", migrations, "--quiet");
            var dump = _live.File($"{engine}-mutations.json");
            await CliRunner.OkAsync("--url", live, "schema", "dump", "-o", dump);
            var expected = await CatalogAsync(live);

            // name|change|undo: a change apply does not plan (a domain needs a migration) is undone by hand before the apply
            var changes = mutations.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.Split('|', 3)).ToList();
            foreach (var change in changes) await EngineClient.RunScriptAsync(live, change[1] + ";");
            Assert.NotEqual(expected, await CatalogAsync(live)); // the changes are real in the engine's own catalog

            var diff = await CliRunner.RunAsync("schema", "diff", "--from", dump, "--to", live);
            var drift = await CliRunner.RunAsync("--url", live, "verify", "--checks", "drift", "--locations", migrations);
            Assert.True(diff.ExitCode == 3, diff.All);
            Assert.True(drift.ExitCode == 3, drift.All);
            foreach (var change in changes)
            {
                Assert.True(diff.All.Contains(change[0], StringComparison.Ordinal), $"schema diff does not name {change[0]} ({change[1]}):\n{diff.All}");
                Assert.True(drift.All.Contains(change[0], StringComparison.Ordinal), $"drift does not name {change[0]} ({change[1]}):\n{drift.All}");
            }

            // and the dump applied over the changed database brings it back
            foreach (var change in changes.Where(c => c.Length == 3)) await EngineClient.RunScriptAsync(live, change[2] + ";");
            await CliRunner.OkAsync("--url", live, "schema", "apply", dump, "--allow-drop", "--yes", "--quiet");
            var again = await CliRunner.RunAsync("schema", "diff", "--from", dump, "--to", live);
            Assert.True(again.ExitCode == 0, again.All);
            // line by line, in any order: a generated column's new expression is a new column (PostgreSQL 15 cannot
            // alter it), so it now comes last, where the change behind the tool's back put it too
            static string[] Lines(string catalog) => [.. catalog.Split('\n').Select(l => l.TrimEnd(',')).Order(StringComparer.Ordinal)];
            Assert.Equal(Lines(expected), Lines(await CatalogAsync(live)));
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
