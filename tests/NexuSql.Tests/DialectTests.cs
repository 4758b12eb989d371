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
    public void StoredNumberType_is_float64_for_a_sqlite_float32_column_and_the_type_itself_elsewhere()
    {
        // break test 29 M4: a file's 0.1 into SQLite FLOAT was rounded to float32 though SQLite stores an 8-byte REAL
        var float32 = new NexuSql.Schema.ColumnType(NexuSql.Schema.PortableType.Float32);
        Assert.Equal(new NexuSql.Schema.ColumnType(NexuSql.Schema.PortableType.Float64), SqliteDialect.Instance.StoredNumberType(float32));
        Assert.Equal(float32, PostgreSqlDialect.Instance.StoredNumberType(float32));
        Assert.Equal(float32, MySqlDialect.Instance.StoredNumberType(float32));
        var int32 = new NexuSql.Schema.ColumnType(NexuSql.Schema.PortableType.Int32);
        Assert.Equal(int32, SqliteDialect.Instance.StoredNumberType(int32));
    }

    [Fact]
    public void Paginate_uses_offset_fetch_on_sql_server()
    {
        Assert.Equal("SELECT 1 ORDER BY 1 OFFSET 20 ROWS FETCH NEXT 10 ROWS ONLY", SqlServerDialect.Instance.Paginate("SELECT 1 ORDER BY 1", 10, 20));
        Assert.Equal("SELECT 1 ORDER BY 1 LIMIT 10 OFFSET 20", PostgreSqlDialect.Instance.Paginate("SELECT 1 ORDER BY 1", 10, 20));
    }

    [Fact]
    public void SqlServer_dialect_output_for_a_set_of_statements()
    {
        var d = SqlServerDialect.Instance;
        Assert.Equal("SELECT * FROM [order items] WHERE [id] = @p0 AND name <> N':x' -- :y", d.Rewrite("SELECT * FROM [order items] WHERE [id] = :id AND name <> N':x' -- :y"));
        Assert.Equal(["id"], d.ParameterNames("SELECT * FROM [order items] WHERE [id] = :id AND name <> N':x'"));
        Assert.Equal("INSERT INTO [users] ([email], [name]) OUTPUT INSERTED.[id], INSERTED.[created_at] VALUES (:email, :name)",
            d.InsertReturning("users", ["email", "name"], ["id", "created_at"]));
        Assert.Equal("INSERT INTO [users] ([email], [name]) OUTPUT INSERTED.[id], INSERTED.[created_at] VALUES (@p0, @p1)",
            d.Rewrite(d.InsertReturning("users", ["email", "name"], ["id", "created_at"])));
        Assert.Equal("SELECT id FROM t ORDER BY id OFFSET 40 ROWS FETCH NEXT 20 ROWS ONLY", d.Paginate("SELECT id FROM t ORDER BY id", 20, 40));
        Assert.Equal("[we]]ird]", d.QuoteIdentifier("we]ird"));
        Assert.Equal("SAVE TRANSACTION [s]", d.SavepointSql("s"));
        Assert.Equal("ROLLBACK TRANSACTION [s]", d.RollbackToSavepointSql("s"));
        Assert.Equal("NVARCHAR(200)", d.TypeName(SqlType.VarChar, 200));
        Assert.Equal("DATETIME2", d.TypeName(SqlType.Timestamp));
    }

    [Fact]
    public void InsertReturning_uses_returning_where_the_engine_has_it_and_refuses_on_mysql()
    {
        Assert.Equal("INSERT INTO \"t\" (\"a\") VALUES (:a) RETURNING \"id\"", PostgreSqlDialect.Instance.InsertReturning("t", ["a"], ["id"]));
        Assert.Equal("INSERT INTO \"t\" (\"a\") VALUES ($1) RETURNING \"id\"", PostgreSqlDialect.Instance.Rewrite(PostgreSqlDialect.Instance.InsertReturning("t", ["a"], ["id"])));
        Assert.Throws<NotSupportedException>(() => MySqlDialect.Instance.InsertReturning("t", ["a"], ["id"]));
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

    [Theory]
    [InlineData("10.0.0.1", 11, "10.0.0.1/32")]
    [InlineData("::1", 11, "::1/128")]
    [InlineData("10.1.0.0/16", 11, "10.1.0.0/16")]
    [InlineData("10.0.0.1", 12, "10.0.0.1")]
    public void PostgreSql_reads_inet_as_printed_and_restores_older_backups_as_they_hashed_it(string read, int format, string expected)
    {
        var d = SqlDialect.For(NexuSqlEngine.PostgreSql);
        var inet = new global::NexuSql.Schema.ColumnType(global::NexuSql.Schema.PortableType.Native, Native: "inet");
        Assert.Equal("abbrev(\"ip\") AS \"ip\"", d.SelectExactSql(new global::NexuSql.Schema.ColumnModel("ip", inet)));
        Assert.Equal("\"n\"::text AS \"n\"", d.SelectExactSql(new global::NexuSql.Schema.ColumnModel("n", inet with { Native = "cidr" })));
        Assert.Equal(expected, d.AsBackupFormatRead(new global::NexuSql.Schema.ColumnModel("ip", inet), read, format));
        Assert.Equal(read, d.AsBackupFormatRead(new global::NexuSql.Schema.ColumnModel("n", inet with { Native = "cidr" }), read, format));
        Assert.Equal(read, SqlDialect.For(NexuSqlEngine.MySql).AsBackupFormatRead(new global::NexuSql.Schema.ColumnModel("ip", inet), read, format));
    }

    [Theory]
    // the declared modifiers, and the type without them: an explicit cast pads bit(4) ('101' → '1010'), so both are read
    [InlineData("bit(4)", true, "CAST(:v AS bit(4))::text")]
    [InlineData("bit(4)", false, "CAST(:v AS bit varying)::text")]
    [InlineData("bit varying(3)", false, "CAST(:v AS bit varying)::text")]
    [InlineData("character(2)[]", false, "CAST(:v AS bpchar[])::text")]
    [InlineData("interval(0)", false, "CAST(:v AS interval)::text")]
    [InlineData("inet", true, "abbrev(CAST(:v AS inet))")]
    public void PostgreSql_reads_text_back_as_its_own_types_with_and_without_modifiers(string type, bool modifiers, string expected)
    {
        var column = new global::NexuSql.Schema.ColumnModel("c", new global::NexuSql.Schema.ColumnType(global::NexuSql.Schema.PortableType.Native, Native: type));
        Assert.Equal(expected, SqlDialect.For(NexuSqlEngine.PostgreSql).ReadBackSql(column, ":v", modifiers));
        Assert.Null(SqlDialect.For(NexuSqlEngine.PostgreSql).ReadBackSql(new global::NexuSql.Schema.ColumnModel("c", new global::NexuSql.Schema.ColumnType(global::NexuSql.Schema.PortableType.Text)), ":v", modifiers));
        Assert.Null(SqlDialect.For(NexuSqlEngine.Sqlite).ReadBackSql(column, ":v", modifiers));
    }

    [Fact]
    public void MariaDb_reads_uuid_and_inet6_text_back_byte_for_byte_and_compares_uuid_with_the_portable_uuid()
    {
        var d = SqlDialect.For(NexuSqlEngine.MySql);
        var uuid = new global::NexuSql.Schema.ColumnType(global::NexuSql.Schema.PortableType.Native, Native: "uuid");
        Assert.Equal("CAST(CAST(:v AS INET6) AS CHAR) COLLATE utf8mb4_bin", d.ReadBackSql(new global::NexuSql.Schema.ColumnModel("c", uuid with { Native = "inet6" }), ":v", true));
        Assert.Null(d.ReadBackSql(new global::NexuSql.Schema.ColumnModel("c", uuid with { Native = "bit(4)" }), ":v", true));
        var portable = new global::NexuSql.Schema.ColumnType(global::NexuSql.Schema.PortableType.Uuid);
        Assert.Equal(portable, global::NexuSql.Verification.ColumnComparison.CommonType(uuid, portable));
        Assert.Null(global::NexuSql.Verification.ColumnComparison.CommonType(uuid, new global::NexuSql.Schema.ColumnType(global::NexuSql.Schema.PortableType.Text)));
        // a Guid into a column of the engine's own type is the text the engine prints
        Assert.Equal("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", d.Admit(Guid.Parse("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"), uuid));
    }
}
