using NexuSql.Specification;

namespace NexuSql.Hosting.Tests;

/// <summary>
/// Issue 15: the environments of <c>nexusql.json</c> from the library — the database <c>nexusql --env test</c> works on
/// is the one <c>NexuSqlProject.Load().Open("test")</c> opens.
/// </summary>
public sealed class ProjectTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-project-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A variable name no other test uses (tests run in parallel and share the process's environment).</summary>
    private static string Unique(string stem) => $"{stem}_{Guid.NewGuid():N}"[..(stem.Length + 9)].ToUpperInvariant();

    private string Write(string json, string folder = "")
    {
        var dir = Path.Combine(_dir, folder);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, NexuSqlProject.FileName);
        File.WriteAllText(file, json);
        return file;
    }

    [Fact]
    public async Task Open_by_environment_name_uses_the_file_found_upwards_and_its_folder_for_relative_sqlite_paths()
    {
        Write("""
            {
              // comments and trailing commas, as in the CLI's file
              "defaultEnvironment": "dev",
              "environments": {
                "dev":  { "url": "sqlite:///dev.db" },
                "test": { "url": "sqlite:///data/test.db" },
              }
            }
            """);
        Directory.CreateDirectory(Path.Combine(_dir, "data"));
        var nested = Directory.CreateDirectory(Path.Combine(_dir, "src", "app")).FullName;

        var project = NexuSqlProject.Load(nested);
        Assert.Equal(Path.Combine(_dir, NexuSqlProject.FileName), project.Path);
        Assert.Equal(_dir, project.Directory);
        Assert.Equal(["dev", "test"], project.Environments.Keys.Order());
        Assert.False(project.Environment("TEST").Protected);

        await using (var db = project.Open("test"))
        {
            await db.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)", cancellationToken: Ct);
            await db.ExecuteAsync("INSERT INTO t VALUES (1, :n)", new { n = "from the library" }, cancellationToken: Ct);
        }
        // the file is beside nexusql.json, not in the folder the search started from; read with sqlite3
        Assert.False(File.Exists(Path.Combine(nested, "data", "test.db")));
        Assert.Equal("1|from the library", await Sqlite3(Path.Combine(_dir, "data", "test.db"), "SELECT id, name FROM t"));

        await using (var db = project.OpenDefault())
            await db.ExecuteAsync("CREATE TABLE d (id INTEGER)", cancellationToken: Ct);
        Assert.Equal("d", await Sqlite3(Path.Combine(_dir, "dev.db"), "SELECT name FROM sqlite_master"));
    }

    [Fact]
    public void NAME_DATABASE_URL_overrides_the_file_and_variables_fill_references()
    {
        var name = Unique("qa");
        var host = Unique("host");
        Write($$"""{ "environments": { "{{name}}": { "url": "postgresql://app:s3cret@${{{host}}}/app" } } }""");
        var project = NexuSqlProject.Load(_dir);

        var unset = Assert.Throws<NexuSqlProjectException>(() => project.UrlOf(project.Environment(name)));
        Assert.Contains("${" + host + "}", unset.Message, StringComparison.Ordinal);
        Assert.Contains("not set", unset.Message, StringComparison.Ordinal);

        Environment.SetEnvironmentVariable(host, "db.example");
        try
        {
            var url = project.UrlOf(project.Environment(name));
            Assert.Equal("db.example", url.Host?.Name);
            Assert.DoesNotContain("s3cret", url.ToString(), StringComparison.Ordinal);
            Environment.SetEnvironmentVariable(NexuSqlProject.VariableFor(name), "sqlite:///" + Path.Combine(_dir, "over.db"));
            Assert.Equal(Path.Combine(_dir, "over.db"), project.UrlOf(project.Environment(name)).FilePath);
        }
        finally
        {
            Environment.SetEnvironmentVariable(host, null);
            Environment.SetEnvironmentVariable(NexuSqlProject.VariableFor(name), null);
        }
    }

    [Fact]
    public void Prod_is_protected_by_default_and_a_url_naming_its_database_is_protected_too()
    {
        Write("""
            { "environments": {
                "prod":    { "url": "postgresql://app@db.internal:5432/shop" },
                "staging": { "url": "postgresql://app@db.internal:5432/shop_staging" },
                "test":    { "url": "postgresql://app@db.internal:5432/shop_test", "protected": true } } }
            """);
        var project = NexuSqlProject.Load(_dir);
        Assert.True(project.Environment("prod").Protected);
        Assert.False(project.Environment("staging").Protected);
        Assert.True(project.Environment("test").Protected);

        var direct = project.Choose("postgresql://other@db.internal/shop", null);
        Assert.True(direct.Protected);
        Assert.Equal("prod", direct.ProtectedAs);
        Assert.Equal("--url", direct.Source);
        Assert.False(project.Choose("postgresql://app@db.internal/shop_staging", null).Protected);
        var named = project.UrlOrEnvironment("staging", "--to");
        Assert.Equal(("staging", false, "--to"), (named.Environment, named.Protected, named.Source));
    }

    [Theory]
    [InlineData("""{ "environments": { "prod": { "url": "sqlite:///p.db", "protect": true } } }""", "unknown setting 'protect'", "did you mean 'protected'")]
    [InlineData("""{ "environment": {} }""", "unknown setting 'environment'", "did you mean 'environments'")]
    [InlineData("""{ "migration": {}, "seed": "s" }""", "unknown settings 'migration' (did you mean 'migrations'?)", "'seed' (did you mean 'seeds'?)")]
    [InlineData("""{ "environments": { "prod": { "url": "sqlite:///p.db", "protected": "yes" } } }""", "environments.prod.protected", "true or false")]
    [InlineData("""{ "defaultEnvironment": "dev", "environments": { "test": { "url": "sqlite:///t.db" } } }""", "defaultEnvironment 'dev'", "test")]
    [InlineData("""{ "migrations": { "lockTimeout": "soon" } }""", "migrations.lockTimeout", "whole number")]
    [InlineData("""{ "environments": { """, "is not valid JSON", "nexusql.json")]
    public void A_file_that_cannot_be_used_is_refused_naming_the_file_and_the_key(string json, string expected, string alsoExpected)
    {
        var file = Write(json);
        var e = Assert.Throws<NexuSqlProjectException>(() => NexuSqlProject.Load(file));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains(alsoExpected, e.Message, StringComparison.Ordinal);
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_file_named_an_unknown_environment_and_nothing_chosen_are_errors_that_say_what_to_do()
    {
        var missing = Assert.Throws<NexuSqlProjectException>(() => NexuSqlProject.Load(Path.Combine(_dir, "nope.json")));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);

        // a folder without a file (and no parent with one: a temp folder) is an empty project
        var empty = NexuSqlProject.Load(_dir);
        Assert.Null(empty.Path);
        Assert.Equal(_dir, empty.Directory);

        Write("""{ "environments": { "dev": { "url": "sqlite:///d.db" }, "test": { "url": "sqlite:///t.db" } } }""");
        var project = NexuSqlProject.Load(_dir);
        var unknown = Assert.Throws<NexuSqlProjectException>(() => project.Open("qa"));
        Assert.Contains("No environment named 'qa'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("dev, test", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Migration_settings_of_an_environment_override_the_projects()
    {
        Write("""
            { "migrations": { "locations": ["db/migrations"], "table": "history", "placeholders": { "owner": "app", "env": "any" } },
              "environments": { "test": { "url": "sqlite:///t.db", "migrations": { "table": "test_history", "placeholders": { "env": "test" } } } } }
            """);
        var project = NexuSqlProject.Load(_dir);
        Assert.Equal(["db/migrations"], project.Migrations);
        var settings = project.MigrationSettings.Then(project.Environment("test").Migrations!);
        Assert.Equal("test_history", settings.Table);
        Assert.Equal(["db/migrations"], settings.Locations!);
        Assert.Equal("app", settings.Placeholders!["OWNER"]);
        Assert.Equal("test", settings.Placeholders["env"]);
        Assert.Equal(Path.Combine(_dir, "db/migrations"), project.Resolve(project.Migrations[0]));
    }

    private static Task<string> Sqlite3(string file, string sql) => EngineClient.RunAsync("sqlite:///" + file, sql);
}
