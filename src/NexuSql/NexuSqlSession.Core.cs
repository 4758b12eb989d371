using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using NexuSql.Dialects;
using NexuSql.Internal;

namespace NexuSql;

public abstract partial class NexuSqlSession
{
    private readonly ILogger? _logger;

    private protected NexuSqlSession(NexuSqlProvider provider, NexuSqlOptions options)
    {
        Provider = provider;
        Options = options;
        _logger = options.LoggerFactory?.CreateLogger("NexuSql");
    }

    /// <summary>The engine behind this session.</summary>
    public NexuSqlEngine Engine => Provider.Engine;

    /// <summary>The engine's text dialect (quoting, placeholders, capabilities).</summary>
    public Dialects.SqlDialect Dialect => Provider.Dialect;

    /// <summary>The options this session runs with.</summary>
    public NexuSqlOptions Options { get; }

    /// <summary>The engine provider.</summary>
    public NexuSqlProvider Provider { get; }

    /// <summary>An open connection for one call (a pooled one, or the transaction's).</summary>
    private protected abstract ValueTask<DbConnection> AcquireAsync(bool async, CancellationToken cancellationToken);

    /// <summary>Gives back what <see cref="AcquireAsync"/> returned.</summary>
    private protected abstract ValueTask ReleaseAsync(DbConnection connection, bool async);

    /// <summary>The transaction commands must enlist in, if any.</summary>
    private protected abstract DbTransaction? CurrentTransaction { get; }

    private protected ILogger? Logger => _logger;

    /// <summary>Logs a statement NexuSQL runs for its own bookkeeping (BEGIN, COMMIT, savepoints) at Debug.</summary>
    private protected void LogStatement(string sql)
    {
        if (_logger is not null && _logger.IsEnabled(LogLevel.Debug)) _logger.LogDebug("Executing on {Engine}: {Sql}", Engine, sql);
    }

    /// <summary>Runs one of NexuSQL's own statements (no parameters), sync or async.</summary>
    internal async ValueTask ExecuteStatementAsync(bool async, string sql, CancellationToken ct) =>
        await ExecuteRawCoreAsync(async, sql, ct).ConfigureAwait(false);

    private SqlLexicalRules? _lexicalRules;

    /// <summary>
    /// The distinct <c>:name</c> parameters of <paramref name="sql"/> (without ':', in order of first use), read as
    /// this session's commands read them: strings, comments and quoted names are skipped, and a MySQL
    /// <c>sql_mode</c> declared in the URL or set in the text is followed. For checking arguments before running.
    /// </summary>
    public IReadOnlyList<string> ParameterNames(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return ParsedSql.Get(sql, Provider.Dialect, LexicalRules).Names;
    }

    /// <summary>The dialect's lexical rules as <see cref="NexuSqlOptions.SqlMode"/> declares the server's mode.</summary>
    internal SqlLexicalRules LexicalRules =>
        _lexicalRules ??= Options.SqlMode is { } mode ? Provider.Dialect.Lexical.WithSqlMode(mode) : Provider.Dialect.Lexical;

    /// <summary>How many commands this session has started (a unit of work retries a dead connection only before its second).</summary>
    internal int CommandsStarted { get; private set; }

