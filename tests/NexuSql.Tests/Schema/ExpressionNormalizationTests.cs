using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

public class ExpressionNormalizationTests
{
    [Theory]
    [InlineData("qty >= -1", "(qty >= '-1'::integer)")] // PostgreSQL's stored form
    // bt50 M3: a MariaDB boolean read as an integer in a CASE arm, as NexuSQL writes it and as PostgreSQL keeps it
    [InlineData("(CASE WHEN \"n\" > 0 THEN CAST(\"active\" AS INTEGER) ELSE 0 END = 0 OR \"n\" IS NULL)",
        "(((\nCASE\n    WHEN (n > 0) THEN (active)::integer\n    ELSE 0\nEND = 0) OR (n IS NULL)))")]
    [InlineData("qty >= -1", "`qty` >= -1")] // MariaDB's
    [InlineData("qty >= -1", "\"qty\" >= - 1")]
    [InlineData("status IN ('new','paid')", "((status)::text = ANY ((ARRAY['new'::character varying, 'paid'::character varying])::text[]))")]
    [InlineData("status IN ('new','paid')", "status::text = ANY (ARRAY['new'::character varying, 'paid'::character varying]::text[])")]
    [InlineData("status IN ('new','paid')", "`status` in ('new','paid')")]
    [InlineData("status NOT IN ('a')", "(status)::text <> ALL ((ARRAY['a'::character varying])::text[])")]
    // break test 31 B1: PostgreSQL parses its own deparsed text into per-element casts (a PG→PG copy of the check)
    [InlineData("role IN ('member','admin')", "((role)::text = ANY (ARRAY[('member'::character varying)::text, ('admin'::character varying)::text]))")]
    [InlineData("role NOT IN ('a')", "((role)::text <> ALL (ARRAY[('a'::character varying)::text]))")]
    [InlineData("price > 0 AND qty > 0", "((price > (0)::numeric) AND (qty > 0))")]
    [InlineData("a > 0 AND (b > 0 OR c > 0)", "((a > 0) AND ((b > 0) OR (c > 0)))")]
    [InlineData("price * qty > 0", "((price * (qty)::numeric) > (0)::numeric)")]
    [InlineData("lower(email) <> ''", "(lower((email)::text) <> ''::text)")]
    [InlineData("amount >= 0.50", "(amount >= 0.5)")]
    [InlineData("[qty] >= 1", "qty >= 1")]
    // break test 28 L3: a cast that changes the value is kept, in PostgreSQL's spelling, beside the casts it adds
    [InlineData("v::int = v", "(((v)::integer)::numeric = v)")]
    [InlineData("CAST(v AS int4) = v", "(((v)::integer)::numeric = v)")]
    [InlineData("s::varchar(3) = s", "(((s)::character varying(3))::text = s)")]
    [InlineData("v::numeric(6, 1) = v", "(((v)::numeric(6,1)) = v)")]
    [InlineData("(j->>'k')::int", "((j ->> 'k'::text))::integer")]
    [InlineData("i * f > 0", "(((i)::double precision * f) > (0)::double precision)")]
    [InlineData("ts > d", "(ts > (d)::timestamp with time zone)")]
    // PostgreSQL stores BETWEEN as two comparisons (bt37 M5)
    [InlineData("amount BETWEEN -1 AND 1000", "((amount >= '-1'::integer::numeric) AND (amount <= 1000::numeric))")]
    [InlineData("qty > 0 AND age BETWEEN 0 AND 150", "((qty > 0) AND ((age >= 0) AND (age <= 150)))")]
    [InlineData("age NOT BETWEEN 1 AND 9", "((age < 1) OR (age > 9))")]
    // bt51 F6, F7: a PostgreSQL file's boolean checks as a plan writes them for MariaDB, and as MariaDB keeps them
    [InlineData("`a` = TRUE OR `n` > 0", "`a` = 1 or `n` > 0")]
    [InlineData("NOT `a` OR `f`", "`a` = 0 or `f` <> 0")]
    [InlineData("coalesce(`a`, FALSE) OR `n` > -5", "coalesce(`a`,0) or `n` > -5")]
    [InlineData("`a` AND `f`", "`a` <> 0 and `f` <> 0")]
    [InlineData("NOT CAST(`s` AS BINARY) <> 'q' OR `a` > 0", "cast(`s` as char charset binary) = 'q' or `a` > 0")]
    [InlineData("NOT (s <> 'q') OR a > 0", "s = 'q' OR a > 0")]
    [InlineData("a IS TRUE", "a is true")]
    // bt51 F5: a MariaDB boolean's BETWEEN as NexuSQL writes it for PostgreSQL, and as PostgreSQL keeps it
    [InlineData("CAST(\"f\" AS INTEGER) BETWEEN 0 AND 1", "(((f)::integer >= 0) AND ((f)::integer <= 1))")]
    [InlineData("\"level\" BETWEEN 1 AND 10", "(((level >= 1) AND (level <= 10)))")]
    // PostgreSQL groups || and arithmetic from the left (bt49 M6)
    [InlineData("\"slug\" || ': ' || \"title\"", "((slug || ': '::text) || title)")]
    [InlineData("a - b + c", "((a - b) + c)")]
    [InlineData("a / b * c", "((a / b) * c)")]
    // MariaDB stores NOT of a column as = 0 (bt49 M5)
    [InlineData("((NOT g) OR (r > 0))", "(`g` = 0 or `r` > 0)")]
    [InlineData("(h IS NOT NULL) OR (NOT f)", "(`h` is not null or `f` = 0)")]
    public void Normalize_ignores_what_engines_add(string written, string stored)
    {
        Assert.Equal(SqlExpressionText.Normalize(written), SqlExpressionText.Normalize(stored));
    }

