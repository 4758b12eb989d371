using NexuSql.Migrations;

namespace NexuSql.Tests.Migrations;

public class PlaceholdersTests
{
    [Fact]
    public void Replace_substitutes_every_defined_placeholder()
    {
        var values = new Dictionary<string, string> { ["schema"] = "app", ["owner.name"] = "admin" };
        Assert.Equal("CREATE TABLE app.t (); GRANT ALL ON app.t TO admin;",
            Placeholders.Replace("CREATE TABLE ${schema}.t (); GRANT ALL ON ${schema}.t TO ${owner.name};", values, "V1__x.sql"));
    }

    [Fact]
    public void Replace_undefined_placeholder_names_it_the_script_and_the_line()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Placeholders.Replace("SELECT 1;\nSELECT ${missing};", new Dictionary<string, string>(), "V7__x.sql"));
        Assert.Contains("${missing}", e.Message);
        Assert.Contains("V7__x.sql line 2", e.Message);
        Assert.Contains("--placeholder missing=value", e.Message);
    }

    [Fact]
    public void Replace_leaves_dollar_text_that_is_not_a_placeholder()
    {
        const string sql = "SELECT $$a$$, $1, '${'";
        Assert.Equal(sql, Placeholders.Replace(sql, new Dictionary<string, string>(), "V1__x.sql"));
    }

    [Fact]
    public void Replace_matches_names_case_insensitively_as_flyway_does()
    {
        var values = new Dictionary<string, string> { ["Schema"] = "app" };
        Assert.Equal("app.t app.u", Placeholders.Replace("${schema}.t ${SCHEMA}.u", values, "V1__x.sql"));
    }
}
