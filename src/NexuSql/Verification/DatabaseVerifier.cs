using NexuSql.Migrations;
using NexuSql.Schema;

namespace NexuSql.Verification;

/// <summary>A check <see cref="DatabaseVerifier"/> runs (the CLI's <c>verify --checks</c> names, in lower case).</summary>
public enum VerificationCheck
{
    /// <summary>The migration history against the scripts: checksums, failed and pending scripts (<see cref="Migrator.ValidateAsync"/>).</summary>
    Migrations,

    /// <summary>The live schema against the one the migrations build (<see cref="DriftCheck"/>).</summary>
    Drift,

    /// <summary>Referential integrity and the engine's own consistency check (<see cref="IntegrityCheck"/>).</summary>
    Integrity,

    /// <summary>
    /// The schema against a second database's, object by object: between databases of one engine every table, key,
    /// index, check, view, sequence, routine, trigger, rule, policy, type and setting; between two engines the tables,
    /// columns (order, type, nullability), primary, unique and foreign keys (with their actions) a copy carries.
    /// </summary>
    Schema,

    /// <summary>
    /// Every row against a second database, of any engine (<see cref="DataComparer"/>), and where each sequence and
    /// identity column goes on (its next value).
    /// </summary>
    Data,
}

/// <summary>What <see cref="DatabaseVerifier.VerifyAsync"/> checks.</summary>
public sealed record VerifyOptions
{
    /// <summary>
    /// The checks to run; null for the default: migrations, drift and integrity, and schema and data when
    /// <see cref="Against"/> is set. With the default, migrations and drift are left out (and said in <see cref="VerificationResult.Notes"/>)
    /// when the migration folders hold no script: there is nothing to check them against.
    /// </summary>
    public IReadOnlyCollection<VerificationCheck>? Checks { get; init; }

    /// <summary>The migrations the migrations and drift checks compare with (folders, history table, placeholders).</summary>
    public MigrationOptions Migrations { get; init; } = new();

    /// <summary>The second database of the schema and data checks; the caller owns (and disposes) it.</summary>
    public NexuSqlDatabase? Against { get; init; }

    /// <summary>Limits the schema and data checks to these tables (the schema check: with their triggers, rules and policies); null for every table.</summary>
    public IReadOnlyList<string>? Tables { get; init; }

    /// <summary>Called as the data check finishes a table: table name, rows compared.</summary>
    public Action<string, long>? Progress { get; init; }
}

/// <summary>One thing a check found.</summary>
/// <param name="Check">The check that found it.</param>
/// <param name="Message">What was found, in words (names script, table, column and key where there is one).</param>
/// <param name="Table">The table, for data findings and schema findings about a table or an object of one.</param>
/// <param name="Key">The row's key (<c>id=7</c>, SQL literal text), for data findings about one row.</param>
public sealed record VerificationFinding(VerificationCheck Check, string Message, string? Table = null, string? Key = null)
{
    /// <summary>The columns whose values differ, for a row both databases hold (bt36 L5: named only in the text); null when not told.</summary>
    public IReadOnlyList<string>? Columns { get; init; }
}

/// <summary>The outcome of <see cref="DatabaseVerifier.VerifyAsync"/>.</summary>
/// <param name="Checked">The checks that ran, in the order they ran.</param>
/// <param name="Findings">What they found; empty when the database passed every check.</param>
/// <param name="Notes">What was left out and why (no migration scripts).</param>
public sealed record VerificationResult(IReadOnlyList<VerificationCheck> Checked, IReadOnlyList<VerificationFinding> Findings, IReadOnlyList<string> Notes)
{
    /// <summary>True when no check found anything.</summary>
    public bool Ok => Findings.Count == 0;
}

