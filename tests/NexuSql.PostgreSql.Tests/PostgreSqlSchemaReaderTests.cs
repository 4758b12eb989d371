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
        Assert.Null(PostgreSqlSchemaReader.MapDefault("unique_rowid()"));
        var tables = new[] { new TableModel("t", [new ColumnModel("id", ColumnType.Parse("int64"), false, Identity: true)]) };
        var standalone = PostgreSqlSchemaReader.Standalone([new SequenceModel("t_id_seq"), new SequenceModel("invoice_numbers", 100)], tables);
        Assert.Equal(["invoice_numbers"], standalone.Select(q => q.Name));
    }
}
