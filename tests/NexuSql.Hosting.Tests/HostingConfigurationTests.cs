using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NexuSql.Specification;

namespace NexuSql.Hosting.Tests;

/// <summary>Issue 15: keyed databases, configuration sections with the options pattern, metrics and span attributes.</summary>
public sealed class HostingConfigurationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-hosting-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Sqlite(string name) => "sqlite:///" + Path.Combine(_dir, name + ".db");

    [Fact]
    public async Task Two_keyed_databases_have_a_pool_each_and_are_disposed_by_the_container()
    {
        var services = new ServiceCollection()
            .AddKeyedNexuSql("orders", Sqlite("orders"))
            .AddKeyedNexuSql("reports", Sqlite("reports"), o => o with { MaxConnections = 2 });
        NexuSqlDatabase orders, reports;
        await using (var provider = services.BuildServiceProvider())
        {
            orders = provider.GetRequiredKeyedService<NexuSqlDatabase>("orders");
            reports = provider.GetRequiredKeyedService<NexuSqlDatabase>("reports");
            Assert.NotSame(orders, reports);
            Assert.Same(orders, provider.GetRequiredKeyedService<NexuSqlDatabase>("orders"));
            Assert.Null(provider.GetService<NexuSqlDatabase>()); // no unkeyed database was registered
            Assert.Null(orders.Options.MaxConnections);
            Assert.Equal(2, reports.Options.MaxConnections);
            await orders.ExecuteAsync("CREATE TABLE o (id INTEGER PRIMARY KEY)", cancellationToken: Ct);
            await reports.ExecuteAsync("CREATE TABLE r (id INTEGER PRIMARY KEY)", cancellationToken: Ct);
        }
        // each in its own file, read with sqlite3
        Assert.Equal("o", await SqliteClient("orders", "SELECT name FROM sqlite_master WHERE type = 'table'"));
        Assert.Equal("r", await SqliteClient("reports", "SELECT name FROM sqlite_master WHERE type = 'table'"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => orders.ExecuteScalarAsync<int>("SELECT 1", cancellationToken: Ct));
    }

    [Fact]
    public async Task A_configuration_section_is_bound_and_code_then_the_url_override_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NexuSql:Url"] = Sqlite("main"),
            ["NexuSql:MaxConnections"] = "5",
            ["NexuSql:CommandTimeout"] = "00:00:07",
            ["Databases:Reports:Url"] = Sqlite("reports") + "?pool_max=3",
            ["Databases:Reports:MaxConnections"] = "9",
            ["Databases:Empty:MaxConnections"] = "1",
        }).Build();
        var services = new ServiceCollection()
            .AddNexuSql(configuration.GetSection("NexuSql"), o => o with { AcquireTimeout = TimeSpan.FromSeconds(4) })
            .AddKeyedNexuSql("reports", configuration.GetSection("Databases:Reports"), o => o with { MaxConnections = 6 })
            .AddKeyedNexuSql("empty", configuration.GetSection("Databases:Empty"));
        await using var provider = services.BuildServiceProvider();

        var main = provider.GetRequiredService<NexuSqlDatabase>();
        Assert.Equal(5, main.Options.MaxConnections);                        // the section
        Assert.Equal(TimeSpan.FromSeconds(7), main.Options.CommandTimeout);   // the section
        Assert.Equal(TimeSpan.FromSeconds(4), main.Options.AcquireTimeout);   // code
        Assert.Equal(1, await main.ExecuteScalarAsync<int>("SELECT 1", cancellationToken: Ct));
        // section 9, code 6, URL pool_max=3: the URL wins
        Assert.Equal(3, provider.GetRequiredKeyedService<NexuSqlDatabase>("reports").Options.MaxConnections);

        var e = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredKeyedService<NexuSqlDatabase>("empty"));
        Assert.Contains("'Databases:Empty' has no Url: set Databases:Empty:Url", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_give_operation_durations_and_connections_in_use_with_the_database_attributes()
    {
        var measurements = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == NexuSqlDatabase.MeterName) l.EnableMeasurementEvents(instrument); };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var t in tags) copy[t.Key] = t.Value;
            lock (measurements) measurements.Add((instrument.Name, value, copy));
        }
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.Start();

        var url = LiveServers.PostgreSql;
        await using var db = NexuSqlDatabase.Open(url.ToSecretString());
        try
        {
            Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT 1", cancellationToken: Ct));
        }
        catch (NexuSqlConnectionException e)
        {
            LiveServers.Unavailable<int>(NexuSqlEngine.PostgreSql, e.Message);
        }
        await Assert.ThrowsAsync<NexuSqlUndefinedObjectException>(() => db.ExecuteAsync("SELECT * FROM no_such_table_here", cancellationToken: Ct));

        List<(string Instrument, double Value, Dictionary<string, object?> Tags)> mine;
        lock (measurements) mine = [.. measurements.Where(m => m.Instrument != "db.client.operation.duration" || Equals(m.Tags.GetValueOrDefault("db.namespace"), url.Database))];
        var ok = Assert.Single(mine, m => m.Instrument == "db.client.operation.duration" && !m.Tags.ContainsKey("error.type") && Equals(m.Tags["db.operation.name"], "SELECT"));
        Assert.Equal("postgresql", ok.Tags["db.system.name"]);
        Assert.Equal(url.Host!.Name, ok.Tags["server.address"]);
        Assert.Equal(url.Host.Port, ok.Tags["server.port"]);
        Assert.InRange(ok.Value, 0, 60);
        var failed = Assert.Single(mine, m => m.Instrument == "db.client.operation.duration" && m.Tags.ContainsKey("error.type"));
        Assert.Equal(nameof(NexuSqlUndefinedObjectException), failed.Tags["error.type"]);
        // connections in use go up and back down for this pool, named without its password
        var pool = url.Redacted;
        var used = mine.Where(m => m.Instrument == "db.client.connection.count" && Equals(m.Tags["db.client.connection.pool.name"], pool)).ToList();
        Assert.True(used.Count >= 2, string.Join("; ", mine.Select(m => m.Instrument)));
        Assert.Equal(0, used.Sum(m => m.Value));
        Assert.Contains(mine, m => m.Instrument == "db.client.connection.wait_time" && Equals(m.Tags["db.client.connection.pool.name"], pool));
    }

    [Fact]
    public async Task Spans_carry_the_database_namespace_and_server_attributes()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == NexuSqlDatabase.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) spans.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        var url = LiveServers.PostgreSql;
        await using var db = NexuSqlDatabase.Open(url.ToSecretString());
        try
        {
            await db.ExecuteScalarAsync<int>("SELECT 42", cancellationToken: Ct);
        }
        catch (NexuSqlConnectionException e)
        {
            LiveServers.Unavailable<int>(NexuSqlEngine.PostgreSql, e.Message);
        }
        Activity span;
        lock (spans) span = Assert.Single(spans, s => (string?)s.GetTagItem("db.query.text") == "SELECT 42");
        Assert.Equal("postgresql", span.GetTagItem("db.system.name"));
        Assert.Equal(url.Database, span.GetTagItem("db.namespace"));
        Assert.Equal(url.Host!.Name, span.GetTagItem("server.address"));
        Assert.Equal(url.Host.Port, span.GetTagItem("server.port"));
        Assert.Equal("SELECT", span.GetTagItem("db.operation.name"));
    }

    private Task<string> SqliteClient(string name, string sql) => EngineClient.RunAsync("sqlite:///" + Path.Combine(_dir, name + ".db"), sql);
}
