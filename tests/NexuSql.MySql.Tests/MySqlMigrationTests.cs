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
}
