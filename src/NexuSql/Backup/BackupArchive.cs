using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using NexuSql.Data;
using NexuSql.Schema;

namespace NexuSql.Backup;

/// <summary>
/// An existing backup file, opened for reading: a ZIP archive holding <c>manifest.json</c>, <c>manifest.sha256</c>,
/// one <c>tables/NNNN.rows</c> entry per table (<see cref="RowCodec"/> rows, deflate-compressed) and, from format 13,
/// an <c>outside/NNNN.bin</c> entry per kind of data held outside the tables (PostgreSQL large objects). Opening checks
/// the manifest; <see cref="Verify"/> reads every row and checks counts and hashes.
/// </summary>
public sealed class BackupArchive : IDisposable
{
    /// <summary>The manifest entry's name.</summary>
    public const string ManifestEntry = "manifest.json";

    /// <summary>The entry holding the manifest's SHA-256 (hex).</summary>
    public const string ManifestHashEntry = "manifest.sha256";

    /// <summary>The usual file extension.</summary>
    public const string Extension = ".nxb";

    /// <summary>What a backup being written (or one that never finished) ends with.</summary>
    internal const string PartialSuffix = ".partial";

    private readonly ZipArchive _zip;

    private BackupArchive(string path, ZipArchive zip, BackupManifest manifest)
    {
        Path = path;
        _zip = zip;
        Manifest = manifest;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>What the backup holds.</summary>
    public BackupManifest Manifest { get; }

    /// <summary>Opens a backup and checks its manifest against its recorded hash.</summary>
    /// <param name="path">The backup file.</param>
    /// <param name="checkSeal">Also check the whole-file checksum, the seal (reads the whole file once).</param>
    /// <exception cref="NexuSqlBackupException">Missing, truncated, not a backup, damaged, or a newer format.</exception>
    public static BackupArchive Open(string path, bool checkSeal = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        // a backup stopped after sealing but before its rename: sealed, yet never confirmed by its read-back check
        if (path.EndsWith(PartialSuffix, StringComparison.OrdinalIgnoreCase))
            throw new NexuSqlBackupException($"{path} is an unfinished backup (a backup stopped before it was checked and named); it is not usable. Use another backup.");
        return OpenChecked(path, checkSeal);
    }

    /// <summary>Opens a file whatever its name (the creator's read-back of its own <c>.partial</c> file).</summary>
    internal static BackupArchive OpenChecked(string path, bool checkSeal)
    {
        if (!File.Exists(path)) throw new NexuSqlBackupException($"{path}: no such backup file.");
        if (checkSeal && BackupSeal.Check(path) is { } problem)
            throw new NexuSqlBackupException($"{path} cannot be used: {problem}. Use another backup.");
        FileStream? file = null;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var zip = new ZipArchive(file, ZipArchiveMode.Read);
            var manifestBytes = ReadAll(zip, ManifestEntry, path);
            var recorded = Encoding.ASCII.GetString(ReadAll(zip, ManifestHashEntry, path)).Trim();
            if (!string.Equals(recorded, Convert.ToHexStringLower(SHA256.HashData(manifestBytes)), StringComparison.Ordinal))
                throw new NexuSqlBackupException($"{path}: the manifest does not match its recorded hash; the backup is damaged. Use another backup.");
            var manifest = BackupManifest.FromJson(Encoding.UTF8.GetString(manifestBytes), path);
            foreach (var t in manifest.Tables)
                if (zip.GetEntry(t.Entry) is null)
                    throw new NexuSqlBackupException($"{path}: the rows of table {t.QualifiedName} ({t.Entry}) are missing; the backup is incomplete. Use another backup.");
            foreach (var c in manifest.OutsideContent)
                if (zip.GetEntry(c.Entry) is null)
                    throw new NexuSqlBackupException($"{path}: the {c.Kind} ({c.Entry}) are missing; the backup is incomplete. Use another backup.");
            return new BackupArchive(path, zip, manifest);
        }
        catch (InvalidDataException e)
        {
            file?.Dispose();
            throw new NexuSqlBackupException($"{path} is not a complete backup ({e.Message}): it may be truncated or still being written. Use another backup.", e);
        }
        catch
        {
            file?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The same file opened once more, with this manifest (not read or checked again): a ZIP reader reads one entry at a
    /// time, so each of the tables a restore loads at once (<see cref="RestoreOptions.Jobs"/>) reads through its own.
    /// </summary>
    /// <exception cref="NexuSqlBackupException">The file is gone or is no longer this backup (an entry is missing).</exception>
    internal BackupArchive Reopen()
    {
        FileStream? file = null;
        try
        {
            file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var zip = new ZipArchive(file, ZipArchiveMode.Read);
            foreach (var t in Manifest.Tables)
                if (zip.GetEntry(t.Entry) is null)
                    throw new NexuSqlBackupException($"{Path}: the rows of table {t.QualifiedName} ({t.Entry}) are missing: the file changed while it was restored. Use another backup.");
            return new BackupArchive(Path, zip, Manifest);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            file?.Dispose();
            throw new NexuSqlBackupException($"{Path} could not be read again ({e.Message}): the file changed while it was restored. Use another backup.", e);
        }
        catch
        {
            file?.Dispose();
            throw;
        }
    }

    private static byte[] ReadAll(ZipArchive zip, string name, string path)
    {
        var entry = zip.GetEntry(name) ?? throw new NexuSqlBackupException($"{path} has no {name}: it is not a NexuSQL backup, or an incomplete one.");
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>The schema model of a table in the backup.</summary>
    public TableModel TableModel(BackupTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Manifest.Schema.Table(table.Schema, table.Name) ?? throw new NexuSqlBackupException($"{Path}: table {table.QualifiedName} has rows but no schema in the manifest.");
    }

    /// <summary>
    /// Streams a table's rows (portable values, one reused array). Ends by checking the stored row count.
    /// </summary>
    /// <exception cref="NexuSqlBackupException">The rows are damaged or cut short.</exception>
    public IEnumerable<object?[]> ReadRows(BackupTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = TableModel(table).Columns.Count;
        return table.Parts is { } parts ? parts.SelectMany(p => InOrder(ReadRows(p), p.ColumnOrder)) : Rows(Entry(table), table, columns);
    }

    /// <summary>Like <see cref="ReadRows"/>, each row in an array of its own (to hand to another thread without a copy).</summary>
    /// <exception cref="NexuSqlBackupException">The rows are damaged or cut short.</exception>
    internal IEnumerable<object?[]> ReadNewRows(BackupTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = TableModel(table).Columns.Count;
        return table.Parts is { } parts ? parts.SelectMany(p => InOrder(ReadNewRows(p), p.ColumnOrder)) : Rows(Entry(table), table, columns, newRows: true);
    }

    private static IEnumerable<object?[]> InOrder(IEnumerable<object?[]> rows, int[]? order) => order is null ? rows : rows.Select(r => order.Select(i => r[i]).ToArray());

    /// <summary>
    /// <paramref name="root"/> (a partitioned table) as one table with the rows of its <paramref name="partitions"/>
    /// (<see cref="BackupTable.Parts"/>): rows and hash theirs together. A partition whose columns are in another order
    /// is read in the partitioned table's, its hash computed again in that order (each entry's own hash is checked by <see cref="Verify"/>).
    /// </summary>
    internal BackupTable Folded(BackupTable root, IReadOnlyList<BackupTable> partitions)
    {
        var model = TableModel(root);
        var parts = new List<BackupTable> { root };
        var hashes = new List<string> { root.Hash };
        foreach (var p in partitions)
        {
            var columns = TableModel(p).Columns;
            if (columns.Select(c => c.Name).SequenceEqual(model.Columns.Select(c => c.Name), StringComparer.OrdinalIgnoreCase))
            {
                parts.Add(p);
                hashes.Add(p.Hash);
                continue;
            }
            var order = model.Columns.Select(c => columns.ToList().FindIndex(x => string.Equals(x.Name, c.Name, StringComparison.OrdinalIgnoreCase))).ToArray();
            if (order.Contains(-1) || columns.Count != order.Length)
                throw new NexuSqlBackupException($"{Path}: partition {p.QualifiedName} does not have the columns of its partitioned table {root.QualifiedName}; the backup is damaged. Use another backup.");
            var hasher = new TableHasher(model.Columns.Select(c => c.Type), Manifest.JsonLastDuplicateWins, Manifest.NumericAsText, numericFloatAsText: Manifest.NumericFloatAsText,
                nonFiniteNumericAsFloat: Manifest.NonFiniteNumericAsFloat);
            foreach (var row in InOrder(ReadRows(p), order)) hasher.Add(row);
            parts.Add(p with { ColumnOrder = order });
            hashes.Add(hasher.Hash);
        }
        return root with { Rows = parts.Sum(p => p.Rows), Hash = TableHasher.Sum(hashes), Parts = parts };
    }

    private ZipArchiveEntry Entry(BackupTable table) =>
        _zip.GetEntry(table.Entry) ?? throw new NexuSqlBackupException($"{Path}: the rows of table {table.QualifiedName} are missing.");

    private IEnumerable<object?[]> Rows(ZipArchiveEntry entry, BackupTable table, int columns, bool newRows = false)
    {
        using var stream = new BufferedStream(entry.Open(), 1 << 20);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var row = new object?[columns];
        long count = 0;
        while (true)
        {
            bool end;
            try
            {
                row[0] = RowCodec.Read(reader, out end);
                if (end)
                {
                    var stored = reader.Read7BitEncodedInt64();
                    if (stored != count) throw new InvalidDataException($"the stream holds {count} rows but records {stored}");
                    yield break;
                }
                for (var i = 1; i < columns; i++)
                {
                    row[i] = RowCodec.Read(reader, out end);
                    if (end) throw new InvalidDataException($"row {count + 1} ends after {i} of {columns} values");
                }
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IOException)
            {
                throw new NexuSqlBackupException($"{Path}: the rows of table {table.QualifiedName} are damaged near row {count + 1} ({e.Message}). Use another backup.", e);
            }
            count++;
            yield return row;
            if (newRows) row = new object?[columns];
        }
    }

    /// <summary>Opens the entry of data held outside the tables, to read item by item, chunk by chunk.</summary>
    internal OutsideContentEntry OpenOutsideContent(BackupOutsideContent content)
    {
        var entry = _zip.GetEntry(content.Entry) ?? throw new NexuSqlBackupException($"{Path}: the {content.Kind} ({content.Entry}) are missing. Use another backup.");
        return new OutsideContentEntry(entry.Open(), $"{Path}: {content.Entry}");
    }

    /// <summary>
    /// Reads <paramref name="content"/>'s entry through, checking its count, bytes and hash against the manifest; returns
    /// the content MD5 of the items whose ids are in <paramref name="wanted"/> (none when null).
    /// </summary>
    /// <exception cref="NexuSqlBackupException">The entry is damaged or does not match the manifest.</exception>
    internal IReadOnlyDictionary<long, string> CheckOutsideContent(BackupOutsideContent content, IReadOnlySet<long>? wanted = null)
    {
        var digests = new Dictionary<long, string>();
        using var hasher = new OutsideContentHasher();
        try
        {
            using var entry = OpenOutsideContent(content);
            while (entry.Next() is { } item)
            {
                hasher.Begin(item.Id);
                for (var chunk = entry.Read(); chunk.Length > 0; chunk = entry.Read()) hasher.Add(chunk.Span);
                var digest = hasher.End();
                if (wanted?.Contains(item.Id) == true) digests[item.Id] = digest;
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new NexuSqlBackupException($"{Path}: the {content.Kind} ({content.Entry}) are damaged ({e.Message}). Use another backup.", e);
        }
        var got = hasher.Summary();
        if (got != content.Summary())
            throw new NexuSqlBackupException(
                $"{Path}: the {content.Kind} do not match the manifest ({got.Count} vs {content.Count}, {got.Bytes} vs {content.Bytes} bytes, hash {got.Hash} vs {content.Hash}); the backup is damaged. Use another backup.");
        return digests;
    }

    /// <summary>
    /// Reads every table and checks its row count and content hash against the manifest (and the data held outside the
    /// tables, <see cref="BackupManifest.OutsideContent"/>, against its count, bytes and hash) — and, when
    /// <paramref name="target"/> is given, that every value fits that engine's columns. Nothing else is touched.
    /// </summary>
    /// <param name="target">The dialect of a restore target, to check values against (null: only integrity).</param>
    /// <param name="targetSchema">
    /// The tables as they will be created on <paramref name="target"/> (after translation: MariaDB JSON becomes PostgreSQL
    /// json, not jsonb): values are checked against these column types, and only in these tables (<c>--tables</c>).
    /// Null: every table, with the backup's own column types.
    /// </param>
    /// <param name="progress">Called after each table.</param>
    /// <param name="loadLimit">
    /// What the target's bulk load cannot carry in one value (<see cref="NexuSqlProvider.BulkLoadValueProblemAsync"/>):
    /// the problem of a value and the advice, or null when it fits; checked in every column when given.
    /// </param>
    /// <exception cref="NexuSqlBackupException">A table's rows are damaged, or its count or hash differs.</exception>
    /// <exception cref="NexuSqlValueException">A value the target cannot hold.</exception>
    public void Verify(Dialects.SqlDialect? target = null, SchemaModel? targetSchema = null, Action<BackupTable>? progress = null, Func<object?, (string Problem, string Advice)?>? loadLimit = null) =>
        VerifyInto(target, targetSchema, progress, loadLimit, null);

    /// <summary>
    /// <see cref="Verify"/>, and every value of
    /// the tables of <paramref name="targetSchema"/> checked against <paramref name="encoding"/>: the characters the
    /// target database's encoding lacks (<see cref="NexuSqlProvider.TextEncodingProblemAsync"/>), named as
    /// <paramref name="encodingEngine"/>'s (the target's engine where <paramref name="target"/> is null: a restore into its own engine).
    /// </summary>
    internal void VerifyInto(Dialects.SqlDialect? target, SchemaModel? targetSchema, Action<BackupTable>? progress, Func<object?, (string Problem, string Advice)?>? loadLimit,
        Func<object?, Schema.ColumnModel, (string Problem, string Advice)?>? encoding, NexuSqlEngine? encodingEngine = null)
    {
        // every row is read (its hash checked) after a refusal, so that one run names each column holding a value the
        // target cannot hold
        var refusals = new ValueRefusals();
        foreach (var table in Manifest.Tables)
        {
            var model = TableModel(table);
            var types = model.Columns.Select(c => c.Type).ToArray();
            var hasher = new TableHasher(types, Manifest.JsonLastDuplicateWins, Manifest.NumericAsText, numericFloatAsText: Manifest.NumericFloatAsText,
                nonFiniteNumericAsFloat: Manifest.NonFiniteNumericAsFloat);
            // a partition's rows go into its partitioned table where the target has no partitioning
            var into = targetSchema is null ? null : targetSchema.Table(table.Schema, table.Name)
                ?? targetSchema.Tables.FirstOrDefault(t => t.Schema == table.Schema && t.PartitionsFolded?.Contains(table.Name, StringComparer.OrdinalIgnoreCase) == true);
            var check = target is null ? null
                : targetSchema is null ? model.Columns.ToArray()
                : into is not null ? [.. model.Columns.Select(c => into.Columns.FirstOrDefault(t => t.Name == c.Name) ?? c)]
                : null;
            // a column NOT NULL in the target but not in the backup: a SQLite primary key that held NULL (KeyModel.NullsAllowed)
            var notNull = target is null || into is null ? null
                : model.Columns.Select(c => c.Nullable && into.Columns.FirstOrDefault(t => t.Name == c.Name) is { Nullable: false }).ToArray();
            var encoded = encoding is not null && (targetSchema is null || into is not null) ? encoding : null;
            foreach (var row in ReadRows(table))
            {
                hasher.Add(row);
                if (encoded is not null)
                    for (var i = 0; i < row.Length; i++)
                        if (encoded(target?.Admit(row[i], model.Columns[i].Type) ?? row[i], check?[i] ?? model.Columns[i]) is { } unencodable)
                            refusals.Add(new NexuSqlValueException(table.QualifiedName, model.Columns[i].Name, TableReader.DescribeKey(model, row), unencodable.Problem,
                                target?.Engine ?? encodingEngine ?? Manifest.Engine, advice: unencodable.Advice));
                if (notNull is not null)
                    for (var i = 0; i < notNull.Length; i++)
                        if (notNull[i] && row[i] is null)
                            refusals.Add(new NexuSqlValueException(table.QualifiedName, model.Columns[i].Name, TableReader.DescribeKey(model, row),
                                $"NULL in {(model.PrimaryKey?.Columns.Contains(model.Columns[i].Name) == true ? $"primary key ({string.Join(", ", model.PrimaryKey.Columns)})" : "a column")} " +
                                $"that is NOT NULL on {target!.Engine.DisplayName()}", target!.Engine,
                                advice: $"{target.Engine.DisplayName()} refuses NULL in a primary key (SQLite lets it into a rowid table's key); give the row a key or delete it at the source, or restore into SQLite."));
                if (check is null) continue;
                for (var i = 0; i < check.Length; i++)
                {
                    var admitted = target!.Admit(row[i], check[i].Type);
                    if (target.ValueProblem(admitted, check[i]) is { } problem)
                        refusals.Add(new NexuSqlValueException(table.QualifiedName, model.Columns[i].Name, TableReader.DescribeKey(model, row), problem, target.Engine,
                            advice: Dialects.SqlDialect.For(Manifest.Engine).NarrowTypeAdvice(model.Columns[i], row[i], target, restore: true)));
                    else if (loadLimit?.Invoke(admitted) is { } tooBig)
                        refusals.Add(new NexuSqlValueException(table.QualifiedName, model.Columns[i].Name, TableReader.DescribeKey(model, row), tooBig.Problem, target.Engine, advice: tooBig.Advice));
                }
            }
            if (hasher.Count != table.Rows || hasher.Hash != table.Hash)
                throw new NexuSqlBackupException(
                    $"{Path}: table {table.QualifiedName} does not match the manifest (rows {hasher.Count} vs {table.Rows}, hash {hasher.Hash} vs {table.Hash}); the backup is damaged. Use another backup.");
            progress?.Invoke(table);
        }
        refusals.ThrowIfAny();
        foreach (var content in Manifest.OutsideContent) CheckOutsideContent(content);
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _zip.Dispose();
}
