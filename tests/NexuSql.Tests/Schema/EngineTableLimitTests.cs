using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>
/// Limits of the target engine the schema alone shows (break test 27 K5): InnoDB's 8,126-byte row inside the page, 64
/// indexes a MySQL table, 1,017 InnoDB / 1,600 PostgreSQL columns, foreign keys between types the engine cannot compare.
/// The boundaries are those MariaDB 10.11 and PostgreSQL 15 showed.
/// </summary>
public class EngineTableLimitTests
{
    private static TableModel Table(string name, IEnumerable<ColumnModel> columns, bool primaryKey = true) =>
        new(name, [new ColumnModel("id", ColumnType.Parse("int32"), false), .. columns]) { PrimaryKey = primaryKey ? new KeyModel(null, ["id"]) : null };

    private static IEnumerable<ColumnModel> Columns(int count, string type, bool nullable = true) =>
        Enumerable.Range(0, count).Select(i => new ColumnModel($"c{i}", ColumnType.Parse(type), nullable));

    private static SchemaModel Translate(SqlDialect target, List<string> skipped, params TableModel[] tables) =>
        ColumnTranslation.ForEngine(new SchemaModel(tables), NexuSqlEngine.PostgreSql, target, skipped, []);

    [Theory]
    // measured on MariaDB 10.11 (innodb_strict_mode, DYNAMIC, 16 KB pages): the first count fits, one more does not
    [InlineData("string(63)", 32, true, true)]
    [InlineData("string(63)", 33, true, false)]
    [InlineData("string(60)", 33, true, true)]
    [InlineData("string(60)", 34, true, false)]
    [InlineData("string(20)", 99, true, true)]
    [InlineData("string(20)", 100, true, false)]
    [InlineData("int64", 997, true, true)]
    [InlineData("int64", 998, true, false)]
    [InlineData("int64", 1000, false, true)]
    [InlineData("text", 383, true, true)]
    [InlineData("text", 384, true, false)]
    public void InnoDB_row_inside_the_page_is_counted_as_MariaDB_counts_it(string type, int count, bool nullable, bool fits)
    {
        var columns = Table("t", Columns(count, type, nullable)).Columns;
        Assert.Equal(fits, MySqlDialect.Instance.InlineRowBytes(columns, primaryKey: true) <= MySqlDialect.Instance.MaxInlineRowBytes);
    }

    [Fact]
    public void String_columns_beyond_InnoDBs_row_become_text_widest_first_and_named()
    {
        List<string> skipped = [];
        var wide = Translate(MySqlDialect.Instance, skipped, Table("wide2", [.. Columns(59, "string(60)"), new ColumnModel("big", ColumnType.Parse("string(63)"))])).Table("wide2")!;
        // 60 × 241 bytes: 29 columns to text (21 bytes each) bring the row under 8,126 bytes; the widest first
        Assert.Equal(29, wide.Columns.Count(c => c.Type.Kind == PortableType.Text));
        Assert.Equal(PortableType.Text, wide.Columns.Single(c => c.Name == "big").Type.Kind);
        Assert.Equal(29, skipped.Count);
        Assert.StartsWith("length limit of wide2.big (string(63)): MySQL/MariaDB keeps at most 8,126 bytes of a row inside the page", skipped[0], StringComparison.Ordinal);
        Assert.True(MySqlDialect.Instance.InlineRowBytes(wide.Columns, true) <= 8126);
        // PostgreSQL keeps long rows off the page: nothing changes
        skipped.Clear();
        Assert.All(Translate(PostgreSqlDialect.Instance, skipped, Table("wide2", Columns(60, "string(60)"))).Table("wide2")!.Columns.Skip(1),
            c => Assert.Equal("string(60)", c.Type.ToString()));
        Assert.Empty(skipped);
    }

    [Fact]
    public void A_row_of_key_and_fixed_columns_over_InnoDBs_limit_is_refused_by_table()
    {
        // key columns stay strings (text cannot be a key there); 1,016 BIGINT columns leave nothing to move off the page
        var keyed = Table("k", Columns(40, "string(60)")) with { Indexes = [.. Enumerable.Range(0, 40).Select(i => new IndexModel($"ix{i}", [new IndexColumn($"c{i}")]))] };
        var refused = Assert.Throws<NexuSqlRefusedException>(() => Translate(MySqlDialect.Instance, [], keyed));
        Assert.StartsWith("Table k: a row takes up to 9,", refused.Message, StringComparison.Ordinal);
        Assert.Contains("more than MySQL/MariaDB keeps there (8,126 bytes, InnoDB); widest columns: c0 (string(60), 241 bytes)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was written.", refused.Message, StringComparison.Ordinal);
        refused = Assert.Throws<NexuSqlRefusedException>(() => Translate(MySqlDialect.Instance, [], Table("n", Columns(1010, "int64"))));
        Assert.StartsWith("Table n: a row takes up to", refused.Message, StringComparison.Ordinal);
        // into tables the target has already (copy --data-only) nothing is created: nothing refused
        ColumnTranslation.ForEngine(new SchemaModel([keyed]), NexuSqlEngine.PostgreSql, MySqlDialect.Instance, [], [], intoExistingTables: true);
    }

