namespace NexuSql.Migrations;

/// <summary>One migration script found in a source.</summary>
public sealed class MigrationScript
{
    /// <summary>Creates a script.</summary>
    public MigrationScript(MigrationKind kind, MigrationVersion? version, string description, string name, string location, string text)
    {
        Kind = kind;
        Version = version;
        Description = description;
        Name = name;
        Location = location;
        Text = text;
        Checksum = MigrationChecksum.Compute(text);
        FlywayChecksum = MigrationChecksum.ComputeFlyway(text);
    }

    /// <summary>Versioned, undo or repeatable.</summary>
    public MigrationKind Kind { get; }

    /// <summary>The version; <see langword="null"/> for repeatable scripts.</summary>
    public MigrationVersion? Version { get; }

    /// <summary>The description from the file name, underscores shown as spaces.</summary>
    public string Description { get; }

    /// <summary>The file (or resource) name, e.g. <c>V2__add_orders.sql</c>; recorded in the history.</summary>
    public string Name { get; }

    /// <summary>Where it was read from (a path or <c>assembly:resource</c>), for messages.</summary>
    public string Location { get; }

    /// <summary>The text as read (placeholders not yet replaced).</summary>
    public string Text { get; }

    /// <summary>The checksum of <see cref="Text"/> (see <see cref="MigrationChecksum"/>).</summary>
    public int Checksum { get; }

    /// <summary>Flyway's checksum of <see cref="Text"/> (<see cref="MigrationChecksum.ComputeFlyway"/>), used with a Flyway history table.</summary>
    public int FlywayChecksum { get; }

    /// <summary>The script name.</summary>
    public override string ToString() => Name;
}
