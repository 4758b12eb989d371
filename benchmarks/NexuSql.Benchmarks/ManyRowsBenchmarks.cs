using BenchmarkDotNet.Attributes;
using Dapper;

namespace NexuSql.Benchmarks;

/// <summary>S2: 10 / 1,000 / 100,000 rows of 10 mixed-type columns, buffered and streaming.</summary>
[MemoryDiagnoser]
public class ManyRowsBenchmarks
{
    private NexuSqlDatabase _db = null!;
    private string _sql = null!;
    private string _handSql = null!;

    [Params("Sqlite", "PostgreSql", "MySql")]
    public string Engine { get; set; } = "Sqlite";

    [Params(10, 1_000, 100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _db = BenchDatabase.Open(Engine);
        _sql = $"SELECT {BenchDatabase.Columns10} FROM bench_people WHERE id <= :n";
        _handSql = $"SELECT {BenchDatabase.Columns10} FROM bench_people WHERE id <= {(Engine == "PostgreSql" ? "$1" : "@n")}";
    }

    [GlobalCleanup]
    public void Cleanup() => _db.Dispose();

    private System.Data.Common.DbDataReader HandCodedExecute(System.Data.Common.DbConnection connection)
    {
        var command = BenchDatabase.Command(connection, _handSql);
        var p = command.CreateParameter();
        if (Engine != "PostgreSql") p.ParameterName = "@n";
        p.Value = Rows;
        command.Parameters.Add(p);
        return command.ExecuteReader();
    }

    /// <summary>The buffered reference: a raw reader into a list.</summary>
    [Benchmark(Baseline = true)]
    public int HandCodedReader()
    {
        using var connection = _db.DataSource.OpenConnection();
        using var reader = HandCodedExecute(connection);
        var list = new List<Person>();
        while (reader.Read()) list.Add(PersonReader.Read10(reader));
        return list.Count;
    }

    /// <summary>The streaming reference: a raw reader, one object per row, nothing kept.</summary>
    [Benchmark]
    public int HandCodedStreaming()
    {
        using var connection = _db.DataSource.OpenConnection();
        using var reader = HandCodedExecute(connection);
        var count = 0;
        while (reader.Read()) count += PersonReader.Read10(reader).Age >= 0 ? 1 : 0;
        return count;
    }

    [Benchmark]
    public int DapperBuffered()
    {
        using var connection = _db.DataSource.OpenConnection();
        return connection.Query<Person>(_sql.Replace(":n", "@n"), new { n = Rows }).AsList().Count;
    }

    [Benchmark]
    public int DapperUnbuffered()
    {
        using var connection = _db.DataSource.OpenConnection();
        var count = 0;
        foreach (var person in connection.Query<Person>(_sql.Replace(":n", "@n"), new { n = Rows }, buffered: false)) count += person.Age >= 0 ? 1 : 0;
        return count;
    }

    [Benchmark]
    public int NexuSqlBuffered() => _db.Query<Person>(_sql, new { n = Rows }).Count;

    [Benchmark]
    public int NexuSqlStreaming()
    {
        var count = 0;
        foreach (var person in _db.QueryStream<Person>(_sql, new { n = Rows })) count += person.Age >= 0 ? 1 : 0;
        return count;
    }
}
