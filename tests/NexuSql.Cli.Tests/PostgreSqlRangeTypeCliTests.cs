namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 30 F14: a PostgreSQL user-defined range type (<c>CREATE TYPE floatrange AS RANGE (subtype = float8,
/// subtype_diff = float8mi)</c>) was not carried PostgreSQL → PostgreSQL: copy and restore into an empty database
/// refused with "The target database has no such type ... t.fr (type floatrange)". The range type is recreated now, with
/// its options (subtype, operator class, collation, subtype_diff, multirange name), as composite types are; read with psql.
/// </summary>
public sealed class PostgreSqlRangeTypeCliTests() : SchemaFidelityCliTestBase("pg-range-type")
{
    private const string Ranges = "SELECT t.typname || ' ' || format_type(r.rngsubtype, NULL) || ' ' || oc.opcname || ' ' || coalesce(c.collname, '-') || ' ' " +
        "|| r.rngsubdiff::regproc::text || ' ' || r.rngcanonical::regproc::text || ' ' || mt.typname " +
        "FROM pg_range r JOIN pg_type t ON t.oid = r.rngtypid JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = 'public' " +
        "JOIN pg_opclass oc ON oc.oid = r.rngsubopc LEFT JOIN pg_collation c ON c.oid = r.rngcollation JOIN pg_type mt ON mt.oid = r.rngmultitypid ORDER BY 1";

    private const string Values = "SELECT id, fr, tr, fr @> 1.5::float8, upper(tr) FROM t ORDER BY id";

    [Fact]
    public async Task A_range_type_arrives_with_its_options_and_its_values_by_copy_and_restore()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
                CREATE TYPE textrange AS RANGE (subtype = text, collation = "C", subtype_opclass = text_pattern_ops, multirange_type_name = textranges);
                CREATE TABLE t (id int PRIMARY KEY, fr floatrange, tr textrange, mr floatmultirange);
                INSERT INTO t VALUES (1, '[1,2)', '[a,b]', '{[1,2), [3,4]}'), (2, 'empty', '(,z)', '{}'), (3, NULL, NULL, NULL);
                """);
            var expected = await EngineClient.RunAsync(source, Ranges);
            Assert.Equal("floatrange double precision float8_ops - float8mi - floatmultirange\ntextrange text text_pattern_ops C - - textranges", expected);
            var values = await EngineClient.RunAsync(source, Values);
            Assert.Equal("1|[1,2)|[a,b]|t|b\n2|empty|(,z)|f|z\n3||||", values);
            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            foreach (var pg in new[] { copied, restored })
            {
                Assert.Equal(expected, await EngineClient.RunAsync(pg, Ranges));
                Assert.Equal(values, await EngineClient.RunAsync(pg, Values));
                Assert.Equal("{[1,2),[3,4]}", await EngineClient.RunAsync(pg, "SELECT mr FROM t WHERE id = 1"));
                await Ok("--url", source, "verify", "--against", pg);
            }
            await AssertDumpApplyConvergesAsync(source, "postgresql");

            // into another engine the type has no equivalent: named, and its columns refused by name
            var sqlite = await Db.NewAsync("sqlite");
            var refused = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", sqlite);
            Assert.True(refused.ExitCode == 4, refused.All);
            Assert.Contains("t.fr (floatrange)", refused.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        });
    }
}
