using NexuSql.Migrations;
using NexuSql.Specification;

namespace NexuSql.MySql.Tests;

public sealed class MySqlMigrationTests(MySqlFixture f) : MigrationSpec<MySqlFixture>(f), IClassFixture<MySqlFixture>
{
    protected override string HolderHint => "connection ";

    protected override (string Script, string Check) RoutineScript() => ($"""
        /*!40101 SET @nexusql_saved_cs = @@character_set_client */;
        CREATE TABLE {N("rt")} (v INT);
        # a procedure with the mysql client's DELIMITER
        DELIMITER //
        CREATE PROCEDURE {N("p")}(IN x INT)
        BEGIN
          DECLARE y INT DEFAULT 0;
          IF x > 0 THEN SET y = x; END IF;
          INSERT INTO {N("rt")} VALUES (y);
        END //
        DELIMITER ;
        -- a trigger without DELIMITER: its BEGIN ... END body holds ';'
        CREATE TRIGGER {N("trg")} BEFORE INSERT ON {N("rt")} FOR EACH ROW BEGIN SET NEW.v = NEW.v * 2; END;
        CALL {N("p")}(21);
        """, $"SELECT v FROM {N("rt")}");

    [Fact]
    public async Task MigrateAsync_lock_is_scoped_to_the_database_so_two_databases_migrate_in_parallel()
    {
        Write("V1__a.sql", $"CREATE TABLE {N("par")} (id INT);");
        var otherName = "nexusql_par_" + Guid.NewGuid().ToString("N")[..8];
        await Db.ExecuteAsync($"CREATE DATABASE {otherName}", cancellationToken: Ct);
        try
        {
            await using var other = NexuSqlDatabase.Open(Fixture.Url.WithDatabase(otherName));
            // this database's lock is held: the other database must not wait for it
            await using (await Db.Provider.AcquireMigrationLockAsync(Db, Options().HistoryTable, TimeSpan.FromSeconds(5), Ct))
            {
                var result = await new Migrator(other, Options() with { LockTimeout = TimeSpan.FromSeconds(2) }).MigrateAsync(cancellationToken: Ct);
                Assert.Single(result.Scripts);
                await Assert.ThrowsAsync<NexuSqlTimeoutException>(() => Migrator(Options() with { LockTimeout = TimeSpan.FromSeconds(1) }).MigrateAsync(cancellationToken: Ct));
            }
        }
        finally
        {
            await Db.ExecuteAsync($"DROP DATABASE {otherName}", cancellationToken: Ct);
        }
    }
}
