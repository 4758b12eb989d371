namespace NexuSql.Cli;

/// <summary>The exit codes of DESIGN.md's CLI contract.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int Differences = 3;
    public const int Refused = 4;

    /// <summary>Interrupted (Ctrl-C, SIGINT, SIGTERM): 128 + SIGINT, the shells' convention.</summary>
    public const int Cancelled = 130;
}