    /// <summary>Creates a command with the SQL rewritten for the driver and the parameters bound.</summary>
    private DbCommand CreateCommand(DbConnection connection, string sql, object? args, out ParsedSql parsed)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var dialect = Provider.Dialect;
        parsed = ParsedSql.Get(sql, dialect, LexicalRules);
        var command = connection.CreateCommand();
        CommandsStarted++;
        command.Transaction = CurrentTransaction;
        if (Options.CommandTimeout is { } timeout) command.CommandTimeout = (int)Math.Ceiling(timeout.TotalSeconds);
        command.CommandText = ParameterBinder.Bind(parsed, args, out var values);
        for (var i = 0; i < values.Length; i++) AddParameter(command, i, values[i]);
        LogStatement(command.CommandText);
        if (Options.LogParameterValues && values.Length > 0 && _logger is not null && _logger.IsEnabled(LogLevel.Debug))
            _logger.LogDebug("Parameters: {Values}", string.Join(", ", values.Select((v, i) => $"{i + 1}={(v is null ? "NULL" : ValueConverter.Describe(v is Internal.ColumnValue typed ? typed.Value : v))}")));
        return command;
    }

    /// <summary>Binds <paramref name="value"/> as the command's parameter <paramref name="index"/>, as every statement binds it (<see cref="NexuSqlProvider.ToDbValue"/>).</summary>
    internal void AddParameter(DbCommand command, int index, object? value)
    {
        var p = command.CreateParameter();
        var name = Provider.Dialect.ParameterName(index);
        if (name.Length > 0) p.ParameterName = name;
        if (value is Internal.ColumnValue typed)
        {
            p.Value = Provider.ToDbValue(typed.Value);
            Provider.PrepareParameter(p, typed.Type);
            command.Parameters.Add(p);
            return;
        }
        if (value is not null && SqlJson.TextOf(value) is { } json)
        {
            p.Value = json;
            Provider.PrepareJsonParameter(p);
            command.Parameters.Add(p);
            return;
        }
        p.Value = value switch
        {
            null => DBNull.Value,
            DBNull => value,
            Enum e => Convert.ChangeType(e, Enum.GetUnderlyingType(e.GetType()), System.Globalization.CultureInfo.InvariantCulture),
            _ => Provider.ToDbValue(value),
        };
        command.Parameters.Add(p);
    }

    /// <summary>
    /// Runs work that uses the driver directly (the data pipelines' readers and bulk loads) so that its driver
    /// exceptions are translated like any command's: a unique violation in a bulk load is a constraint error, a
    /// dropped connection a connection error — never a raw driver exception.
    /// </summary>
    internal async Task<T> TranslatingAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (DbException e) when (e is not NexuSqlException)
        {
            throw Translate(e);
        }
    }

    /// <summary>The database this session's connections come from.</summary>
    private protected abstract NexuSqlDatabase Owner { get; }

    /// <summary>Marks the command's span and duration as failed with <paramref name="e"/>, and returns it to throw.</summary>
    private static NexuSqlException Failed(Telemetry.Operation? operation, NexuSqlException e)
    {
        Telemetry.Fail(operation, e);
        return e;
    }

    /// <summary>
    /// The driver's refusal to use a connection that broke (Npgsql "Connection is not open", MySqlConnector "Connection
    /// must be Open; current state is Broken": an <see cref="InvalidOperationException"/>) as the lost connection it is,
    /// transient, like the error that broke it (bt36 M1: said bare, as a failure, with no way on).
    /// </summary>
    private protected NexuSqlConnectionException LostConnection(InvalidOperationException exception) =>
        new($"{Engine.DisplayName()}: the connection to the server was lost ({exception.Message}).", Engine, null, exception, isTransient: true);

    /// <summary>Driver exceptions become NexuSQL exceptions exactly once.</summary>
    private protected NexuSqlException Translate(DbException exception)
    {
        var translated = Provider.TranslateException(exception);
        if (translated is NexuSqlTransientException transient && Owner.LockedByEnclosingUnit(this, transient) is { } locked) translated = locked;
        _logger?.LogDebug("{Engine} reported {Code}: {Message}", Engine, translated.EngineCode, translated.Message);
        return translated;
    }

    private static ValueTask<bool> ReadAsync(DbDataReader reader, bool async, CancellationToken ct) =>
        async ? new ValueTask<bool>(reader.ReadAsync(ct)) : new ValueTask<bool>(reader.Read());

    private delegate ValueTask<TResult> CommandBody<TResult>(NexuSqlSession session, DbCommand command, ParsedSql parsed,
        bool async, Pick pick, CancellationToken ct);

    /// <summary>
    /// The one place a call borrows a connection, builds its command, runs <paramref name="body"/>, translates driver
    /// errors and gives the connection back. Bodies are static lambdas, so the hot path allocates no closure.
    /// </summary>
    private async ValueTask<TResult> RunCommandAsync<TResult>(bool async, string sql, object? args, Pick pick,
        CommandBody<TResult> body, CancellationToken ct)
    {
        DbConnection? connection = null;
        Telemetry.Operation? activity = null;
        try
        {
            connection = await AcquireAsync(async, ct).ConfigureAwait(false);
            using var interrupt = Provider.InterruptOnCancel(connection, ct);
            using var command = CreateCommand(connection, sql, args, out var parsed);
            activity = Telemetry.Start(Owner.TelemetryTarget, command.CommandText);
            return await body(this, command, parsed, async, pick, ct).ConfigureAwait(false);
        }
        catch (DbException e) when (e is not NexuSqlException)
        {
            var translated = Translate(e);
            Telemetry.Fail(activity, translated);
            throw translated;
        }
        catch (InvalidOperationException e) when (connection is { State: not ConnectionState.Open })
        {
            var lost = LostConnection(e);
            Telemetry.Fail(activity, lost);
            throw lost;
        }
        finally
        {
            activity?.Dispose();
            if (connection is not null) await ReleaseAsync(connection, async).ConfigureAwait(false);
        }
    }

    private static async ValueTask<DbDataReader> ExecuteReaderAsync(DbCommand command, bool async, CancellationToken ct) =>
        async
            ? await command.ExecuteReaderAsync(CommandBehavior.SingleResult, ct).ConfigureAwait(false)
            : command.ExecuteReader(CommandBehavior.SingleResult);

    private static ValueTask DisposeAsync(DbDataReader reader, bool async)
    {
        if (async) return reader.DisposeAsync();
        reader.Dispose();
        return default;
    }

    /// <summary>Reads every row into a list.</summary>
    private ValueTask<List<T>> QueryListAsync<T>(bool async, string sql, object? args, CancellationToken ct) =>
        RunCommandAsync(async, sql, args, default, static async (session, command, parsed, async, _, ct) =>
        {
            var reader = await ExecuteReaderAsync(command, async, ct).ConfigureAwait(false);
            try
            {
                var list = new List<T>();
                if (!await ReadAsync(reader, async, ct).ConfigureAwait(false)) return list;
                var map = RowMapper.Get<T>(reader, ref parsed.LastMapper, session.Provider.TypedGettersConvert);
                do
                {
                    list.Add(map(reader));
                } while (await ReadAsync(reader, async, ct).ConfigureAwait(false));
                return list;
            }
            finally
            {
                await DisposeAsync(reader, async).ConfigureAwait(false);
            }
        }, ct);

    private enum Pick { First, FirstOrDefault, Single, SingleOrDefault }

    /// <summary>Reads one row (and, for Single, checks there is no second) without buffering a list.</summary>
    private ValueTask<T> QueryOneAsync<T>(bool async, string sql, object? args, Pick pick, CancellationToken ct) =>
        RunCommandAsync(async, sql, args, pick, static async (session, command, parsed, async, pick, ct) =>
        {
            var reader = await ExecuteReaderAsync(command, async, ct).ConfigureAwait(false);
            try
            {
                if (!await ReadAsync(reader, async, ct).ConfigureAwait(false))
                {
                    return pick is Pick.FirstOrDefault or Pick.SingleOrDefault
                        ? default!
                        : throw new InvalidOperationException("The query returned no rows where one was expected.");
                }
                var value = RowMapper.Get<T>(reader, ref parsed.LastMapper, session.Provider.TypedGettersConvert)(reader);
                if (pick is Pick.Single or Pick.SingleOrDefault && await ReadAsync(reader, async, ct).ConfigureAwait(false))
                    throw new InvalidOperationException("The query returned more than one row where exactly one was expected.");
                return value;
            }
            finally
            {
                await DisposeAsync(reader, async).ConfigureAwait(false);
            }
        }, ct);

    /// <summary>
    /// Runs one statement exactly as written: no <c>:name</c> parsing, no parameters (scripts and DDL, in which ':'
    /// means whatever the engine says). Returns the affected row count. Never build this text from user input.
    /// </summary>
    public Task<int> ExecuteRawAsync(string sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return ExecuteRawCoreAsync(true, sql, cancellationToken).AsTask();
    }

    /// <summary>
    /// <see cref="ExecuteRawAsync(string, CancellationToken)"/> for a statement of a migration script: it runs until it
    /// is done unless a command timeout was configured (<see cref="NexuSqlOptions.CommandTimeout"/>), instead of being
    /// cut off by the driver's default (30 s in Npgsql and MySqlConnector) half-way through a long index build.
    /// </summary>
    internal Task<int> ExecuteScriptStatementAsync(string sql, CancellationToken cancellationToken) =>
        ExecuteRawCoreAsync(true, sql, cancellationToken, untilDone: true).AsTask();

    private async ValueTask<int> ExecuteRawCoreAsync(bool async, string sql, CancellationToken ct, bool untilDone = false)
    {
        DbConnection? connection = null;
        using var activity = Telemetry.Start(Owner.TelemetryTarget, sql);
        try
        {
            connection = await AcquireAsync(async, ct).ConfigureAwait(false);
            using var interrupt = Provider.InterruptOnCancel(connection, ct);
            LogStatement(sql);
            var timeout = Options.CommandTimeout is { } t ? (int)Math.Ceiling(t.TotalSeconds) : untilDone ? 0 : (int?)null;
            if (connection.CanCreateBatch)
            {
                // A one-command batch reaches the server as written; Npgsql would otherwise split a parameterless
                // command at every ';' itself, which breaks PostgreSQL's BEGIN ATOMIC ... END bodies.
                using var batch = connection.CreateBatch();
                batch.Transaction = CurrentTransaction;
                if (timeout is { } bt) batch.Timeout = bt;
                var batchCommand = batch.CreateBatchCommand();
                batchCommand.CommandText = sql;
                batch.BatchCommands.Add(batchCommand);
                return async ? await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false) : batch.ExecuteNonQuery();
            }
            using var command = connection.CreateCommand();
            command.Transaction = CurrentTransaction;
            command.CommandText = sql;
            if (timeout is { } ct2) command.CommandTimeout = ct2;
            return async ? await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) : command.ExecuteNonQuery();
        }
        catch (DbException e) when (e is not NexuSqlException)
        {
            var translated = Translate(e);
            Telemetry.Fail(activity, translated);
            throw translated;
        }
        catch (InvalidOperationException e) when (connection is { State: not ConnectionState.Open })
        {
            var lost = LostConnection(e);
            Telemetry.Fail(activity, lost);
            throw lost;
        }
        finally
        {
            if (connection is not null) await ReleaseAsync(connection, async).ConfigureAwait(false);
        }
    }

    internal ValueTask<int> ExecuteCoreAsync(bool async, string sql, object? args, CancellationToken ct) =>
        RunCommandAsync(async, sql, args, default, static (_, command, _, async, _, ct) =>
            async ? new ValueTask<int>(command.ExecuteNonQueryAsync(ct)) : new ValueTask<int>(command.ExecuteNonQuery()), ct);

    private ValueTask<T> ExecuteScalarCoreAsync<T>(bool async, string sql, object? args, CancellationToken ct) =>
        RunCommandAsync(async, sql, args, default, static async (_, command, _, async, _, ct) =>
            ValueConverter.To<T>(async ? await command.ExecuteScalarAsync(ct).ConfigureAwait(false) : command.ExecuteScalar()), ct);

    private async IAsyncEnumerable<T> StreamCoreAsync<T>(string sql, object? args, [EnumeratorCancellation] CancellationToken ct)
    {
        DbConnection connection;
        try
        {
            connection = await AcquireAsync(true, ct).ConfigureAwait(false);
        }
        catch (DbException e) when (e is not NexuSqlException)
        {
            throw Translate(e);
        }
        try
        {
            using var interrupt = Provider.InterruptOnCancel(connection, ct);
            await using var command = CreateCommand(connection, sql, args, out var parsed);
            using var activity = Telemetry.Start(Owner.TelemetryTarget, command.CommandText);
            DbDataReader reader;
            try
            {
                reader = await command.ExecuteReaderAsync(CommandBehavior.SingleResult, ct).ConfigureAwait(false);
            }
            catch (DbException e) when (e is not NexuSqlException)
            {
                throw Failed(activity, Translate(e));
            }
            await using (reader.ConfigureAwait(false))
            {
                Func<DbDataReader, T>? map = null;
                while (true)
                {
                    try
                    {
                        if (!await reader.ReadAsync(ct).ConfigureAwait(false)) break;
                    }
                    catch (DbException e) when (e is not NexuSqlException)
                    {
                        throw Failed(activity, Translate(e));
                    }
                    map ??= RowMapper.Get<T>(reader, ref parsed.LastMapper, Provider.TypedGettersConvert);
                    yield return map(reader);
                }
            }
        }
        finally
        {
            await ReleaseAsync(connection, true).ConfigureAwait(false);
        }
    }

    private async Task<long> QueryResultCoreAsync(string sql, object? args, Action<IReadOnlyList<Data.ResultColumn>> onColumns,
        Action<object?[]> onRow, CancellationToken ct)
    {
        DbConnection? connection = null;
        try
        {
            connection = await AcquireAsync(true, ct).ConfigureAwait(false);
            using var interrupt = Provider.InterruptOnCancel(connection, ct);
            await using var command = CreateCommand(connection, sql, args, out _);
            using var activity = Telemetry.Start(Owner.TelemetryTarget, command.CommandText);
            var text = Provider.PrepareResultText(command);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleResult, ct).ConfigureAwait(false);
            var columns = new Data.ResultColumn[reader.FieldCount];
            for (var i = 0; i < columns.Length; i++)
            {
                var typeName = reader.GetDataTypeName(i);
                var kind = text ? Provider.ResultKindOf(typeName) : Type.GetTypeCode(reader.GetFieldType(i)) switch
                {
                    TypeCode.Boolean => Data.ResultValueKind.Boolean,
                    >= TypeCode.SByte and <= TypeCode.Decimal => Data.ResultValueKind.Number,
                    _ when reader.GetFieldType(i) == typeof(byte[]) => Data.ResultValueKind.Binary,
                    _ => Data.ResultValueKind.Text,
                };
                columns[i] = new Data.ResultColumn(reader.GetName(i), typeName, kind);
            }
            onColumns(columns);
            var dates = columns.Select(c => c.DataTypeName.Equals("date", StringComparison.OrdinalIgnoreCase)).ToArray();
            var row = new object?[columns.Length];
            long count = 0;
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                for (var i = 0; i < row.Length; i++)
                {
                    try
                    {
                        row[i] = await reader.IsDBNullAsync(i, ct).ConfigureAwait(false) ? null : Provider.ReadResultValue(reader, i, columns[i], text);
                    }
                    catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentOutOfRangeException)
                    {
                        throw new NexuSqlValueException("(query result)", columns[i].Name, $"#{count + 1}",
                            $"the driver cannot read this {columns[i].DataTypeName} value ({e.Message})", Engine, e,
                            "Select it as text instead (CAST it to a character type in the SQL).");
                    }
                    if (row[i] is { } value && DriverValues.TryAdapt(value, out var plain)) row[i] = plain;
                    // a DATE column is a day, as the engine's client prints it (drivers give a DateTime at midnight)
                    if (row[i] is DateTime day && dates[i]) row[i] = DateOnly.FromDateTime(day);
                }
                onRow(row);
                count++;
            }
            return count;
        }
        catch (DbException e) when (e is not NexuSqlException)
        {
            throw Translate(e);
        }
        catch (InvalidOperationException e) when (connection is { State: not ConnectionState.Open })
        {
            throw LostConnection(e);
        }
        finally
        {
            if (connection is not null) await ReleaseAsync(connection, true).ConfigureAwait(false);
        }
    }

    private IEnumerable<T> StreamCore<T>(string sql, object? args)
    {
        DbConnection connection;
        try
        {
            connection = AcquireAsync(false, default).GetAwaiter().GetResult();
        }
        catch (DbException e) when (e is not NexuSqlException)
        {
            throw Translate(e);
        }
        try
        {
            using var command = CreateCommand(connection, sql, args, out var parsed);
            using var activity = Telemetry.Start(Owner.TelemetryTarget, command.CommandText);
            DbDataReader reader;
            try
            {
                reader = command.ExecuteReader(CommandBehavior.SingleResult);
            }
            catch (DbException e) when (e is not NexuSqlException)
            {
                throw Failed(activity, Translate(e));
            }
            using (reader)
            {
                Func<DbDataReader, T>? map = null;
                while (true)
                {
                    try
                    {
                        if (!reader.Read()) break;
                    }
                    catch (DbException e) when (e is not NexuSqlException)
                    {
                        throw Failed(activity, Translate(e));
                    }
                    map ??= RowMapper.Get<T>(reader, ref parsed.LastMapper, Provider.TypedGettersConvert);
                    yield return map(reader);
                }
            }
        }
        finally
        {
            ReleaseAsync(connection, false).GetAwaiter().GetResult();
        }
    }
}
