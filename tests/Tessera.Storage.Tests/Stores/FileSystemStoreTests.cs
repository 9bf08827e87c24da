using System.Buffers;
using Tessera.Stores;

namespace Tessera.Storage.Tests.Stores;

public sealed class FileSystemStoreTests : StoreConformanceTests<FileSystemStore>
{
    private readonly TempDirectory _directory = new();

    protected override FileSystemStore CreateStore() => new(_directory.Path);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _directory.Dispose();
        }
    }

    [Fact]
    public async Task SetAsync_LeavesNoPartialFiles()
    {
        var store = CreateStore();
        var tasks = Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            await store.SetAsync($"p/{i % 7}/0.0", Bytes(1000 + i, seed: i));
            await store.SetAsync("p/shared", Bytes(i, seed: i));
        }));

        await Task.WhenAll(tasks);

        Assert.Empty(PartialFiles());
        Assert.Equal(8, (await ListAsync(store, "")).Length);
    }

    [Fact]
    public async Task ListAsync_SkipsPartialFilesLeftByACrash()
    {
        var store = CreateStore();
        await store.SetAsync("a/b", new byte[] { 1, 2, 3 });

        // What a writer killed between creating and renaming its temporary file leaves behind.
        File.WriteAllBytes(_directory.Combine("a", $".b.{Guid.NewGuid():N}{FileSystemStore.PartialSuffix}"), [9, 9]);
        File.WriteAllBytes(_directory.Combine($".c.{Guid.NewGuid():N}{FileSystemStore.PartialSuffix}"), [9]);

        Assert.Equal(["a/b"], await ListAsync(store, ""));
        Assert.Equal(["a/b"], await ListAsync(store, "a/"));
        Assert.Empty(await ListAsync(store, "a/."));
        await AssertValueAsync(store, "a/b", [1, 2, 3]);
    }

    [Fact]
    public async Task SetAsync_OntoAFolderFailsAndKeepsItsContents()
    {
        var store = CreateStore();
        await store.SetAsync("a/b/0.0", Bytes(193, seed: 1));

        // "a/b" is a folder, so the final rename fails after the temporary file was written.
        await Assert.ThrowsAnyAsync<IOException>(async () => await store.SetAsync("a/b", Bytes(7, seed: 2)));

        await AssertValueAsync(store, "a/b/0.0", Bytes(193, seed: 1));
        Assert.Null(await store.GetAsync("a/b"));
        Assert.Empty(PartialFiles());
        Assert.Equal(["a/b/0.0"], await ListAsync(store, ""));
    }

    [Fact]
    public async Task SetAsync_FailingMidwayKeepsPreviousValue()
    {
        var store = CreateStore();
        var previous = Bytes(4099, seed: 1);
        await store.SetAsync("k/0", previous);

        // Memory that fails when the write reads it, after the temporary file has been created.
        using var failing = new FailingMemory(1 << 20);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.SetAsync("k/0", failing.Memory));

        await AssertValueAsync(store, "k/0", previous);
        Assert.Empty(PartialFiles());
    }

    [Fact]
    public async Task SetAsync_CancelledKeepsPreviousValue()
    {
        var store = CreateStore();
        var previous = Bytes(4099, seed: 1);
        await store.SetAsync("k/0", previous);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SetAsync("k/0", Bytes(1 << 20, seed: 2), cts.Token));

        await AssertValueAsync(store, "k/0", previous);
        Assert.Empty(PartialFiles());
    }

    [Fact]
    public async Task Operations_OnMissingRootFindNothing()
    {
        var store = new FileSystemStore(_directory.Combine("not", "there"));

        Assert.Null(await store.GetAsync("a/0.0"));
        Assert.Null(await store.GetAsync("a/0.0", ByteRange.Suffix(4)));
        Assert.False(await store.ExistsAsync("a/0.0"));
        Assert.False(await store.DeleteAsync("a/0.0"));
        Assert.Empty(await ListAsync(store, ""));
        Assert.Empty(await ListAsync(store, "a/"));
        Assert.False(Directory.Exists(store.Root));
    }

    [Fact]
    public async Task SetAsync_CreatesMissingRoot()
    {
        var store = new FileSystemStore(_directory.Combine("new", "root"));

        await store.SetAsync("a/0.0", new byte[] { 1, 2 });

        Assert.True(File.Exists(_directory.Combine("new", "root", "a", "0.0")));
        await AssertValueAsync(store, "a/0.0", [1, 2]);
    }

    [Fact]
    public void Describe_ReturnsFilePath()
    {
        var store = CreateStore();

        Assert.Equal(_directory.Combine("a", "b", "0.0"), store.Describe("a/b/0.0"));
        Assert.Equal(_directory.Combine(".zarray"), store.Describe(".zarray"));
        Assert.Equal(Path.GetFullPath(_directory.Path), store.Describe(""));
        Assert.Throws<ArgumentException>(() => store.Describe("../etc/passwd"));
    }

    [Fact]
    public async Task SetAsync_WritesPlainFiles()
    {
        var store = CreateStore();
        var value = Bytes(193, seed: 4);

        await store.SetAsync("x/y/0.0.0", value);

        Assert.Equal(value, File.ReadAllBytes(_directory.Combine("x", "y", "0.0.0")));
    }

    [Fact]
    public async Task GetAsync_ReadsFilesWrittenByOthers()
    {
        var store = CreateStore();
        Directory.CreateDirectory(_directory.Combine("z"));
        var value = Bytes(65537, seed: 5);
        File.WriteAllBytes(_directory.Combine("z", "0"), value);

        await AssertValueAsync(store, "z/0", value);
        Assert.Equal(["z/0"], await ListAsync(store, "z"));
    }

    private string[] PartialFiles() =>
        Directory.Exists(_directory.Path)
            ? Directory.GetFiles(_directory.Path, "*" + FileSystemStore.PartialSuffix, SearchOption.AllDirectories)
            : [];

    /// <summary>Memory whose span cannot be taken: a write that reaches it fails.</summary>
    private sealed class FailingMemory(int length) : MemoryManager<byte>
    {
        public override Span<byte> GetSpan() => throw new InvalidOperationException("Simulated failure while reading the value.");

        public override MemoryHandle Pin(int elementIndex = 0) => throw new InvalidOperationException("Simulated failure while pinning the value.");

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }

        public override Memory<byte> Memory => CreateMemory(length);
    }
}
