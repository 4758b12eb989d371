using NexuSql.Specification;

namespace NexuSql.Sqlite.Tests;

/// <summary>A fresh SQLite file per test class, deleted afterwards. SQLite is embedded: never skipped.</summary>
public sealed class SqliteFixture : DatabaseFixture
{
    public override NexuSqlEngine Engine => NexuSqlEngine.Sqlite;

    public override string TypeName(SpecType type) => type switch
    {
        SpecType.Boolean or SpecType.Int32 or SpecType.Int64 => "INTEGER",
        SpecType.Double => "REAL",
        SpecType.Binary => "BLOB",
        // Decimals as TEXT: NUMERIC affinity would turn them into 8-byte floats and lose digits.
        _ => "TEXT",
    };

    public override string IdentityColumn(string name) => $"{name} INTEGER PRIMARY KEY AUTOINCREMENT";

    public override string BadCredentialsUrl(string password) =>
        $"sqlite:////nonexistent-nexusql-dir/{Guid.NewGuid():N}/db.sqlite?mode=ReadWrite";

    protected override Task<DatabaseUrl> CreateScratchAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nexusql-test-{Guid.NewGuid():N}.db");
        return Task.FromResult(DatabaseUrl.Parse("sqlite:///" + path));
    }

    protected override Task DropScratchAsync(DatabaseUrl url)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" }) File.Delete(url.Database + suffix);
        return Task.CompletedTask;
    }
}
