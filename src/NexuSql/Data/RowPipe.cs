using System.Collections.Concurrent;

namespace NexuSql.Data;

/// <summary>
/// Rows from a producer on its own task to a consumer on the caller's, through a bounded queue: reading (a source
/// database, a backup's decompression and decoding) and writing (a bulk load) use two cores at once, and memory stays
/// bounded by the queue. Rows handed to <c>add</c> must not be reused by the producer.
/// </summary>
internal sealed class RowPipe(int capacity, CancellationToken cancellationToken) : IDisposable
{
    private readonly BlockingCollection<object?[]> _queue = new(capacity);
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    private Task _producer = Task.CompletedTask;

    /// <summary>Starts the producer; the queue completes when it returns or fails.</summary>
    public void Start(Func<Action<object?[]>, CancellationToken, Task> produce) => _producer = Task.Run(async () =>
    {
        try
        {
            await produce(row => _queue.Add(row, _stop.Token), _stop.Token).ConfigureAwait(false);
        }
        finally
        {
            _queue.CompleteAdding();
        }
    });

    /// <summary>The rows, as the producer adds them.</summary>
    public IEnumerable<object?[]> Rows => _queue.GetConsumingEnumerable(_stop.Token);

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