    [Theory]
    [InlineData("status IN ('new','paid')", "status IN ('new','paid','void')")]
    [InlineData("(a OR b) AND c", "a OR (b AND c)")]
    [InlineData("(a + b) * c", "a + b * c")]
    [InlineData("qty >= -1", "qty >= 1")]
    [InlineData("name = 'A'", "name = 'a'")]
    [InlineData("a - (b - c) > 0", "a - b - c > 0")]
    [InlineData("(((v)::integer)::numeric = v)", "(v = v)")]
    [InlineData("v::numeric(6,1) = v", "v::numeric(6,2) = v")]
    [InlineData("(((s)::character varying(3))::text = s)", "(((s)::character varying(4))::text = s)")]
    [InlineData("((j ->> 'k'::text))::integer", "(j ->> 'k'::text)")]
    [InlineData("(a)::numeric(10,0)", "a")]
    [InlineData("(a + b)::integer > 0", "a + b::integer > 0")]
    [InlineData("ts::date = d", "ts = d")]
    [InlineData("a - (b + c)", "a - b + c")]
    // || binds tighter than + on SQLite and looser on PostgreSQL: their parentheses stay
    [InlineData("(a + b) || c", "a + b || c")]
    [InlineData("(a || b) + c", "a || b + c")]
    [InlineData("a / (b * c)", "a / b * c")]
    [InlineData("a * (b + c) - d", "a * b + c - d")]
    [InlineData("NOT g", "g")]
    [InlineData("NOT a = b", "a = 0 = b")]
    [InlineData("NOT g OR r > 0", "g = 1 OR r > 0")]
    [InlineData("a IS TRUE", "a IS 1")]
    [InlineData("NOT (a < 1)", "a < 1")]
    [InlineData("NOT (a < 1 AND b < 2)", "a >= 1 AND b < 2")]
    [InlineData("a OR b", "a OR b <> 1")]
    public void Normalize_keeps_real_differences(string a, string b)
    {
        Assert.NotEqual(SqlExpressionText.Normalize(a), SqlExpressionText.Normalize(b));
    }

