using System.Diagnostics;
using NexuSql.Specification;

namespace NexuSql.MySql.Tests;

/// <summary>The server's own client (<c>mysql</c>, batch mode): reads that do not go through NexuSQL or its driver.</summary>
internal static class MySqlClient
{
    public static Task<string> QueryAsync(string database, string sql) => QueryAsync(LiveServers.MySql, database, sql);

    /// <summary>On the server <paramref name="url"/> names (its host, port, user and password).</summary>
    public static async Task<string> QueryAsync(DatabaseUrl url, string database, string sql)
    {
        var start = new ProcessStartInfo("mysql")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "-h", url.Host!.Name, "-P", (url.Host.Port ?? 3306).ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-u", url.UserName ?? "root", "--default-character-set=utf8mb4", "-N", "-B", database, "-e", sql })
            start.ArgumentList.Add(a);
        if (url.Password is { } password) start.Environment["MYSQL_PWD"] = password;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"mysql exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
