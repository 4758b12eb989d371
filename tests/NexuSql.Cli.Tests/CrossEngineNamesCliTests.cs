namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 23 F24: MariaDB names indexes per table, PostgreSQL and SQLite per schema (beside the tables); PostgreSQL
/// names foreign keys per table, MariaDB per database. Two MariaDB tables with an index <c>by_email</c>, or an index
/// named like a table, failed the copy into PostgreSQL or SQLite after the rows with "already exists"; two PostgreSQL
/// foreign keys <c>fk_user</c> failed into MariaDB with error 1823. The colliding name now gets its table's name in
/// front, and the copy says so (read back with the engines' own clients).
/// </summary>
public sealed class CrossEngineNamesCliTests() : ValueFidelityCliTestBase("cross-names")
{
    [Theory]
    [InlineData("postgresql", "SELECT string_agg(tablename || ' ' || indexname, ',' ORDER BY tablename, indexname) FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%pkey'",
        "a by_email,b b_by_email,c c_a")]
    [InlineData("sqlite", "SELECT group_concat(tbl_name || ' ' || name, ',') FROM (SELECT tbl_name, name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY 1, 2)",
        "a by_email,c c_a")]
    public async Task Mariadb_index_names_shared_by_tables_are_made_unique_in_the_target(string engine, string indexes, string expected)
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE a (id int PRIMARY KEY, email varchar(50), KEY by_email (email));
                CREATE TABLE b (id int PRIMARY KEY, email varchar(50), UNIQUE KEY by_email (email));
                CREATE TABLE c (id int PRIMARY KEY, v int, KEY a (v));
                INSERT INTO a VALUES (1, 'x'); INSERT INTO b VALUES (1, 'y'); INSERT INTO c VALUES (1, 2);
                """);
            var target = await Db.NewAsync(engine);
            var copy = await Ok("copy", "--from", source, "--to", target);
            Assert.Contains("index a on c is named c_a", copy.All, StringComparison.Ordinal);
            Assert.Equal(expected, await EngineClient.RunAsync(target, indexes));
            // the unique key still refuses a second 'y'
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(target, "INSERT INTO b VALUES (2, 'y')"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Postgresql_foreign_key_names_shared_by_tables_are_made_unique_in_mariadb()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE users (id int PRIMARY KEY);
                CREATE TABLE posts (id int PRIMARY KEY, user_id int, CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id));
                CREATE TABLE comments (id int PRIMARY KEY, user_id int, CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id));
                INSERT INTO users VALUES (1); INSERT INTO posts VALUES (1, 1); INSERT INTO comments VALUES (1, 1);
                """);
            var target = await Db.NewAsync("mysql");
            var copy = await Ok("copy", "--from", source, "--to", target);
            Assert.Contains("foreign key fk_user on posts is named posts_fk_user", copy.All, StringComparison.Ordinal);
            Assert.Equal("comments fk_user,posts posts_fk_user", await EngineClient.RunAsync(target,
                "SELECT group_concat(concat(table_name, ' ', constraint_name) ORDER BY table_name SEPARATOR ',') FROM information_schema.table_constraints " +
                "WHERE constraint_schema = DATABASE() AND constraint_type = 'FOREIGN KEY'"));
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(target, "INSERT INTO posts VALUES (2, 9)"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