    [Theory]
    [InlineData("'-1'::integer", "int32", "-1")]
    [InlineData("'-0.50'::numeric", "decimal(10,2)", "-0.50")]
    [InlineData("NULL::character varying", "string(20)", null)]
    [InlineData("NULL", "string(20)", null)]
    [InlineData("'abc'::text", "text", "'abc'")]
    [InlineData("0", "boolean", "false")]
    [InlineData("'1'", "boolean", "true")]
    [InlineData("FALSE", "boolean", "false")]
    [InlineData("'t'", "boolean", "true")]
    [InlineData("CURRENT_TIMESTAMP(6)", "timestamp", "now()")]
    [InlineData("current_timestamp()", "timestamptz", "now()")]
    [InlineData("gen_random_uuid()", "uuid", "uuid()")]
    [InlineData("('{}'::jsonb)", "json", "'{}'")]
    [InlineData("'sad'::app.mood", "native:app.mood", "'sad'")]
    [InlineData("(strftime('%Y-%m-%d %H:%M:%f+00:00', 'now'))", "timestamptz", "strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')")]
    // the current UTC time of a timestamp column, as each engine keeps it (bt32 F26)
    [InlineData("(now() AT TIME ZONE 'utc'::text)", "timestamp", "utc_timestamp()")]
    [InlineData("timezone('UTC'::text, now())", "timestamp(0)", "utc_timestamp()")]
    [InlineData("timezone('utc'::text, CURRENT_TIMESTAMP)", "timestamp", "utc_timestamp()")]
    [InlineData("utc_timestamp(6)", "timestamp", "utc_timestamp()")]
    [InlineData("utc_timestamp(3)", "timestamp(3)", "utc_timestamp()")]
    [InlineData("utc_timestamp(3)", "timestamp", "utc_timestamp(3)")]
    [InlineData("utc_timestamp()", "timestamp", "utc_timestamp()")]
    [InlineData("(strftime('%Y-%m-%d %H:%M:%f', 'now'))", "timestamp", "utc_timestamp()")]
    [InlineData("(strftime('%Y-%m-%d %H:%M:%S', 'now'))", "timestamp(0)", "utc_timestamp()")]
    [InlineData("(strftime('%Y-%m-%d %H:%M:%S', 'now'))", "timestamp", "strftime('%Y-%m-%d %H:%M:%S', 'now')")]
    [InlineData("(now() AT TIME ZONE 'Europe/Paris'::text)", "timestamp", "now() AT TIME ZONE 'Europe/Paris'::text")]
    [InlineData("(now() AT TIME ZONE 'utc'::text)", "timestamptz", "now() AT TIME ZONE 'utc'::text")]
    // MariaDB's spellings of PostgreSQL's CURRENT_DATE and 'x' || 'y' (bt37 M6)
    [InlineData("curdate()", "date", "CURRENT_DATE")]
    [InlineData("CURRENT_DATE", "date", "CURRENT_DATE")]
    [InlineData("concat('x','y')", "text", "'xy'")]
    [InlineData("('x'::text || 'it''s'::text)", "text", "'xit''s'")]
    [InlineData("concat('x',`y`)", "text", "concat('x',`y`)")]
    [InlineData("concat('a\\b','c')", "text", "concat('a\\b','c')")]
    public void ColumnDefault_Normalize_gives_the_portable_spelling(string stored, string type, string? portable)
    {
        Assert.Equal(portable, ColumnDefault.Normalize(stored, ColumnType.Parse(type)));
    }

    [Theory]
    [InlineData("-1", "'-1'", "int32", true)]
    [InlineData("-0.50", "-0.5", "decimal(10,2)", true)]
    [InlineData("false", "0", "boolean", true)]
    [InlineData("true", "0", "boolean", false)]
    [InlineData("NULL", null, "string(20)", true)]
    [InlineData("now()", "CURRENT_TIMESTAMP", "timestamp", true)]
    public void ColumnDefault_Same_compares_by_meaning(string? a, string? b, string type, bool same)
    {
        Assert.Equal(same, ColumnDefault.Same(a, b, ColumnType.Parse(type)));
    }

    [Fact]
    public void SchemaScript_Check_writes_a_PostgreSql_check_for_engines_without_its_casts_in_normalised_form()
    {
        var check = new CheckModel("inv_status_check", "((status)::text = ANY ((ARRAY['new'::character varying, 'paid'::character varying])::text[]))");
        Assert.Equal("CONSTRAINT `inv_status_check` CHECK (status in ('new', 'paid'))", SchemaScript.Check(check, NexuSql.Dialects.MySqlDialect.Instance));
        Assert.Equal("CONSTRAINT \"inv_status_check\" CHECK (((status)::text = ANY ((ARRAY['new'::character varying, 'paid'::character varying])::text[])))",
            SchemaScript.Check(check, NexuSql.Dialects.PostgreSqlDialect.Instance));
        Assert.Equal("CONSTRAINT \"q\" CHECK (qty >= -1)", SchemaScript.Check(new CheckModel("q", "(qty >= '-1'::integer)"), NexuSql.Dialects.SqliteDialect.Instance));
    }
}
