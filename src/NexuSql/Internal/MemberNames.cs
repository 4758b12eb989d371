namespace NexuSql.Internal;

/// <summary>Name matching shared by parameters and result mapping: case-insensitive, snake_case equals PascalCase.</summary>
internal static class MemberNames
{
    /// <summary>"user_id", "UserId" and "USERID" all normalize to "userid".</summary>
    public static string Normalize(string name)
    {
        var hasUnderscore = name.Contains('_');
        var n = hasUnderscore ? name.Replace("_", "") : name;
        return n.Length == 0 ? name.ToLowerInvariant() : n.ToLowerInvariant();
    }
}
