// Compiled and run by tests/NexuSql.Sqlite.Tests (QuickStartExampleTests): this example cannot go stale.
using NexuSql;

namespace NexuSql.Examples;

public sealed record User(long Id, string Email, string? FullName, bool IsAdmin);

public static class QuickStart
{
    /// <summary>Runs the README's quickstart against <paramref name="url"/> and returns what it printed.</summary>
    public static async Task<string> RunAsync(string url, CancellationToken cancellationToken = default)
    {
        var log = new StringWriter();
        await using var db = NexuSqlDatabase.Open(url);

        await db.ExecuteAsync("""
            CREATE TABLE users (
              id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, full_name TEXT, is_admin INTEGER NOT NULL DEFAULT 0)
            """, cancellationToken: cancellationToken);
        foreach (var email in new[] { "ann@example.com", "bob@example.com", "cy@example.com" })
            await db.ExecuteAsync("INSERT INTO users (email, full_name) VALUES (:email, :name)",
                new { email, name = email.Split('@')[0] }, cancellationToken);

        // Typed rows: snake_case columns map to PascalCase members; records are built through their constructor.
        var users = await db.QueryAsync<User>("SELECT * FROM users WHERE email <> :email ORDER BY id",
            new { email = "cy@example.com" }, cancellationToken);
        log.WriteLine($"users: {string.Join(", ", users.Select(u => u.Email))}");

        // One row or none.
        var one = await db.QuerySingleOrDefaultAsync<User>("SELECT * FROM users WHERE id = :id", new { id = 2 }, cancellationToken);
        log.WriteLine($"user 2: {one?.FullName}");

        // Lists expand for IN (...); text that only looks like a parameter is left alone.
        var n = await db.ExecuteAsync("UPDATE users SET is_admin = :admin WHERE id IN (:ids) AND full_name <> ':ids'",
            new { admin = true, ids = new[] { 1, 3 } }, cancellationToken);
        log.WriteLine($"updated: {n}");

        // Untyped rows, streamed one at a time.
        await foreach (var row in db.QueryStreamAsync("SELECT email, is_admin FROM users ORDER BY id", cancellationToken: cancellationToken))
            log.WriteLine($"{row["email"]} admin={row.Get<bool>("is_admin")}");

        // A unit of work: committed when it returns, rolled back when it throws, re-run on serialization failures.
        await db.TransactionAsync(async tx =>
        {
            await tx.ExecuteAsync("UPDATE users SET full_name = :name WHERE id = :id", new { name = "Ann", id = 1 }, cancellationToken);
            await tx.ExecuteAsync("DELETE FROM users WHERE id = :id", new { id = 3 }, cancellationToken);
        }, cancellationToken: cancellationToken);

        // Constraint violations are the same exception type on every engine.
        try
        {
            await db.ExecuteAsync("INSERT INTO users (email) VALUES (:email)", new { email = "ann@example.com" }, cancellationToken);
        }
        catch (NexuSqlConstraintException e) when (e.Kind == ConstraintKind.Unique)
        {
            log.WriteLine($"duplicate refused ({e.Engine} code {e.EngineCode})");
        }

        log.WriteLine($"count: {await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM users", cancellationToken: cancellationToken)}");
        return log.ToString();
    }
}
