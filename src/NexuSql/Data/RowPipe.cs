using System.Collections.Concurrent;

namespace NexuSql.Data;

/// <summary>
/// Rows from a producer on its own task to a consumer on the caller's, through a bounded queue: reading (a source
/// database, a backup's decompression and decoding) and writing (a bulk load) use two cores at once, and memory stays
/// bounded by the queue. Rows handed to <c>add</c> must not be reused by the producer.
/// </summary>
internal sealed class RowPipe(int capacity, CancellationToken cancellationToken) : IDisposable
{
    // rows travel in batches: one hand-over per row (a semaphore wait and release, a wake-up of the other thread) cost
    // more client CPU than decoding the row (restore profile, issue 14); the bound in rows stays about the same
    private readonly int _batch = Math.Max(1, capacity / Batches);
    private readonly BlockingCollection<object?[][]> _queue = new(Math.Min(capacity, Batches));
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    private Task _producer = Task.CompletedTask;

    /// <summary>Batches the queue holds at most (each of <c>capacity / Batches</c> rows).</summary>
    private const int Batches = 8;

    /// <summary>Starts the producer; the queue completes when it returns or fails (after the rows it added).</summary>
    public void Start(Func<Action<object?[]>, CancellationToken, Task> produce) => _producer = Task.Run(async () =>
    {
        var batch = new object?[_batch][];
        var count = 0;
        try
        {
            await produce(row =>
            {
                batch[count++] = row;
                if (count < batch.Length) return;
                _queue.Add(batch, _stop.Token);
                batch = new object?[_batch][];
                count = 0;
            }, _stop.Token).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                // the rows added before the end (or a failure) are handed over, as they were one by one
                if (count > 0 && !_stop.IsCancellationRequested) _queue.Add(batch[..count], _stop.Token);
            }
            catch (OperationCanceledException)
            {
                // the consumer stopped: nobody takes them
            }
            _queue.CompleteAdding();
        }
    });

    /// <summary>The rows, as the producer adds them.</summary>
    public IEnumerable<object?[]> Rows
    {
        get
        {
            foreach (var batch in _queue.GetConsumingEnumerable(_stop.Token))
                foreach (var row in batch)
                    yield return row;
        }
    }

    /// <summary>The producer: await it before committing what was consumed, so its failure is not mistaken for the end.</summary>
    public Task Completion => _producer;

    /// <summary>
    /// Runs the consumer. When it fails, the producer is stopped; the producer's own <see cref="NexuSqlException"/>
    /// (a value that does not fit, a lost source connection) is thrown instead, since it explains the failure.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> consume)
    {
        try
        {
            return await consume().ConfigureAwait(false);
        }
        catch
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await _producer.ConfigureAwait(false);
            }
            catch (NexuSqlException)
            {
                throw;
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                // stopped because the consumer failed
            }
            throw;
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        _queue.Dispose();
    }
}
