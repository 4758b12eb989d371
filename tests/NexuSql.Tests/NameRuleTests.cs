using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests;

/// <summary>Each engine's rules for names (break test 23 F22, F23) and its SQLite-only clauses (F31, F21), asked of the dialect.</summary>
public class NameRuleTests
{
    [Theory]
    [InlineData(NexuSqlEngine.PostgreSql, 63, null)]
    [InlineData(NexuSqlEngine.PostgreSql, 64, "64 bytes long; PostgreSQL keeps at most 63 bytes of a name")]
    [InlineData(NexuSqlEngine.MySql, 64, null)]
    [InlineData(NexuSqlEngine.MySql, 65, "65 characters long; MySQL/MariaDB keeps at most 64 characters of a name")]
    [InlineData(NexuSqlEngine.Sqlite, 5000, null)]
    public void NameProblem_longer_than_the_engine_keeps_names_the_limit(NexuSqlEngine engine, int length, string? expected)
    {
        foreach (var kind in Enum.GetValues<IdentifierKind>()) Assert.Equal(expected, SqlDialect.For(engine).NameProblem(new string('a', length), kind));
    }

    [Fact]
    public void NameProblem_counts_postgresql_bytes_and_mariadb_characters()
    {
        var e32 = new string('é', 32); // 64 bytes, 32 characters
        Assert.NotNull(PostgreSqlDialect.Instance.NameProblem(e32, IdentifierKind.Table));
        Assert.Null(MySqlDialect.Instance.NameProblem(e32, IdentifierKind.Table));
    }

    [Theory]
    [InlineData("t ", IdentifierKind.Table, true)]
    [InlineData("x ", IdentifierKind.Column, true)]
    [InlineData("ix ", IdentifierKind.Index, true)]
    [InlineData("ck ", IdentifierKind.Check, false)]
    [InlineData(" t", IdentifierKind.Table, false)]
    [InlineData("b😀", IdentifierKind.Column, true)]
    public void NameProblem_mariadb_refuses_a_trailing_blank_and_characters_outside_the_bmp(string name, IdentifierKind kind, bool refused)
    {
        Assert.Equal(refused, MySqlDialect.Instance.NameProblem(name, kind) is not null);
        Assert.Null(PostgreSqlDialect.Instance.NameProblem(name, kind));
    }

    [Fact]
    public void NameProblem_sqlite_keeps_sqlite_names_and_postgresql_its_system_columns()
    {
        Assert.NotNull(SqliteDialect.Instance.NameProblem("SQLITE_data", IdentifierKind.Table));
        Assert.NotNull(SqliteDialect.Instance.NameProblem("sqlite_ix", IdentifierKind.Index));
        Assert.Null(SqliteDialect.Instance.NameProblem("sqlite_data", IdentifierKind.Column));
        foreach (var name in new[] { "tableoid", "xmin", "cmin", "xmax", "cmax", "ctid" })
        {
            Assert.NotNull(PostgreSqlDialect.Instance.NameProblem(name, IdentifierKind.Column));
            Assert.Null(PostgreSqlDialect.Instance.NameProblem(name, IdentifierKind.Table));
        }
        // quoted, a name differing in case is another name
        Assert.Null(PostgreSqlDialect.Instance.NameProblem("XMIN", IdentifierKind.Column));
        Assert.Null(MySqlDialect.Instance.NameProblem("xmin", IdentifierKind.Column));
    }

    [Fact]
    public void ConflictClauseSql_is_sqlite_only_and_takes_only_its_five_words()
    {
        Assert.Equal("ON CONFLICT REPLACE", SqliteDialect.Instance.ConflictClauseSql("replace"));
        Assert.Throws<ArgumentException>(() => SqliteDialect.Instance.ConflictClauseSql("REPLACE; DROP TABLE t"));
        Assert.Null(PostgreSqlDialect.Instance.ConflictClauseSql("REPLACE"));
        Assert.Null(MySqlDialect.Instance.ConflictClauseSql("IGNORE"));
    }

    [Fact]
    public void DatabaseSettingSql_sets_sqlite_header_fields_only()
    {
        Assert.Equal("PRAGMA user_version = 42", SqliteDialect.Instance.DatabaseSettingSql("user_version", 42));
        Assert.Equal("PRAGMA application_id = -5", SqliteDialect.Instance.DatabaseSettingSql("application_id", -5));
        Assert.Null(SqliteDialect.Instance.DatabaseSettingSql("journal_mode", 1));
        Assert.Null(SqliteDialect.Instance.DatabaseSettingSql("user_version", 1L << 40));
        Assert.Null(PostgreSqlDialect.Instance.DatabaseSettingSql("user_version", 42));
    }

    [Fact]
    public void CreateTable_writes_sqlite_conflict_clauses_where_sqlite_reads_them()
    {
        var table = new TableModel("p", [
            new ColumnModel("id", new ColumnType(PortableType.Int64), Nullable: false, Identity: true),
            new ColumnModel("email", new ColumnType(PortableType.Text)),
            new ColumnModel("n", new ColumnType(PortableType.Int32), Nullable: false) { NotNullOnConflict = "FAIL" }])
        {
            PrimaryKey = new KeyModel(null, ["id"]) { OnConflict = "REPLACE" },
            Uniques = [new KeyModel(null, ["email"]) { OnConflict = "IGNORE" }],
        };
        var sql = SchemaScript.CreateTable(table, SqliteDialect.Instance, inlineForeignKeys: true);
        Assert.Contains("PRIMARY KEY ON CONFLICT REPLACE AUTOINCREMENT", sql, StringComparison.Ordinal);
        Assert.Contains("NOT NULL ON CONFLICT FAIL", sql, StringComparison.Ordinal);
        Assert.Contains("UNIQUE (\"email\") ON CONFLICT IGNORE", sql, StringComparison.Ordinal);
        var pg = SchemaScript.CreateTable(table, PostgreSqlDialect.Instance, inlineForeignKeys: true);
        Assert.DoesNotContain("CONFLICT", pg, StringComparison.Ordinal);
    }
}
