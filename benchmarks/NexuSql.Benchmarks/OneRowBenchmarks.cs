using System.Data.Common;
using BenchmarkDotNet.Attributes;
using Dapper;

namespace NexuSql.Benchmarks;

/// <summary>S1: one row by primary key, 13 columns. Baseline: hand-coded DbCommand + reader on the same pool.</summary>
[MemoryDiagnoser]
public class OneRowBenchmarks
{
    private NexuSqlDatabase _db = null!;
    private string _handSql = null!;
    private int _id;

    [Params("Sqlite", "PostgreSql", "MySql")]
    public string Engine { get; set; } = "Sqlite";

    [GlobalSetup]
    public void Setup()
    {
        _db = BenchDatabase.Open(Engine);
        // The hand-written fast path uses each driver's native placeholder.
        _handSql = $"SELECT {BenchDatabase.Columns13} FROM bench_people WHERE id = {(Engine == "PostgreSql" ? "$1" : "@id")}";
    }

    [GlobalCleanup]
    public void Cleanup() => _db.Dispose();

    private int NextId() => _id = _id % BenchDatabase.Rows + 1;

    [Benchmark(Baseline = true)]
    public Person? HandCoded()
    {
        using var connection = _db.DataSource.OpenConnection();
        using var command = BenchDatabase.Command(connection, _handSql);
        var p = command.CreateParameter();
        if (Engine != "PostgreSql") p.ParameterName = "@id";
        p.Value = NextId();
        command.Parameters.Add(p);
        using var reader = command.ExecuteReader();
        return reader.Read() ? PersonReader.Read13(reader) : null;
    }

    [Benchmark]
    public Person? Dapper()
    {
        using var connection = _db.DataSource.OpenConnection();
        return connection.QueryFirstOrDefault<Person>($"SELECT {BenchDatabase.Columns13} FROM bench_people WHERE id = @id", new { id = NextId() });
    }

    [Benchmark]
    public Person? NexuSql() =>
        _db.QueryFirstOrDefault<Person>($"SELECT {BenchDatabase.Columns13} FROM bench_people WHERE id = :id", new { id = NextId() });
}