/// <summary>
/// <c>nexusql verify</c> as a library call: migrations, schema drift, integrity and (with a second database) every
/// row, each finding with the check that made it. Every check first waits until a cluster node has applied what the
/// cluster committed (<see cref="NexuSqlDatabase.CatchUpAsync"/>: a lagging Galera node would compare stale rows).
/// </summary>
public static class DatabaseVerifier
{
    /// <summary>Runs the checks <paramref name="options"/> names on <paramref name="database"/>.</summary>
    /// <returns>The checks run and their findings; <see cref="VerificationResult.Ok"/> when nothing was found.</returns>
    /// <exception cref="ArgumentException">The schema or data check without <see cref="VerifyOptions.Against"/>.</exception>
    /// <exception cref="NexuSqlException">A database error (connection, permission, a value that cannot be read: kind <c>value</c>, naming table, column and key).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<VerificationResult> VerifyAsync(NexuSqlDatabase database, VerifyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        options ??= new VerifyOptions();
        var notes = new List<string>();
        var checks = options.Checks?.Distinct().Order().ToList()
                     ?? [VerificationCheck.Migrations, VerificationCheck.Drift, VerificationCheck.Integrity, .. options.Against is null ? Array.Empty<VerificationCheck>() : [VerificationCheck.Schema, VerificationCheck.Data]];
        if (checks.FirstOrDefault(c => c is VerificationCheck.Schema or VerificationCheck.Data) is var two and (VerificationCheck.Schema or VerificationCheck.Data) && options.Against is null)
            throw new ArgumentException($"The {Name(two)} check compares two databases: set VerifyOptions.Against (the CLI: --against ENV_OR_URL).", nameof(options));
        var migrations = options.Migrations;
        var hasMigrations = migrations.Locations.Any(l => Directory.Exists(l) && Directory.EnumerateFiles(l, "*.sql", SearchOption.AllDirectories).Any());
        if (!hasMigrations && options.Checks is null)
        {
            checks.RemoveAll(c => c is VerificationCheck.Migrations or VerificationCheck.Drift);
            notes.Add($"no migration scripts in {string.Join(", ", migrations.Locations)}; checking {string.Join(", ", checks.Select(Name))}.");
        }
        // a mistyped --against (an env that points at the same server and database) compares a database with itself:
        // its "OK" proves nothing, said so (bt38 L6)
        if (options.Against is { } against && against.Engine == database.Engine && (checks.Contains(VerificationCheck.Schema) || checks.Contains(VerificationCheck.Data))
            && await database.Provider.IsSameDatabaseAsync(database, against, cancellationToken))
            notes.Add("the two URLs reach one database: the schema and data checks compare it with itself, so they prove nothing. Check --against.");
        await database.CatchUpAsync(cancellationToken);
        // --tables public.p names the current schema's p, as p does (bt39 L1: "No table named public.p")
        if (options.Tables is { Count: > 0 } named && database.Dialect.Capabilities.Schemas
            && await database.ExecuteScalarAsync<string?>(database.Dialect.CurrentSchemaSql, cancellationToken: cancellationToken) is { } currentSchema)
            options = options with { Tables = [.. named.Select(t => SchemaModel.Unqualified(t, currentSchema))] };
        var findings = new List<VerificationFinding>();
        if (checks.Contains(VerificationCheck.Migrations))
        {
            var migrator = new Migrator(database, migrations);
            // an interrupted copy or restore carried a history that may not match the tables (bt37 M10): the integrity
            // check names it; without that check, this one does
            if (!checks.Contains(VerificationCheck.Integrity))
                findings.AddRange((await Backup.TransferMarker.IncompleteAsync(database, "The", cancellationToken))
                    .Select(m => new VerificationFinding(VerificationCheck.Migrations, m.Finding + "; its migration history may not match its tables.")));
            findings.AddRange((await migrator.ValidateAsync(cancellationToken)).Select(p => new VerificationFinding(VerificationCheck.Migrations, p)));
            findings.AddRange((await migrator.InfoAsync(cancellationToken)).Where(i => i.State is MigrationState.Pending or MigrationState.Outdated)
                .Select(i => new VerificationFinding(VerificationCheck.Migrations, $"{i.Script} is {i.State.ToString().ToLowerInvariant()}.")));
        }
        SchemaModel? expected = null;
        if (hasMigrations && (checks.Contains(VerificationCheck.Drift) || checks.Contains(VerificationCheck.Integrity)))
        {
            try
            {
                expected = await DriftCheck.ExpectedSchemaAsync(database, migrations, allSchemas: true, cancellationToken);
            }
            catch (NexuSqlMigrationScriptException e) when (!e.IsCallback && e.InnerException is NexuSqlException why)
            {
                // the scripts are replayed in a scratch database only: nothing ran here, nothing is to be fixed here (bt37 M17,
                // was: "The migration was rolled back; nothing was recorded. Fix the script and run migrate again", exit 1)
                findings.Add(new VerificationFinding(VerificationCheck.Drift,
                    $"drift not checked: the migrations could not be replayed on {database.Engine.DisplayName()} to build the schema they make " +
                    $"(in a scratch database; nothing ran on this one): {e.Script} failed at statement {e.Statement} of {e.StatementCount}{(e.Line > 0 ? $" (line {e.Line})" : "")}: " +
                    $"{why.Message.TrimEnd()} Are the scripts written for another engine? Check drift on a database of the engine they are written for; the other checks ran."));
            }
            catch (ScratchDatabaseException e)
            {
                // the account may not create databases (PostgreSQL without CREATEDB): drift cannot be checked, and said why;
                // integrity still checks the foreign keys the live schema declares
                const string scratch = "the schema the migrations make is built by replaying them in a scratch database on the same server, which could not be created";
                var others = string.Join(',', checks.Where(c => c != VerificationCheck.Drift).Select(Name));
                var instead = others.Length > 0 ? $"or run verify --checks without drift (--checks {others}); the other checks ran."
                    : "or check the other things verify can (--checks migrations,integrity).";
                if (checks.Contains(VerificationCheck.Drift))
                    findings.Add(new VerificationFinding(VerificationCheck.Drift,
                        $"drift not checked: {scratch}: {e.Reason} Grant the account the right to create and drop databases (PostgreSQL: ALTER ROLE ... CREATEDB), {instead}"));
                if (checks.Contains(VerificationCheck.Integrity))
                    notes.Add($"integrity checked the foreign keys the live schema declares, not those only the migrations declare: {scratch} ({e.Reason.TrimEnd('.')}).");
            }
        }
        // drift asked for by name, with nothing to build the expected schema from, was not checked: not "OK: drift" (bt38 H3)
        if (checks.Contains(VerificationCheck.Drift) && !hasMigrations)
            findings.Add(new VerificationFinding(VerificationCheck.Drift,
                $"drift not checked: there are no migration scripts in {string.Join(", ", migrations.Locations)} to build the schema they make; " +
                "pass --locations with the folder that holds them."));
        if (checks.Contains(VerificationCheck.Drift) && expected is not null)
        {
            // every schema: a trigger dropped in another schema is drift too
            var drift = await DriftCheck.PlanAsync(database, expected, migrations, cancellationToken);
            findings.AddRange(drift.Changes.Concat(drift.Refused).Select(c => new VerificationFinding(VerificationCheck.Drift, $"live schema differs from the migrations: {c.Description}")));
        }
        if (checks.Contains(VerificationCheck.Integrity))
            findings.AddRange((await IntegrityCheck.CheckAsync(database, expected?.CurrentSchema is { } current ? expected.InCurrentSchema(current) : expected, cancellationToken)).Select(f => new VerificationFinding(VerificationCheck.Integrity, f)));
        if (checks.Contains(VerificationCheck.Schema))
        {
            // the data check names tables and columns only one side has: said once
            var differences = await SchemaComparer.CompareAsync(database, options.Against!, options.Tables, withPresence: !checks.Contains(VerificationCheck.Data), cancellationToken);
            findings.AddRange(differences.Select(d => new VerificationFinding(VerificationCheck.Schema, d.Message, d.Table)));
        }
        if (checks.Contains(VerificationCheck.Data))
        {
            var differences = await DataComparer.CompareAsync(database, options.Against!, new DataCompareOptions { Tables = options.Tables, Progress = options.Progress }, cancellationToken);
            findings.AddRange(differences.Select(x => new VerificationFinding(VerificationCheck.Data, $"{x.Table}: {(x.Key is null ? "" : x.Key + ": ")}{x.Detail}", x.Table, x.Key) { Columns = x.Columns }));
            // data outside the tables (PostgreSQL large objects): copy and backup do not carry it, so it must not pass unseen
            var first = await database.Provider.ContentOutsideTablesAsync(database, cancellationToken);
            var second = await options.Against!.Provider.ContentOutsideTablesAsync(options.Against, cancellationToken);
            if (!first.SequenceEqual(second, StringComparer.Ordinal))
                findings.Add(new VerificationFinding(VerificationCheck.Data,
                    $"data outside the tables differs: {(first.Count == 0 ? "none" : string.Join("; ", first))} in the first database, {(second.Count == 0 ? "none" : string.Join("; ", second))} in the second"));
        }
        return new VerificationResult(checks, findings, notes);
    }

    /// <summary>The check's name as the CLI spells it (<c>migrations</c>, <c>drift</c>, <c>integrity</c>, <c>schema</c>, <c>data</c>).</summary>
    public static string Name(VerificationCheck check) => check.ToString().ToLowerInvariant();
}
