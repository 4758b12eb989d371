using NexuSql.Dialects;

namespace NexuSql.Tests;

public class DialectTests
{
    [Theory]
    [InlineData(NexuSqlEngine.Sqlite, "we\"ird", "\"we\"\"ird\"")]
    [InlineData(NexuSqlEngine.PostgreSql, "Users", "\"Users\"")]
    [InlineData(NexuSqlEngine.MySql, "a`b", "`a``b`")]
    [InlineData(NexuSqlEngine.SqlServer, "a]b", "[a]]b]")]
    [InlineData(NexuSqlEngine.CockroachDb, "t", "\"t\"")]
    public void QuoteIdentifier_doubles_the_closing_quote(NexuSqlEngine engine, string name, string expected)
    {
        Assert.Equal(expected, SqlDialect.For(engine).QuoteIdentifier(name));
    }

    [Fact]
    public void QuoteIdentifier_rejects_empty_and_nul()
    {
        Assert.Throws<ArgumentException>(() => SqliteDialect.Instance.QuoteIdentifier(""));
        Assert.Throws<ArgumentException>(() => SqliteDialect.Instance.QuoteIdentifier("a\0b"));
    }

    [Fact]
    public void Savepoints_are_spelled_per_engine()
    {
        Assert.Equal("SAVEPOINT \"s1\"", PostgreSqlDialect.Instance.SavepointSql("s1"));
        Assert.Equal("SAVE TRANSACTION [s1]", SqlServerDialect.Instance.SavepointSql("s1"));
        Assert.Equal("ROLLBACK TO SAVEPOINT `s1`", MySqlDialect.Instance.RollbackToSavepointSql("s1"));
        Assert.Equal("", SqlServerDialect.Instance.ReleaseSavepointSql("s1"));
    }

    [Fact]
    public void Capabilities_reflect_each_engine()
    {
        Assert.True(PostgreSqlDialect.Instance.Capabilities.TransactionalDdl);
        Assert.False(MySqlDialect.Instance.Capabilities.TransactionalDdl);
        Assert.False(CockroachDbDialect.Instance.Capabilities.AdvisoryLocks);
        Assert.True(SqliteDialect.Instance.Capabilities.TransactionalDdl);
        Assert.Equal(ParameterStyle.DollarPositional, CockroachDbDialect.Instance.ParameterStyle);
    }

    [Fact]
    public void Paginate_uses_offset_fetch_on_sql_server()
    {
        Assert.Equal("SELECT 1 ORDER BY 1 OFFSET 20 ROWS FETCH NEXT 10 ROWS ONLY", SqlServerDialect.Instance.Paginate("SELECT 1 ORDER BY 1", 10, 20));
        Assert.Equal("SELECT 1 ORDER BY 1 LIMIT 10 OFFSET 20", PostgreSqlDialect.Instance.Paginate("SELECT 1 ORDER BY 1", 10, 20));
    }

    [Fact]
    public void TransactionOptions_delay_is_jittered_and_capped()
    {
        var o = new TransactionOptions { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(400) };
        var delays = Enumerable.Range(0, 200).Select(_ => o.DelayAfter(5).TotalMilliseconds).ToList();
        Assert.All(delays, d => Assert.InRange(d, 200, 400));
        Assert.True(delays.Distinct().Count() > 100, "delays are not jittered");
        Assert.InRange(o.DelayAfter(1).TotalMilliseconds, 50, 100);
    }
}
