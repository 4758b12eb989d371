namespace NexuSql.Migrations;

/// <summary>Where migration scripts come from.</summary>
public interface IMigrationSource
{
    /// <summary>Reads every script.</summary>
    /// <exception cref="FormatException">A script name looks like a migration but is malformed.</exception>
    IEnumerable<MigrationScript> Load();
}
