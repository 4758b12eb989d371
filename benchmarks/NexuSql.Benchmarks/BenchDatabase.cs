using System.Data;
using System.Data.Common;

namespace NexuSql.Benchmarks;

/// <summary>
/// The benchmark table (13 columns, 100,000 rows) on one engine, created once per engine and reused.
/// Server URLs: NEXUSQL_TEST_POSTGRESQL_URL / NEXUSQL_TEST_MYSQL_URL, else scripts/test-servers.sh's ports.
/// </summary>
public static class BenchDatabase
{
    public const int Rows = 100_000;

    public const string Columns13 = "id, name, email, age, score, balance, is_active, created_at, updated_at, code, note, rank_value, level_value";

    public const string Columns10 = "id, name, email, age, score, balance, is_active, created_at, code, rank_value";

    public static NexuSqlDatabase Open(string engine)
    {
        var url = engine switch
        {
            "Sqlite" => "sqlite:///" + Path.Combine(Path.GetTempPath(), "nexusql-bench.db"),
            "PostgreSql" => Environment.GetEnvironmentVariable("NEXUSQL_TEST_POSTGRESQL_URL") ?? "postgresql://postgres@127.0.0.1:25432/postgres",
            "MySql" => (Environment.GetEnvironmentVariable("NEXUSQL_TEST_MYSQL_URL") ?? "mysql://root@127.0.0.1:23306/mysql"),
            _ => throw new ArgumentOutOfRangeException(nameof(engine)),
        };
        var db = NexuSqlDatabase.Open(url);
        if (engine == "MySql")
        {
            db.Execute("CREATE DATABASE IF NOT EXISTS nexusql_bench CHARACTER SET utf8mb4");
            db.Dispose();
            db = NexuSqlDatabase.Open(DatabaseUrl.Parse(url).WithDatabase("nexusql_bench"));
        }
        EnsureTable(db, engine);
        return db;
    }

    private static void EnsureTable(NexuSqlDatabase db, string engine)
    {
        var exists = engine switch
        {
            "Sqlite" => db.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'bench_people'") > 0,
            "PostgreSql" => db.ExecuteScalar<bool>("SELECT to_regclass('bench_people') IS NOT NULL"),
            _ => db.ExecuteScalar<long>("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'bench_people'") > 0,
        };
        if (exists && db.ExecuteScalar<long>("SELECT COUNT(*) FROM bench_people") == Rows) return;
        if (exists) db.Execute("DROP TABLE bench_people");
        var (ddl, seed) = engine switch
        {
            "Sqlite" => (
                "CREATE TABLE bench_people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, age INTEGER NOT NULL, score REAL NOT NULL, " +
                "balance TEXT NOT NULL, is_active INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NULL, code TEXT NOT NULL, note TEXT NULL, rank_value INTEGER NOT NULL, level_value INTEGER NOT NULL)",
                "'name ' || n", "'user' || n || '@example.com'", "'2024-01-01 10:00:00'", "lower(hex(randomblob(16)))", "printf('%.2f', n / 100.0)"),
            "PostgreSql" => (
                "CREATE TABLE bench_people (id integer PRIMARY KEY, name text NOT NULL, email text NOT NULL, age integer NOT NULL, score double precision NOT NULL, " +
                "balance numeric(12,2) NOT NULL, is_active boolean NOT NULL, created_at timestamp NOT NULL, updated_at timestamp NULL, code uuid NOT NULL, note text NULL, rank_value bigint NOT NULL, level_value smallint NOT NULL)",
                "'name ' || n", "'user' || n || '@example.com'", "CAST('2024-01-01 10:00:00' AS timestamp)", "gen_random_uuid()", "CAST(n / 100.0 AS numeric(12,2))"),
            _ => (
                "CREATE TABLE bench_people (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(100) NOT NULL, age INT NOT NULL, score DOUBLE NOT NULL, " +
                "balance DECIMAL(12,2) NOT NULL, is_active BOOLEAN NOT NULL, created_at DATETIME(6) NOT NULL, updated_at DATETIME(6) NULL, code CHAR(36) NOT NULL, note TEXT NULL, rank_value BIGINT NOT NULL, level_value SMALLINT NOT NULL)",
                "CONCAT('name ', n)", "CONCAT('user', n, '@example.com')", "CAST('2024-01-01 10:00:00' AS DATETIME(6))", "UUID()", "CAST(n / 100.0 AS DECIMAL(12,2))"),
        } is var (d, name, email, created, uuid, balance) ? (d, $"INSERT INTO bench_people ({Columns13}) WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < {Rows}) " +
            $"SELECT n, {name}, {email}, n % 90, n * 1.5, {balance}, {(engine == "PostgreSql" ? "n % 2 = 0" : "n % 2")}, {created}, NULL, {uuid}, " +
            $"CASE WHEN n % 3 = 0 THEN NULL ELSE 'note' END, n * 1000, n % 7 FROM seq") : default;
        db.Execute(ddl);
        db.Transaction(tx =>
        {
            // MariaDB stops recursive CTEs after 1,000 iterations by default.
            if (engine == "MySql") tx.Execute("SET SESSION max_recursive_iterations = 10000000");
            tx.Execute(seed);
        });
    }

    /// <summary>
    /// Dapper cannot read a Guid from TEXT (SQLite) on its own; this is the handler a Dapper user registers,
    /// so that the comparison runs on every engine.
    /// </summary>
    public sealed class DapperGuidHandler : Dapper.SqlMapper.TypeHandler<Guid>
    {
        public override Guid Parse(object value) => value is Guid g ? g : Guid.Parse((string)value);

        public override void SetValue(IDbDataParameter parameter, Guid value) => parameter.Value = value.ToString();
    }

    static BenchDatabase() => Dapper.SqlMapper.AddTypeHandler(new DapperGuidHandler());

    /// <summary>The hand-written path: open from the same pool, one command, typed getters.</summary>
    public static DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}

/// <summary>The 13-column row.</summary>
public sealed class Person
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public int Age { get; set; }
    public double Score { get; set; }
    public decimal Balance { get; set; }
    public bool IsActive { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
    public Guid Code { get; set; }
    public string? Note { get; set; }
    public long RankValue { get; set; }
    public short LevelValue { get; set; }
}
