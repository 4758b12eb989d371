using System.Text;
using NexuSql.Backup;
using NexuSql.Data;

namespace NexuSql.Tests.Data;

/// <summary>
/// Data held outside the tables (PostgreSQL large objects, issue 11 H5): the hash core computes while streaming is the
/// one PostgreSQL computes server-side, the backup entry reads back item by item and chunk by chunk, and the manifest
/// records it (format 13) while older manifests read with none.
/// </summary>
public class OutsideContentTests
{
    [Fact]
    public void Hasher_gives_the_md5_of_id_colon_md5_joined_by_commas_as_postgresql_computes_it()
    {
        using var hasher = new OutsideContentHasher();
        Assert.Equal(new OutsideContentSummary(0, 0, ""), hasher.Summary());
        hasher.Begin(1);
        hasher.Add("ab"u8);
        hasher.Add("c"u8);
        Assert.Equal("900150983cd24fb0d6963f7d28e17f72", hasher.End());
        hasher.Begin(4294967295); // the largest oid
        Assert.Equal("d41d8cd98f00b204e9800998ecf8427e", hasher.End()); // zero-length
        // md5('1:900150983cd24fb0d6963f7d28e17f72,4294967295:d41d8cd98f00b204e9800998ecf8427e')
        Assert.Equal(new OutsideContentSummary(2, 3, "fb614c757e4b703a11ea698faf2c609a"), hasher.Summary());
    }

    [Fact]
    public void Entry_reads_items_and_chunks_and_skips_the_rest_of_an_item()
    {
        var bytes = Entry((7, "bob", [Encoding.ASCII.GetBytes("hello "), Encoding.ASCII.GetBytes("world")]), (8, null, []), (9, null, [new byte[3]]));
        using var entry = new OutsideContentEntry(new MemoryStream(bytes), "x");
        var first = entry.Next()!;
        Assert.Equal(7, first.Id);
        Assert.Equal("bob", first.Owner);
        Assert.Equal("hello ", Encoding.ASCII.GetString(entry.Read().Span));
        var zero = entry.Next()!; // the rest of 7 is skipped
        Assert.Equal(8, zero.Id);
        Assert.Null(zero.Owner);
        Assert.Equal(0, entry.Read().Length);
        Assert.Equal(9, entry.Next()!.Id);
        Assert.Null(entry.Next());
    }

    [Fact]
    public void Entry_cut_short_or_miscounted_is_damaged()
    {
        var bytes = Entry((7, null, [new byte[10]]));
        using (var cut = new OutsideContentEntry(new MemoryStream(bytes[..^12]), "x"))
        {
            cut.Next();
            Assert.Throws<EndOfStreamException>(() => cut.Next());
        }
        bytes[^8] = 2; // the recorded count
        using var miscounted = new OutsideContentEntry(new MemoryStream(bytes), "x");
        miscounted.Next();
        Assert.Contains("records 2", Assert.Throws<InvalidDataException>(() => miscounted.Next()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_records_the_large_objects_and_a_format_12_manifest_reads_with_none()
    {
        var manifest = new BackupManifest { OutsideContent = [new BackupOutsideContent("large objects", "outside/0001.bin", 2, 3, "h")] };
        var read = BackupManifest.FromJson(manifest.ToJson(), "x");
        Assert.True(read.FormatVersion >= 13, $"format {read.FormatVersion}");
        Assert.Equal(new OutsideContentSummary(2, 3, "h"), Assert.Single(read.OutsideContent).Summary());

        var old = BackupManifest.FromJson($$"""{"format":"nexusql-backup","formatVersion":12,"hashAlgorithm":"{{TableHasher.Algorithm}}","tables":[]}""", "old");
        Assert.Empty(old.OutsideContent);
    }

    private static byte[] Entry(params (long Id, string? Owner, byte[][] Chunks)[] items)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            foreach (var (id, owner, chunks) in items)
            {
                w.Write((byte)1);
                w.Write(id);
                w.Write(owner ?? "");
                foreach (var c in chunks)
                {
                    w.Write(c.Length);
                    w.Write(c);
                }
                w.Write(0);
            }
            w.Write((byte)0);
            w.Write((long)items.Length);
        }
        return buffer.ToArray();
    }
}
