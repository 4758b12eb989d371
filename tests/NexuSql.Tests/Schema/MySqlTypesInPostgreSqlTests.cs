using NexuSql.Data;
using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>MariaDB BIT, INET6 and ENUM declared on PostgreSQL (break test 30 F7): the translation, the reads and the value checks.</summary>
public class MySqlTypesInPostgreSqlTests
{
    private static ColumnModel Native(string name, string native) => new(name, new ColumnType(PortableType.Native, Native: native));

    [Fact]
    public void Translate_declares_bit_inet6_and_enum_for_postgresql_and_makes_an_enum_type_of_a_free_name()
    {
        var schema = new SchemaModel([
            new TableModel("t", [Native("b", "bit(3)"), Native("i", "inet6"), Native("e", "enum('b','a','it''s')"), Native("s", "set('x')")]),
            new TableModel("t_e", [Native("x", "int")]),
        ]);
        var notes = new List<string>();
        var t = MySqlTypesInPostgreSql.Translate(schema, notes).Table("t")!;
        var result = MySqlTypesInPostgreSql.Translate(schema, []);
        Assert.Equal(["postgresql:bit(3)", "postgresql:inet", "postgresql:\"t_e_2\"", null], t.Columns.Select(c => c.EngineType?.ToString()));
        Assert.Equal("t_e_2", Assert.Single(result.Enums!).Name);
        Assert.Equal(["b", "a", "it's"], result.Enums![0].Values);
        Assert.Equal(["t.e: enum('b','a','it''s') created as enum type t_e_2 (the same labels in the same order)"], notes);
        Assert.True(MySqlTypesInPostgreSql.IsCarried(t.Columns[2], NexuSqlEngine.PostgreSql));
        Assert.False(MySqlTypesInPostgreSql.IsCarried(t.Columns[3], NexuSqlEngine.PostgreSql));
        Assert.False(MySqlTypesInPostgreSql.IsCarried(t.Columns[0], NexuSqlEngine.Sqlite));
    }

