namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 34: a data-only copy's <c>--clean</c> and PostgreSQL inheritance children and partitions (F1); a
/// PostgreSQL database whose default collation is linguistic (F10, F3). Each side is read with its engine's client.
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

    /// <summary>
    /// F10, F3: a PostgreSQL database created with the ICU collation en-US sorts 'a' before 'B'; SQLite, MariaDB (its
    /// comparisons made exact) and a PostgreSQL database in byte order sort 'B' first. A check, generated column or unique
    /// index's predicate that orders text (&lt;, BETWEEN) would let in other rows there: refused before anything is written (was: copied, "counts
    /// and hashes match", and the target took rows the source refuses). Equalities and IN are carried, with a note on the
    /// order; a generated column over a column with its own ICU collation is refused too. Into a database with the same
    /// ICU default the check goes as it is, and keeps refusing what the source refuses.
    /// </summary>
    [Fact]
    public Task Checks_and_generated_columns_that_order_text_by_a_linguistic_default_collation_are_refused_where_the_order_differs() => LiveAsync(async () =>
    {
        const string icu = "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'";
        var source = await Db.NewAsync("postgresql", icu);
        await EngineClient.RunScriptAsync(source, "CREATE TABLE p (id int PRIMARY KEY, name text NOT NULL, tag text CHECK (tag IN ('x', 'y')), code text UNIQUE);" +
            "INSERT INTO p VALUES (1, 'alpha', 'x', 'A'), (2, 'Beta', 'y', 'b');");
        Assert.Equal("t|f", await EngineClient.RunAsync(source, "SELECT 'a' < 'B', 'a' < 'B' COLLATE \"C\""));
        foreach (var engine in new[] { "sqlite", "mysql" })
        {
            var carried = await Db.NewAsync(engine);
            var r = await Ok("copy", "--from", source, "--to", carried);
            Assert.Contains("default collation en-US-x-icu of the PostgreSQL database", r.All, StringComparison.Ordinal);
            Assert.Equal("1|alpha|x|A\n2|Beta|y|b", await EngineClient.RunAsync(carried, "SELECT id, name, tag, code FROM p ORDER BY id"));
        }

        var inByteOrder = await Db.NewAsync("postgresql");
        var sameOrder = await Db.NewAsync("postgresql", icu);
        foreach (var (change, named) in new[]
        {
            ("ALTER TABLE p ADD CONSTRAINT name_from_a CHECK (name >= 'a')", "name_from_a"),
            ("ALTER TABLE p DROP CONSTRAINT name_from_a; ALTER TABLE p ADD COLUMN half int GENERATED ALWAYS AS (CASE WHEN name BETWEEN 'a' AND 'm' THEN 1 ELSE 0 END) STORED", "half"),
            ("CREATE UNIQUE INDEX tag_once ON p (tag) WHERE name >= 'a'", "tag_once"),
        })
        {
            await EngineClient.RunScriptAsync(source, change);
            foreach (var engine in new[] { "sqlite", "mysql", "postgresql" })
            {
                var target = engine == "postgresql" ? inByteOrder : await Db.NewAsync(engine);
                var r = await CliRunner.RunAsync("copy", "--from", source, "--to", target);
                Assert.True(r.ExitCode == 4, r.All);
                Assert.Contains(named, r.All, StringComparison.Ordinal);
                // MariaDB has no partial indexes at all: refused for that first
                Assert.Contains(engine == "mysql" && named == "tag_once" ? "has no partial indexes" : "en-US-x-icu", r.All, StringComparison.Ordinal);
                Assert.Equal(engine == "sqlite" ? "" : "0", await EngineClient.RunAsync(target, engine switch
                {
                    "sqlite" => "SELECT name FROM sqlite_master",
                    "mysql" => "SELECT count(*) FROM information_schema.tables WHERE table_schema = database()",
                    _ => "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
                }));
            }
        }
        // the same default collation: carried as it is, and it orders as the source does ('Beta' is within 'a' to 'm')
        await Ok("copy", "--from", source, "--to", sameOrder);
        Assert.Equal("1|1\n2|1", await EngineClient.RunAsync(sameOrder, "SELECT id, half FROM p ORDER BY id"));
        // a generated column over a column with its own ICU collation (F3)
        await EngineClient.RunScriptAsync(source, "DROP INDEX tag_once; ALTER TABLE p DROP COLUMN half; ALTER TABLE p ADD COLUMN label text COLLATE \"en-US-x-icu\";" +
            "ALTER TABLE p ADD COLUMN flag int GENERATED ALWAYS AS (CASE WHEN label = 'x' THEN 1 ELSE 0 END) STORED");
        var f3 = await CliRunner.RunAsync("copy", "--from", source, "--to", await Db.NewAsync("sqlite"));
        Assert.True(f3.ExitCode == 4, f3.All);
        Assert.Contains("p.flag (generated as", f3.All, StringComparison.Ordinal);
        Assert.Contains("p.label (collation en-US-x-icu)", f3.All, StringComparison.Ordinal);
    });
}
