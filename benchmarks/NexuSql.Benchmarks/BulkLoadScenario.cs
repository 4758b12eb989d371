using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using NexuSql.Schema;

namespace NexuSql.Benchmarks;

/// <summary>
/// S3: bulk load of N rows (~100 bytes each) into an empty table without secondary indexes, NexuSQL's
/// <see cref="NexuSqlProvider.BulkLoadAsync"/> against the hand-written fast path of each engine, side by side in one
/// run: PostgreSQL binary COPY with typed writes; MariaDB multi-row INSERT (1,000 rows per statement) by hand; SQLite
/// one prepared INSERT in one transaction. Timed with a stopwatch (whole seconds, not micro-benchmarks).
/// </summary>
public static class BulkLoadScenario
{
    private sealed record Person(long Id, string Name, decimal Amount, DateTime Created, bool Active, Guid Ref, string? Note);

    private static readonly TableModel Table = new("s3_load",
    [
        new("id", ColumnType.Parse("int64"), false), new("name", ColumnType.Parse("string(40)"), false), new("amount", ColumnType.Parse("decimal(12,2)"), false),
        new("created", ColumnType.Parse("timestamp"), false), new("active", ColumnType.Parse("boolean"), false), new("ref", ColumnType.Parse("uuid"), false),
        new("note", ColumnType.Parse("text")),
    ]) { PrimaryKey = new KeyModel(null, ["id"]) };

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = args.SkipWhile(a => a != "--rows").Skip(1).Select(int.Parse).FirstOrDefault(1_000_000);
        var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).FirstOrDefault(3);
        var engines = args.SkipWhile(a => a != "--engines").Skip(1).FirstOrDefault("sqlite,postgresql,mysql").Split(',');
        var people = Enumerable.Range(1, rows).Select(i => new Person(i, "customer " + i, (i % 100000) / 100m, new DateTime(2024, 1, 1).AddSeconds(i), i % 2 == 0,
            Guid.NewGuid(), i % 3 == 0 ? null : "note " + new string('x', 20))).ToArray();
        // NexuSQL's input: portable values, as a restore or copy reads them from a backup or a source database
        var portable = people.Select(p => new object?[] { p.Id, p.Name, p.Amount.ToString("0.00", CultureInfo.InvariantCulture), p.Created, p.Active, p.Ref, p.Note }).ToArray();
        Console.WriteLine($"S3 — bulk load of {rows:N0} rows, {runs} runs each, median (min–max); servers from NEXUSQL_TEST_*_URL or scripts/test-servers.sh ports");
        Console.WriteLine();
        Console.WriteLine("| engine | hand-written fast path | NexuSQL `BulkLoadAsync` | ratio | NexuSQL rows/s |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var engine in engines)
        {
            using var db = Open(engine);
            var hand = new List<double>();
            var nexus = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                hand.Add(await TimeAsync(db, (c, tx) => HandAsync(engine, c, tx, people)));
                nexus.Add(await TimeAsync(db, (c, tx) => db.Provider.BulkLoadAsync(c, tx, Table, portable, CancellationToken.None)));
            }
            hand.Sort();
            nexus.Sort();
            double Median(List<double> xs) => xs[xs.Count / 2];
            Console.WriteLine($"| {engine} | {Median(hand):0.00} s ({hand[0]:0.00}–{hand[^1]:0.00}) | {Median(nexus):0.00} s ({nexus[0]:0.00}–{nexus[^1]:0.00}) | " +
                              $"**{Median(nexus) / Median(hand):0.00}×** | {rows / Median(nexus):N0} |");
        }
        return 0;
    }

    private static NexuSqlDatabase Open(string engine) => engine switch
    {
        "sqlite" => NexuSqlDatabase.Open("sqlite:///" + Path.Combine(Path.GetTempPath(), "nexusql-bench-s3.db")),
        "postgresql" => NexuSqlDatabase.Open(Environment.GetEnvironmentVariable("NEXUSQL_TEST_POSTGRESQL_URL") ?? "postgresql://postgres@127.0.0.1:25432/postgres"),
        "mysql" => OpenMySql(),
        _ => throw new ArgumentException($"unknown engine {engine}"),
    };

    private static NexuSqlDatabase OpenMySql()
    {
        var url = DatabaseUrl.Parse(Environment.GetEnvironmentVariable("NEXUSQL_TEST_MYSQL_URL") ?? "mysql://root@127.0.0.1:23306/mysql");
        using (var admin = NexuSqlDatabase.Open(url)) admin.Execute("CREATE DATABASE IF NOT EXISTS nexusql_bench CHARACTER SET utf8mb4");
        return NexuSqlDatabase.Open(url.WithDatabase("nexusql_bench"));
    }

    /// <summary>Fresh table, one transaction, the load, commit: seconds.</summary>
    private static async Task<double> TimeAsync(NexuSqlDatabase db, Func<DbConnection, DbTransaction, Task<long>> load)
    {
        await db.ExecuteRawAsync($"DROP TABLE IF EXISTS {db.Dialect.QuoteIdentifier(Table.Name)}");
        await db.ExecuteRawAsync(SchemaScript.CreateTable(Table, db.Dialect, inlineForeignKeys: false));
        await using var session = await db.OpenSessionAsync();
        var clock = Stopwatch.StartNew();
        await using (var tx = await session.DbConnection.BeginTransactionAsync())
        {
            await load(session.DbConnection, tx);
            await tx.CommitAsync();
        }
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<long> HandAsync(string engine, DbConnection connection, DbTransaction tx, Person[] people)
    {
        switch (engine)
        {
            case "postgresql":
                await using (var importer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync("COPY s3_load (id, name, amount, created, active, ref, note) FROM STDIN (FORMAT BINARY)"))
                {
                    foreach (var p in people)
                    {
                        await importer.StartRowAsync();
                        importer.Write(p.Id, NpgsqlDbType.Bigint);
                        importer.Write(p.Name, NpgsqlDbType.Varchar);
                        importer.Write(p.Amount, NpgsqlDbType.Numeric);
                        importer.Write(p.Created, NpgsqlDbType.Timestamp);
                        importer.Write(p.Active, NpgsqlDbType.Boolean);
                        importer.Write(p.Ref, NpgsqlDbType.Uuid);
                        if (p.Note is null) importer.WriteNull();
                        else importer.Write(p.Note, NpgsqlDbType.Text);
                    }
                    await importer.CompleteAsync();
                }
                return people.Length;
            case "sqlite":
                await using (var command = connection.CreateCommand())
                {
                    command.Transaction = tx;
                    command.CommandText = "INSERT INTO s3_load (id, name, amount, created, active, ref, note) VALUES (@id, @name, @amount, @created, @active, @ref, @note)";
                    var ps = new[] { "@id", "@name", "@amount", "@created", "@active", "@ref", "@note" }.Select(n =>
                    {
                        var p = command.CreateParameter();
                        p.ParameterName = n;
                        command.Parameters.Add(p);
                        return p;
                    }).ToArray();
                    command.Prepare();
                    foreach (var p in people)
                    {
                        ps[0].Value = p.Id;
                        ps[1].Value = p.Name;
                        ps[2].Value = p.Amount.ToString("0.00", CultureInfo.InvariantCulture);
                        ps[3].Value = p.Created;
                        ps[4].Value = p.Active;
                        ps[5].Value = p.Ref.ToString();
                        ps[6].Value = (object?)p.Note ?? DBNull.Value;
                        await command.ExecuteNonQueryAsync();
                    }
                }
                return people.Length;
            default:
                const int batch = 1000;
                for (var start = 0; start < people.Length; start += batch)
                {
                    await using var command = connection.CreateCommand();
                    command.Transaction = tx;
                    var sql = new StringBuilder("INSERT INTO s3_load (id, name, amount, created, active, ref, note) VALUES ");
                    var n = Math.Min(batch, people.Length - start);
                    for (var r = 0; r < n; r++)
                    {
                        var p = people[start + r];
                        sql.Append(r == 0 ? "(" : ", (");
                        object?[] values = [p.Id, p.Name, p.Amount, p.Created, p.Active, p.Ref.ToString(), (object?)p.Note ?? DBNull.Value];
                        for (var c = 0; c < values.Length; c++)
                        {
                            var parameter = command.CreateParameter();
                            parameter.ParameterName = $"@p{r * 7 + c}";
                            parameter.Value = values[c];
                            command.Parameters.Add(parameter);
                            sql.Append(c == 0 ? "" : ", ").Append(parameter.ParameterName);
                        }
                        sql.Append(')');
                    }
                    command.CommandText = sql.ToString();
                    await command.ExecuteNonQueryAsync();
                }
                return people.Length;
        }
    }
}
