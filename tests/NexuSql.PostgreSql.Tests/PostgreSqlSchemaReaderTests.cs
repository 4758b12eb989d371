using NexuSql.Schema;

namespace NexuSql.PostgreSql.Tests;

/// <summary>PostgreSQL (and CockroachDB) specifics of schema reading: serial columns, owned sequences, type names.</summary>
public sealed class PostgreSqlSchemaReaderTests(PostgreSqlFixture fixture) : IClassFixture<PostgreSqlFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_serial_column_is_an_identity_and_its_sequence_is_not_a_standalone_one()
    {
        var db = fixture.Database;
        var p = $"s{Guid.NewGuid():N}"[..9] + "_";
        await db.ExecuteAsync($"CREATE TABLE {p}tickets (id serial PRIMARY KEY, code bigserial, note text)", cancellationToken: Ct);
        await db.ExecuteAsync($"CREATE SEQUENCE {p}numbers START WITH 7 INCREMENT BY 3", cancellationToken: Ct);
        var model = await db.Provider.ReadSchemaAsync(db, Ct);
        var table = model.Table($"{p}tickets")!;
        Assert.Equal([true, true, false], table.Columns.Select(c => c.Identity));
        Assert.All(table.Columns, c => Assert.Null(c.Default));
        Assert.Equal([new SequenceModel($"{p}numbers", 7, 3)], model.Sequences.Where(q => q.Name.StartsWith(p, StringComparison.Ordinal)));
        // declared serial / bigserial, so that PostgreSQL → PostgreSQL writes serial again, not an identity
        Assert.Equal(["postgresql:serial", "postgresql:bigserial", null], table.Columns.Select(c => c.EngineType?.ToString()));
        Assert.All(table.Columns, c => Assert.Null(c.IdentityOptions));
    }

    [Fact]
    public async Task A_serial_column_written_back_is_a_serial_column_and_one_with_another_step_an_identity_with_it()
    {
        await using var scratch = await fixture.Database.Provider.CreateScratchDatabaseAsync(fixture.Database, Ct);
        var db = scratch.Database;
        foreach (var sql in new[] { "CREATE TABLE t (id smallserial PRIMARY KEY, n serial)", "CREATE TABLE q (id serial PRIMARY KEY)", "ALTER SEQUENCE q_id_seq START 5 INCREMENT 2" })
            await db.ExecuteRawAsync(sql, Ct);
        var model = await db.Provider.ReadSchemaAsync(db, Ct);
        Assert.Equal(new IdentityOptions(Start: 5, Increment: 2), model.Table("q")!.Columns[0].IdentityOptions);
        Assert.Null(model.Table("q")!.Columns[0].EngineType);
        Assert.Equal("\"id\" smallserial NOT NULL", SchemaScript.Column(model.Table("t")!.Columns[0], Dialects.PostgreSqlDialect.Instance));
        await using var again = await fixture.Database.Provider.CreateScratchDatabaseAsync(fixture.Database, Ct);
        foreach (var sql in SchemaDiff.Plan(new SchemaModel([]), model, again.Database.Dialect).Statements) await again.Database.ExecuteRawAsync(sql, Ct);
        Assert.Equal(model.ToJson(), (await again.Database.Provider.ReadSchemaAsync(again.Database, Ct)).ToJson());
        Assert.Equal("s", await again.Database.ExecuteScalarAsync<string>("SELECT string_agg(attidentity::text, '') || 's' FROM pg_attribute WHERE attrelid = 't'::regclass AND attnum > 0", cancellationToken: Ct));
    }

    [Fact]
    public async Task Index_key_collations_other_than_the_columns_are_read_and_written_back()
    {
        await using var scratch = await fixture.Database.Provider.CreateScratchDatabaseAsync(fixture.Database, Ct);
        var db = scratch.Database;
        foreach (var sql in new[] { "CREATE TABLE c (a text, b text COLLATE \"C\")", "CREATE INDEX c_a ON c (a COLLATE \"C\", b, lower(a) COLLATE \"C\", b COLLATE \"default\")" })
            await db.ExecuteRawAsync(sql, Ct);
        var index = (await db.Provider.ReadSchemaAsync(db, Ct)).Table("c")!.Indexes.Single();
        Assert.Equal(["C", null, "C", "default"], index.Columns.Select(c => c.Collation));
        Assert.Equal("CREATE INDEX \"c_a\" ON \"c\" (\"a\" COLLATE \"C\", \"b\", (lower(a)) COLLATE \"C\", \"b\" COLLATE \"default\")", db.Dialect.CreateIndexSql("c", index));
    }

    [Fact]
    public async Task Type_modifiers_bit_char_fractional_seconds_json_and_unconstrained_numeric_survive_a_copy_to_PostgreSql()
    {
        await using var source = await fixture.Database.Provider.CreateScratchDatabaseAsync(fixture.Database, Ct);
        var db = source.Database;
        await db.ExecuteRawAsync("CREATE TABLE ty (id int PRIMARY KEY, b bit(8), vb bit varying(5), c char(10), ts timestamp(3), tz timestamptz(0), " +
            "t time(2), j json, jb jsonb, n numeric, n2 numeric(10,2))", Ct);
        await db.ExecuteRawAsync("INSERT INTO ty VALUES (1, B'10101010', B'101', 'ab', '2024-01-02 03:04:05.123', '2024-01-02 03:04:05+00', '01:02:03.45', " +
            "'{\"b\":1, \"a\":2}', '{\"b\":1}', 1.234567890123456789012345678901, 3.14)", Ct);
        var model = await db.Provider.ReadSchemaAsync(db, Ct);
        Assert.Equal(["int32", "native:bit(8)", "native:bit varying(5)", "char(10)", "timestamp(3)", "timestamptz(0)", "time(2)", "native:json", "json", "native:numeric", "decimal(10,2)"],
            model.Table("ty")!.Columns.Select(c => c.Type.ToString()));

        await using var target = await fixture.Database.Provider.CreateScratchDatabaseAsync(fixture.Database, Ct);
        await NexuSql.Copy.DatabaseCopier.CopyAsync(db, target.Database, cancellationToken: Ct);
        Assert.Equal(model.ToJson(), (await target.Database.Provider.ReadSchemaAsync(target.Database, Ct)).ToJson());
        var row = await target.Database.QuerySingleAsync<Row>(
            "SELECT b::text AS b, j::text AS j, n::text AS n, format_type(atttypid, atttypmod) AS jtype FROM ty, pg_attribute WHERE attrelid = 'ty'::regclass AND attname = 'j'", cancellationToken: Ct);
        Assert.Equal(("10101010", "{\"b\":1, \"a\":2}", "1.234567890123456789012345678901", "json"), ((string)row["b"]!, (string)row["j"]!, (string)row["n"]!, (string)row["jtype"]!));
    }

    [Fact]
    public async Task Tables_whose_names_differ_only_in_case_are_two_tables_to_the_plan()
    {
        // (issue 12 item 8: "An item with the same key has already been added"; then refused by name; PostgreSQL tells
        // them apart, and so does the plan since bt41 F1)
        await using var scratch = await fixture.Database.Provider.CreateScratchDatabaseAsync(fixture.Database, Ct);
        var db = scratch.Database;
        await db.ExecuteRawAsync("CREATE TABLE \"Users\" (id int PRIMARY KEY)", Ct);
        await db.ExecuteRawAsync("CREATE TABLE users (id int PRIMARY KEY)", Ct);
        var model = await db.Provider.ReadSchemaAsync(db, Ct);
        Assert.True(SchemaDiff.Plan(model, model, db.Dialect).IsEmpty);
        var plan = SchemaDiff.Plan(new SchemaModel([]), model, db.Dialect);
        Assert.Empty(plan.Refused);
        Assert.Equal(["create table Users", "create table users"], plan.Changes.Select(c => c.Description).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Other_schemas_and_generated_columns_are_named_as_left_out_and_partial_and_expression_indexes_are_read()
    {
        await using var scratch = await fixture.Database.Provider.CreateScratchDatabaseAsync(fixture.Database, Ct);
        var db = scratch.Database;
        foreach (var sql in new[]
        {
            "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL, deleted_at timestamp, price numeric, qty int, total numeric GENERATED ALWAYS AS (price * qty) STORED)",
            "CREATE UNIQUE INDEX users_email_live ON users (email) WHERE deleted_at IS NULL",
            "CREATE INDEX users_lower_email ON users (lower(email))",
            "CREATE SCHEMA sales",
            "CREATE TABLE sales.orders (id int PRIMARY KEY, user_id int REFERENCES public.users (id))",
            // an extension's own table in another schema: CREATE EXTENSION makes it, so the model does not hold it
            "CREATE SCHEMA ext", "CREATE EXTENSION IF NOT EXISTS pg_stat_statements SCHEMA ext",
        }) await db.ExecuteRawAsync(sql, Ct);
        var model = await db.Provider.ReadSchemaAsync(db, Ct);
        var indexes = model.Table("users")!.Indexes;
        Assert.Equal("deleted_at IS NULL", indexes.Single(i => i.Name == "users_email_live").Where);
        Assert.Equal("lower(email)", indexes.Single(i => i.Name == "users_lower_email").Columns.Single().Expression);
        Assert.DoesNotContain(model.LeftOut, l => l.StartsWith("index ", StringComparison.Ordinal));
        Assert.Contains("schema sales (1 tables; only the current schema, public, is read)", model.LeftOut);
        Assert.Equal(new GeneratedColumn("(price * (qty)::numeric)"), model.Table("users")!.Columns.Single(c => c.Name == "total").Generated); // in the model now, not left out

        // every schema, as schema dump reads it: sales.orders with its foreign key to the current schema's users
        var all = await db.Provider.ReadSchemaAsync(db, allSchemas: true, Ct);
        Assert.DoesNotContain(all.LeftOut, l => l.StartsWith("schema ", StringComparison.Ordinal));
        var orders = all.Table("sales", "orders")!;
        Assert.Equal("sales.orders", orders.QualifiedName);
        Assert.Null(orders.ForeignKeys.Single().ReferencedSchema);
        Assert.Equal("users", orders.ForeignKeys.Single().ReferencedTable);
        Assert.Null(all.Table("users")!.Schema);
        Assert.DoesNotContain(all.Views, v => v.Schema == "ext");
    }

    [Fact]
    public async Task A_pagila_like_database_with_enums_arrays_tsvector_domains_and_function_views_backs_up_and_restores()
    {
        await using var source = await fixture.Database.Provider.CreateScratchDatabaseAsync(fixture.Database, Ct);
        var db = source.Database;
        foreach (var sql in new[]
        {
            "CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17')",
            "CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155)",
            "CREATE FUNCTION pretty(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT upper(t) $$",
            "CREATE TABLE film (film_id serial PRIMARY KEY, title text NOT NULL, release_year year, rating mpaa_rating DEFAULT 'G', " +
            "special_features text[], fulltext tsvector, rental_rate numeric(4,2) NOT NULL DEFAULT 4.99)",
            "CREATE INDEX film_fulltext_idx ON film USING gist (fulltext)",
            "CREATE INDEX film_lower_title ON film (lower(title))",
            "CREATE INDEX film_cheap ON film (rental_rate) WHERE rental_rate < 1",
            "CREATE VIEW pretty_films AS SELECT pretty(title) AS title FROM film",
            "INSERT INTO film (title, release_year, rating, special_features, fulltext, rental_rate) VALUES " +
            "('Academy Dinosaur', 2006, 'PG', '{\"Deleted Scenes\",\"Behind the Scenes\"}', to_tsvector('academy dinosaur'), 0.99), " +
            "('Ace Goldfinger', NULL, 'NC-17', '{}', NULL, 4.99)",
        }) await db.ExecuteRawAsync(sql, Ct);

        var model = await db.Provider.ReadSchemaAsync(db, Ct);
        Assert.Equal(["G", "PG", "PG-13", "R", "NC-17"], Assert.Single(model.Enums!).Values);
        var film = model.Table("film")!;
        Assert.Equal(["int32", "text", "int32", "native:mpaa_rating", "native:text[]", "native:tsvector", "decimal(4,2)"], film.Columns.Select(c => c.Type.ToString()));
        Assert.True(film.Columns[0].Identity);
        Assert.Equal("postgresql:year", film.Columns[2].EngineType?.ToString());
        var year = Assert.Single(model.Domains!);
        Assert.Equal(("year", "integer", "year_check", "((VALUE >= 1901) AND (VALUE <= 2155))"), (year.Name, year.BaseType, year.Checks.Single().Name, year.Checks.Single().Expression));

        var path = Path.Combine(Path.GetTempPath(), $"nexusql-pagila-{Guid.NewGuid():N}.nxb");
        try
        {
            await NexuSql.Backup.BackupCreator.CreateAsync(db, path, cancellationToken: Ct);
            await using var target = await fixture.Database.Provider.CreateScratchDatabaseAsync(fixture.Database, Ct);
            var result = await NexuSql.Backup.BackupRestorer.RestoreAsync(path, target.Database, cancellationToken: Ct);
            Assert.Equal(2L, result.Rows);
            Assert.Empty(result.SkippedViews); // the function comes along (issue 12), so the view that calls it is created
            Assert.Equal("ACADEMY DINOSAUR", await target.Database.ExecuteScalarAsync<string>("SELECT min(title) FROM pretty_films", cancellationToken: Ct));
            var row = await target.Database.QuerySingleAsync<Row>(
                "SELECT rating::text AS rating, special_features::text AS features, fulltext::text AS ft FROM film WHERE title = 'Academy Dinosaur'", cancellationToken: Ct);
            Assert.Equal(("PG", "{\"Deleted Scenes\",\"Behind the Scenes\"}", "'academi':1 'dinosaur':2"), ((string)row["rating"]!, (string)row["features"]!, (string)row["ft"]!));
            Assert.Equal(3, await target.Database.ExecuteScalarAsync<int>("INSERT INTO film (title) VALUES ('next') RETURNING film_id", cancellationToken: Ct));
            // the domain came along, with its check
            Assert.Equal("year", await target.Database.ExecuteScalarAsync<string>("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'film'::regclass AND attname = 'release_year'", cancellationToken: Ct));
            await Assert.ThrowsAnyAsync<NexuSqlException>(() => target.Database.ExecuteAsync("INSERT INTO film (title, release_year) VALUES ('old', 1800)", cancellationToken: Ct));
        }
        finally
        {
            File.Delete(path);
        }
    }

    // CockroachDB reports these udt names for INT, INT4, STRING(20), STRING, DECIMAL(10,2), FLOAT, JSONB, TIMESTAMPTZ
    [Theory]
    [InlineData("int8", "bigint", null, 64, 0, "int64")]
    [InlineData("int4", "integer", null, 32, 0, "int32")]
    [InlineData("varchar", "character varying", 20, null, null, "string(20)")]
    [InlineData("text", "text", null, null, null, "text")]
    [InlineData("numeric", "numeric", null, 10, 2, "decimal(10,2)")]
    [InlineData("float8", "double precision", null, 53, null, "float64")]
    [InlineData("jsonb", "jsonb", null, null, null, "json")]
    [InlineData("timestamptz", "timestamp with time zone", null, null, null, "timestamptz")]
    [InlineData("inet", "inet", null, null, null, "native:inet")]
    [InlineData("citext", "USER-DEFINED", null, null, null, "native:citext")]
    public void Type_names_map_to_portable_types(string udt, string dataType, int? length, int? precision, int? scale, string expected) =>
        Assert.Equal(expected, PostgreSqlSchemaReader.MapType(udt, dataType, length, precision, scale).ToString());

    [Fact]
    public void CockroachDB_row_ids_and_identity_sequences_are_recognised_without_pg_depend()
    {
        Assert.True(PostgreSqlSchemaReader.Generated("unique_rowid()"));
        Assert.True(PostgreSqlSchemaReader.Generated("nextval('public.t_id_seq'::REGCLASS)"));
        Assert.False(PostgreSqlSchemaReader.Generated("0"));
        Assert.Null(PostgreSqlSchemaReader.MapDefault("unique_rowid()", new ColumnType(PortableType.Int64)));
        var tables = new[] { new TableModel("t", [new ColumnModel("id", ColumnType.Parse("int64"), false, Identity: true)]) };
        var standalone = PostgreSqlSchemaReader.Standalone([new SequenceModel("t_id_seq"), new SequenceModel("invoice_numbers", 100)], tables);
        Assert.Equal(["invoice_numbers"], standalone.Select(q => q.Name));
    }
}