    [Fact]
    public void Tables_with_more_columns_than_the_engine_creates_are_refused_by_table()
    {
        Translate(MySqlDialect.Instance, [], Table("fits", Columns(1016, "int16")));
        var refused = Assert.Throws<NexuSqlRefusedException>(() => Translate(MySqlDialect.Instance, [], Table("fits", Columns(10, "int16")), Table("wide3", Columns(1100, "int16"))));
        Assert.StartsWith("These tables have more columns than MySQL/MariaDB creates in one table (1,017): wide3 (1,101 columns). Nothing was written.", refused.Message, StringComparison.Ordinal);
        Translate(PostgreSqlDialect.Instance, [], Table("fits", Columns(1599, "int32")));
        refused = Assert.Throws<NexuSqlRefusedException>(() => Translate(PostgreSqlDialect.Instance, [], Table("w", Columns(1700, "int32"))));
        Assert.Contains("PostgreSQL creates in one table (1,600): w (1,701 columns)", refused.Message, StringComparison.Ordinal);
        // SQLite holds 2,000
        Translate(SqliteDialect.Instance, [], Table("w", Columns(1700, "int32")));
    }

    [Fact]
    public void More_than_64_indexes_into_MySQL_are_refused_counting_the_primary_key_and_foreign_key_indexes()
    {
        static TableModel Indexed(int indexes, bool primaryKey) => Table("many_ix", Columns(70, "int32"), primaryKey) with
        {
            Indexes = [.. Enumerable.Range(0, indexes).Select(i => new IndexModel($"ix{i}", [new IndexColumn($"c{i}")]))],
        };
        var parent = Table("p", []);
        // as MariaDB 10.11 counts: the primary key and 63 indexes fit, 64 do not; without a primary key 64 fit
        Translate(MySqlDialect.Instance, [], Indexed(63, true));
        Translate(MySqlDialect.Instance, [], Indexed(64, false));
        var refused = Assert.Throws<NexuSqlRefusedException>(() => Translate(MySqlDialect.Instance, [], Indexed(64, true)));
        Assert.StartsWith("These tables have more indexes than MySQL/MariaDB creates on one table (64", refused.Message, StringComparison.Ordinal);
        Assert.Contains("many_ix (65 indexes). Nothing was written.", refused.Message, StringComparison.Ordinal);
        // a foreign key on a column no index begins with needs an index of its own; on an indexed column it does not
        Assert.Throws<NexuSqlRefusedException>(() => Translate(MySqlDialect.Instance, [], parent,
            Indexed(63, true) with { ForeignKeys = [new ForeignKeyModel(null, ["c69"], "p", ["id"])] }));
        Translate(MySqlDialect.Instance, [], parent, Indexed(63, true) with { ForeignKeys = [new ForeignKeyModel(null, ["c0"], "p", ["id"])] });
        // PostgreSQL has no such limit
        Translate(PostgreSqlDialect.Instance, [], Indexed(70, true));
    }

    [Fact]
    public void A_foreign_key_between_types_the_engine_cannot_compare_is_refused_by_table_and_key()
    {
        var p = Table("p", []) with { Columns = [new ColumnModel("id", ColumnType.Parse("int64"), false)] };
        var c2 = Table("c2", [new ColumnModel("pid", ColumnType.Parse("text"))]) with { ForeignKeys = [new ForeignKeyModel("c2_pid_fkey", ["pid"], "p", ["id"])] };
        foreach (var target in new SqlDialect[] { PostgreSqlDialect.Instance, MySqlDialect.Instance })
        {
            var refused = Assert.Throws<NexuSqlRefusedException>(() => ColumnTranslation.ForEngine(new SchemaModel([p, c2]), NexuSqlEngine.Sqlite, target, [], []));
            Assert.StartsWith($"These foreign keys join columns of types {target.Engine.DisplayName()} cannot compare: c2 foreign key c2_pid_fkey: pid (", refused.Message, StringComparison.Ordinal);
            Assert.Contains("references p.id (int64). Nothing was written.", refused.Message, StringComparison.Ordinal);
            Assert.Contains("Give the column the type of the column it references in the source", refused.Message, StringComparison.Ordinal);
        }
        // SQLite compares values of any type
        ColumnTranslation.ForEngine(new SchemaModel([p, c2]), NexuSqlEngine.PostgreSql, SqliteDialect.Instance, [], []);
    }

    [Theory]
    // measured on PostgreSQL 15: (column, referenced, PostgreSQL makes it, MariaDB makes it)
    [InlineData("int32", "decimal(10,0)", true, false)]
    [InlineData("decimal(10,0)", "int32", false, false)]
    [InlineData("int32", "int64", true, true)]
    [InlineData("string(5)", "text", true, true)]
    [InlineData("text", "int64", false, false)]
    [InlineData("int64", "text", false, false)]
    [InlineData("float32", "float64", true, false)]
    [InlineData("int32", "float64", true, false)]
    [InlineData("date", "timestamp", true, false)]
    [InlineData("timestamp", "timestamptz", true, false)]
    [InlineData("uuid", "text", false, true)]
    [InlineData("boolean", "int32", false, false)]
    [InlineData("binary", "text", false, false)]
    [InlineData("decimal(10,0)", "decimal(12,0)", true, true)]
    public void Foreign_key_types_are_judged_as_each_engine_judges_them(string column, string referenced, bool postgresql, bool mysql)
    {
        Assert.Equal(postgresql, PostgreSqlDialect.Instance.ForeignKeyTypeProblem(ColumnType.Parse(column), ColumnType.Parse(referenced)) is null);
        Assert.Equal(mysql, MySqlDialect.Instance.ForeignKeyTypeProblem(ColumnType.Parse(column), ColumnType.Parse(referenced)) is null);
    }
}
