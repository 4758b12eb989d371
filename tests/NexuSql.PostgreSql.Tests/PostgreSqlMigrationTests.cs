using NexuSql.Migrations;
using NexuSql.Specification;

namespace NexuSql.PostgreSql.Tests;

public sealed class PostgreSqlMigrationTests(PostgreSqlFixture f) : MigrationSpec<PostgreSqlFixture>(f), IClassFixture<PostgreSqlFixture>
{
    protected override string HolderHint => "nexusql migrate";

    protected override (string Script, string Check) RoutineScript() => ($"""
        CREATE TABLE {N("rt")} (v int);
        CREATE FUNCTION {N("double")}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.v := NEW.v * 2; -- ';' inside a dollar quote
          RETURN NEW;
        END;
        $$;
        CREATE TRIGGER {N("trg")} BEFORE INSERT ON {N("rt")} FOR EACH ROW EXECUTE FUNCTION {N("double")}();
        CREATE FUNCTION {N("half_answer")}() RETURNS int LANGUAGE sql
        BEGIN ATOMIC
          SELECT CASE WHEN true THEN 21 ELSE 0 END;
        END;
        INSERT INTO {N("rt")} VALUES ({N("half_answer")}());
        """, $"SELECT v FROM {N("rt")}");

    [Fact]
    public async Task A_history_table_name_the_lease_table_name_would_outgrow_is_refused_before_anything_runs()
    {
        // the break test: a 63-character --table through PgBouncer: PostgreSQL cut "<table>_lock" down to the history
        // table's own name, made the lease table under it, and migrate failed with 42703 "installed_rank does not exist"
        Write("V1__a.sql", $"CREATE TABLE {N("long")} (id int);");
        var name = "h" + new string('x', 59); // 60 bytes: "_lock" makes 65
        var e = Assert.Throws<ArgumentException>(() => new Migrator(Db, Options() with { HistoryTable = name }));
        Assert.Contains("at most 63 bytes of a name. Use a name of at most 58 bytes", e.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await Db.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'hxxxx%'", cancellationToken: Ct));
        Assert.Single((await new Migrator(Db, Options() with { HistoryTable = name[..58] }).MigrateAsync(cancellationToken: Ct)).Scripts);
    }

    [Fact]
    public async Task MigrateAsync_waiter_that_gives_up_on_an_idle_holder_says_how_to_end_it()
    {
        // a refused migrator through a transaction-mode pooler can leave the lock on an idle server session of the
        // pooler, which keeps it until the pooler closes that session; the waiter said only "wait for it to finish"
        Write("V1__a.sql", $"CREATE TABLE {N("idle")} (id int);");
        await using (await Db.Provider.AcquireMigrationLockAsync(Db, HistoryTable, TimeSpan.FromSeconds(5), Ct))
        {
            await Task.Delay(TimeSpan.FromSeconds(6), Ct); // the holder's session is idle from here on
            var e = await Assert.ThrowsAsync<NexuSqlTimeoutException>(() =>
                Migrator(Options() with { LockTimeout = TimeSpan.FromSeconds(1) }).MigrateAsync(cancellationToken: Ct));
            Assert.Contains("that session has been idle since", e.Message, StringComparison.Ordinal);
            var pid = int.Parse(System.Text.RegularExpressions.Regex.Match(e.Message, @"end it with SELECT pg_terminate_backend\((\d+)\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            // the session named is the one holding an advisory lock, and it is idle
            Assert.Equal("idle", await Db.ExecuteScalarAsync<string>(
                "SELECT a.state FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND l.pid = :pid",
                new { pid }, Ct));
        }
        Assert.Single((await Migrator().MigrateAsync(cancellationToken: Ct)).Scripts);
    }

    [Fact]
    public async Task MigrateAsync_create_index_concurrently_runs_outside_a_transaction_while_another_migrator_waits()
    {
        Write("V1__table.sql", $"CREATE TABLE {N("big")} (id int);\nINSERT INTO {N("big")} SELECT g FROM generate_series(1, 50000) g;");
        Write("V2__index.sql", $"CREATE INDEX CONCURRENTLY {N("big_id")} ON {N("big")} (id);");
        await using var other = NexuSqlDatabase.Open(Fixture.Url);
        var first = new Migrator(Db, Options()).MigrateAsync(cancellationToken: Ct);
        var second = new Migrator(other, Options() with { LockTimeout = TimeSpan.FromSeconds(30) }).MigrateAsync(cancellationToken: Ct);
        var results = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(2, results.Sum(r => r.Scripts.Count));
        Assert.Equal(1L, await Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pg_indexes WHERE indexname = :name", new { name = N("big_id") }, Ct));
        var plan = (await HistoryAsync()).Single(h => h.Version == "2");
        Assert.True(plan.Success);
    }

    [Fact]
    public async Task MigrateAsync_failure_in_a_non_transactional_script_is_recorded()
    {
        Write("V1__index.sql", $"CREATE TABLE {N("nt")} (id int);\nCREATE INDEX CONCURRENTLY {N("nt_id")} ON {N("nt")} (no_such_column);");
        var e = await Assert.ThrowsAsync<NexuSqlMigrationScriptException>(() => Migrator().MigrateAsync(cancellationToken: Ct));
        Assert.False(e.RolledBack);
        Assert.Equal(2, e.Statement);
        Assert.Equal("42703", e.EngineCode);
        Assert.False((await HistoryAsync()).Single().Success);
    }

    [Fact]
    public async Task MigrateAsync_runs_a_rule_with_a_parenthesised_multi_statement_action()
    {
        // issue 13, input 3: psql does not split at ';' inside parentheses
        Write("V1__rule.sql", $"""
            CREATE TABLE {N("items")} (id int PRIMARY KEY, qty int);
            CREATE TABLE {N("item_log")} (id int, what text);
            CREATE RULE {N("items_upd")} AS ON UPDATE TO {N("items")} DO ALSO (
              INSERT INTO {N("item_log")} VALUES (NEW.id, 'old=' || OLD.qty);
              INSERT INTO {N("item_log")} VALUES (NEW.id, 'new=' || NEW.qty)
            );
            INSERT INTO {N("items")} VALUES (1, 5);
            UPDATE {N("items")} SET qty = 6 WHERE id = 1;
            """);
        await Migrator().MigrateAsync(cancellationToken: Ct);
        var log = await Db.QueryAsync<string>($"SELECT what FROM {N("item_log")} ORDER BY what DESC", cancellationToken: Ct);
        Assert.Equal(["old=5", "new=6"], log);
    }
}
