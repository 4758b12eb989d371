namespace NexuSql;

/// <summary>
/// Marks the provider type(s) an engine assembly offers, so that <see cref="NexuSqlProviders"/> can find them when
/// the application references the package but never registers it by hand.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class NexuSqlProviderAttribute : Attribute
{
    /// <summary>Declares a provider type with a public parameterless constructor.</summary>
    public NexuSqlProviderAttribute(Type providerType) => ProviderType = providerType;

    /// <summary>The provider type.</summary>
    public Type ProviderType { get; }
}
