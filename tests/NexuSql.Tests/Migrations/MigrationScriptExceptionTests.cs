namespace NexuSql.Tests.Migrations;

public class MigrationScriptExceptionTests
{
    [Theory]
    [InlineData(1, "No statement before it ran")]
    [InlineData(2, "Statement 1 stayed applied")]
    [InlineData(4, "Statements 1 to 3 stayed applied")]
    public void Message_says_which_statements_stayed_applied(int statement, string expected)
    {
        var e = new NexuSqlMigrationScriptException("V1__x.sql", statement, 4, 7, rolledBack: false, new NexuSqlException("boom", NexuSqlEngine.MySql));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("1 to 0", e.Message);
    }
}
