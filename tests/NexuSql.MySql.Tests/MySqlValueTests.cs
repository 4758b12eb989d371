using System.Data.Common;
using NexuSql.Backup;
using NexuSql.Data;
using NexuSql.Schema;

namespace NexuSql.MySql.Tests;

/// <summary>Values as stored on MySqlConnector (the options NexuSQL sets), and the bulk path that must keep them.</summary>
public sealed class MySqlValueTests(MySqlFixture fixture) : IClassFixture<MySqlFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QueryAsync_tinyint1_char36_and_zero_dates_read_as_stored()
    {
        var db = fixture.Database;
        var table = fixture.NewTable("stored");
        await db.ExecuteAsync($"CREATE TABLE {table} (id INT PRIMARY KEY, t TINYINT(1), g CHAR(36), d DATE, dt DATETIME(6))", cancellationToken: Ct);
        await db.ExecuteAsync($"SET SESSION sql_mode = ''; INSERT INTO {table} VALUES " +
            "(1, 2, 'ABCDEF00-0000-0000-0000-00000000000A', '2020-01-02', '2020-01-02 03:04:05.123456'), " +
            "(2, -1, NULL, '0000-00-00', '2020-05-00 10:00:00'), (3, 127, NULL, NULL, NULL)", cancellationToken: Ct);
        var rows = (await db.QueryAsync($"SELECT t, g, d, dt FROM {table} ORDER BY id", cancellationToken: Ct)).ToList();
        Assert.Equal([2L, -1L, 127L], rows.Select(r => r.Get<long>("t")));
        Assert.Equal("ABCDEF00-0000-0000-0000-00000000000A", rows[0]["g"]);
        Assert.Equal(new DateTime(2020, 1, 2, 3, 4, 5).AddTicks(1234560), rows[0]["dt"]);
        Assert.Equal(new DateTime(2020, 1, 2), await db.ExecuteScalarAsync<DateTime>($"SELECT d FROM {table} WHERE id = 1", cancellationToken: Ct));
        Assert.Equal("0000-00-00", rows[1]["d"]);
        Assert.Equal("2020-05-00 10:00:00", rows[1]["dt"]);
        var typed = await db.QuerySingleAsync<Dated>($"SELECT id, d, dt FROM {table} WHERE id = 1", cancellationToken: Ct);
        Assert.Equal(new DateOnly(2020, 1, 2), typed.D);
        Assert.Equal(new DateTime(2020, 1, 2, 3, 4, 5).AddTicks(1234560), typed.Dt);
        var e = await Assert.ThrowsAnyAsync<Exception>(() => db.QuerySingleAsync<Dated>($"SELECT id, d, dt FROM {table} WHERE id = 2", cancellationToken: Ct));
        Assert.Contains("0000-00-00", e.Message, StringComparison.Ordinal);
    }

    public sealed record Dated(int Id, DateOnly D, DateTime Dt);

    [Fact]
    public async Task Backup_of_a_zero_date_keeps_it_and_another_engine_refuses_it_naming_table_column_and_key()
    {
        var db = fixture.Database;
        var table = fixture.NewTable("zero");
        await db.ExecuteAsync($"CREATE TABLE {table} (id INT PRIMARY KEY, d DATE)", cancellationToken: Ct);
        await db.ExecuteAsync($"SET SESSION sql_mode = ''; INSERT INTO {table} VALUES (1, '2020-01-01'), (77, '0000-00-00')", cancellationToken: Ct);
        var path = Path.Combine(Path.GetTempPath(), $"nx-zero-{Guid.NewGuid():N}.nxb");
        try
        {
            await BackupCreator.CreateAsync(db, path, new BackupOptions { Tables = [table] }, Ct);
            using (var archive = BackupArchive.Open(path))
            {
                var rows = archive.ReadRows(archive.Manifest.Tables.Single()).Select(r => (object?[])r.Clone()).ToList();
                Assert.Equal(new NexuSql.Data.SpecialTemporal("0000-00-00"), rows.Single(r => Equals(r[0], 77L))[1]);
                var e = Assert.Throws<NexuSqlValueException>(() => archive.Verify(NexuSql.Dialects.SqliteDialect.Instance));
                Assert.Contains($"Table {table}, column d, row id=77", e.Message, StringComparison.Ordinal);
                Assert.Contains("0000-00-00", e.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BulkLoadAsync_values_arrive_identical_as_the_mysql_client_reads_them(bool loadDataLocal)
    {
        await using var db = loadDataLocal ? null : NexuSqlDatabase.Open(fixture.Url.ToSecretString() + "?allow_load_local_infile=false");
        var target = db ?? fixture.Database;
        var source = fixture.NewTable("bulk_src");
        var copy = fixture.NewTable("bulk_dst");
        await target.ExecuteAsync($"""
            CREATE TABLE {source} (id INT PRIMARY KEY, b VARBINARY(16), bl LONGBLOB, s VARCHAR(20), u VARCHAR(20),
              d DECIMAL(30,10), ts DATETIME(6), tm TIME(6), j JSON, f DOUBLE, r FLOAT, e ENUM('a','b c'))
            """, cancellationToken: Ct);
        await target.ExecuteAsync($"""
            INSERT INTO {source} VALUES
            (1, x'00FF0041', x'0000', '', '😀𝄞 é', '12345678901234567890.1234567890', '2020-02-29 23:59:59.999999', '12:34:56.000001',
             '{"{"}"k":1,"k":2,"s":"a\\u0000b","t":"\\\\N"{"}"}', 0.1, 0.1, 'b c'),
            (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            (3, x'', x'5C4E0A09', 'NULL', '\\N', '-0.0000000001', '1000-01-01 00:00:00.000001', '00:00:00', '[]', 1.7976931348623157e308, 3.40282e38, 'a')
            """, cancellationToken: Ct);
        await target.ExecuteAsync($"CREATE TABLE {copy} LIKE {source}", cancellationToken: Ct);

        var model = (await target.Provider.ReadSchemaAsync(target, Ct)).Tables.Single(t => t.Name == source);
        await using var session = await target.OpenSessionAsync(Ct);
        var connection = session.DbConnection;
        var rows = new List<object?[]>();
        await TableReader.ReadAsync(session, null, model, r => rows.Add((object?[])r.Clone()), Ct);
        var loaded = await target.Provider.BulkLoadAsync(connection, null, model with { Name = copy }, rows, Ct);

        Assert.Equal(3, loaded);
        Assert.Equal(loadDataLocal ? 1 : 0, await LoadStatementsAsync(connection));
        const string read = "SELECT id, HEX(b), HEX(bl), s IS NULL, HEX(s), HEX(u), d, ts, tm, HEX(j), f, r, HEX(CAST(r AS DOUBLE)), e FROM {0} ORDER BY id";
        var database = fixture.Url.Database!;
        var expected = await MySqlClient.QueryAsync(database, string.Format(read, source));
        Assert.Contains("00FF0041", expected, StringComparison.Ordinal);
        Assert.Contains("12345678901234567890.1234567890", expected, StringComparison.Ordinal);
        Assert.Contains("F09F9880", expected, StringComparison.Ordinal); // 😀 in UTF-8
        Assert.Equal(expected, await MySqlClient.QueryAsync(database, string.Format(read, copy)));
    }

    [Fact]
    public async Task BulkLoadAsync_rows_the_server_skips_fail_the_load_instead_of_vanishing()
    {
        var db = fixture.Database;
        var table = fixture.NewTable("bulk_dup");
        await db.ExecuteAsync($"CREATE TABLE {table} (id INT PRIMARY KEY, s VARCHAR(5))", cancellationToken: Ct);
        var model = (await db.Provider.ReadSchemaAsync(db, Ct)).Tables.Single(t => t.Name == table);
        await using var connection = await db.OpenConnectionAsync(Ct);
        // LOAD DATA LOCAL turns a duplicate key into a warning and skips the row
        object?[][] rows = [[1L, "a"], [1L, "b"], [2L, "c"]];

        var e = await Assert.ThrowsAsync<NexuSqlConstraintException>(() => db.Provider.BulkLoadAsync(connection, null, model, rows, Ct));

        Assert.Equal(1, await LoadStatementsAsync(connection));
        Assert.Contains(table, e.Message, StringComparison.Ordinal);
        Assert.Equal((ConstraintKind.Unique, table, "PRIMARY"), (e.Kind, e.TableName, e.ConstraintName));
        Assert.Contains("Duplicate entry '1'", e.Message, StringComparison.Ordinal);
    }

    private static async Task<long> LoadStatementsAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SHOW SESSION STATUS LIKE 'Com_load'";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return long.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture);
    }
}
