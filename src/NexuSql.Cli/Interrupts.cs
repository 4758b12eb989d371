using System.Runtime.InteropServices;

namespace NexuSql.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM, handled in one place for the whole life of the process: each cancels the token the
/// command runs with and keeps the runtime from ending the process, so the command stops, says what it left and exits
/// 130. System.CommandLine's own handler (its ProcessTerminationTimeout) was there only while the action ran, beside a
/// second one of ours that only noted the signal: a SIGTERM just after the work was done (the backup written, its
/// summary printed) met no handler that kept the process alive and ended it with 143.
/// </summary>
internal sealed class Interrupts : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly TaskCompletionSource<int> _forced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeSpan _grace;
    private readonly PosixSignalRegistration[] _registrations;

    /// <summary>Handles SIGINT and SIGTERM from now until disposed.</summary>
    /// <param name="grace">How long a command may take to stop after the first signal before <see cref="Forced"/> ends the wait for it.</param>
    public Interrupts(TimeSpan grace)
    {
        _grace = grace;
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>
    /// Completes with the signal's own exit code (130 for SIGINT, 143 for SIGTERM) when the command has not stopped
    /// <c>grace</c> after the first signal, as System.CommandLine's handler did: the process then ends without it.
    /// </summary>
    public Task<int> Forced => _forced.Task;

    private void OnSignal(PosixSignalContext context)
    {
        // the process ends when the command has said what it left (or when Forced completes), never in the middle
        context.Cancel = true;
        CommandContext.Interrupted = true;
        if (_cancel.IsCancellationRequested) return;
        var code = context.Signal == PosixSignal.SIGINT ? ExitCodes.Cancelled : 128 + 15;
        _ = Task.Delay(_grace).ContinueWith(_ => _forced.TrySetResult(code), TaskScheduler.Default);
        try
        {
            _cancel.Cancel();
        }
        catch (AggregateException)
        {
            // a callback of the token failed (closing a connection that was closing anyway): the command has seen the
            // cancellation all the same, and an exception here would end the process on the signal thread
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _cancel.Dispose();
    }
}
