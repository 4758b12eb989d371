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

    /// <summary>
    /// The progress callback to hand the pipeline: none with --quiet or --json, so that it does not read the catalogs'
    /// row estimates (a count(*) per table on SQLite) for a display nobody sees.
    /// </summary>
    public Action<TableProgress>? Progress => _context.Quiet ? null : Report;

    /// <summary>A phase of the work ("verifying the backup").</summary>
    public void Phase(string text)
    {
        if (_context.Quiet) return;
        lock (_tasks)
        {
            if (_progress is not null) _progress.AddTask($"[grey]{Output.Text(text)}[/]", maxValue: 1).Increment(1);
            else Console.WriteLine(text);
        }
    }

    /// <summary>
    /// The callback for <see cref="TableProgress"/> reports (from the loading and the checking task at once): a bar per
    /// table against its total — the catalog's estimate while a backup or copy reads (raised when the table holds more),
    /// the rows written while the final check reads them back.
    /// </summary>
    public void Report(TableProgress p)
    {
        if (_context.Quiet) return;
        var rate = p.RowsPerSecond.ToString("N0", CultureInfo.InvariantCulture);
        var rows = p.Rows.ToString("N0", CultureInfo.InvariantCulture);
        var doing = p.Checking ? "checked" : "rows";
        lock (_tasks)
        {
            if (_progress is null)
            {
                if (p.Done) Console.WriteLine(p.Checking
                    ? $"  {p.Table}: {rows} rows checked in {p.Elapsed.TotalSeconds:0.0} s"
                    : $"  {p.Table}: {rows} rows in {p.Elapsed.TotalSeconds:0.0} s ({rate} rows/s)");
                return;
            }
            var key = (p.Checking ? "check:" : "load:") + p.Table;
            if (!_tasks.TryGetValue(key, out var task))
                _tasks[key] = task = _progress.AddTask(Output.Text(p.Table), maxValue: Math.Max(1, p.TotalRows ?? 1));
            var of = p.TotalRows is { } t && !p.Done ? $" of {(p.Checking ? "" : "~")}{t.ToString("N0", CultureInfo.InvariantCulture)}" : "";
            task.Description = $"{Output.Text(p.Table)} {rows}{of} {doing}, {rate} rows/s";
            if (p.TotalRows is { } total)
            {
                task.MaxValue = Math.Max(Math.Max(1, total), p.Rows);
                task.Value = p.Rows;
            }
            if (p.Done)
            {
                task.MaxValue = Math.Max(1, p.Rows);
                task.Value = task.MaxValue;
            }
        }
    }
}
