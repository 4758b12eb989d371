using System.Collections.Concurrent;
using System.Reflection;

namespace NexuSql;

/// <summary>
/// The registry of engine providers. A provider registers itself when its assembly (<c>NexuSql.Sqlite</c>,
/// <c>NexuSql.PostgreSql</c>, <c>NexuSql.MySql</c>, <c>NexuSql.SqlServer</c>) is referenced: the first lookup
/// loads the assembly by name and reads its <see cref="NexuSqlProviderAttribute"/>. Register one explicitly to
/// replace it (for example a MySQL provider bound to a specific driver factory).
/// </summary>
public static class NexuSqlProviders
{
    private static readonly ConcurrentDictionary<NexuSqlEngine, NexuSqlProvider> Registered = new();

    /// <summary>Registers (or replaces) the provider for its engine.</summary>
    public static void Register(NexuSqlProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        Registered[provider.Engine] = provider;
    }

    /// <summary>The provider for an engine.</summary>
    /// <exception cref="InvalidOperationException">No provider is referenced for the engine; the message names the package.</exception>
    public static NexuSqlProvider Get(NexuSqlEngine engine)
    {
        if (Registered.TryGetValue(engine, out var provider)) return provider;
        var assemblyName = AssemblyFor(engine);
        try
        {
            var assembly = Assembly.Load(new AssemblyName(assemblyName));
            foreach (var attribute in assembly.GetCustomAttributes<NexuSqlProviderAttribute>())
            {
                var candidate = (NexuSqlProvider)Activator.CreateInstance(attribute.ProviderType)!;
                Registered.TryAdd(candidate.Engine, candidate);
            }
        }
        catch (FileNotFoundException)
        {
            // reported below with the package to add
        }
        return Registered.TryGetValue(engine, out provider)
            ? provider
            : throw new InvalidOperationException(
                $"No NexuSQL provider for {engine} is available. Reference the {assemblyName} package, or call NexuSqlProviders.Register.");
    }

    private static string AssemblyFor(NexuSqlEngine engine) => engine switch
    {
        NexuSqlEngine.CockroachDb => "NexuSql.PostgreSql",
        _ => "NexuSql." + engine,
    };
}
