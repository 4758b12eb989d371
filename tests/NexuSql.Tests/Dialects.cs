using NexuSql.Dialects;

namespace NexuSql.Tests;

/// <summary>Dialect codes used by the corpus: S sqlite, P postgresql, C cockroachdb, M mysql, Q sql server.</summary>
internal static class DialectCodes
{
    public const string All = "SPCMQ";

    public static SqlDialect Get(char code) => code switch
    {
        'S' => SqliteDialect.Instance,
        'P' => PostgreSqlDialect.Instance,
        'C' => CockroachDbDialect.Instance,
        'M' => MySqlDialect.Instance,
        'Q' => SqlServerDialect.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(code)),
    };
}
