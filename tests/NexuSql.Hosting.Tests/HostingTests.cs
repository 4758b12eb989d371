using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using NexuSql.Hosting;
using NexuSql.Migrations;
using NexuSql.Specification;

namespace NexuSql.Hosting.Tests;

public sealed class HostingTests : IDisposable
{
    private const string Canary = "Canary-Secret-9b1e";
    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-hosting-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string SqliteUrl => "sqlite:///" + Path.Combine(_dir, "app.db");

    [Fact]
    public async Task AddNexuSql_registers_one_shared_database_that_logs_through_the_container()
    {
        var log = new CollectingLoggerFactory();
        var services = new ServiceCollection().AddSingleton<ILoggerFactory>(log).AddNexuSql(SqliteUrl, o => o with { MaxConnections = 4 });
        await using var provider = services.BuildServiceProvider();
        var db = provider.GetRequiredService<NexuSqlDatabase>();
        Assert.Same(db, provider.GetRequiredService<NexuSqlDatabase>());
        Assert.Equal(4, db.Options.MaxConnections);
        Assert.Equal(5, await db.ExecuteScalarAsync<int>("SELECT :a + 3", new { a = 2 }, Ct));
        Assert.Contains(log.Messages, m => m.Contains("SELECT @p0 + 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logging_never_shows_parameter_values_unless_asked()
    {
        var quiet = new CollectingLoggerFactory();
        await using (var db = NexuSqlDatabase.Open(SqliteUrl, new NexuSqlOptions { LoggerFactory = quiet }))
            await db.ExecuteScalarAsync<string>("SELECT :secret", new { secret = Canary }, Ct);
        Assert.NotEmpty(quiet.Messages);
        Assert.DoesNotContain(quiet.Messages, m => m.Contains(Canary, StringComparison.Ordinal));

        var loud = new CollectingLoggerFactory();
        await using (var db = NexuSqlDatabase.Open(SqliteUrl, new NexuSqlOptions { LoggerFactory = loud, LogParameterValues = true }))
            await db.ExecuteScalarAsync<string>("SELECT :secret", new { secret = Canary }, Ct);
        Assert.Contains(loud.Messages, m => m.Contains(Canary, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logging_and_errors_never_show_the_url_password()
    {
        var log = new CollectingLoggerFactory();
        await using var db = NexuSqlDatabase.Open($"postgresql://postgres:{Canary}@127.0.0.1:1/postgres?timeout=2", new NexuSqlOptions { LoggerFactory = log });
        var e = await Assert.ThrowsAsync<NexuSqlConnectionException>(() => db.ExecuteAsync("SELECT 1", cancellationToken: Ct));
        Assert.DoesNotContain(Canary, e.ToString());
        Assert.DoesNotContain(Canary, db.ToString());
        Assert.DoesNotContain(log.Messages, m => m.Contains(Canary, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HealthCheck_reports_healthy_degraded_and_unhealthy_without_secrets()
    {
        var migrations = Path.Combine(_dir, "migrations");
        Directory.CreateDirectory(migrations);
        File.WriteAllText(Path.Combine(migrations, "V1__t.sql"), "CREATE TABLE t (id INTEGER);");
        await using var db = NexuSqlDatabase.Open(SqliteUrl);
        var context = new HealthCheckContext
        {
            Registration = new HealthCheckRegistration("nexusql", _ => null!, HealthStatus.Unhealthy, null),
        };
        var healthy = await new NexuSqlHealthCheck(db).CheckHealthAsync(context, Ct);
        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal("Sqlite", healthy.Data["engine"]);

        var options = new MigrationOptions { Locations = [migrations] };
        var degraded = await new NexuSqlHealthCheck(db, options).CheckHealthAsync(context, Ct);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Equal(1, degraded.Data["pendingMigrations"]);
        await db.MigrateAsync(options, Ct);
        Assert.Equal(HealthStatus.Healthy, (await new NexuSqlHealthCheck(db, options).CheckHealthAsync(context, Ct)).Status);

        await using var down = NexuSqlDatabase.Open($"postgresql://postgres:{Canary}@127.0.0.1:1/postgres?timeout=2");
        var unhealthy = await new NexuSqlHealthCheck(down).CheckHealthAsync(context, Ct);
        Assert.Equal(HealthStatus.Unhealthy, unhealthy.Status);
        Assert.DoesNotContain(Canary, unhealthy.Description);
        Assert.DoesNotContain(Canary, unhealthy.Exception!.ToString());
    }

    [Fact]
    public async Task HealthChecks_builder_resolves_the_registered_database()
    {
        var services = new ServiceCollection().AddNexuSql(SqliteUrl);
        services.AddSingleton(typeof(ILogger<>), typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger<>)); // what AddLogging() provides in an app
        services.AddHealthChecks().AddNexuSql(tags: ["db"]);
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);
        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Contains("nexusql", report.Entries.Keys);
    }

    [Fact]
    public async Task ActivitySource_emits_one_span_per_command_with_sql_but_no_values()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == NexuSqlDatabase.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) spans.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        await using var db = NexuSqlDatabase.Open(SqliteUrl);
        await db.ExecuteScalarAsync<string>("SELECT :v", new { v = Canary }, Ct);
        await Assert.ThrowsAsync<NexuSqlSyntaxException>(() => db.ExecuteAsync("SELEC broken", cancellationToken: Ct));
        Activity ok, failed;
        lock (spans)
        {
            ok = Assert.Single(spans, s => (string?)s.GetTagItem("db.query.text") == "SELECT @p0");
            failed = Assert.Single(spans, s => (string?)s.GetTagItem("db.query.text") == "SELEC broken");
        }
        Assert.Equal("SELECT", ok.DisplayName);
        Assert.Equal("sqlite", ok.GetTagItem("db.system"));
        Assert.DoesNotContain(ok.Tags, t => t.Value?.Contains(Canary, StringComparison.Ordinal) == true);
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal("1", failed.GetTagItem("db.response.status_code"));
    }
}
