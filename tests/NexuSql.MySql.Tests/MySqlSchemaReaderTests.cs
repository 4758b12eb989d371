using NexuSql.Schema;

namespace NexuSql.MySql.Tests;

/// <summary>MariaDB type modifiers kept through a copy to MariaDB (issue 12).</summary>
public sealed class MySqlSchemaReaderTests(MySqlFixture fixture) : IClassFixture<MySqlFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Binary_varbinary_char_bit_and_fractional_seconds_survive_a_copy_to_MariaDb()
    {
        await using var source = await fixture.Database.Provider.CreateScratchDatabaseAsync(fixture.Database, Ct);
        var db = source.Database;
        await db.ExecuteRawAsync("CREATE TABLE ty (id INT PRIMARY KEY, b BINARY(16), vb VARBINARY(100), c CHAR(10), dt DATETIME, dt3 DATETIME(3), bt BIT(8))", Ct);
        await db.ExecuteRawAsync("INSERT INTO ty VALUES (1, UNHEX('00112233445566778899AABBCCDDEEFF'), 'xyz', 'ab', '2024-01-02 03:04:05', '2024-01-02 03:04:05.123', b'1010')", Ct);
        var model = await db.Provider.ReadSchemaAsync(db, Ct);
        Assert.Equal(["int32", "native:binary(16)", "native:varbinary(100)", "char(10)", "timestamp(0)", "timestamp(3)", "native:bit(8)"],
            model.Table("ty")!.Columns.Select(c => c.Type.ToString()));

        await using var target = await fixture.Database.Provider.CreateScratchDatabaseAsync(fixture.Database, Ct);
        await NexuSql.Copy.DatabaseCopier.CopyAsync(db, target.Database, cancellationToken: Ct);
        Assert.Equal(model.ToJson(), (await target.Database.Provider.ReadSchemaAsync(target.Database, Ct)).ToJson());
        Assert.Equal("00112233445566778899AABBCCDDEEFF", await target.Database.ExecuteScalarAsync<string>("SELECT HEX(b) FROM ty", cancellationToken: Ct));
    }

    [Fact]
    public async Task A_system_versioned_table_is_read_and_copied_with_its_current_rows_and_named_as_left_out()
    {
        await using var source = await fixture.Database.Provider.CreateScratchDatabaseAsync(fixture.Database, Ct);
        var db = source.Database;
        await db.ExecuteRawAsync("CREATE TABLE sv (id INT PRIMARY KEY, x INT) WITH SYSTEM VERSIONING", Ct);
        await db.ExecuteRawAsync("INSERT INTO sv VALUES (1, 1), (2, 2)", Ct);
        await db.ExecuteRawAsync("UPDATE sv SET x = 5 WHERE id = 1", Ct);
        var model = await db.Provider.ReadSchemaAsync(db, Ct);
        Assert.Equal(["id"], model.Table("sv")!.PrimaryKey!.Columns); // not MariaDB's hidden row_end
        Assert.True(model.Table("sv")!.SystemVersioned);
        Assert.Contains("history rows of table sv (WITH SYSTEM VERSIONING: the table and its versioning are carried with its current rows, not the rows of its history)", model.LeftOut);

        await using var target = await fixture.Database.Provider.CreateScratchDatabaseAsync(fixture.Database, Ct);
        await NexuSql.Copy.DatabaseCopier.CopyAsync(db, target.Database, cancellationToken: Ct);
        Assert.Equal([5, 2], await target.Database.QueryAsync<int>("SELECT x FROM sv ORDER BY id", cancellationToken: Ct));
        Assert.Equal("SYSTEM VERSIONED", await target.Database.ExecuteScalarAsync<string>(
            "SELECT table_type FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'sv'", cancellationToken: Ct));
    }
}
