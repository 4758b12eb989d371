using NexuSql.Backup;
using NexuSql.Dialects;

namespace NexuSql.Tests.Data;

/// <summary>
/// <c>restore --jobs N</c> (issue 14): how many connections load the tables, and in which order the workers take them.
/// The load itself is tested against the servers (RestoreJobsCliTests).
/// </summary>
public class RestoreJobsTests
{
    [Theory]
    [InlineData(NexuSqlEngine.PostgreSql, 3, 5, 3)]
    [InlineData(NexuSqlEngine.PostgreSql, 8, 2, 2)] // no more workers than tables
    [InlineData(NexuSqlEngine.PostgreSql, 4, 0, 1)] // a resume with every table loaded
    [InlineData(NexuSqlEngine.MySql, 64, 100, 64)]
    [InlineData(NexuSqlEngine.PostgreSql, 1, 10, 1)]
    public void Jobs_are_those_asked_but_no_more_than_the_tables_to_load(NexuSqlEngine engine, int asked, int pending, int expected)
    {
        var warnings = new List<string>();
        Assert.Equal(expected, BackupRestorer.LoadJobs(asked, pending, SqlDialect.For(engine), warnings));
        Assert.Empty(warnings);
    }

    [Fact]
    public void Sqlite_loads_with_one_connection_and_says_so_when_more_were_asked()
    {
        var warnings = new List<string>();
        Assert.Equal(1, BackupRestorer.LoadJobs(4, 10, SqlDialect.For(NexuSqlEngine.Sqlite), warnings));
        Assert.Equal(["--jobs 4 has no effect on SQLite, which lets one transaction write at a time: the tables were loaded one after another on one connection"], warnings);
        warnings.Clear();
        Assert.Equal(1, BackupRestorer.LoadJobs(1, 10, SqlDialect.For(NexuSqlEngine.Sqlite), warnings));
        Assert.Empty(warnings);
    }

    [Fact]
    public void Workers_take_the_tables_with_the_most_rows_first_then_by_name()
    {
        BackupTable T(string name, long rows, string? schema = null) => new(name, "", rows, "") { Schema = schema };
        var order = BackupRestorer.LoadOrder([T("small", 10), T("big", 1_000_000), T("b", 500), T("a", 500), T("x", 500, "app"), T("empty", 0)]);
        Assert.Equal(["big", "a", "app.x", "b", "small", "empty"], order.Select(t => t.QualifiedName));
    }

    [Fact]
    public void Jobs_default_to_one_and_are_bounded_by_64()
    {
        Assert.Equal(1, new RestoreOptions().Jobs);
        Assert.Equal(64, RestoreOptions.MaxJobs);
    }
}
