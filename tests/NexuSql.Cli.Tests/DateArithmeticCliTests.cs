namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 29 M15/M16: a PostgreSQL generated column or check doing date arithmetic (<c>d + 7</c>, <c>t + interval
/// '1 day'</c>) or a shift (<c>a &lt;&lt; 2</c>) was written into SQLite and MariaDB where it computes another value
/// (SQLite: '2024-02-26' + 7 = 2031) or is a syntax error after the target was marked. Refused before anything is written.
/// </summary>
public sealed class DateArithmeticCliTests() : SchemaFidelityCliTestBase("datearith")
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("mysql")]
    public Task Date_arithmetic_and_shifts_are_refused_before_writing(string engine) => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE booking (id int PRIMARY KEY, start_d date NOT NULL, end_d date GENERATED ALWAYS AS (start_d + 7) STORED); " +
            "CREATE TABLE h5 (id int PRIMARY KEY, t timestamp, g timestamp GENERATED ALWAYS AS (t + interval '1 day') STORED); " +
            "CREATE TABLE h6 (id int PRIMARY KEY, a bigint, g bigint GENERATED ALWAYS AS (a << 2) STORED); " +
            "INSERT INTO booking (id, start_d) VALUES (1, '2024-02-26');");
        var target = await Db.NewAsync(engine);
        var r = await CliRunner.RunAsync("copy", "--from", source, "--to", target);
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("booking.end_d", r.All, StringComparison.Ordinal);
        Assert.Contains("the operator + on the date/time column start_d", r.All, StringComparison.Ordinal);
        Assert.Contains("is a PostgreSQL interval", r.All, StringComparison.Ordinal);
        Assert.Contains("the operator <<", r.All, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(target, engine == "sqlite"
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'" : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"));
        // PostgreSQL → PostgreSQL keeps them
        var copy = await Db.NewAsync("postgresql");
        await Ok("copy", "--from", source, "--to", copy);
        Assert.Equal("2024-03-04", await EngineClient.RunAsync(copy, "SELECT end_d FROM booking"));
    });
}
