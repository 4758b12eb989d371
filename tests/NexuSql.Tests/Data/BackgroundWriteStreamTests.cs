using NexuSql.Data;

namespace NexuSql.Tests.Data;

/// <summary>
/// The stream a backup writes each table's rows through (its writer compresses on another thread). A SIGTERM that
/// cancelled the writer while the table's reader waited for room in the full channel left the reader waiting for good:
/// the backup hung until System.CommandLine gave up after 30 s and exited 143, no message, its .partial file left
/// (about 1 run in 20 of an outside tester's loop). Made deterministic here: the writer is held inside its write, the
/// channel filled, and the cancellation comes only once the next block is surely waiting for room.
/// </summary>
public class BackgroundWriteStreamTests
{
    private const int Block = 1 << 20;

    /// <summary>A stream whose writes wait until the token is cancelled, then throw as a cancelled write does.</summary>
    private sealed class StuckStream : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    /// <summary>A stream whose writer is stuck in its first block, with the channel behind it full (four blocks).</summary>
    private static BackgroundWriteStream Full(CancellationToken ct)
    {
        var stream = new BackgroundWriteStream(new StuckStream(), ct);
        for (var i = 0; i < 5; i++) stream.Write(new byte[Block]);
        return stream;
    }

    /// <summary>Cancels <paramref name="cts"/> once <paramref name="blocked"/> has waited a while (it waits for room), and awaits it.</summary>
    private static async Task<Exception?> CancelWhileWaitingAsync(CancellationTokenSource cts, Task blocked)
    {
        await Task.Delay(300, TestContext.Current.CancellationToken);
        // still running: it waits for room in the channel, past its check of the writer (the race the fix closes)
        Assert.False(blocked.IsCompleted, "the block was expected to wait for room in the full channel");
        await cts.CancelAsync();
        var ended = await Task.WhenAny(blocked, Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.True(ended == blocked, "the write still waits for room 10 s after its writer was cancelled");
        try
        {
            await blocked;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    [Fact]
    public async Task Write_when_the_writer_is_cancelled_while_the_channel_is_full_throws_instead_of_waiting_for_good()
    {
        using var cts = new CancellationTokenSource();
        using var stream = Full(cts.Token);
        var blocked = Task.Factory.StartNew(() => stream.Write(new byte[Block]), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.IsAssignableFrom<OperationCanceledException>(await CancelWhileWaitingAsync(cts, blocked));
    }

    [Fact]
    public async Task CompleteAsync_when_the_writer_is_cancelled_while_the_channel_is_full_throws_instead_of_waiting_for_good()
    {
        using var cts = new CancellationTokenSource();
        using var stream = Full(cts.Token);
        stream.WriteByte(1); // a last, partial block: CompleteAsync hands it over
        var blocked = Task.Factory.StartNew(() => stream.CompleteAsync(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        Assert.IsAssignableFrom<OperationCanceledException>(await CancelWhileWaitingAsync(cts, blocked));
    }
}
