using System.Diagnostics;
namespace NexuSql.Specification;

/// <summary>
/// Runs SQL through each engine's own command-line client (psql, mysql, sqlite3) — never through NexuSQL's reader — so a
/// check of moved values cannot share the code under test. Output is the client's plain text: one line per row,
/// columns separated by '|'.
/// </summary>
public static class EngineClient
{
    /// <summary>Runs <paramref name="sql"/> against the database of <paramref name="url"/> (a NexuSQL URL) and returns its text output.</summary>
    public static Task<string> RunAsync(string url, string sql) => RunAsync(url, sql, script: false);

    /// <summary>Feeds <paramref name="script"/> to the client's standard input, as a DBA runs a reviewed script file.</summary>
    public static Task<string> RunScriptAsync(string url, string script) => RunAsync(url, script, script: true);

    private static async Task<string> RunAsync(string url, string sql, bool script)
    {
        var parsed = DatabaseUrl.Parse(url);
        var (file, args) = parsed.Engine switch
        {
            NexuSqlEngine.Sqlite => ("sqlite3", new[] { "-bail", "-separator", "|", parsed.Database!, sql }),
            NexuSqlEngine.PostgreSql => ("psql", ["-X", "-q", "-A", "-t", "-F", "|", "-v", "ON_ERROR_STOP=1", "-h", parsed.Host!.Name,
                "-p", parsed.Host.Port!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", parsed.UserName!, "-d", parsed.Database!, "-c", sql]),
            NexuSqlEngine.MySql => ("mysql", ["-N", "-B", "--raw", "--default-character-set=utf8mb4", "-h", parsed.Host!.Name,
                "-P", parsed.Host.Port!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "-u", parsed.UserName!, parsed.Database!, "-e", sql]),
            _ => throw new NotSupportedException(parsed.Engine.ToString()),
        };
        if (script) args = args[..^(parsed.Engine == NexuSqlEngine.Sqlite ? 1 : 2)];
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = script };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        if (script)
        {
            await process.StandardInput.WriteAsync(sql);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // a client waiting on a lock must fail its test by name, not hang the run (a CI run once passed its time limit)
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not exit within 2 minutes and was killed.\nSQL: {sql}\nstdout so far:\n{await stdout}\nstderr so far:\n{await stderr}");
        }
        Assert.True(process.ExitCode == 0, $"{file} failed ({process.ExitCode}): {await stderr}\nSQL: {sql}");
        var text = (await stdout).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
        // mysql -B separates columns with tabs
        return parsed.Engine == NexuSqlEngine.MySql ? text.Replace('\t', '|') : text;
    }
}
