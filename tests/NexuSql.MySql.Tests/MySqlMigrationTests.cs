using NexuSql.Migrations;
using NexuSql.Specification;

namespace NexuSql.MySql.Tests;

public sealed class MySqlMigrationTests(MySqlFixture f) : MigrationSpec<MySqlFixture>(f), IClassFixture<MySqlFixture>
{
    protected override string HolderHint => "connection ";

    [Fact]
    public void A_history_table_name_is_measured_in_characters_as_mariadb_keeps_names()
    {
        // MariaDB keeps 64 characters of a name (a 95-byte one is fine); PostgreSQL counts bytes
        _ = new Migrator(Db, Options() with { HistoryTable = new string('é', 59) });
        var e = Assert.Throws<ArgumentException>(() => new Migrator(Db, Options() with { HistoryTable = new string('é', 60) }));
        Assert.Contains("keeps at most 64 characters of a name. Use a name of at most 59 characters", e.Message, StringComparison.Ordinal);
    }

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

    [Fact]
    public async Task MigrateAsync_runs_mysqldump_lock_tables_output()
    {
        // issue 13, input 1: the history writes must not run on the script's connection (error 1100)
        Write("V1__dump.sql", $"""
            /*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
            CREATE TABLE {N("dumped")} (id INT PRIMARY KEY, note VARCHAR(20));
            LOCK TABLES {N("dumped")} WRITE;
            /*!40000 ALTER TABLE {N("dumped")} DISABLE KEYS */;
            INSERT INTO {N("dumped")} VALUES (1,'a'),(2,'it\'s');
            /*!40000 ALTER TABLE {N("dumped")} ENABLE KEYS */;
            UNLOCK TABLES;
            /*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
            """);
        Assert.Equal(["V1__dump.sql"], (await Migrator().MigrateAsync(cancellationToken: Ct)).Scripts);
        Assert.Equal("it's", await Db.ExecuteScalarAsync<string>($"SELECT note FROM {N("dumped")} WHERE id = 2", cancellationToken: Ct));
        var row = Assert.Single(await HistoryAsync());
        Assert.True(row.Success);
    }

    [Fact]
    public async Task MigrateAsync_runs_a_mariadb_for_loop_procedure_without_delimiter()
    {
        // issue 13, input 2
        Write("V1__for.sql", $"""
            CREATE TABLE {N("nums")} (n INT);
            CREATE PROCEDURE {N("fill")}(IN k INT)
            BEGIN
              FOR i IN 1..k DO
                INSERT INTO {N("nums")} VALUES (i);
              END FOR;
            END;
            CALL {N("fill")}(3);
            """);
        await Migrator().MigrateAsync(cancellationToken: Ct);
        Assert.Equal(6L, await Db.ExecuteScalarAsync<long>($"SELECT SUM(n) FROM {N("nums")}", cancellationToken: Ct));
    }

    [Fact]
    public async Task MigrateAsync_script_that_sets_no_backslash_escapes_is_split_as_the_server_reads_it()
    {
        // issue 13, input 6 (scripts): after the SET, 'C:\' is a whole literal and ';' inside the next one stays
        Write("V1__mode.sql", $"""
            SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES';
            CREATE TABLE {N("paths")} (p VARCHAR(20));
            INSERT INTO {N("paths")} VALUES ('C:\');
            INSERT INTO {N("paths")} VALUES ('a;b');
            """);
        await Migrator().MigrateAsync(cancellationToken: Ct);
        var values = await Db.QueryAsync<string>($"SELECT p FROM {N("paths")} ORDER BY p", cancellationToken: Ct);
        Assert.Equal(["C:\\", "a;b"], values);
    }

    [Fact]
    public async Task Query_after_set_sql_mode_never_rewrites_inside_a_literal()
    {
        // issue 13, input 6 (queries): the reported text, on one connection
        await using var session = await Db.OpenSessionAsync(Ct);
        var row = await session.QuerySingleAsync<Row>("SET SESSION sql_mode='NO_BACKSLASH_ESCAPES'; SELECT :x AS v, 'C:\\' AS p, ':x lit' AS c", new { x = 1 }, Ct);
        Assert.Equal(":x lit", row["c"]);
        Assert.Equal("C:\\", row["p"]);
        Assert.Equal(1L, Convert.ToInt64(row["v"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Query_with_declared_sql_mode_reads_backslash_as_the_server_does()
    {
        var url = Fixture.Url.ToSecretString();
        await using var db = NexuSqlDatabase.Open(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "sql_mode=NO_BACKSLASH_ESCAPES");
        Assert.Equal("NO_BACKSLASH_ESCAPES", db.Options.SqlMode);
        await using var session = await db.OpenSessionAsync(Ct);
        await session.ExecuteRawAsync("SET SESSION sql_mode='NO_BACKSLASH_ESCAPES'", Ct);
        var row = await session.QuerySingleAsync<Row>("SELECT 'C:\\' AS p, ':x' AS c, :x AS v", new { x = 7 }, Ct);
        Assert.Equal(":x", row["c"]);
    }
}
