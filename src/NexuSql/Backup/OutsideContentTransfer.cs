using NexuSql.Data;

namespace NexuSql.Backup;

/// <summary>
/// Copy and restore of data held outside the tables (<see cref="OutsideContent"/>: PostgreSQL large objects), with
/// their ids: checked against the target before anything is written, written in one transaction after the tables'
/// rows, and read back (count, bytes, hash) before the run is called done.
/// </summary>
/// <remarks>
/// An id the target already holds is the same item when its content is the same (a resumed run, a data-only copy into
/// a database that has it): kept, not written again. With other content it is refused by id before anything is
/// written — or, with <c>--clean</c>, removed and written again (as <c>pg_restore --clean</c> does). Items of the target
/// whose ids the source does not hold are left alone.
/// </remarks>
internal static class OutsideContentTransfer
{
    /// <summary>What to do with the target's items: keep (same content) and remove first (--clean, other content).</summary>
    internal sealed record Plan(IReadOnlySet<long> Same, IReadOnlyList<long> Replace)
    {
        public static readonly Plan Empty = new(new HashSet<long>(), []);
    }

    /// <summary>The source's and the target's content handlers when both hold content of one kind; null otherwise.</summary>
    internal static (OutsideContent From, OutsideContent To)? Shared(NexuSqlProvider source, NexuSqlProvider target) =>
        source.OutsideContent is { } from && target.OutsideContent is { } to && from.Kind == to.Kind ? (from, to) : null;

    /// <summary>The schema reader's "not carried" entry for content of <paramref name="kind"/> left out of <paramref name="leftOut"/>: it is carried.</summary>
    internal static IReadOnlyList<string> WithoutLeftOut(IReadOnlyList<string> leftOut, string kind) =>
        [.. leftOut.Where(x => !x.StartsWith(kind + " (", StringComparison.Ordinal))];

    /// <summary>
    /// Compares the target's items with the source's by id before anything is written. <paramref name="sourceDigests"/>
    /// gives the source's content MD5 of those of the ids asked that it holds.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Without <paramref name="clean"/>, an id the target holds with other content.</exception>
    internal static async Task<Plan> PlanAsync(NexuSqlDatabase target, OutsideContent to, Func<IReadOnlyCollection<long>, Task<IReadOnlyDictionary<long, string>>> sourceDigests,
        bool clean, CancellationToken ct)
    {
        await using var session = await target.OpenSessionAsync(ct).ConfigureAwait(false);
        var there = (await to.ListAsync(session, ct).ConfigureAwait(false)).Select(i => i.Id).ToList();
        if (there.Count == 0) return Plan.Empty;
        var source = await sourceDigests(there).ConfigureAwait(false);
        var same = new HashSet<long>();
        var other = new List<(long Id, string Source, string Target)>();
        foreach (var (id, digest) in source.OrderBy(x => x.Key))
        {
            var theirs = await to.DigestAsync(session, id, ct).ConfigureAwait(false);
            if (theirs == digest) same.Add(id);
            else if (theirs is not null) other.Add((id, digest, theirs));
        }
        if (other.Count > 0 && !clean)
            throw new NexuSqlRefusedException(
                $"The target already holds other {to.Kind} under ids the source's use (content MD5 differs): " +
                $"{string.Join("; ", other.Take(5).Select(o => $"{o.Id} (MD5 {o.Target} in the target, {o.Source} in the source)"))}{(other.Count > 5 ? $"; and {other.Count - 5} more" : "")}. " +
                $"Nothing was written. Remove them from the target, or add --clean to replace them.");
        return new Plan(same, [.. other.Select(o => o.Id)]);
    }

    /// <summary>Streams <paramref name="item"/>'s content in chunks of at most <see cref="OutsideContentEntry.ChunkSize"/> bytes.</summary>
    internal static async Task ReadChunksAsync(NexuSqlConnection session, OutsideContent content, OutsideContentItem item, Func<ReadOnlyMemory<byte>, Task> onChunk,
        CancellationToken ct)
    {
        for (long offset = 0; ;)
        {
            var chunk = await content.ReadAsync(session, item, offset, OutsideContentEntry.ChunkSize, ct).ConfigureAwait(false);
            if (chunk.Length > 0) await onChunk(chunk).ConfigureAwait(false);
            if (chunk.Length < OutsideContentEntry.ChunkSize) return;
            offset += chunk.Length;
        }
    }

    /// <summary>
    /// Copies every item <paramref name="reader"/> sees (inside the copy's snapshot) into the target in one transaction on
    /// <paramref name="writer"/>, then reads the target's back and compares. Returns warnings (owners not kept, what is not carried).
    /// </summary>
    internal static async Task<IReadOnlyList<string>> CopyAsync(NexuSqlConnection reader, OutsideContent from, NexuSqlConnection writer, OutsideContent to, Plan plan,
        string marker, CancellationToken ct)
    {
        var items = await from.ListAsync(reader, ct).ConfigureAwait(false);
        if (items.Count == 0 && plan.Replace.Count == 0) return [];
        // what the source holds, hashed as it is read (as the tables are): the target's read-back must match it
        using var read = new OutsideContentHasher();
        var index = 0;
        return await WriteAsync(writer, to, plan, () => Task.FromResult(index < items.Count ? items[index++] : null),
            async (item, sink) =>
            {
                read.Begin(item.Id);
                await ReadChunksAsync(reader, from, item, async chunk =>
                {
                    read.Add(chunk.Span);
                    if (sink is not null) await sink(chunk).ConfigureAwait(false);
                }, ct).ConfigureAwait(false);
                read.End();
            },
            read.Summary, "the source", marker, ct).ConfigureAwait(false);
    }

