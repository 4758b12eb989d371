namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 11: <c>verify --against</c> between a column that is JSON on one side and text on the other (PostgreSQL jsonb
/// and SQLite TEXT, MariaDB JSON and PostgreSQL text). With the JSON side first it compared by meaning; with the text
/// side first it compared jsonb's own spelling (<c>{"a": 2, "b": 1}</c>) with the text and reported the same document as
/// a difference. Both directions now compare by meaning, and a real change is found by key in both.
/// </summary>
public sealed class VerifyJsonTextCliTests() : ValueFidelityCliTestBase("verify-json-text")
{
    [Theory]
    [InlineData("postgresql", "CREATE TABLE j (id int PRIMARY KEY, doc jsonb)", "sqlite", "CREATE TABLE j (id INTEGER PRIMARY KEY, doc TEXT)")]
    [InlineData("mysql", "CREATE TABLE j (id INT PRIMARY KEY, doc JSON)", "postgresql", "CREATE TABLE j (id int PRIMARY KEY, doc text)")]
    public async Task A_json_column_against_a_text_column_compares_by_meaning_both_ways_and_finds_a_change_by_key(string jsonEngine, string jsonTable,
        string textEngine, string textTable)
    {
        try
        {
            var json = await Db.NewAsync(jsonEngine);
            var text = await Db.NewAsync(textEngine);
            await EngineClient.RunAsync(json, jsonTable);
            await EngineClient.RunAsync(text, textTable);
            const string rows = """INSERT INTO j VALUES (1, '{"b":1,"a":[1,2]}'), (2, '{"s":"x"}'), (3, NULL)""";
            await EngineClient.RunAsync(json, rows);
            await EngineClient.RunAsync(text, rows);
            if (jsonEngine == "postgresql")
            {
                // the two hold the same documents spelled differently (read with the engines' own clients)
                Assert.Equal("""{"a": [1, 2], "b": 1}""", await EngineClient.RunAsync(json, "SELECT doc FROM j WHERE id = 1"));
                Assert.Equal("""{"b":1,"a":[1,2]}""", await EngineClient.RunAsync(text, "SELECT doc FROM j WHERE id = 1"));
            }

            foreach (var (first, second) in new[] { (json, text), (text, json) })
                await Ok("--url", first, "verify", "--against", second, "--checks", "data");

            // one value changed on the text side: found in both directions, by key and column
            await EngineClient.RunAsync(text, """UPDATE j SET doc = '{"s":"y"}' WHERE id = 2""");
            foreach (var (first, second) in new[] { (json, text), (text, json) })
            {
                var r = await CliRunner.RunAsync("--json", "--url", first, "verify", "--against", second, "--checks", "data");
                Assert.True(r.ExitCode == 3, r.All);
                Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
                Assert.Contains("id=2", r.Stdout, StringComparison.Ordinal);
                Assert.Contains("doc", r.Stdout, StringComparison.Ordinal);
                Assert.DoesNotContain("id=1", r.Stdout, StringComparison.Ordinal);
            }
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Theory]
    // break test H1: json (text as written) against MariaDB JSON and SQLite reported "OK: data." for a changed key order
    [InlineData("postgresql", "CREATE TABLE j (id int PRIMARY KEY, doc json)", "mysql", "CREATE TABLE j (id INT PRIMARY KEY, doc JSON)", true)]
    [InlineData("postgresql", "CREATE TABLE j (id int PRIMARY KEY, doc json)", "sqlite", "CREATE TABLE j (id INTEGER PRIMARY KEY, doc JSON)", true)]
    [InlineData("mysql", "CREATE TABLE j (id INT PRIMARY KEY, doc JSON)", "sqlite", "CREATE TABLE j (id INTEGER PRIMARY KEY, doc TEXT)", true)]
    // jsonb spells every document its own way: against it, documents are compared by meaning
    [InlineData("postgresql", "CREATE TABLE j (id int PRIMARY KEY, doc jsonb)", "mysql", "CREATE TABLE j (id INT PRIMARY KEY, doc JSON)", false)]
    public async Task Json_kept_as_text_on_both_sides_is_compared_as_text_and_against_jsonb_by_meaning(string firstEngine, string firstTable,
        string secondEngine, string secondTable, bool textCounts)
    {
        try
        {
            var a = await Db.NewAsync(firstEngine);
            var b = await Db.NewAsync(secondEngine);
            await EngineClient.RunAsync(a, firstTable);
            await EngineClient.RunAsync(b, secondTable);
            await EngineClient.RunAsync(a, """INSERT INTO j VALUES (1, '{"b":1,"a":2}'), (2, '[1,2]')""");
            await EngineClient.RunAsync(b, """INSERT INTO j VALUES (1, '{"a":2,"b":1}'), (2, '[1,2]')""");
            Assert.Equal("""{"a":2,"b":1}""", await EngineClient.RunAsync(b, "SELECT doc FROM j WHERE id = 1"));
            foreach (var (first, second) in new[] { (a, b), (b, a) })
            {
                var r = await CliRunner.RunAsync("--json", "--url", first, "verify", "--against", second, "--checks", "data");
                Assert.True(r.ExitCode == (textCounts ? 3 : 0), r.All);
                Assert.DoesNotContain("id=2", r.Stdout, StringComparison.Ordinal);
                if (textCounts) Assert.Contains("id=1", r.Stdout, StringComparison.Ordinal);
            }
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
