using System.Buffers;
using System.Threading.Channels;

namespace NexuSql.Data;

/// <summary>
/// A write-only stream that hands full 1 MB blocks to a background task writing them to <c>inner</c> (a compressing
/// stream): encoding and compression run on two cores at once. At most four blocks wait, so memory stays bounded.
/// Dispose (or <see cref="CompleteAsync"/>) waits for the last block and surfaces any error of the background writer.
/// </summary>
internal sealed class BackgroundWriteStream : Stream
{
    private const int BlockSize = 1 << 20;
    private readonly Channel<(byte[] Block, int Length)> _blocks = Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
    private readonly Task _writer;
    private byte[] _current = ArrayPool<byte>.Shared.Rent(BlockSize);
    private int _used;
    private bool _completed;

    public BackgroundWriteStream(Stream inner, CancellationToken cancellationToken)
    {
        _writer = Task.Run(async () =>
        {
            await foreach (var (block, length) in _blocks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await inner.WriteAsync(block.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                ArrayPool<byte>.Shared.Return(block);
            }
        }, cancellationToken);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            var n = Math.Min(buffer.Length, BlockSize - _used);
            buffer[..n].CopyTo(_current.AsSpan(_used));
            _used += n;
            buffer = buffer[n..];
            if (_used == BlockSize) Hand();
        }
    }

    public override void WriteByte(byte value)
    {
        _current[_used++] = value;
        if (_used == BlockSize) Hand();
    }

    private void Hand()
    {
        var block = (_current, _used);
        _current = ArrayPool<byte>.Shared.Rent(BlockSize);
        _used = 0;
        while (!_blocks.Writer.TryWrite(block))
        {
            // room in the channel, or the writer's end: a writer cancelled (Ctrl-C, SIGTERM) or failed while the channel
            // is full never makes room, so waiting for room alone hung the backup for good once the writer stopped just
            // after the check of it (the process then exited 143 after System.CommandLine's 30 s, no message, its
            // .partial file left)
            Task.WaitAny(_blocks.Writer.WaitToWriteAsync().AsTask(), _writer);
            if (_writer.IsCompleted)
            {
                _writer.GetAwaiter().GetResult(); // the writer failed or was cancelled: surface why
                throw new InvalidOperationException("The background writer ended before every block was written.");
            }
        }
    }

    public override void Flush()
    {
    }

    /// <summary>Sends the last block and waits until everything is written to the inner stream.</summary>
    public async Task CompleteAsync()
    {
        if (_completed) return;
        _completed = true;
        if (_used > 0) Hand();
        else ArrayPool<byte>.Shared.Return(_current);
        _blocks.Writer.Complete();
        await _writer.ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_completed)
        {
            _completed = true;
            _blocks.Writer.TryComplete();
        }
        base.Dispose(disposing);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
