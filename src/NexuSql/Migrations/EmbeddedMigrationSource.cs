using System.Reflection;

namespace NexuSql.Migrations;

/// <summary>
/// Scripts embedded in an assembly (<c>&lt;EmbeddedResource Include="Migrations/*.sql" /&gt;</c>). The file name is
/// the part of the resource name after <paramref name="prefix"/> (e.g. <c>MyApp.Migrations.</c>).
/// </summary>
public sealed class EmbeddedMigrationSource(Assembly assembly, string prefix) : IMigrationSource
{
    /// <inheritdoc/>
    public IEnumerable<MigrationScript> Load()
    {
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[prefix.Length..];
            if (!MigrationScriptName.TryParse(name, out var kind, out var version, out var description)) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
            yield return new MigrationScript(kind, version, description, name, $"{assembly.GetName().Name}:{resource}", reader.ReadToEnd());
        }
    }
}
