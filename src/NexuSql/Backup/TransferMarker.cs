using System.Data.Common;
using NexuSql.Schema;

namespace NexuSql.Backup;

/// <summary>
/// The table that marks a target as an unfinished restore or copy: created before the first object, one row per step
/// done (which backup, each table loaded in the same transaction as its rows), dropped as the last step — so a target
/// that still has it is never taken for a complete one, and <c>--resume</c> knows what to keep.
/// </summary>
internal sealed class TransferMarker(NexuSqlConnection session, string table)
{
    private readonly string _quoted = session.Database.Dialect.QuoteIdentifier(table);

    /// <summary>The marker table's name.</summary>
    public string Table => table;

    /// <summary>The markers of an interrupted copy and restore, with what they mark.</summary>
    private static readonly (string Marker, string What)[] Markers = [(Copy.DatabaseCopier.MarkerTable, "copy"), (BackupRestorer.MarkerTable, "restore")];

    /// <summary>
    /// The markers of an interrupted copy or restore <paramref name="database"/> holds, wherever they are: a copy writes
    /// its marker into the target's current schema of that moment, and the database's search path may have changed since
    /// (bt39 M2: <c>alter database ... set search_path = sales</c> hid <c>public.nexusql_copy_incomplete</c> from import,
    /// migrate and verify). Each is named as <c>marker</c>, or <c>schema.marker (in schema ..., not the current one)</c>.
    /// </summary>
    private static async Task<IReadOnlyList<(string Named, string What)>> FindAsync(NexuSqlDatabase database, CancellationToken ct)
    {
        var found = new List<(string, string)>();
        foreach (var (marker, what) in Markers)
            foreach (var schema in await database.QueryAsync<string?>(database.Dialect.TableSchemasSql, new { name = marker }, ct).ConfigureAwait(false))
                found.Add((schema is null ? marker : $"{schema}.{marker}, in schema {schema}, not the current one", what));
        return found;
    }

    /// <summary>
    /// Refuses to read <paramref name="source"/> for a backup or copy while it holds a restore or copy that stopped
    /// half-way (in any of its schemas): its tables may be empty or partly loaded, and the result would look complete.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">The source holds <c>nexusql_restore_incomplete</c> or <c>nexusql_copy_incomplete</c>.</exception>
    public static async Task RefuseIncompleteSourceAsync(NexuSqlDatabase source, string work, CancellationToken ct)
    {
        if ((await FindAsync(source, ct).ConfigureAwait(false)).FirstOrDefault() is ({ } named, { } what))
            throw new NexuSqlRefusedException(
                $"The database to {work} holds an interrupted {what} ({named}): its tables may be empty or half-loaded. Finish it first " +
                $"({what} --resume, or --clean to start over); nothing was written.");
    }

    /// <summary>
    /// Refuses to write into <paramref name="database"/> while it holds a copy or restore that stopped half-way (its
    /// marker table, in any schema): <c>migrate</c> cannot tell what is applied, and rows that <c>import</c> or <c>seed</c>
    /// write into a table the resume has not loaded yet are emptied by it, after a reported success (bt37 M10, bt38 M11).
    /// One check for every command that writes, before it writes anything.
    /// </summary>
    /// <param name="database">The database about to be written.</param>
    /// <param name="why">Why this command cannot go on, after "its tables may be half-loaded" (starts with ", ").</param>
    /// <param name="nothing">What was not done ("Nothing was run.").</param>
    /// <param name="ct">Cancels the check.</param>
    /// <exception cref="NexuSqlRefusedException">The database holds <c>nexusql_copy_incomplete</c> or <c>nexusql_restore_incomplete</c>; named.</exception>
    public static async Task RefuseInterruptedAsync(NexuSqlDatabase database, string why, string nothing, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(database);
        if ((await FindAsync(database, ct).ConfigureAwait(false)).FirstOrDefault() is ({ } named, { } what))
            throw new NexuSqlRefusedException(
                $"The database holds an interrupted {what} ({named}): its tables may be half-loaded{why}. {nothing} " +
                $"Finish the {what} with '{what} --resume', or start over with '{what} --clean'.");
    }

    /// <summary>
    /// One line per interrupted restore or copy <paramref name="database"/> holds (its marker table, in any schema),
    /// saying that its data is not complete and how to finish it; empty when there is none. Verification reports these
    /// whatever else matches.
    /// </summary>
    /// <param name="database">The database verified.</param>
    /// <param name="which">How the line names it: "The", "the first", "the second".</param>
    /// <param name="ct">Cancels the check.</param>
    public static async Task<IReadOnlyList<(string Marker, string Finding)>> IncompleteAsync(NexuSqlDatabase database, string which, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(database);
        return [.. (await FindAsync(database, ct).ConfigureAwait(false)).Select(m => (m.Named.Split(',')[0],
            $"{which} database holds an interrupted {m.What} ({m.Named}): its data is not complete; finish it with {m.What} --resume, or start over with --clean"))];
    }

