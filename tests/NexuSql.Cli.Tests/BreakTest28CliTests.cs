namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 28 (an outside tester's schemas, issue 12): a PostgreSQL unique index that a foreign key references was
/// left out of the model — dump lost it without a word and copy failed half-way with 42830 (L1). Each side is read with
/// the engine's own client.
/// </summary>
public sealed class BreakTest28CliTests() : SchemaFidelityCliTestBase("bt28")
{
    [Fact]
    public Task A_unique_index_a_foreign_key_references_is_dumped_copied_and_restored() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE parent (id int PRIMARY KEY, code text NOT NULL);
            CREATE UNIQUE INDEX parent_code_uix ON parent (code);
            CREATE TABLE child (id int PRIMARY KEY, pcode text REFERENCES parent (code) ON DELETE CASCADE);
            INSERT INTO parent VALUES (1, 'a'), (2, 'b'); INSERT INTO child VALUES (1, 'a'), (2, 'b');
            """);
        const string Index = "SELECT indexdef FROM pg_indexes WHERE indexname = 'parent_code_uix'";
        const string Key = "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'child_pcode_fkey'";
        var file = Db.File($"{Guid.NewGuid():N}.nxb");
        await Ok("--url", source, "backup", "-o", file);
        var copied = await Db.NewAsync("postgresql");
        await Ok("copy", "--from", source, "--to", copied);
        var restored = await Db.NewAsync("postgresql");
        await Ok("--url", restored, "restore", file);
        var dump = Db.File($"{Guid.NewGuid():N}.json");
        await Ok("--url", source, "schema", "dump", "-o", dump);
        var applied = await Db.NewAsync("postgresql");
        await Ok("--url", applied, "schema", "apply", dump);
        foreach (var target in new[] { copied, restored, applied })
        {
            Assert.Equal(await EngineClient.RunAsync(source, Index), await EngineClient.RunAsync(target, Index));
            Assert.Equal(await EngineClient.RunAsync(source, Key), await EngineClient.RunAsync(target, Key));
        }
        Assert.Equal("1|a\n2|b", await EngineClient.RunAsync(copied, "SELECT id, pcode FROM child ORDER BY id"));
        await Ok("--url", copied, "verify", "--against", source);
        // into another engine too: the unique index comes before the foreign key
        var lite = await Db.NewAsync("sqlite");
        await Ok("copy", "--from", source, "--to", lite);
        Assert.Contains("CREATE UNIQUE INDEX \"parent_code_uix\"", await EngineClient.RunAsync(lite, "SELECT sql FROM sqlite_master WHERE name = 'parent_code_uix'"), StringComparison.Ordinal);
    });

    [Fact]
    public Task A_check_dividing_an_integer_made_numeric_is_refused_where_it_would_divide_integers() => LiveAsync(async () =>
    {
        // L6: `a::numeric / 2 <= 59` arrived in SQLite as `a / 2 <= 59`, which takes 119 (59 there, 59.5 on PostgreSQL)
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE c (id int PRIMARY KEY, a int, n numeric(10,2), CONSTRAINT half CHECK (a::numeric / 2 <= 59), CONSTRAINT pos CHECK (n::numeric > 0));");
        var target = await Db.NewAsync("sqlite");
        var r = await CliRunner.RunAsync("copy", "--from", source, "--to", target);
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("check half on c", r.All, StringComparison.Ordinal);
        Assert.Contains("makes PostgreSQL compute with a decimal number", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("check pos", r.All, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"));
    });
}
