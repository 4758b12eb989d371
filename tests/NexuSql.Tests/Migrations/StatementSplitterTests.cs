using NexuSql.Dialects;
using NexuSql.Migrations;

namespace NexuSql.Tests.Migrations;

public class StatementSplitterTests
{
    private static string[] Split(char dialect, string script) =>
        StatementSplitter.Split(script, DialectCodes.Get(dialect)).Select(s => s.Text).ToArray();

    public static TheoryData<char, string, string[]> Cases => new()
    {
        // every engine
        { 'P', "CREATE TABLE a (x int); INSERT INTO a VALUES (1);", ["CREATE TABLE a (x int)", "INSERT INTO a VALUES (1)"] },
        { 'P', "SELECT ';'; -- a;b\nSELECT 2 /* ; */;", ["SELECT ';'", "-- a;b\nSELECT 2 /* ; */"] },
        { 'P', "-- only a comment;\n/* another; */\n", [] },
        { 'S', "SELECT 1;;;SELECT 2", ["SELECT 1", "SELECT 2"] },
        // PostgreSQL: dollar quotes, E-strings, BEGIN ATOMIC, transaction statements
        { 'P', "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN NEW.x := 1; RETURN NEW; END; $$ LANGUAGE plpgsql; SELECT 1;",
            ["CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN NEW.x := 1; RETURN NEW; END; $$ LANGUAGE plpgsql", "SELECT 1"] },
        { 'P', "CREATE FUNCTION g() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;", ["CREATE FUNCTION g() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql"] },
        { 'P', "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 ELSE 3 END; END; SELECT 3;",
            ["CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 ELSE 3 END; END", "SELECT 3"] },
        { 'P', "DO $$ BEGIN RAISE NOTICE 'x;y'; END $$; SELECT E'\\';';", ["DO $$ BEGIN RAISE NOTICE 'x;y'; END $$", "SELECT E'\\';'"] },
        { 'P', "BEGIN; INSERT INTO a VALUES (1); COMMIT;", ["BEGIN", "INSERT INTO a VALUES (1)", "COMMIT"] },
        { 'P', "CREATE INDEX CONCURRENTLY i ON a (x);\nVACUUM a;", ["CREATE INDEX CONCURRENTLY i ON a (x)", "VACUUM a"] },
        // MySQL: DELIMITER, compound bodies without it, executable comments, # comments, backslashes
        { 'M', "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END //\nDELIMITER ;\nSELECT 3;",
            ["CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END", "SELECT 3"] },
        { 'M', "DELIMITER $$\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; END$$\nDELIMITER ;",
            ["CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; END"] },
        { 'M', "CREATE PROCEDURE p() BEGIN DECLARE x INT DEFAULT 0; IF x > 0 THEN SELECT 1; END IF; WHILE x < 3 DO SET x = x + 1; END WHILE; " +
               "CASE x WHEN 3 THEN SELECT 'three'; ELSE BEGIN END; END CASE; END; SELECT 2;",
            ["CREATE PROCEDURE p() BEGIN DECLARE x INT DEFAULT 0; IF x > 0 THEN SELECT 1; END IF; WHILE x < 3 DO SET x = x + 1; END WHILE; " +
             "CASE x WHEN 3 THEN SELECT 'three'; ELSE BEGIN END; END CASE; END", "SELECT 2"] },
        { 'M', "CREATE DEFINER=`root`@`localhost` TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; END;\nINSERT INTO a VALUES (1);",
            ["CREATE DEFINER=`root`@`localhost` TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; END", "INSERT INTO a VALUES (1)"] },
        { 'M', "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM a; END;", ["CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM a; END"] },
        { 'M', "/*!40101 SET NAMES utf8mb4 */;\n# note; here\nSELECT 'it\\'s;', \"a;b\";", ["/*!40101 SET NAMES utf8mb4 */", "# note; here\nSELECT 'it\\'s;', \"a;b\""] },
        { 'M', "CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC RETURN CASE WHEN x > 0 THEN 1 ELSE 0 END; SELECT f(1);",
            ["CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC RETURN CASE WHEN x > 0 THEN 1 ELSE 0 END", "SELECT f(1)"] },
        { 'M', "  delimiter ;;\nSELECT 1;;\nSELECT 2;;", ["SELECT 1", "SELECT 2"] },
        // MariaDB FOR ... END FOR without DELIMITER (issue 13, input 2)
        { 'M', "CREATE PROCEDURE fill(IN k INT)\nBEGIN\n  FOR i IN 1..k DO\n    INSERT INTO nums VALUES (i);\n  END FOR;\nEND;\nCALL fill(3);",
            ["CREATE PROCEDURE fill(IN k INT)\nBEGIN\n  FOR i IN 1..k DO\n    INSERT INTO nums VALUES (i);\n  END FOR;\nEND", "CALL fill(3)"] },
        // PostgreSQL: ';' inside parentheses, as psql (issue 13, input 3)
        { 'P', "CREATE RULE r AS ON INSERT TO a DO ALSO (INSERT INTO b VALUES (1); INSERT INTO c VALUES (2));\nSELECT ';(';",
            ["CREATE RULE r AS ON INSERT TO a DO ALSO (INSERT INTO b VALUES (1); INSERT INTO c VALUES (2))", "SELECT ';('"] },
        // MySQL's client splits at ';' even inside parentheses
        { 'M', "SELECT (1; SELECT 2);", ["SELECT (1", "SELECT 2)"] },
        // SQLite: trigger bodies, bracket and backtick identifiers
        { 'S', "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = 1; SELECT CASE WHEN 1 THEN 2 END; END; SELECT 1;",
            ["CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = 1; SELECT CASE WHEN 1 THEN 2 END; END", "SELECT 1"] },
        { 'S', "CREATE TEMP TRIGGER t2 BEFORE DELETE ON a BEGIN SELECT RAISE(ABORT, 'no;'); END;", ["CREATE TEMP TRIGGER t2 BEFORE DELETE ON a BEGIN SELECT RAISE(ABORT, 'no;'); END"] },
        { 'S', "BEGIN; CREATE TABLE [x;y] (`a;b` int); COMMIT;", ["BEGIN", "CREATE TABLE [x;y] (`a;b` int)", "COMMIT"] },
        // SQL Server: GO batches
        { 'Q', "CREATE TABLE a (x int)\nGO\nINSERT INTO a VALUES (1); INSERT INTO a VALUES (2)\ngo 2\n",
            ["CREATE TABLE a (x int)", "INSERT INTO a VALUES (1); INSERT INTO a VALUES (2)", "INSERT INTO a VALUES (1); INSERT INTO a VALUES (2)"] },
        { 'Q', "SELECT 'GO'\n-- GO\n/*\nGO\n*/\nGOTO done\nSELECT 1", ["SELECT 'GO'\n-- GO\n/*\nGO\n*/\nGOTO done\nSELECT 1"] },
        { 'Q', "CREATE PROCEDURE p AS BEGIN SELECT 1; SELECT 2; END\n  GO  \nEXEC p", ["CREATE PROCEDURE p AS BEGIN SELECT 1; SELECT 2; END", "EXEC p"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Split_finds_the_statements_a_native_client_would(char dialect, string script, string[] expected)
    {
        Assert.Equal(expected, Split(dialect, script));
    }

    [Fact]
    public void Split_reports_the_line_each_statement_starts_on()
    {
        var statements = StatementSplitter.Split("-- header\n\nCREATE TABLE a (x int);\n\n  INSERT INTO a\n  VALUES (1);\n", PostgreSqlDialect.Instance);
        Assert.Equal([3, 5], statements.Select(s => s.Line));
    }

    [Theory]
    [InlineData("VACUUM", true)]
    [InlineData("vacuum  full a", true)]
    [InlineData("CREATE   INDEX\n CONCURRENTLY i ON a (x)", true)]
    [InlineData("create unique index concurrently i on a (x)", true)]
    [InlineData("ALTER SYSTEM SET work_mem = '64MB'", true)]
    [InlineData("CREATE INDEX i ON a (x)", false)]
    [InlineData("SELECT 'VACUUM'", false)]
    public void RequiresNoTransaction_spots_postgresql_statements_refused_in_transactions(string statement, bool expected)
    {
        Assert.Equal(expected, PostgreSqlDialect.Instance.RequiresNoTransaction(statement));
    }

    /// <summary>bt42 N1: a script's own transaction control, not a PL/pgSQL block's END LOOP as another engine splits it, nor ROLLBACK TO a savepoint.</summary>
    [Theory]
    [InlineData("BEGIN", true)]
    [InlineData("begin;", true)]
    [InlineData("BEGIN TRANSACTION", true)]
    [InlineData("BEGIN IMMEDIATE", true)]
    [InlineData("START TRANSACTION ISOLATION LEVEL SERIALIZABLE", true)]
    [InlineData("COMMIT", true)]
    [InlineData("commit work", true)]
    [InlineData("COMMIT AND CHAIN", true)]
    [InlineData("END", true)]
    [InlineData("ROLLBACK", true)]
    [InlineData("ABORT", true)]
    [InlineData("abort;", true)]
    [InlineData("ABORT WORK", true)]
    [InlineData("abort transaction;", true)]
    [InlineData("ABORT AND CHAIN", true)]
    [InlineData("ABORTED = 1", false)]
    [InlineData("END LOOP", false)]
    [InlineData("END $$", false)]
    [InlineData("ROLLBACK TO SAVEPOINT s", false)]
    [InlineData("BEGIN FOR i IN 1..3 LOOP", false)]
    [InlineData("COMMITTED_AT = 1", false)]
    public void IsTransactionControl_spots_a_scripts_own_transaction_statements(string statement, bool expected) =>
        Assert.Equal(expected, SqlDialect.IsTransactionControl(statement));

    [Theory]
    [InlineData("BEGIN;", true)]
    [InlineData("START TRANSACTION", true)]
    [InlineData("begin immediate", true)]
    [InlineData("COMMIT", false)]
    [InlineData("COMMIT AND CHAIN", true)]
    [InlineData("ROLLBACK AND NO CHAIN", false)]
    [InlineData("ABORT", false)]
    [InlineData("ABORT AND CHAIN", true)]
    [InlineData("ROLLBACK TO SAVEPOINT s", false)]
    [InlineData("SAVEPOINT s", false)]
    public void OpensTransaction_tells_a_begin_from_a_commit(string statement, bool expected) =>
        Assert.Equal(expected, SqlDialect.OpensTransaction(statement));

    [Fact]
    public void ScriptTransaction_reads_the_scripts_own_open_transaction_and_says_what_stayed()
    {
        var statements = StatementSplitter.Split("create table a (id int);\nSTART TRANSACTION;\ninsert into a values (1);\nCOMMIT;\nBEGIN;\ninsert into a values (2);\n", MySqlDialect.Instance);
        Assert.Null(ScriptTransaction.OpenBefore(statements, 4, MySqlDialect.Instance));
        Assert.Equal(1, ScriptTransaction.OpenBefore(statements, 3, MySqlDialect.Instance));
        Assert.Equal(4, ScriptTransaction.OpenBefore(statements, 6, MySqlDialect.Instance));
        Assert.Equal("Statements 5 to 6 — the script's own transaction from its BEGIN (line 5), never committed — were rolled back; statements 1 to 4 stayed applied",
            ScriptTransaction.Kept(6, new ScriptTransaction.Settled(true, 4), statements, MySqlDialect.Instance));
        Assert.Equal("Statements 1 to 3 stayed applied", ScriptTransaction.Kept(3, new ScriptTransaction.Settled(false, null), statements, MySqlDialect.Instance));
        // PostgreSQL cannot be asked later: a BEGIN never committed is refused up front where the script runs statement by statement
        var open = StatementSplitter.Split("create table a (id int);\nBEGIN;\ninsert into a values (1);\n", PostgreSqlDialect.Instance);
        Assert.Equal(1, ScriptTransaction.Refusal(open, PostgreSqlDialect.Instance, transactional: false, "")?.Index);
        Assert.Null(ScriptTransaction.Refusal(open, MySqlDialect.Instance, transactional: false, ""));
    }

    /// <summary>bt44 L2: the script's own ROLLBACK undid what ran since its START TRANSACTION; L4: a statement split over lines is named by its words.</summary>
    [Fact]
    public void ScriptTransaction_says_what_the_scripts_own_rollback_undid()
    {
        var d = MySqlDialect.Instance;
        var statements = StatementSplitter.Split("create table a (id int);\nstart transaction;\ninsert into a values (1);\nrollback;\ninsert into a values (2);\nBEGIN;\n" +
            "insert into a values (3);\nABORT;\ninsert into a values (4);\nstart\n  transaction;\ninsert into a values (5);\n", d);
        Assert.Equal([(2, 4, 3), (6, 8, 7)], ScriptTransaction.UndoneByScript(statements, 11, d));
        Assert.Equal("Statements 2 to 4 — the script's own transaction from its start transaction (line 2) to its rollback (line 4) — were undone by that rollback; " +
                     "statements 1 and 5 stayed applied", ScriptTransaction.Kept(5, new ScriptTransaction.Settled(false, null), statements, d));
        Assert.Equal("Statements 2 to 4 — the script's own transaction from its start transaction (line 2) to its rollback (line 4) — were undone by that rollback; " +
                     "statements 6 to 8 — the script's own transaction from its BEGIN (line 6) to its ABORT (line 8) — were undone by that ABORT; " +
                     "statements 10 to 11 — the script's own transaction from its start transaction (line 10), never committed — were rolled back; " +
                     "statements 1, 5 and 9 stayed applied", ScriptTransaction.Kept(11, new ScriptTransaction.Settled(true, 9), statements, d));
        Assert.Equal("the script's start transaction (statement 2, line 2) has no COMMIT after it",
            ScriptTransaction.Refusal(StatementSplitter.Split("select 1;\nstart\n transaction;\nselect 2;\n", PostgreSqlDialect.Instance), PostgreSqlDialect.Instance, false, "")!.Value.Problem[..75]);
    }

    /// <summary>bt44: MariaDB commits before DDL, so the script's ROLLBACK after a CREATE TABLE undid nothing; a CREATE TEMPORARY TABLE commits nothing.</summary>
    [Fact]
    public void ScriptTransaction_says_a_rollback_after_ddl_on_mariadb_undid_nothing()
    {
        var d = MySqlDialect.Instance;
        var statements = StatementSplitter.Split("start transaction;\ninsert into a values (1);\ncreate table z (i int);\nrollback;\n", d);
        Assert.Empty(ScriptTransaction.UndoneByScript(statements, 4, d));
        Assert.Equal("The script's rollback (statement 4, line 4) undid nothing: its create table z (i int) (statement 3, line 3) committed the transaction " +
                     "from its start transaction (line 1) before it ran, as MySQL/MariaDB does at DDL, and each statement after it committed by itself; " +
                     "statements 1 to 4 stayed applied", ScriptTransaction.Kept(4, new ScriptTransaction.Settled(false, null), statements, d));
        var temporary = StatementSplitter.Split("start transaction;\ninsert into a values (1);\ncreate temporary table z (i int);\nrollback;\n", d);
        Assert.Equal([(1, 4, 3)], ScriptTransaction.UndoneByScript(temporary, 4, d));
        // PostgreSQL's DDL is transactional: its ROLLBACK undoes the CREATE TABLE too
        var pg = StatementSplitter.Split("begin;\ninsert into a values (1);\ncreate table z (i int);\nrollback;\n", PostgreSqlDialect.Instance);
        Assert.Equal([(1, 4, 3)], ScriptTransaction.UndoneByScript(pg, 4, PostgreSqlDialect.Instance));
    }

    /// <summary>bt44: a script's own ABORT inside NexuSQL's transaction is refused with advice for an ABORT, not "remove the script's BEGIN and COMMIT".</summary>
    [Fact]
    public void ScriptTransaction_refuses_an_abort_with_advice_that_fits_it()
    {
        var d = PostgreSqlDialect.Instance;
        var problem = ScriptTransaction.Refusal(StatementSplitter.Split("insert into a values (1);\nabort;\n", d), d, true, "own", "its first line -- nexusql:no-transaction")!.Value.Problem;
        Assert.StartsWith("the script controls its own transaction (abort), and own; remove the abort: inside that transaction it would undo the script's statements before it", problem, StringComparison.Ordinal);
        Assert.Contains("split it into migrations, one per transaction, or make its first line -- nexusql:no-transaction", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN and COMMIT", problem, StringComparison.Ordinal);
        problem = ScriptTransaction.Refusal(StatementSplitter.Split("begin;\ninsert into a values (1);\ncommit;\n", d), d, true, "own")!.Value.Problem;
        Assert.Contains("remove the script's own BEGIN, COMMIT, ROLLBACK and ABORT and let NexuSQL run it in its transaction", problem, StringComparison.Ordinal);
        Assert.EndsWith("split it into files, one per transaction", problem, StringComparison.Ordinal);
    }
}
