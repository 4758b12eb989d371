using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace NexuSql.Specification;

/// <summary>Keeps every log message, to check what NexuSQL sent and that no secret was logged.</summary>
public sealed class CollectingLoggerFactory : ILoggerFactory, ILogger
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider) { }

    public void Dispose() { }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Messages.Enqueue(formatter(state, exception));
}
