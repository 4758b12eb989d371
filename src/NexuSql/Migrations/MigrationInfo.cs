namespace NexuSql.Migrations;

/// <summary>One line of <c>migrate info</c>.</summary>
/// <param name="Kind">Versioned or repeatable.</param>
/// <param name="Version">The version (null for repeatable).</param>
/// <param name="Description">The description.</param>
/// <param name="Script">The script name.</param>
/// <param name="State">Where it stands.</param>
/// <param name="InstalledOn">When it was last applied (UTC), if it was.</param>
/// <param name="ExecutionTime">How long it took, in milliseconds, if it ran.</param>
public sealed record MigrationInfo(MigrationKind Kind, MigrationVersion? Version, string Description, string Script,
    MigrationState State, DateTime? InstalledOn, int? ExecutionTime);
