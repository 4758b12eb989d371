namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 23 F15: PostgreSQL <c>bpchar</c> without a length stores and returns the blanks it was given (unlike
/// <c>char(n)</c>, which pads to n); PG → PG copy and backup → restore read it through its cast to text, which removes
/// them, so <c>'ab  '</c> arrived as <c>'ab'</c> with "counts and hashes match", and verify called the two equal.
/// </summary>
public sealed class PostgreSqlBpcharCliTests() : ValueFidelityCliTestBase("bpchar")
{
    [Fact]
    public async Task Bpchar_without_a_length_keeps_its_trailing_blanks_and_verify_sees_them()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id int PRIMARY KEY, c bpchar, d char(5), a bpchar[]); " +
                "INSERT INTO t VALUES (1, 'ab  ', 'ab', ARRAY['x  '::bpchar]), (2, 'x', 'y', NULL), (3, NULL, NULL, NULL);");
            const string Text = "SELECT id, format('[%s]', c), octet_length(c), format('[%s]', d), a FROM t ORDER BY id";
            Assert.StartsWith("1|[ab  ]|4|[ab   ]", await EngineClient.RunAsync(source, Text), StringComparison.Ordinal);
            var (copied, restored) = await MoveAsync(source, "postgresql");
            await AssertSameAsync(Text, source, copied, restored);
            await Ok("--url", source, "verify", "--against", copied, "--checks", "data");
            await EngineClient.RunAsync(copied, "UPDATE t SET c = 'ab' WHERE id = 1");
            var changed = await CliRunner.RunAsync("--url", source, "verify", "--against", copied, "--checks", "data");
            Assert.True(changed.ExitCode == 3, changed.All);
            Assert.Contains("id=1: row differs in c", changed.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
