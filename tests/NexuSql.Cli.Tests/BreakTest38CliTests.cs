namespace NexuSql.Cli.Tests;

/// <summary>Break test 38: what verify between two databases of one engine called "OK" that was not.</summary>
public sealed class BreakTest38CliTests() : ValueFidelityCliTestBase("bt38")
{
    /// <summary>
    /// H5: an index rebuilt on other columns, in another order or on another expression (a unique one too: the target then
    /// takes rows the source refuses) was "OK" whenever the data check ran beside the schema check, which left every
    /// "column only in one database" to the data check — an index's columns too. Each engine, changed with its own client.
    /// </summary>
    [Fact]
    public Task An_index_rebuilt_on_other_columns_is_a_difference_on_every_engine() => LiveAsync(async () =>
    {
        foreach (var engine in new[] { "postgresql", "mysql", "sqlite" })
        {
            var first = await Db.NewAsync(engine);
            var second = await Db.NewAsync(engine);
            // (MariaDB has no expression indexes: an index on a column there)
            var lower = engine == "mysql" ? "note" : "lower(email)";
            foreach (var db in new[] { first, second })
                await EngineClient.RunScriptAsync(db, $"CREATE TABLE u (id int PRIMARY KEY, email varchar(50), note varchar(50)); CREATE UNIQUE INDEX u_e ON u (email);" +
                    $"CREATE INDEX u_x ON u (email, note); CREATE INDEX u_low ON u ({lower}); INSERT INTO u VALUES (1, 'a@x', 'n');");
            await Ok("verify", "--url", first, "--against", second);
            var upper = engine == "mysql" ? "id" : "upper(email)";
            var drop = engine == "mysql" ? (Func<string, string>)(i => $"DROP INDEX {i} ON u;") : i => $"DROP INDEX {i};";
            await EngineClient.RunScriptAsync(second, $"{drop("u_e")} CREATE UNIQUE INDEX u_e ON u (note); {drop("u_x")} CREATE INDEX u_x ON u (note, email);" +
                $"{drop("u_low")} CREATE INDEX u_low ON u ({upper});");
            var r = await CliRunner.RunAsync("verify", "--url", first, "--against", second);
            Assert.True(r.ExitCode == 3, r.All);
            // (MariaDB reads a unique index as a unique key, whose columns were compared already)
            if (engine == "mysql") Assert.Contains("[schema] table u: unique key u_e: columns: [\"email\"]", r.Stdout, StringComparison.Ordinal);
            else
            {
                Assert.Contains("[schema] table u: index u_e: column email only in the first database", r.Stdout, StringComparison.Ordinal);
                Assert.Contains("[schema] table u: index u_e: column note only in the second database", r.Stdout, StringComparison.Ordinal);
            }
            Assert.Contains("[schema] table u: index u_x: column order: (email, note) in the first database, (note, email) in the second", r.Stdout, StringComparison.Ordinal);
            // (PostgreSQL writes upper((email)::text) for a varchar column)
            Assert.True(r.Stdout.Contains(engine == "mysql" ? "[schema] table u: index u_low: column id" : "[schema] table u: index u_low: column upper(", StringComparison.Ordinal) && r.Stdout.Contains("only in the second database", StringComparison.Ordinal), r.All);
        }
    });
}
