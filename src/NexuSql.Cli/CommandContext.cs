using System.CommandLine;
using System.CommandLine.Parsing;

namespace NexuSql.Cli;

/// <summary>What a command needs from the parse result: the database, output mode, and the writer.</summary>
internal sealed class CommandContext
{
    private CommandContext(ParseResult parse)
    {
        Parse = parse;
        Json = parse.GetValue(GlobalOptions.Json);
        Quiet = parse.GetValue(GlobalOptions.Quiet) || Json;
        Output = new Output(Json);
        if (!parse.GetValue(GlobalOptions.Quiet)) NoticeListener.Attach();
    }

    public ParseResult Parse { get; }

    public bool Json { get; }

    public bool Quiet { get; }

    public Output Output { get; }

    /// <summary>
    /// Runs a command body with NexuSQL's error contract: database failures exit 1, bad input exits 2; the message
    /// says what went wrong and never carries a password.
    /// </summary>
    public static Task<int> RunAsync(ParseResult parse, Func<CommandContext, Task<int>> body) =>
        RunAsync(parse, CancellationToken.None, body);

    /// <summary>
    /// Runs a command body as <see cref="RunAsync(ParseResult, Func{CommandContext, Task{int}})"/> does;
    /// <paramref name="cancellation"/> is the token System.CommandLine cancels on Ctrl-C / SIGTERM: a failure after it
    /// was cancelled is the interruption (exit 130), whichever signal handler ran first.
    /// </summary>
    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellation, Func<CommandContext, Task<int>> body)
    {
        var context = new CommandContext(parse);
        var code = await RunAsync(context, cancellation, body);
        if (code != ExitCodes.Ok) context.RemoveNewEmptyFile();
        return code;
    }

    private string? _newFile;

    /// <summary>
    /// An option or argument given as an empty string (<c>-o ""</c>, <c>restore ""</c>, <c>--from ""</c>, often an unset
    /// shell variable) is refused by its name; it came out as "The value cannot be an empty string." or ": no such
    /// backup file." (bt41 F32).
    /// </summary>
    /// <exception cref="UsageException">The first such option or argument.</exception>
    private static void RefuseEmptyValues(ParseResult parse)
    {
        for (var command = parse.CommandResult; command is not null; command = command.Parent as CommandResult)
            foreach (var given in command.Children)
            {
                if (!given.Tokens.Any(t => t.Value.Length == 0)) continue;
                var name = given switch
                {
                    OptionResult o => o.Option.Name,
                    ArgumentResult a => $"the {a.Argument.Name} argument",
                    _ => null,
                };
                if (name is not null)
                    throw new UsageException($"{name} was given an empty value (an unset shell variable?): give it a value, or leave it out. Nothing was done.");
            }
    }

    /// <summary>
    /// Notes that <paramref name="url"/> names a database file that is not there yet (opening it creates it): when the
    /// command then fails or is refused before writing to it, the empty file it leaves is removed, as if never opened.
    /// A file whose folder does not exist cannot be created: refused by path (bt41 F32: SQLite's "unable to open database
    /// file", error 14, named no path and came as a connection failure).
    /// </summary>
    /// <exception cref="UsageException">The file's folder does not exist.</exception>
    public DatabaseUrl CreatesFile(DatabaseUrl url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.FilePath is { } path && !File.Exists(path) && !NexuSqlProviders.Get(url.Engine).IsInMemory(url))
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
                throw new UsageException($"The folder of the database file '{path}' does not exist ({folder}): create it first (a new database file is " +
                                         "created, its folder is not). Nothing was written.");
            _newFile = path;
        }
        return url;
    }

    /// <summary>
    /// <paramref name="url"/> as the target of a command that writes a whole database into it (copy, restore), noted
    /// by <see cref="CreatesFile"/>. A server URL that names no database is refused: PostgreSQL would take the user's
    /// or the maintenance database <c>postgres</c>, MySQL/MariaDB none (error 1046 half-way) — break test 24 B35. So is
    /// an in-memory database (<see cref="Keeps"/>).
    /// </summary>
    /// <exception cref="UsageException">The URL names no database, or one in memory.</exception>
    public DatabaseUrl WritesInto(DatabaseUrl url, string option, string command)
    {
        ArgumentNullException.ThrowIfNull(url);
        // "--env mem" names the environment, not its URL (which Keeps adds): "--env sqlite:///..." read as a name
        var named = option.Contains(' ', StringComparison.Ordinal) ? option : $"{option} {url}";
        if (url.FilePath is null && string.IsNullOrEmpty(url.Database))
            throw new UsageException($"{(named.EndsWith(url.ToString(), StringComparison.Ordinal) ? named : $"{named} ({url})")} names no database: " +
                                     $"add its name to the URL ({url.Scheme}://host/app). Nothing was written.");
        return CreatesFile(Keeps(url, named, command));
    }

    /// <summary>
    /// <paramref name="url"/> as the target of a command whose point is what it leaves in the database (copy, restore,
    /// import, seed, migrate, schema apply): refused when the database lives in this process's memory only
    /// (<see cref="NexuSqlProvider.IsInMemory"/>, <c>sqlite::memory:</c>, <c>?mode=memory</c>), where it would report
    /// success and the data would be gone when the tool exits (break test 29 M14). A dry run keeps nothing and is not
    /// asked about.
    /// </summary>
    /// <exception cref="UsageException">The database is in memory.</exception>
    /// <param name="url">The database's URL.</param>
    /// <param name="named">How the user named it (<c>--to sqlite::memory:</c>, <c>--env dev</c>).</param>
    /// <param name="command">The command, as the user wrote it.</param>
    public static DatabaseUrl Keeps(DatabaseUrl url, string named, string command)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!named.EndsWith(url.ToString(), StringComparison.Ordinal)) named = $"{named} ({url})";
        if (NexuSqlProviders.Get(url.Engine).IsInMemory(url))
            throw new UsageException($"{named} is an in-memory database: what {command} writes into it would be gone when nexusql exits. " +
                                     "Give a database file (sqlite:///app.db) or a server's database. Nothing was written.");
        return url;
    }

    // only an empty file: one the command wrote to (a marked, half-finished restore) is what --resume continues
    private void RemoveNewEmptyFile()
    {
        if (_newFile is { } path && File.Exists(path) && new FileInfo(path).Length == 0) File.Delete(path);
    }

    private static async Task<int> RunAsync(CommandContext context, CancellationToken cancellation, Func<CommandContext, Task<int>> body)
    {
        // return to Program before any work: SQLite's "async" calls run synchronously, and Program waits for the
        // action or for the end of the grace time after a signal (Interrupts.Forced), whichever comes first
        await Task.Yield();
        // a signal before the command began (while the tool started): nothing was done
        if (Interrupted || cancellation.IsCancellationRequested)
            return context.Output.Error("cancelled", "Cancelled before the command began; nothing was done.", ExitCodes.Cancelled);
        try
        {
            RefuseEmptyValues(context.Parse);
            return await body(context);
        }
        catch (Exception e) when (Interrupted || cancellation.IsCancellationRequested)
        {
            // Ctrl-C / SIGTERM cancel the work by closing its connections, which the drivers then report as a lost
            // connection ("Exception while writing to stream"): the user's interruption is what happened. The token
            // is asked too (a library API cancelled by its caller's token)
            return context.Cancelled(e);
        }
        catch (Exception e) when (e is UsageException or NexuSqlProjectException)
        {
            return context.Output.Error("usage", e.Message, ExitCodes.Usage);
        }
        catch (FormatException e)
        {
            return context.Output.Error("usage", e.Message, ExitCodes.Usage);
        }
        catch (ArgumentException e)
        {
            // The CLI user did not write the API call: drop the " (Parameter 'args')" suffix.
            var message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "");
            return context.Output.Error("usage", message, ExitCodes.Usage);
        }
        catch (DirectoryNotFoundException e)
        {
            // a folder the user named (--locations, import DIR) that is not there: bad input, like a missing option
            return context.Output.Error("usage", e.Message, ExitCodes.Usage);
        }
        catch (NexuSqlException e)
        {
            // a connection lost half-way interrupts the work as Ctrl-C does: say what it left and how to continue
            // (a login refused is no interruption: running the same command again would be refused the same way); a full
            // disk too: once space is freed, the same command (or its --resume) goes on
            // any other statement the database refused half-way (a raw error such as 22001) leaves the work where an
            // interruption would: said as well (bt30 F13: no word that the target was marked unfinished); errors that
            // carry their own note (value, refused, backup, migration, a constraint refused before writing) or are no interruption (a login refused) are not
            return context.Output.DatabaseError(e, e is NexuSqlConnectionException { IsTransient: true } or NexuSqlStorageFullException ? context.OnInterrupt
                : e is NexuSqlConstraintException { BeforeWriting: true } or NexuSqlDataMismatchException { Advised: true } ? null
                : context.OnFailure ?? (e is NexuSqlValueException or NexuSqlRefusedException or NexuSqlBackupException or NexuSqlConnectionException
                    or NexuSqlMigrationValidationException or NexuSqlMigrationScriptException ? null : context.OnInterrupt));
        }
        catch (IOException e) when (NexuSqlStorageFullException.IsDiskFull(e))
        {
            // a file the command writes (schema dump -o, a migration file) on a full disk: the message names the file
            var next = context.OnInterrupt is { } left ? " " + left : "";
            return context.Output.Error("storage", $"The disk is full: {e.Message}. Free space there (or write elsewhere), then run the command again.{next}", ExitCodes.Failed);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or IOException or InvalidDataException)
        {
            return context.Output.Error("failed", e.Message, ExitCodes.Failed);
        }
        catch (UnauthorizedAccessException e)
        {
            // a file or folder the user may not read or write: the path is in the message
            return context.Output.Error("failed", $"{e.Message} Check the file's permissions; nothing was changed.", ExitCodes.Failed);
        }
        catch (OperationCanceledException e)
        {
            return context.Cancelled(e);
        }
        catch (Exception e)
        {
            // never a stack trace: what failed, and how to get the details for a report
            return context.Output.Error("internal", $"{e.GetType().Name}: {e.Message} (an unexpected failure inside NexuSQL; please report it)", ExitCodes.Failed);
        }
    }

    /// <summary>Set by the Ctrl-C / SIGTERM handler (<see cref="Interrupts"/>) before it cancels the command's token: the user or the system asked the command to stop.</summary>
    public static volatile bool Interrupted;

    /// <summary>
    /// What an interruption leaves behind and the command that continues, said when the user presses Ctrl-C and when the
    /// connection is lost half-way (a server restart during a restore's load).
    /// </summary>
    public string? OnInterrupt { get; set; }

    /// <summary>
    /// What any database error leaves behind once the work has dropped something (a restore --replace after dropping the
    /// tables it replaces), said after the error; null where an error leaves nothing to say (said then: <see cref="OnInterrupt"/> for a lost connection only).
    /// </summary>
    public string? OnFailure { get; set; }

    /// <summary>
    /// What the interrupted work itself says it left (a migration names its script), read from the exception the
    /// interruption ended it with; said instead of <see cref="OnInterrupt"/>. Null: <see cref="OnInterrupt"/> is said.
    /// </summary>
    public Func<Exception, string?>? DescribeInterrupt { get; set; }

    private int Cancelled(Exception e) =>
        Output.Error("cancelled", "Cancelled. " + (DescribeInterrupt?.Invoke(e) ?? OnInterrupt ?? "The statement that was running is rolled back."), ExitCodes.Cancelled);

    private NexuSqlProject? _config;

    /// <summary>The project file (nexusql.json), loaded on first use.</summary>
    public NexuSqlProject Config => _config ??= NexuSqlProject.Load(Parse.GetValue(GlobalOptions.Config));

    /// <summary>The database this command works on (see <see cref="NexuSqlProject.Choose"/> for the order).</summary>
    public NexuSqlTarget Target => _target ??= Config.Choose(Parse.GetValue(GlobalOptions.Url), Parse.GetValue(GlobalOptions.Env));

    private NexuSqlTarget? _target;

    /// <summary>
    /// A URL from a file named on the command line (<c>--flyway-config</c>): it chooses the database unless <c>--url</c>
    /// or <c>--env</c> is given.
    /// </summary>
    public void UseUrlFrom(DatabaseUrl url, string source)
    {
        if (_target is null && Parse.GetValue(GlobalOptions.Url) is not { Length: > 0 } && Parse.GetValue(GlobalOptions.Env) is not { Length: > 0 })
            _target = new NexuSqlTarget(url, null, false, source);
    }

    /// <summary>
    /// The global option naming <see cref="Target"/> in a command printed for the user to run next (<c>--env test</c>,
    /// or <c>--url</c> with the password masked), so that it reaches the same database whatever the default is.
    /// </summary>
    public string TargetOption => Target.Environment is { } env ? $"--env {env}" : $"--url {Target.Url}";

    /// <summary>Opens <see cref="Target"/>.</summary>
    public NexuSqlDatabase OpenDatabase() => NexuSqlDatabase.Open(Target.Url);

    /// <summary>Opens <see cref="Target"/> to write into it; a database file it creates is removed again when the command fails with it still empty.</summary>
    public NexuSqlDatabase OpenTargetDatabase(string command) => NexuSqlDatabase.Open(WritesInto(Target.Url, TargetOption, command));

    /// <summary>
    /// Opens <see cref="Target"/> for <paramref name="command"/>, which leaves something in it (import, seed, migrate,
    /// schema apply): an in-memory database is refused (<see cref="Keeps"/>), unless <paramref name="dryRun"/>. A
    /// database file it creates is removed again when the command fails or is refused with it still empty (bt44: a
    /// <c>schema apply</c> refused before anything ran left a 0-byte SQLite file behind).
    /// </summary>
    /// <exception cref="UsageException">The database is in memory and this is no dry run.</exception>
    public NexuSqlDatabase OpenDatabaseToKeep(string command, bool dryRun = false) =>
        NexuSqlDatabase.Open(CreatesFile(dryRun ? Target.Url : Keeps(Target.Url, TargetOption, command)));

    /// <summary>
    /// Opens <see cref="Target"/> for a command that only reads it (check, backup, verify, schema dump, stats): a database file
    /// that does not exist is refused instead of created empty (a mistyped path must not back up "0 tables" and exit 0).
    /// </summary>
    /// <exception cref="UsageException">The URL names a database file that does not exist.</exception>
    public NexuSqlDatabase OpenExistingDatabase(string what) => NexuSqlDatabase.Open(Existing(Target.Url, what));

    /// <summary><paramref name="path"/>, when it names a file: a backup path that is not there is bad input (exit 2), not a failed backup.</summary>
    /// <exception cref="UsageException">No such file.</exception>
    public static string ExistingBackup(string path) =>
        File.Exists(path) ? path
        : Directory.Exists(path) ? throw new UsageException($"{path} is a folder, not a backup file. Name the .nxb file in it ('nexusql backup list' shows the backups in the backup folder).")
        : throw new UsageException($"{path}: no such backup file. Check the path ('nexusql backup list' shows the backups in the backup folder).");

    /// <summary><paramref name="url"/>, when the database it names exists, is on a server or in memory (<c>?mode=memory</c> names no file).</summary>
    /// <exception cref="UsageException">The URL names a database file that does not exist.</exception>
    public static DatabaseUrl Existing(DatabaseUrl url, string what)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.FilePath is { } path && !File.Exists(path) && !NexuSqlProviders.Get(url.Engine).IsInMemory(url))
            throw new UsageException($"The database file '{path}' does not exist: nothing to {what}. Check the path (opening it would create an empty database).");
        return url;
    }

    /// <summary>Migration folders: --locations, else the config's, else ./migrations.</summary>
    public IReadOnlyList<string> MigrationLocations(string[]? given) =>
        given is { Length: > 0 } ? given : [.. Config.Migrations.Select(Config.Resolve)];

    /// <summary>
    /// Refuses a destructive operation unless it is confirmed (RELIABILITY.md #16). On a protected environment — or a
    /// URL naming its database — --yes and the environment's name typed back (at the terminal, or --confirm NAME
    /// without one). Elsewhere --yes, or "y" typed at the terminal; without a terminal (a script, CI) --yes is needed.
    /// </summary>
    /// <param name="target">The database the operation changes.</param>
    /// <param name="operation">What is about to run, as the user wrote it (<c>reset --data-only</c>).</param>
    /// <param name="destroys">False for an operation that destroys nothing unless the target is protected (copy into an empty database).</param>
    /// <exception cref="NexuSqlRefusedException">Not confirmed.</exception>
    public void ConfirmDestructive(NexuSqlTarget target, string operation, bool destroys = true)
    {
        var yes = Parse.GetValue(GlobalOptions.Yes);
        var terminal = !Console.IsInputRedirected && !Json;
        if (!target.Protected)
        {
            if (!destroys || yes) return;
            if (!terminal)
                throw new NexuSqlRefusedException($"{operation} destroys data in {target}: add --yes to confirm (there is no terminal to ask). Nothing was changed.");
            Console.Error.Write($"{operation} destroys data in {target}. Continue? [y/N] ");
            if (Console.ReadLine()?.Trim() is "y" or "Y" or "yes") return;
            throw new NexuSqlRefusedException($"{operation} was not confirmed. Nothing was changed.");
        }
        var name = target.ProtectedAs ?? target.Environment!;
        var what = target.ProtectedAs is null ? $"{name} is a protected environment"
            : $"{(target.Environment is { } reached ? $"environment {reached}" : target.Source)} names the database of protected environment {name}";
        if (!yes)
            throw new NexuSqlRefusedException($"{what}: {operation} needs --yes and the environment's name typed back (or --confirm {name}).");
        var typed = Parse.GetValue(GlobalOptions.Confirm);
        if (typed is null && terminal)
        {
            Console.Error.Write($"{operation} on protected environment {name}. Type its name to confirm: ");
            typed = Console.ReadLine()?.Trim();
        }
        if (!string.Equals(typed, name, StringComparison.Ordinal))
            throw new NexuSqlRefusedException($"{what}: {operation} was not confirmed (type the environment's name exactly, or pass --confirm {name}).");
    }
}
