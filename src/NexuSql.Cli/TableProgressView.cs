using System.Globalization;
using NexuSql.Backup;
using Spectre.Console;

namespace NexuSql.Cli;

/// <summary>
/// Per-table progress of a backup, restore or copy: a live Spectre progress display with rows/s on a terminal, a line
/// per finished table when output is redirected, nothing with --quiet or --json.
/// </summary>
internal sealed class TableProgressView
{
    private readonly CommandContext _context;
    private readonly bool _live;
    private ProgressContext? _progress;
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);

    public TableProgressView(CommandContext context)
    {
        _context = context;
        _live = !context.Quiet && !Console.IsOutputRedirected;
    }

    /// <summary>Runs <paramref name="work"/> with the display up.</summary>
    public async Task<T> RunAsync<T>(Func<TableProgressView, Task<T>> work)
    {
        if (!_live) return await work(this);
        return await _context.Output.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                _progress = ctx;
                return await work(this);
            });
    }

    /// <summary>A phase of the work ("verifying the backup").</summary>
    public void Phase(string text)
    {
        if (_context.Quiet) return;
        if (_progress is not null) _progress.AddTask($"[grey]{Output.Text(text)}[/]", maxValue: 1).Increment(1);
        else Console.WriteLine(text);
    }

    /// <summary>The callback for <see cref="TableProgress"/> reports.</summary>
    public void Report(TableProgress p)
    {
        if (_context.Quiet) return;
        var rate = p.RowsPerSecond.ToString("N0", CultureInfo.InvariantCulture);
        var rows = p.Rows.ToString("N0", CultureInfo.InvariantCulture);
        if (_progress is null)
        {
            if (p.Done) Console.WriteLine($"  {p.Table}: {rows} rows in {p.Elapsed.TotalSeconds:0.0} s ({rate} rows/s)");
            return;
        }
        if (!_tasks.TryGetValue(p.Table, out var task))
            _tasks[p.Table] = task = _progress.AddTask(Output.Text(p.Table), maxValue: Math.Max(1, p.TotalRows ?? 1));
        task.Description = $"{Output.Text(p.Table)} {rows} rows, {rate} rows/s";
        if (p.TotalRows is { } total) task.Value = Math.Min(p.Rows, total);
        if (p.Done)
        {
            task.MaxValue = Math.Max(1, p.Rows);
            task.Value = task.MaxValue;
        }
    }
}
