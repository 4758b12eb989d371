using NexuSql.Migrations;

namespace NexuSql.Tests.Migrations;

public sealed class MigrationSetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-migrations-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Write(string relative, string text = "SELECT 1;")
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void Load_sorts_numerically_skips_hidden_and_reads_subfolders()
    {
        Write("V1.10__ten.sql");
        Write("V1.9__nine.sql");
        Write("sub/V2__two.sql");
        Write(".hidden/V3__hidden.sql");
        Write(".V4__hidden_file.sql");
        Write("R__b_view.sql");
        Write("R__a_view.sql");
        Write("U2__two.sql");
        Write("README.md", "# not a migration");
        var set = MigrationSet.Load([new FolderMigrationSource(_dir)]);
        Assert.Equal(["V1.9__nine.sql", "V1.10__ten.sql", "V2__two.sql"], set.Versioned.Select(s => s.Name));
        Assert.Equal(["R__a_view.sql", "R__b_view.sql"], set.Repeatable.Select(s => s.Name));
        Assert.True(set.Undo.ContainsKey(MigrationVersion.Parse("2")));
    }

    [Fact]
    public void Load_duplicate_version_names_both_files()
    {
        Write("V1__first.sql");
        Write("other/V1.0__second.sql");
        var e = Assert.Throws<NexuSqlMigrationValidationException>(() => MigrationSet.Load([new FolderMigrationSource(_dir)]));
        Assert.Contains("V1__first.sql", e.Message);
        Assert.Contains("V1.0__second.sql", e.Message);
    }

    [Fact]
    public void Create_new_files_follow_the_highest_version_with_its_padding()
    {
        Write("V007__seven.sql");
        Write("V003__three.sql");
        var (v, u) = MigrationFiles.Create(_dir, "add orders table");
        Assert.Equal("V008__add_orders_table.sql", Path.GetFileName(v));
        Assert.Equal("U008__add_orders_table.sql", Path.GetFileName(u));
        Assert.True(File.Exists(v) && File.Exists(u));
        Write("U009__x.sql", "-- already there");
        Assert.Throws<IOException>(() => MigrationFiles.Create(_dir, "x"));
        Assert.False(File.Exists(Path.Combine(_dir, "V009__x.sql")), "nothing may be written when a file is in the way");
    }

    [Fact]
    public void Load_reads_embedded_resources_by_prefix()
    {
        var set = MigrationSet.Load([new EmbeddedMigrationSource(typeof(MigrationSetTests).Assembly, "NexuSql.Tests.Embedded.")]);
        var v1 = Assert.Single(set.Versioned);
        Assert.Equal("V1__embedded_one.sql", v1.Name);
        Assert.Contains("CREATE TABLE embedded_one", v1.Text);
        Assert.Equal(["R__embedded_view.sql"], set.Repeatable.Select(s => s.Name));
    }

    [Fact]
    public void Create_in_an_empty_folder_starts_at_1()
    {
        var (v, _) = MigrationFiles.Create(Path.Combine(_dir, "fresh"), "init");
        Assert.Equal("V1__init.sql", Path.GetFileName(v));
    }
}
