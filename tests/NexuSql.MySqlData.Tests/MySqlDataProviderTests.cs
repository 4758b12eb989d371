using NexuSql.MySql;
using NexuSql.MySql.Tests;

namespace NexuSql.MySqlData.Tests;

public sealed class MySqlDataProviderTests(MySqlFixture fixture) : IClassFixture<MySqlFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Provider_finds_MySql_Data_when_it_is_the_only_driver()
    {
        var provider = (MySqlProvider)NexuSqlProviders.Get(NexuSqlEngine.MySql);
        Assert.Equal("MySql.Data.MySqlClient.MySqlClientFactory", provider.Factory.GetType().FullName);
    }

    [Fact]
    public async Task QueryAsync_tinyint1_reads_the_stored_number_and_zero_dates_as_their_text()
    {
        var db = fixture.Database;
        var table = fixture.NewTable("stored");
        await db.ExecuteAsync($"CREATE TABLE {table} (id INT PRIMARY KEY, t TINYINT(1), d DATE)", cancellationToken: Ct);
        await db.ExecuteAsync($"SET SESSION sql_mode = ''; INSERT INTO {table} VALUES (1, 2, '2020-01-02'), (2, -1, '0000-00-00'), (3, 127, NULL)", cancellationToken: Ct);
        var rows = (await db.QueryAsync($"SELECT t, d FROM {table} ORDER BY id", cancellationToken: Ct)).ToList();
        Assert.Equal([2L, -1L, 127L], rows.Select(r => r.Get<long>("t")));
        Assert.Equal(new DateTime(2020, 1, 2), rows[0]["d"]);
        Assert.Equal("0000-00-00", rows[1]["d"]);
    }

    [Theory]
    [InlineData("treat_tiny_as_boolean=true", "treat_tiny_as_boolean")]
    [InlineData("treat_blobs_as_utf8=true", "treat_blobs_as_utf8")]
    [InlineData("respect_binary_flags=false", "respect_binary_flags")]
    [InlineData("old_guids=true", "old_guids")]
    [InlineData("convert_zero_datetime=true", "convert_zero_datetime")]
    public void CreateDataSource_refuses_an_option_that_changes_values_by_name(string option, string key)
    {
        var provider = (MySqlProvider)NexuSqlProviders.Get(NexuSqlEngine.MySql);
        var e = Assert.Throws<ArgumentException>(() => provider.CreateDataSource(DatabaseUrl.Parse("mysql://u@db.example/app?" + option)));
        Assert.Contains($"URL option {option} ", e.Message, StringComparison.Ordinal);
        Assert.Contains($"remove {key} from the URL", e.Message, StringComparison.Ordinal);
        // the values NexuSQL uses are accepted
        using var source = provider.CreateDataSource(DatabaseUrl.Parse("mysql://u@db.example/app?treat_tiny_as_boolean=false&charset=utf8mb4&respect_binary_flags=true"));
    }
}
