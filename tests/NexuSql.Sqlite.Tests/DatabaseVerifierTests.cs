using NexuSql.Specification;
using NexuSql.Migrations;
using NexuSql.Verification;

namespace NexuSql.Sqlite.Tests;

/// <summary>Issue 15: <c>verify</c> as a library call, with a result per check (what the CLI prints is built from it).</summary>
public sealed class DatabaseVerifierTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-verifier-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private string File(string name) => Path.Combine(_dir, name);

    private static Task<string> Sqlite3(string file, string sql) => EngineClient.RunAsync("sqlite:///" + file, sql);

    [Fact]
    public async Task Each_check_reports_its_own_findings_and_a_changed_value_is_named_by_table_and_key()
    {
        var migrations = Directory.CreateDirectory(File("migrations")).FullName;
        await System.IO.File.WriteAllTextAsync(Path.Combine(migrations, "V1__orders.sql"), "CREATE TABLE orders (id INTEGER PRIMARY KEY, total NUMERIC NOT NULL);", Ct);
        var options = new MigrationOptions { Locations = [migrations] };
        await using var first = NexuSqlDatabase.Open("sqlite:///" + File("a.db"));
        await using var second = NexuSqlDatabase.Open("sqlite:///" + File("b.db"));
        foreach (var db in new[] { first, second }) await new Migrator(db, options).MigrateAsync(cancellationToken: Ct);
        // the rows are written with sqlite3: the verifier must find what another client changed
        await Sqlite3(File("a.db"), "INSERT INTO orders VALUES (1, 10), (2, 20), (3, 30);");
        await Sqlite3(File("b.db"), "INSERT INTO orders VALUES (1, 10), (2, 21), (3, 30);");

        var clean = await DatabaseVerifier.VerifyAsync(first, new VerifyOptions { Migrations = options }, Ct);
        Assert.True(clean.Ok);
        Assert.Equal([VerificationCheck.Migrations, VerificationCheck.Drift, VerificationCheck.Integrity], clean.Checked);
        Assert.Empty(clean.Notes);

        var compared = new List<string>();
        var result = await DatabaseVerifier.VerifyAsync(first, new VerifyOptions
        {
            Migrations = options,
            Against = second,
            Progress = (table, _) => compared.Add(table),
        }, Ct);
        Assert.False(result.Ok);
        Assert.Contains(VerificationCheck.Data, result.Checked);
        var finding = Assert.Single(result.Findings);
        Assert.Equal((VerificationCheck.Data, "orders", "id=2"), (finding.Check, finding.Table, finding.Key));
        Assert.Contains("total", finding.Message, StringComparison.Ordinal);
        Assert.Contains("orders", compared);

        // a column added behind the migrations' back is drift; a pending script is a migrations finding
        await Sqlite3(File("a.db"), "ALTER TABLE orders ADD COLUMN note TEXT;");
        await System.IO.File.WriteAllTextAsync(Path.Combine(migrations, "V2__index.sql"), "CREATE INDEX orders_total ON orders (total);", Ct);
        var behind = await DatabaseVerifier.VerifyAsync(first, new VerifyOptions { Migrations = options, Checks = [VerificationCheck.Drift, VerificationCheck.Migrations] }, Ct);
        Assert.Equal([VerificationCheck.Migrations, VerificationCheck.Drift], behind.Checked);
        Assert.Contains(behind.Findings, f => f.Check == VerificationCheck.Migrations && f.Message.Contains("V2__index.sql", StringComparison.Ordinal));
        Assert.Contains(behind.Findings, f => f.Check == VerificationCheck.Drift && f.Message.Contains("note", StringComparison.Ordinal));
        Assert.All(behind.Findings, f => Assert.Null(f.Table));
    }

    [Fact]
    public async Task Without_migration_scripts_the_default_leaves_their_checks_out_and_says_so()
    {
        await using var db = NexuSqlDatabase.Open("sqlite:///" + File("c.db"));
        await Sqlite3(File("c.db"), "PRAGMA foreign_keys = OFF; CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p (id)); INSERT INTO c VALUES (1, 42);");
        var options = new MigrationOptions { Locations = [File("none")] };

        var result = await DatabaseVerifier.VerifyAsync(db, new VerifyOptions { Migrations = options }, Ct);
        Assert.Equal([VerificationCheck.Integrity], result.Checked);
        Assert.Contains("no migration scripts", Assert.Single(result.Notes), StringComparison.Ordinal);
        var orphan = Assert.Single(result.Findings);
        Assert.Equal(VerificationCheck.Integrity, orphan.Check);
        Assert.Contains("c", orphan.Message, StringComparison.Ordinal);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => DatabaseVerifier.VerifyAsync(db, new VerifyOptions { Checks = [VerificationCheck.Data] }, Ct));
        Assert.Contains("Against", e.Message, StringComparison.Ordinal);
    }
}