    /// <summary>
    /// The options that choose what a run moves, as the CLI spells them (<c>--data-only --tables a, b</c>; empty for the
    /// whole database): recorded in the marker as the step <c>run &lt;options&gt;</c>, so that <c>--resume</c> finishes
    /// that run and nothing wider (break test 26 G36: a resume after an interrupted <c>--tables x --replace</c> reloaded
    /// every table, over rows newer than the backup).
    /// </summary>
    /// <param name="tables">The tables the run moves when it was limited to some (resolved names), else null.</param>
    /// <param name="schemas">The schemas it was limited to, else null.</param>
    /// <param name="flags">Further options that change what is written (<c>--data-only</c>, <c>--replace</c>).</param>
    public static string RunOptions(IEnumerable<string>? tables, IEnumerable<string>? schemas, params string[] flags) =>
        string.Join(" ", new[]
        {
            tables is null ? null : "--tables " + string.Join(",", tables.Order(StringComparer.Ordinal)),
            schemas is null ? null : "--schemas " + string.Join(",", schemas.Order(StringComparer.Ordinal)),
        }.Concat(flags).OfType<string>().Where(x => x.Length > 0));

    /// <summary>The marker step that records <paramref name="options"/> (<see cref="RunOptions"/>).</summary>
    public static string RunStep(string options) => "run " + options;

    /// <summary>
    /// Refuses a resume whose options differ from the interrupted run's (<see cref="RunOptions"/>): it would load tables
    /// that run was not asked to touch, or skip ones it was. A marker from before this step was recorded is not checked.
    /// </summary>
    /// <param name="steps">The marker's steps (<see cref="StepsAsync"/>).</param>
    /// <param name="options">This run's <see cref="RunOptions"/>.</param>
    /// <param name="work">"copy" or "restore".</param>
    /// <param name="rerun">What to run instead when the interrupted run cannot be resumed at all (a replace), else null.</param>
    /// <exception cref="NexuSqlRefusedException">The interrupted run had other options.</exception>
    public static void RefuseOtherRun(IEnumerable<string> steps, string options, string work, Func<string, string?>? rerun = null)
    {
        if (steps.FirstOrDefault(s => s.StartsWith("run ", StringComparison.Ordinal)) is not { } step || step == RunStep(options)) return;
        var was = step[4..];
        var spelled = was.Length == 0 ? "no options that choose tables (the whole database)" : was;
        var instead = rerun?.Invoke(was) ?? $"Resume it with the same options ({(was.Length == 0 ? "" : was + " ")}--resume), or start it over ({(was.Length == 0 ? "" : was + " ")}--clean)";
        throw new NexuSqlRefusedException(
            $"The interrupted {work} in the target ran with {spelled}, this one with {(options.Length == 0 ? "no such options" : options)}: resuming it so would " +
            $"load tables it was not asked to touch (over the rows they hold now) or leave out ones it was. {instead}. Nothing was changed.");
    }

    /// <summary>Creates the marker (the target is unfinished from now on).</summary>
    public Task CreateAsync(CancellationToken ct)
    {
        var d = session.Database.Dialect;
        return session.ExecuteRawAsync($"CREATE TABLE {_quoted} ({d.QuoteIdentifier("step")} {d.ColumnTypeSql(new ColumnType(PortableType.Text))})", ct);
    }

    /// <summary>The steps recorded by the interrupted run.</summary>
    public Task<IReadOnlyList<string>> StepsAsync(CancellationToken ct) =>
        session.QueryAsync<string>($"SELECT {session.Database.Dialect.QuoteIdentifier("step")} FROM {_quoted}", cancellationToken: ct);

    /// <summary>Records a step, inside <paramref name="tx"/> when given (a table's load commits with its record).</summary>
    public Task RecordAsync(string step, DbTransaction? tx, CancellationToken ct) =>
        BackupRestorer.Raw(session, tx, $"INSERT INTO {_quoted} VALUES ({session.Database.Dialect.Placeholder(0)})", step, ct);

    /// <summary>Drops the marker: the target is complete.</summary>
    public Task DropAsync(CancellationToken ct) => session.ExecuteRawAsync($"DROP TABLE {_quoted}", ct);
}