    [Fact]
    public void Translate_refuses_an_enum_label_longer_than_postgresql_holds()
    {
        var schema = new SchemaModel([new TableModel("t", [Native("e", $"enum('{new string('x', 64)}')")])]);
        var e = Assert.Throws<NexuSqlRefusedException>(() => MySqlTypesInPostgreSql.Translate(schema, []));
        Assert.Contains("t.e (label 'xxxx", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FreeName_cuts_to_63_bytes_and_numbers_a_taken_name()
    {
        var wanted = "t_" + new string('é', 40);
        var name = MySqlTypesInPostgreSql.FreeName(wanted, new HashSet<string>());
        Assert.Equal("t_" + new string('é', 30), name);
        Assert.Equal("t_" + new string('é', 29) + "_2", MySqlTypesInPostgreSql.FreeName(wanted, new HashSet<string> { name }));
        Assert.Equal("a_b", MySqlTypesInPostgreSql.FreeName("a_b", new HashSet<string> { "a_c" }));
    }

    [Theory]
    [InlineData("1:0:1:0:1:0:1:0", "1::1:0:1:0:1:0")]
    [InlineData("1:2:3:4:5:6:0:8", "1:2:3:4:5:6::8")]
    [InlineData("0:1:0:1:0:1:0:1", "::1:0:1:0:1:0:1")]
    [InlineData("::ffff:1.2.3.4", "::ffff:1.2.3.4")]
    [InlineData("::ffff:0:102:304", "::ffff:0:102:304")]
    [InlineData("::0.1.0.2", "::0.1.0.2")]
    [InlineData("::1.2.3.4", "::1.2.3.4")]
    [InlineData("::2", "::2")]
    [InlineData("::1", "::1")]
    [InlineData("::", "::")]
    [InlineData("1::", "1::")]
    [InlineData("a:b:c:d:e:f::", "a:b:c:d:e:f::")]
    [InlineData("1:0:0:1::1", "1:0:0:1::1")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("10.0.0.1", "10.0.0.1")]
    [InlineData("::1/64", "::1/64")]
    public void Inet6Text_spells_postgresql_output_as_mariadb_prints_the_same_address(string postgresql, string mariadb) =>
        Assert.Equal(mariadb, Inet6Text.MariaDb(postgresql));

    [Fact]
    public void Postgresql_reads_a_mariadb_bit_as_its_number_and_inet6_with_abbrev()
    {
        var d = PostgreSqlDialect.Instance;
        var bit = Native("b", "bit(3)") with { EngineType = new EngineColumnType(NexuSqlEngine.PostgreSql, "bit(3)") };
        Assert.Equal("\"b\"::bigint AS \"b\"", d.SelectExactSql(bit));
        Assert.Contains("18446744073709551616", d.SelectExactSql(Native("b", "bit(64)") with { EngineType = new EngineColumnType(NexuSqlEngine.PostgreSql, "bit(64)") }), StringComparison.Ordinal);
        // PostgreSQL's own bit(n): the bit string it prints
        Assert.Equal("\"b\"::text AS \"b\"", d.SelectExactSql(Native("b", "bit(3)")));
        Assert.Equal("abbrev(\"i\") AS \"i\"", d.SelectExactSql(Native("i", "inet6")));
    }

    [Fact]
    public void Postgresql_refuses_the_mariadb_enum_error_value_and_takes_the_labels()
    {
        var d = PostgreSqlDialect.Instance;
        var e = new ColumnType(PortableType.Native, Native: "enum('a','b')");
        Assert.Null(d.ValueProblem("a", e));
        Assert.Contains("MariaDB's ENUM error value", d.ValueProblem("", e), StringComparison.Ordinal);
        var withEmpty = new ColumnType(PortableType.Native, Native: "enum('x','')");
        Assert.Null(d.ValueProblem("", withEmpty));
        Assert.Contains("MariaDB's ENUM error value (index 0, stored for a value that is none of the labels; not the label '')", d.ValueProblem(0L, withEmpty), StringComparison.Ordinal);
        Assert.Contains("is not one of the labels", d.ValueProblem("c", e), StringComparison.Ordinal);
        // PostgreSQL's own enum types are not MariaDB's
        Assert.Null(d.ValueProblem("whatever", new ColumnType(PortableType.Native, Native: "mood")));
    }
}

/// <summary>PostgreSQL range types in the model (break test 30 F14): the default multirange name and the CREATE TYPE text.</summary>
public class RangeTypeModelTests
{
    [Theory]
    [InlineData("floatrange", "floatmultirange")]
    [InlineData("my_range_of_range", "my_multirange_of_range")]
    [InlineData("span", "span_multirange")]
    public void DefaultMultirangeName_replaces_the_first_range_or_appends_multirange(string range, string multirange) =>
        Assert.Equal(multirange, RangeTypeModel.DefaultMultirangeName(range));

    [Fact]
    public void CreateRangeTypeSql_writes_only_the_options_the_type_has()
    {
        Assert.Equal("CREATE TYPE \"floatrange\" AS RANGE (SUBTYPE = double precision, SUBTYPE_DIFF = float8mi)",
            PostgreSqlDialect.Instance.CreateRangeTypeSql(new RangeTypeModel("floatrange", "double precision") { SubtypeDiff = "float8mi" }));
        Assert.Equal("CREATE TYPE \"s\".\"tr\" AS RANGE (SUBTYPE = text, SUBTYPE_OPCLASS = pg_catalog.text_pattern_ops, COLLATION = \"C\", MULTIRANGE_TYPE_NAME = \"s\".\"trs\")",
            PostgreSqlDialect.Instance.CreateRangeTypeSql(new RangeTypeModel("tr", "text") { Schema = "s", SubtypeOpClass = "pg_catalog.text_pattern_ops", Collation = "C", MultirangeTypeName = "trs" }));
        Assert.Null(SqliteDialect.Instance.CreateRangeTypeSql(new RangeTypeModel("r", "int")));
        Assert.Null(CockroachDbDialect.Instance.CreateRangeTypeSql(new RangeTypeModel("r", "int")));
    }

    [Fact]
    public void A_range_over_a_domain_is_created_after_the_domain_and_its_model_round_trips()
    {
        var schema = new SchemaModel([]) { Ranges = [new RangeTypeModel("aarange", "zdom")], Domains = [new DomainModel("zdom", "integer")] };
        Assert.Equal(["domain zdom", "range type aarange"], SchemaScript.UserTypeStatements(schema, PostgreSqlDialect.Instance, null).Select(s => s.What));
        var back = SchemaModel.FromJson(schema.ToJson());
        Assert.Equal(schema.Ranges, back.Ranges);
    }
}
