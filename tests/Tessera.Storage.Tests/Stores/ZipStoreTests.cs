using System.IO.Compression;
using Tessera.Stores;

namespace Tessera.Storage.Tests.Stores;

/// <summary>
/// The conformance suite over a writable zip store whose changes are still pending (reads see them
/// before any commit), and, in <see cref="Committed"/>, over one that commits after every change, so
/// that every read goes through the archive file. Zip-specific behaviour follows.
/// </summary>
public sealed class ZipStoreTests : StoreConformanceTests<ZipStore>
{
    private readonly TempDirectory _directory = new();

    protected override ZipStore CreateStore() => new(_directory.Combine("store.zip"), ZipStoreMode.Create);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _directory.Dispose();
        }
    }

    [Theory]
    [InlineData(CompressionLevel.NoCompression)]
    [InlineData(CompressionLevel.Optimal)]
    public async Task ZipStore_ReadsEntriesAndRangesOfArchivesWrittenByOthers(CompressionLevel level)
    {
        string path = _directory.Combine("others.zip");
        var large = Bytes(200_003, seed: 1);
        var small = Bytes(193, seed: 2);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            zip.CreateEntry("data/", level); // An explicit folder entry, which is no key.
            Write(zip, "data/0.0", large, level);
            Write(zip, "data/0.1", small, level);
            Write(zip, ".zarray", [], level);
        }

        using var store = new ZipStore(path);

        Assert.Equal([".zarray", "data/0.0", "data/0.1"], await ListAsync(store, ""));
        Assert.Equal(["data/0.0", "data/0.1"], await ListAsync(store, "data/"));
        Assert.Equal([".zarray", "data"], await ChildrenAsync(store, ""));
        await AssertValueAsync(store, "data/0.0", large);
        await AssertValueAsync(store, "data/0.1", small);
        await AssertValueAsync(store, ".zarray", []);
        Assert.Null(await store.GetAsync("data"));
        Assert.False(await store.ExistsAsync("data"));
        Assert.True(await store.ExistsAsync("data/0.1"));
        using (var middle = await store.GetAsync("data/0.0", ByteRange.FromOffset(70_001, 65_537)))
        {
            Assert.Equal(large.AsSpan(70_001, 65_537).ToArray(), middle!.Span.ToArray());
        }

        using (var tail = await store.GetAsync("data/0.0", ByteRange.Suffix(7)))
        {
            Assert.Equal(large.AsSpan(large.Length - 7).ToArray(), tail!.Span.ToArray());
        }

        using var past = await store.GetAsync("data/0.1", ByteRange.FromOffset(500, 5));
        Assert.Equal(0, past!.Length);
    }

    [Fact]
    public async Task ZipStore_ReadsConcurrentlyFromOneArchive()
    {
        string path = _directory.Combine("concurrent.zip");
        var values = Enumerable.Range(0, 31).Select(i => Bytes(1000 + (i * 977), seed: i)).ToArray();
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            for (int i = 0; i < values.Length; i++)
            {
                Write(zip, $"c/{i}", values[i], i % 2 == 0 ? CompressionLevel.NoCompression : CompressionLevel.Fastest);
            }
        }

        using var store = new ZipStore(path);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (int round = 0; round < 20; round++)
            {
                int i = ((t * 7) + (round * 3)) % values.Length;
                using var part = await store.GetAsync($"c/{i}", ByteRange.FromOffset(13, 500));
                Assert.Equal(values[i].AsSpan(13, 500).ToArray(), part!.Span.ToArray());
                await AssertValueAsync(store, $"c/{i}", values[i]);
            }
        })));
    }

    [Fact]
    public async Task CommitAsync_WritesStoredEntriesThatZipArchiveReads()
    {
        string path = _directory.Combine("out", "written.zip");
        var store = new ZipStore(path, ZipStoreMode.Create);
        await store.SetAsync("a/0.0", Bytes(4099, seed: 1));
        await store.SetAsync(".zattrs", Bytes(7, seed: 2));
        await store.SetAsync("gone", Bytes(7, seed: 3));
        await store.DeleteAsync("gone");
        Assert.False(File.Exists(path));
        Assert.True(store.HasPendingChanges);

        await store.CommitAsync();

        Assert.False(store.HasPendingChanges);
        using (var zip = ZipFile.OpenRead(path))
        {
            Assert.Equal([".zattrs", "a/0.0"], zip.Entries.Select(e => e.FullName));
            Assert.All(zip.Entries, e => Assert.Equal(e.Length, e.CompressedLength)); // stored
            using var stream = zip.GetEntry("a/0.0")!.Open();
            var read = new byte[4099];
            stream.ReadExactly(read);
            Assert.Equal(Bytes(4099, seed: 1), read);
        }

        await AssertValueAsync(store, "a/0.0", Bytes(4099, seed: 1));
        await store.DisposeAsync();
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task DisposeAsync_CommitsPendingChanges()
    {
        string path = _directory.Combine("disposed.zip");
        await using (var store = new ZipStore(path, ZipStoreMode.Create))
        {
            await store.SetAsync("k", Bytes(13, seed: 1));
        }

        using var reopened = new ZipStore(path);
        await AssertValueAsync(reopened, "k", Bytes(13, seed: 1));
        Assert.Equal(StoreCapabilities.Listable | StoreCapabilities.PartialReads, reopened.Capabilities);
    }

    [Fact]
    public async Task Dispose_OfCreatedStoreWithoutChangesWritesEmptyArchive()
    {
        string path = _directory.Combine("empty.zip");

        new ZipStore(path, ZipStoreMode.Create).Dispose();

        using var zip = ZipFile.OpenRead(path);
        Assert.Empty(zip.Entries);
        using var store = new ZipStore(path);
        Assert.Empty(await ListAsync(store, ""));
    }

    [Fact]
    public async Task Update_KeepsUnchangedEntriesAndAppliesChanges()
    {
        string path = _directory.Combine("update.zip");
        await using (var first = new ZipStore(path, ZipStoreMode.Create))
        {
            await first.SetAsync("keep", Bytes(65_537, seed: 1));
            await first.SetAsync("replace", Bytes(7, seed: 2));
            await first.SetAsync("remove", Bytes(7, seed: 3));
        }

        await using (var second = new ZipStore(path, ZipStoreMode.Update))
        {
            await AssertValueAsync(second, "replace", Bytes(7, seed: 2));
            await second.SetAsync("replace", Bytes(193, seed: 4));
            Assert.True(await second.DeleteAsync("remove"));
            Assert.False(await second.DeleteAsync("remove"));
            await second.SetAsync("new/0", Bytes(1, seed: 5));
            Assert.Equal(["keep", "new/0", "replace"], await ListAsync(second, ""));
        }

        using var third = new ZipStore(path);
        Assert.Equal(["keep", "new/0", "replace"], await ListAsync(third, ""));
        await AssertValueAsync(third, "keep", Bytes(65_537, seed: 1));
        await AssertValueAsync(third, "replace", Bytes(193, seed: 4));
        await AssertValueAsync(third, "new/0", Bytes(1, seed: 5));
    }

    [Fact]
    public async Task ListChildrenAsync_MergesPendingChangesOverTheArchive()
    {
        string path = _directory.Combine("children.zip");
        await using (var first = new ZipStore(path, ZipStoreMode.Create))
        {
            foreach (string key in new[] { "a/b/0", "a/b/1", "a/b.json", "a/c/0", "a/d", "a/e/0" })
            {
                await first.SetAsync(key, new byte[] { 1 });
            }
        }

        var store = new ZipStore(path, ZipStoreMode.Update);
        await store.DeleteAsync("a/c/0"); // The whole of a/c.
        await store.DeleteAsync("a/b/0"); // Part of a/b.
        await store.DeleteAsync("a/d");
        await store.SetAsync("a/e/1", new byte[] { 2 });
        await store.SetAsync("a/f/g/0", new byte[] { 3 });

        Assert.Equal(["b", "b.json", "e", "f"], await ChildrenAsync(store, "a"));
        Assert.Equal(["a/b.json", "a/b/1", "a/e/0", "a/e/1", "a/f/g/0"], await ListAsync(store, "a/"));
        await store.CommitAsync();
        Assert.Equal(["b", "b.json", "e", "f"], await ChildrenAsync(store, "a"));
        Assert.Equal(["a/b.json", "a/b/1", "a/e/0", "a/e/1", "a/f/g/0"], await ListAsync(store, "a/"));
    }

    [Fact]
    public async Task Create_ReplacesAnExistingArchiveOnlyOnCommit()
    {
        string path = _directory.Combine("replace.zip");
        await using (var first = new ZipStore(path, ZipStoreMode.Create))
        {
            await first.SetAsync("old", Bytes(7, seed: 1));
        }

        var second = new ZipStore(path, ZipStoreMode.Create);
        Assert.Empty(await ListAsync(second, ""));
        await second.SetAsync("new", Bytes(7, seed: 2));
        using (var meanwhile = new ZipStore(path))
        {
            Assert.Equal(["old"], await ListAsync(meanwhile, ""));
        }

        await second.DisposeAsync();

        using var after = new ZipStore(path);
        Assert.Equal(["new"], await ListAsync(after, ""));
    }

    [Fact]
    public async Task CommitAsync_FailingLeavesNoPartialArchiveAndKeepsChanges()
    {
        // A folder where the archive should go: building succeeds, the final rename fails.
        string path = _directory.Combine("blocked.zip");
        Directory.CreateDirectory(path);
        var store = new ZipStore(path, ZipStoreMode.Create);
        await store.SetAsync("k", Bytes(4099, seed: 1));

        await Assert.ThrowsAnyAsync<IOException>(() => store.CommitAsync());

        Assert.True(Directory.Exists(path));
        Assert.Empty(Directory.GetFiles(_directory.Path, "*" + ZipStore.PartialSuffix));
        Assert.True(store.HasPendingChanges);
        await AssertValueAsync(store, "k", Bytes(4099, seed: 1));

        Directory.Delete(path);
        await store.CommitAsync();
        using var reopened = new ZipStore(path);
        await AssertValueAsync(reopened, "k", Bytes(4099, seed: 1));
    }

    [Fact]
    public async Task CommitAsync_CancelledKeepsPreviousArchive()
    {
        string path = _directory.Combine("cancelled.zip");
        await using (var first = new ZipStore(path, ZipStoreMode.Create))
        {
            await first.SetAsync("k", Bytes(7, seed: 1));
        }

        byte[] before = File.ReadAllBytes(path);
        var store = new ZipStore(path, ZipStoreMode.Update);
        await store.SetAsync("k", Bytes(1 << 20, seed: 2));
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.CommitAsync(cts.Token));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Empty(Directory.GetFiles(_directory.Path, "*" + ZipStore.PartialSuffix));
        Assert.True(store.HasPendingChanges);
    }

    [Fact]
    public async Task ReadOnly_RefusesWritesNamingTheFile()
    {
        string path = _directory.Combine("readonly.zip");
        new ZipStore(path, ZipStoreMode.Create).Dispose();
        using var store = new ZipStore(path);

        var set = await Assert.ThrowsAsync<NotSupportedException>(async () => await store.SetAsync("k", new byte[] { 1 }));
        var delete = await Assert.ThrowsAsync<NotSupportedException>(async () => await store.DeleteAsync("k"));
        var commit = await Assert.ThrowsAsync<NotSupportedException>(() => store.CommitAsync());

        Assert.Contains(path, set.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ZipStoreMode.Update), set.Message, StringComparison.Ordinal);
        Assert.Contains(path, delete.Message, StringComparison.Ordinal);
        Assert.Contains(path, commit.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MissingFileThrowsNamingIt()
    {
        string path = _directory.Combine("missing.zip");

        var error = Assert.Throws<FileNotFoundException>(() => new ZipStore(path));

        Assert.Equal(path, error.FileName);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    [InlineData(70_001)]
    public void Open_NonZipFileThrowsNamingIt(int length)
    {
        string path = _directory.Combine("not-a.zip");
        File.WriteAllBytes(path, Bytes(length, seed: length));

        var error = Assert.Throws<ZipStoreException>(() => new ZipStore(path));
        var update = Assert.Throws<ZipStoreException>(() => new ZipStore(path, ZipStoreMode.Update));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a zip archive", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, update.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TruncatedArchiveThrowsNamingIt()
    {
        string path = _directory.Combine("truncated.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            Write(zip, "a", Bytes(1000, seed: 1), CompressionLevel.NoCompression);
        }

        // Keep the end record but drop the start of the file, where the central directory points.
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[^30..]);

        var error = Assert.Throws<ZipStoreException>(() => new ZipStore(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_NamesTheArchiveAndEntry()
    {
        var store = CreateStore();

        Assert.Equal(Path.GetFullPath(_directory.Combine("store.zip")) + "!/a/0.0", store.Describe("a/0.0"));
        Assert.Equal(Path.GetFullPath(_directory.Combine("store.zip")), store.Describe(""));
    }

    [Fact]
    public async Task Operations_AfterDisposeThrow()
    {
        var store = CreateStore();
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.GetAsync("k"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.CommitAsync());
    }

    private static void Write(ZipArchive zip, string name, byte[] value, CompressionLevel level)
    {
        using var stream = zip.CreateEntry(name, level).Open();
        stream.Write(value);
    }

    private static async Task<string[]> ChildrenAsync(IStore store, string folder)
    {
        var children = new List<string>();
        await foreach (string child in store.ListChildrenAsync(folder))
        {
            children.Add(child);
        }

        return [.. children.Order(StringComparer.Ordinal)];
    }

    /// <summary>The conformance suite with every change committed at once, so that reads go through the archive.</summary>
    public sealed class Committed : StoreConformanceTests<Committed.CommittingZipStore>
    {
        private readonly TempDirectory _directory = new();

        protected override CommittingZipStore CreateStore() => new(new ZipStore(_directory.Combine("store.zip"), ZipStoreMode.Update));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _directory.Dispose();
            }
        }

        /// <summary>A zip store that commits after every set and delete.</summary>
        public sealed class CommittingZipStore(ZipStore inner) : IStore
        {
            public StoreCapabilities Capabilities => inner.Capabilities;

            public string Describe(string key) => inner.Describe(key);

            public async ValueTask<StoreValue?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
            {
                // A read of a pending value completes synchronously; the suite's readers loop on reads, and
                // without this yield they could hold every pool thread of a 2-core machine while the
                // writer's commit waits for one (it passes, but in seconds instead of milliseconds).
                await Task.Yield();
                return await inner.GetAsync(key, range, cancellationToken);
            }

            public async ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
            {
                await inner.SetAsync(key, value, cancellationToken);
                await inner.CommitAsync(cancellationToken);
                Assert.True(File.Exists(inner.Path));
            }

            public async ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
            {
                bool existed = await inner.DeleteAsync(key, cancellationToken);
                await inner.CommitAsync(cancellationToken);
                return existed;
            }

            public ValueTask<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
                inner.ExistsAsync(key, cancellationToken);

            public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default) =>
                inner.ListAsync(prefix, cancellationToken);

            public IAsyncEnumerable<string> ListChildrenAsync(string folder, CancellationToken cancellationToken = default) =>
                inner.ListChildrenAsync(folder, cancellationToken);
        }
    }
}
