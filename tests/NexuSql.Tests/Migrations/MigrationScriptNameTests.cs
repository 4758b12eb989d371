using NexuSql.Migrations;

namespace NexuSql.Tests.Migrations;

public class MigrationScriptNameTests
{
    [Theory]
    [InlineData("V1__init.sql", MigrationKind.Versioned, "1", "init")]
    [InlineData("v001__complete_schema.sql", MigrationKind.Versioned, "001", "complete schema")]
    [InlineData("V1.2.3__add_orders_table.sql", MigrationKind.Versioned, "1.2.3", "add orders table")]
    [InlineData("V2024_05_01__x.sql", MigrationKind.Versioned, "2024.05.01", "x")]
    [InlineData("U2__drop.sql", MigrationKind.Undo, "2", "drop")]
    [InlineData("u2__drop.sql", MigrationKind.Undo, "2", "drop")]
    [InlineData("R__views.sql", MigrationKind.Repeatable, null, "views")]
    [InlineData("r__refresh_functions.sql", MigrationKind.Repeatable, null, "refresh functions")]
    [InlineData("V3__l'été \"quoted\".sql", MigrationKind.Versioned, "3", "l'été \"quoted\"")]
    public void TryParse_reads_kind_version_and_description(string name, MigrationKind kind, string? version, string description)
    {
        Assert.True(MigrationScriptName.TryParse(name, out var k, out var v, out var d));
        Assert.Equal(kind, k);
        Assert.Equal(version, v?.Text);
        Assert.Equal(description, d);
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("notes.sql")]
    [InlineData("Views.sql")]
    public void TryParse_ignores_files_that_are_not_migrations(string name)
    {
        Assert.False(MigrationScriptName.TryParse(name, out _, out _, out _));
    }

    [Theory]
    [InlineData("V1_init.sql")]
    [InlineData("V1.sql")]
    [InlineData("R_views.sql")]
    public void TryParse_rejects_names_that_look_like_migrations_but_are_malformed(string name)
    {
        var e = Assert.Throws<FormatException>(() => MigrationScriptName.TryParse(name, out _, out _, out _));
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void ToFilePart_makes_a_safe_file_name()
    {
        Assert.Equal("add_orders_table", MigrationScriptName.ToFilePart("  add orders table! "));
        Assert.Throws<ArgumentException>(() => MigrationScriptName.ToFilePart("!!!"));
    }

    [Theory]
    [InlineData("beforeMigrate.sql", "beforeMigrate")]
    [InlineData("afterEachMigrate__refresh_stats.sql", "afterEachMigrate")]
    [InlineData("afterMigrateError.sql", "afterMigrateError")]
    public void TryParse_reads_flyway_callback_names(string file, string callbackEvent)
    {
        Assert.True(MigrationScriptName.TryParse(file, out var kind, out var version, out var description));
        Assert.Equal(MigrationKind.Callback, kind);
        Assert.Null(version);
        Assert.Equal(callbackEvent, description);
    }

    [Theory]
    [InlineData("beforemigrate.sql")]   // Flyway's names are case-sensitive
    [InlineData("beforeClean.sql")]     // an event NexuSQL does not run is not taken for a callback
    [InlineData("notes.sql")]
    public void TryParse_ignores_other_sql_files(string file)
    {
        Assert.False(MigrationScriptName.TryParse(file, out _, out _, out _));
    }
}
