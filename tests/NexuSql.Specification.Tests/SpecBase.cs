namespace NexuSql.Specification;

/// <summary>Base of every suite: the fixture, the database, and helpers for engine-specific DDL.</summary>
public abstract class SpecBase<TFixture>(TFixture fixture) where TFixture : DatabaseFixture
{
    /// <summary>The fixture.</summary>
    protected TFixture Fixture { get; } = fixture;

    /// <summary>The scratch database (skips or fails when the server is missing).</summary>
    protected NexuSqlDatabase Db => Fixture.Database;

    /// <summary>A type name for this engine.</summary>
    protected string T(SpecType type) => Fixture.TypeName(type);

    /// <summary>Quotes an identifier for this engine.</summary>
    protected string Q(string name) => Db.Dialect.QuoteIdentifier(name);

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates a people table with a few rows and returns its name.</summary>
    protected async Task<string> CreatePeopleAsync(int rows = 3)
    {
        var table = Fixture.NewTable("people");
        await Db.ExecuteAsync($"CREATE TABLE {table} ({Fixture.IdentityColumn("id")}, first_name {T(SpecType.Text)} NOT NULL, " +
                              $"age {T(SpecType.Int32)} NULL, is_active {T(SpecType.Boolean)} NOT NULL)", cancellationToken: Ct);
        for (var i = 1; i <= rows; i++)
            await Db.ExecuteAsync($"INSERT INTO {table} (first_name, age, is_active) VALUES (:name, :age, :active)",
                new { name = "P" + i, age = i == 2 ? (int?)null : 20 + i, active = i % 2 == 1 }, Ct);
        return table;
    }
}
