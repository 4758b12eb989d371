using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

public class SchemaRulesTests
{
    [Theory]
    [InlineData("int32", "int32")]
    [InlineData(" String(100) ", "string(100)")]
    [InlineData("decimal(12, 2)", "decimal(12,2)")]
    [InlineData("decimal", "decimal(18,0)")]
    [InlineData("timestamptz", "timestamptz")]
    [InlineData("native:citext", "native:citext")]
    public void ColumnType_parses_and_prints_the_schema_file_spelling(string text, string printed)
    {
        Assert.Equal(printed, ColumnType.Parse(text).ToString());
    }

    [Theory]
    [InlineData("varchar2")]
    [InlineData("string")]
    [InlineData("int32(4)")]
    public void ColumnType_rejects_unknown_or_unsized_types_with_the_valid_list(string text)
    {
        var e = Assert.Throws<FormatException>(() => ColumnType.Parse(text));
        Assert.Contains(text, e.Message);
    }

    [Theory]
    [InlineData("string(100)", "string(200)", false)]
    [InlineData("string(200)", "string(100)", true)]
    [InlineData("string(200)", "text", false)]
    [InlineData("text", "string(200)", true)]
    [InlineData("int16", "int64", false)]
    [InlineData("int64", "int32", true)]
    [InlineData("decimal(12,2)", "decimal(14,2)", false)]
    [InlineData("decimal(12,2)", "decimal(12,1)", true)]
    [InlineData("decimal(12,2)", "decimal(12,4)", true)]
    [InlineData("float32", "float64", false)]
    [InlineData("int32", "text", true)]
    public void Narrows_marks_type_changes_that_may_lose_data(string from, string to, bool narrows)
    {
        Assert.Equal(narrows, SchemaDiff.Narrows(ColumnType.Parse(from), ColumnType.Parse(to)));
    }

    [Theory]
    [InlineData("0", "0.00", true)]
    [InlineData("(0)", "0", true)]
    [InlineData("now()", "NOW()", true)]
    [InlineData("'a'", "'A'", false)] // a literal's letter case counts (break test 28 L4: 'ACTIVE' was 'active' to diff and drift)
    [InlineData("1", "2", false)]
    [InlineData(null, "0", false)]
    [InlineData(null, null, true)]
    public void SameDefault_compares_meaning_not_spelling(string? a, string? b, bool same)
    {
        Assert.Equal(same, SchemaDiff.SameDefault(a, b));
    }

    [Fact]
    public void Plan_from_empty_orders_tables_then_foreign_keys_then_indexes_and_handles_cycles()
    {
        var a = new TableModel("a", [new("id", ColumnType.Parse("int32"), false), new("b_id", ColumnType.Parse("int32"))])
        {
            PrimaryKey = new KeyModel(null, ["id"]),
            ForeignKeys = [new ForeignKeyModel("a_b", ["b_id"], "b", ["id"])],
            Indexes = [new IndexModel("a_b_idx", [new("b_id")])],
        };
        var b = new TableModel("b", [new("id", ColumnType.Parse("int32"), false), new("a_id", ColumnType.Parse("int32"))])
        {
            PrimaryKey = new KeyModel(null, ["id"]),
            ForeignKeys = [new ForeignKeyModel("b_a", ["a_id"], "a", ["id"])],
        };
        var plan = SchemaDiff.Plan(new SchemaModel([]), new SchemaModel([b, a]), PostgreSqlDialect.Instance);
        Assert.Empty(plan.Refused);
        Assert.Equal(["create table a", "create table b", "add foreign key a(b_id) → b", "create index a_b_idx on a", "add foreign key b(a_id) → a"],
            plan.Changes.Select(c => c.Description));
        Assert.All(plan.Changes, c => Assert.False(c.Destructive));
    }

    [Fact]
    public void Plan_never_renames_by_guesswork()
    {
        var before = new SchemaModel([new TableModel("t", [new("old_name", ColumnType.Parse("text"))])]);
        var after = new SchemaModel([new TableModel("t", [new("new_name", ColumnType.Parse("text"))])]);
        var plan = SchemaDiff.Plan(before, after, PostgreSqlDialect.Instance);
        Assert.Equal(["add column t.new_name text"], plan.Changes.Select(c => c.Description));
        Assert.Equal(["drop column t.old_name (destructive: needs --allow-drop)"], plan.Refused.Select(c => c.Description));
    }
}

public class CheckConstraintTextTests
{
    [Fact]
    public void Parse_finds_named_unnamed_column_and_table_checks_but_not_text_in_strings()
    {
        const string sql = """
            CREATE TABLE "t" (
              qty INT NOT NULL CHECK (qty > 0),
              note TEXT DEFAULT 'CHECK (fake)' /* CHECK (also fake) */,
              CONSTRAINT "t_range" CHECK (qty < (10 * 100)),
              CONSTRAINT [br]]acket] CHECK (note <> ')')
            )
            """;
        var checks = CheckConstraintText.Parse(sql, Dialects.SqliteDialect.Instance);
        Assert.Equal([new CheckModel(null, "qty > 0"), new CheckModel("t_range", "qty < (10 * 100)"), new CheckModel("br]acket", "note <> ')'")], checks);
    }
}
