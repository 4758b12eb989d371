using System.Diagnostics;
using NexuSql.Internal;

namespace NexuSql.Tests;

/// <summary>Two names of one file are one database (break test 29 M6); a disk-full error is told from other I/O errors (M13).</summary>
public sealed class SameFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-same-file-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string In(string name) => Path.Combine(_dir, name);

    private string Existing(string name)
    {
        File.WriteAllText(In(name), name);
        return In(name);
    }

    private static void HardLink(string existing, string link)
    {
        using var ln = Process.Start("ln", [existing, link]);
        ln.WaitForExit();
        Assert.Equal(0, ln.ExitCode);
    }

    [Fact]
    public void Probe_sees_a_hard_link_as_the_same_file_and_a_copy_as_another()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "ln");
        var a = Existing("a.db");
        HardLink(a, In("b.db"));
        File.Copy(a, In("c.db"));
        Assert.True(SameFile.Probe(a, In("b.db")));
        Assert.True(SameFile.Probe(In("b.db"), a));
        Assert.False(SameFile.Probe(a, In("c.db")));
        Assert.False(SameFile.Probe(a, In("missing.db")));
        Assert.True(SameFile.Probe(a, Path.Combine(_dir, ".", "a.db")));
        Assert.True(DatabaseUrl.Parse("sqlite:///" + a).IsSameDatabase(DatabaseUrl.Parse("sqlite:///" + In("b.db"))));
        Assert.False(DatabaseUrl.Parse("sqlite:///" + a).IsSameDatabase(DatabaseUrl.Parse("sqlite:///" + In("c.db"))));
        // the probe lets go of both: the files open exclusively afterwards
        using (new FileStream(a, FileMode.Open, FileAccess.Read, FileShare.None)) { }
        using (new FileStream(In("b.db"), FileMode.Open, FileAccess.Read, FileShare.None)) { }
    }

    [Fact]
    public void Probe_cannot_tell_while_someone_else_holds_the_second_file_and_then_the_paths_decide()
    {
        var (a, b) = (Existing("a.db"), Existing("b.db"));
        using (new FileStream(b, FileMode.Open, FileAccess.Read, FileShare.None))
        {
            Assert.Null(SameFile.Probe(a, b));
            Assert.False(SameFile.Is(a, b));
        }
        Assert.False(SameFile.Probe(a, b));
    }

    [Fact]
    public void Probe_cannot_tell_while_someone_else_holds_the_first_file()
    {
        var (a, b) = (Existing("a.db"), Existing("b.db"));
        using (new FileStream(a, FileMode.Open, FileAccess.Read, FileShare.None))
            Assert.Null(SameFile.Probe(a, b));
    }

    [Fact]
    public void IsDiskFull_is_true_for_a_write_to_a_full_device_only()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && File.Exists("/dev/full"), "/dev/full (Linux) says ENOSPC to every write");
        var full = Assert.ThrowsAny<IOException>(() =>
        {
            using var device = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            device.Write(new byte[4096]);
        });
        Assert.True(NexuSqlStorageFullException.IsDiskFull(full), $"{full.HResult}: {full.Message}");
        Assert.False(NexuSqlStorageFullException.IsDiskFull(new IOException("x")));
        Assert.False(NexuSqlStorageFullException.IsDiskFull(Assert.ThrowsAny<IOException>(() => File.OpenRead(In("missing")))));
    }
}
