using System.Reflection;
using System.Xml.Linq;

namespace NexuSql.Tests;

public class ArchitectureTests
{
    private static readonly string[] DriverAssemblies =
        ["Npgsql", "Microsoft.Data.Sqlite", "SQLitePCLRaw", "MySql.Data", "MySqlConnector", "Microsoft.Data.SqlClient", "System.Data.SqlClient"];

    [Fact]
    public void Core_assembly_references_no_database_driver()
    {
        var referenced = typeof(NexuSqlDatabase).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.NotEmpty(referenced);
        foreach (var name in referenced)
            Assert.DoesNotContain(DriverAssemblies, d => name.StartsWith(d, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Core_project_file_has_no_driver_package_or_provider_project()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "NexuSql.slnx"))) dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found");
        var project = XDocument.Load(Path.Combine(dir, "src", "NexuSql", "NexuSql.csproj"));
        var includes = project.Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "Reference" or "PackageDownload")
            .Select(e => (string?)e.Attribute("Include") ?? "")
            .ToList();
        Assert.Contains("Microsoft.Extensions.Logging.Abstractions", includes);
        foreach (var include in includes)
        {
            Assert.DoesNotContain(DriverAssemblies, d => include.Contains(d, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("NexuSql.", include);
        }
    }

    [Fact]
    public void Core_exposes_no_public_type_from_Internal()
    {
        var publicTypes = typeof(NexuSqlDatabase).Assembly.GetExportedTypes();
        Assert.DoesNotContain(publicTypes, t => t.Namespace?.Contains("Internal", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Providers_lookup_without_reference_names_the_package()
    {
        var e = Assert.Throws<InvalidOperationException>(() => NexuSqlProviders.Get(NexuSqlEngine.SqlServer));
        Assert.Contains("NexuSql.SqlServer", e.Message);
    }
}