    /// <summary>Restores <paramref name="content"/> from <paramref name="archive"/> like <see cref="CopyAsync"/>.</summary>
    internal static async Task<IReadOnlyList<string>> RestoreAsync(BackupArchive archive, BackupOutsideContent content, NexuSqlConnection writer, OutsideContent to, Plan plan,
        string marker, CancellationToken ct)
    {
        using var entry = archive.OpenOutsideContent(content);
        var warnings = await WriteAsync(writer, to, plan, () => Task.FromResult(Damaged(archive, content, entry.Next)),
            async (item, sink) =>
            {
                for (var chunk = Damaged(archive, content, entry.Read); chunk.Length > 0; chunk = Damaged(archive, content, entry.Read))
                    if (sink is not null) await sink(chunk).ConfigureAwait(false);
            },
            content.Summary, "the backup", marker, ct).ConfigureAwait(false);
        return [.. warnings, .. (content.NotCarried ?? []).Select(x => $"{content.Kind}: not in the backup, so not restored: {x}")];
    }

    private static T Damaged<T>(BackupArchive archive, BackupOutsideContent content, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new NexuSqlBackupException($"{archive.Path}: the {content.Kind} ({content.Entry}) are damaged ({e.Message}). Use another backup.", e);
        }
    }

    private static async Task<IReadOnlyList<string>> WriteAsync(NexuSqlConnection writer, OutsideContent to, Plan plan, Func<Task<OutsideContentItem?>> next,
        Func<OutsideContentItem, Func<ReadOnlyMemory<byte>, Task>?, Task> pump, Func<OutsideContentSummary> expectedAfter, string what, string marker, CancellationToken ct)
    {
        var ids = new List<long>();
        var owners = new List<string>();
        var notCarried = new List<string>();
        await writer.ExecuteRawAsync("BEGIN", ct).ConfigureAwait(false);
        try
        {
            foreach (var id in plan.Replace) await to.RemoveAsync(writer, id, ct).ConfigureAwait(false);
            while (await next().ConfigureAwait(false) is { } item)
            {
                ids.Add(item.Id);
                if (item.NotCarried is { } not) notCarried.Add($"{item.Id} ({not})");
                if (plan.Same.Contains(item.Id))
                {
                    await pump(item, null).ConfigureAwait(false); // the target holds it already, with this content
                    continue;
                }
                string? lost;
                try
                {
                    lost = await to.CreateAsync(writer, item, ct).ConfigureAwait(false);
                }
                catch (NexuSqlConstraintException e)
                {
                    // checked before writing: one made in the target since (or in the source, under an id the target holds)
                    throw new NexuSqlRefusedException($"{to.Kind} {item.Id} cannot be created in the target: that id was taken there after the check before writing ({e.Message}). " +
                        $"Nothing of the {to.Kind} was written; the target stays marked incomplete ({marker}). Run it again (--resume), or with --clean.");
                }
                if (lost is not null) owners.Add($"{item.Id}: {lost}");
                long offset = 0;
                await pump(item, async chunk =>
                {
                    await to.WriteAsync(writer, item, offset, chunk, ct).ConfigureAwait(false);
                    offset += chunk.Length;
                }).ConfigureAwait(false);
            }
            await writer.ExecuteRawAsync("COMMIT", ct).ConfigureAwait(false);
        }
        catch
        {
            try
            {
                await writer.ExecuteRawAsync("ROLLBACK", CancellationToken.None).ConfigureAwait(false);
            }
            catch (NexuSqlException)
            {
                // a lost connection: the server rolled back
            }
            throw;
        }
        // read back: every item the source had, with its content, under its id
        var got = await to.SummarizeAsync(writer, ids, ct).ConfigureAwait(false);
        var expected = expectedAfter();
        if (got != expected)
            throw new NexuSqlDataMismatchException(to.Kind, null,
                $"The {to.Kind} in the target ({to.Describe(got)}) differ from {what}'s ({to.Describe(expected)}). The target changed them; it stays marked incomplete ({marker}).",
                writer.Database.Engine);
        var warnings = new List<string>();
        if (owners.Count > 0)
            warnings.Add($"{to.Kind}: owners not kept (owned by the user that wrote them): {string.Join("; ", owners.Take(5))}{(owners.Count > 5 ? $"; and {owners.Count - 5} more" : "")}");
        if (notCarried.Count > 0)
            warnings.Add($"{to.Kind}: not carried (grant or comment them again): {string.Join("; ", notCarried.Take(5))}{(notCarried.Count > 5 ? $"; and {notCarried.Count - 5} more" : "")}");
        return warnings;
    }
}
