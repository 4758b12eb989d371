using NexuSql.Specification;

namespace NexuSql.Sqlite.Tests;

public sealed class SqliteMigrationTests(SqliteFixture f) : MigrationSpec<SqliteFixture>(f), IClassFixture<SqliteFixture>
{
    protected override string HolderHint => $"pid {Environment.ProcessId}";

    protected override (string Script, string Check) RoutineScript() => ($"""
        CREATE TABLE {N("rt")} (id INTEGER PRIMARY KEY, v INTEGER);
        CREATE TABLE {N("rt_log")} (v INTEGER);
        -- a trigger body holds ';' and CASE ... END
        CREATE TRIGGER {N("trg")} AFTER INSERT ON {N("rt")}
        BEGIN
          INSERT INTO {N("rt_log")} (v) VALUES (CASE WHEN NEW.v > 0 THEN NEW.v * 2 ELSE 0 END);
          UPDATE {N("rt")} SET v = v WHERE id = NEW.id;
        END;
        INSERT INTO {N("rt")} (v) VALUES (21);
        """, $"SELECT v FROM {N("rt_log")}");
}
