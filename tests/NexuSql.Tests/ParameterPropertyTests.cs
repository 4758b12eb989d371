using System.Text;
using NexuSql.Internal;

namespace NexuSql.Tests;

/// <summary>
/// Randomized: text built from fragments that must stay inert in a dialect, mixed with real placeholders, must come
/// back with only the placeholders changed. Seeds are fixed so a failure reproduces; the seed is in the message.
/// </summary>
public class ParameterPropertyTests
{
    private static readonly string[] Common =
    [
        "'x:y'", "'it''s :q'", "\"c:d\"", "/* :z */", "-- :c\n", "::int", "a[1:2]", "12:30", " ", "\n", "+", ",", "(", ")",
        "SELECT", "t.col", "@>", "?|", "@var", "x := 1", "N':n'", "''", "1", ":1", "=",
    ];

    private static string[] InertFor(char dialect) => dialect switch
    {
        'P' or 'C' => [.. Common, "$$ :d $$", "$tag$ ':e' $tag$", "E'\\':f'", "/* /* :g */ :h */"],
        'M' => [.. Common, "`:e`", "'\\':f'", "\"\\\":g\"", "# :h\n", "--\t:i\n"],
        'Q' => [.. Common, "[:e]", "[a]]:b]", "/* /* :g */ :h */"],
        'S' => [.. Common, "[:e]", "`:f`"],
        _ => Common,
    };

    [Theory]
    [InlineData('S', 1)]
    [InlineData('P', 2)]
    [InlineData('C', 3)]
    [InlineData('M', 4)]
    [InlineData('Q', 5)]
    public void Parse_random_text_changes_only_placeholders(char dialectCode, int seed)
    {
        var dialect = DialectCodes.Get(dialectCode);
        var inert = InertFor(dialectCode);
        var random = new Random(seed);
        for (var iteration = 0; iteration < 2_000; iteration++)
        {
            var sql = new StringBuilder();
            var expected = new StringBuilder();
            var count = random.Next(1, 25);
            for (var k = 0; k < count; k++)
            {
                if (random.Next(4) == 0)
                {
                    var name = "p" + random.Next(6);
                    sql.Append(' ').Append(':').Append(name).Append(' ');
                    expected.Append(' ').Append('{').Append(name).Append('}').Append(' ');
                }
                else
                {
                    var fragment = inert[random.Next(inert.Length)];
                    // keep fragments apart so that neighbours cannot merge into a new token
                    sql.Append(' ').Append(fragment).Append(' ');
                    expected.Append(' ').Append(fragment).Append(' ');
                }
            }
            var parsed = ParsedSql.Parse(sql.ToString(), dialect);
            var rendered = NamedParameterParserTests.Render(parsed);
            Assert.True(expected.ToString() == rendered,
                $"seed {seed}, iteration {iteration}, dialect {dialectCode}:\n  sql:      {sql}\n  expected: {expected}\n  got:      {rendered}");
        }
    }
}
