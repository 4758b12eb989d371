namespace NexuSql.Cli;

/// <summary>Bad command-line input or configuration: exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
