using System.Diagnostics;

namespace NexuSql.Cli;

/// <summary>
/// Shows the library's one-time notices (<see cref="Trace.TraceWarning(string)"/>, e.g. "MySQL bulk loads use INSERT
/// instead of LOAD DATA LOCAL") on stderr as <c>note: ...</c>; stdout stays the command's output (one JSON document
/// under --json). Not attached under --quiet.
/// </summary>
internal sealed class NoticeListener : TraceListener
{
    private static int _attached;

    public static void Attach()
    {
        if (Interlocked.Exchange(ref _attached, 1) == 0) Trace.Listeners.Add(new NoticeListener());
    }

    public override void TraceEvent(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, string? message)
    {
        if (eventType <= TraceEventType.Warning && message is not null) Console.Error.WriteLine("note: " + message);
    }

    public override void TraceEvent(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, string? format, params object?[]? args) =>
        TraceEvent(eventCache, source, eventType, id, args is null || format is null ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

    // Trace.Write/WriteLine (not warnings) stay silent.
    public override void Write(string? message) { }

    public override void WriteLine(string? message) { }
}
