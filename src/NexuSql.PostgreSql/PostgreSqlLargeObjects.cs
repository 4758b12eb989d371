using NexuSql.Data;

namespace NexuSql.PostgreSql;

/// <summary>
/// PostgreSQL large objects (pg_largeobject) carried with their oids, as pg_dump does: <c>lo_create(oid)</c> and the
/// content written in chunks with <c>lo_put</c>, read with <c>lo_get(oid, offset, length)</c> — server-side functions,
/// so neither side holds a whole object in memory, and reads see the caller's snapshot. The owner is kept where that
/// role exists in the target and the writing user may give it; privileges (GRANT) and comments are not carried, said
/// per object (<see cref="OutsideContentItem.NotCarried"/>).
/// </summary>
internal sealed class PostgreSqlLargeObjects : OutsideContent
{
    public static readonly PostgreSqlLargeObjects Instance = new();

    public override string Kind => "large objects";

    public override async Task<IReadOnlyList<OutsideContentItem>> ListAsync(NexuSqlConnection session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var rows = await session.QueryAsync(
            "SELECT m.oid::bigint AS id, pg_get_userbyid(m.lomowner) AS owner, m.lomacl IS NOT NULL AS acl, " +
            "  EXISTS (SELECT 1 FROM pg_description d WHERE d.classoid = 'pg_largeobject'::regclass AND d.objoid = m.oid) AS commented " +
            "FROM pg_largeobject_metadata m ORDER BY m.oid", cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new OutsideContentItem(r.Get<long>("id"))
        {
            Owner = r.Get<string?>("owner"),
            NotCarried = (r.Get<bool>("acl"), r.Get<bool>("commented")) switch
            {
                (true, true) => "its privileges (GRANT) and its comment",
                (true, false) => "its privileges (GRANT)",
                (false, true) => "its comment",
                _ => null,
            },
        })];
    }

    public override async Task<OutsideContentSummary> SummarizeAsync(NexuSqlConnection session, IReadOnlyCollection<long>? ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        // the ids travel as one text value: a million large objects must not become a million parameters
        var rows = await session.QueryAsync(
            "SELECT count(*) AS n, coalesce(sum(length(lo_get(oid))), 0)::bigint AS bytes, " +
            "  coalesce(md5(string_agg(oid::text || ':' || md5(lo_get(oid)), ',' ORDER BY oid)), '') AS hash FROM pg_largeobject_metadata " +
            "WHERE CAST(:everything AS boolean) OR oid::bigint = ANY (CAST(string_to_array(:ids, ',') AS bigint[]))",
            new { everything = ids is null, ids = ids is null ? "" : string.Join(",", ids) }, cancellationToken).ConfigureAwait(false);
        return new OutsideContentSummary(rows[0].Get<long>("n"), rows[0].Get<long>("bytes"), rows[0].Get<string>("hash"));
    }

    public override Task<string?> DigestAsync(NexuSqlConnection session, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.ExecuteScalarAsync<string?>("SELECT md5(lo_get(oid)) FROM pg_largeobject_metadata WHERE oid = CAST(:id AS oid)", new { id }, cancellationToken);
    }

    public override async Task<byte[]> ReadAsync(NexuSqlConnection session, OutsideContentItem item, long offset, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(item);
        try
        {
            return await session.ExecuteScalarAsync<byte[]>("SELECT lo_get(CAST(:id AS oid), :at, :len)", new { id = item.Id, at = offset, len = count }, cancellationToken)
                .ConfigureAwait(false) ?? [];
        }
        catch (NexuSqlException e) when (e.EngineCode == "42704")
        {
            // not inside a snapshot (inside one, a large object removed meanwhile is still read as it was)
            throw new NexuSqlException($"Large object {item.Id} was removed while it was being read ({e.Message}); nothing of it was carried. Run the operation again.",
                NexuSqlEngine.PostgreSql, e.EngineCode, e);
        }
    }

    public override async Task<string?> CreateAsync(NexuSqlConnection session, OutsideContentItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(item);
        await session.ExecuteScalarAsync<long>("SELECT lo_create(CAST(:id AS oid))::bigint", new { id = item.Id }, cancellationToken).ConfigureAwait(false);
        if (item.Owner is not { } owner || owner == await session.ExecuteScalarAsync<string>("SELECT current_user::text", cancellationToken: cancellationToken).ConfigureAwait(false))
            return null;
        if (!await session.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :owner) AND pg_has_role(:owner, 'MEMBER')", new { owner }, cancellationToken)
                .ConfigureAwait(false))
            return $"owner {owner} (no such role here, or the writing user may not give it the object)";
        // the oid is a number read from the catalog, the role quoted: ALTER takes no parameters
        await session.ExecuteRawAsync($"ALTER LARGE OBJECT {item.Id} OWNER TO {session.Database.Dialect.QuoteIdentifier(owner)}", cancellationToken).ConfigureAwait(false);
        return null;
    }

    public override async Task WriteAsync(NexuSqlConnection session, OutsideContentItem item, long offset, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(item);
        await session.ExecuteAsync("SELECT lo_put(CAST(:id AS oid), :at, :data)", new { id = item.Id, at = offset, data = chunk.ToArray() }, cancellationToken)
            .ConfigureAwait(false);
    }

    public override async Task RemoveAsync(NexuSqlConnection session, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await session.ExecuteAsync("SELECT lo_unlink(CAST(:id AS oid))", new { id }, cancellationToken).ConfigureAwait(false);
    }
}
