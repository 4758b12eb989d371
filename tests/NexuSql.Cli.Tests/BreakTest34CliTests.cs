namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 34: a data-only copy's <c>--clean</c> and PostgreSQL inheritance children and partitions (F1). Each side
/// is read with psql.
/// </summary>
public sealed class BreakTest34CliTests() : ValueFidelityCliTestBase("bt34")
{
    /// <summary>
    /// F1: <c>copy --data-only --clean --tables animal</c> where dog inherits from animal (and h's partitions, with
    /// <c>--tables h</c>) is refused by name before anything is emptied (was: PostgreSQL's TRUNCATE emptied dog too,
    /// "counts and hashes match"); with the children among the tables it runs; an empty parent whose child holds rows
    /// takes a data-only copy without --clean (was "not empty").
    /// </summary>
    [Fact]
    public Task A_data_only_clean_copy_is_refused_where_it_would_empty_children_it_does_not_write() => LiveAsync(async () =>
    {
        const string tables = """
            CREATE TABLE animal (id int PRIMARY KEY, name text); CREATE TABLE dog (bark text) INHERITS (animal);
            CREATE TABLE h (id int, k int) PARTITION BY LIST (k); CREATE TABLE h1 PARTITION OF h FOR VALUES IN (1); CREATE TABLE h2 PARTITION OF h FOR VALUES IN (2);
            """;
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, tables + "INSERT INTO animal VALUES (1, 'cat'); INSERT INTO dog VALUES (2, 'rex', 'woof'); INSERT INTO h VALUES (1, 1), (2, 2);");
        var target = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(target, tables + "INSERT INTO dog VALUES (9, 'mine', 'me'); INSERT INTO h VALUES (7, 1), (8, 2);");
        const string state = "SELECT (SELECT string_agg(id::text, ',' ORDER BY id) FROM dog) || '|' || (SELECT count(*) FROM ONLY animal) || '|' || (SELECT string_agg(id::text, ',' ORDER BY id) FROM h)";
        Assert.Equal("9|0|7,8", await EngineClient.RunAsync(target, state));

        foreach (var (chosen, named) in new[] { ("animal", "table dog (an inheritance child of animal)"), ("h", "table h1 (a partition of h)") })
        {
            var r = await CliRunner.RunAsync("copy", "--from", source, "--to", target, "--data-only", "--clean", "--tables", chosen, "--yes");
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains(named, r.All, StringComparison.Ordinal);
            Assert.Equal("9|0|7,8", await EngineClient.RunAsync(target, state));
        }
        // animal holds no row of its own: a data-only copy fills it, dog's row stays
        await Ok("copy", "--from", source, "--to", target, "--data-only", "--tables", "animal");
        Assert.Equal("9|1|7,8", await EngineClient.RunAsync(target, state));
        await Ok("copy", "--from", source, "--to", target, "--data-only", "--clean", "--tables", "animal,dog", "--yes");
        Assert.Equal("2|1|7,8", await EngineClient.RunAsync(target, state));
    });
}
