using Tessera.Stores;

namespace Tessera.Storage.Tests.Stores;

/// <summary>
/// The behaviour every writable, listable <see cref="IStore"/> shares. A store's test class derives
/// from this, says how to create an empty store and cleans up in <see cref="Dispose(bool)"/>.
/// </summary>
/// <typeparam name="TStore">The store under test.</typeparam>
public abstract class StoreConformanceTests<TStore> : IDisposable
    where TStore : IStore
{
    /// <summary>Creates an empty store. Called once or more per test; each call may share storage with earlier ones.</summary>
    protected abstract TStore CreateStore();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases whatever <see cref="CreateStore"/> made, such as temporary folders.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    [Fact]
    public void Capabilities_IncludeReadWriteListAndDelete()
    {
        var store = CreateStore();

        var expected = StoreCapabilities.Writable | StoreCapabilities.Deletable | StoreCapabilities.Listable | StoreCapabilities.PartialReads;
        Assert.Equal(expected, store.Capabilities & expected);
    }

    [Fact]
    public async Task GetAsync_ReturnsNullForMissingKey()
    {
        var store = CreateStore();
        await store.SetAsync("a/b", Bytes(7, seed: 1));

        Assert.Null(await store.GetAsync("missing"));
        Assert.Null(await store.GetAsync("a/missing"));
        Assert.Null(await store.GetAsync("missing/deeper/0.0"));
        Assert.Null(await store.GetAsync("missing", ByteRange.FromOffset(0, 10)));
        Assert.Null(await store.GetAsync("missing", ByteRange.Suffix(10)));
    }

    [Fact]
    public async Task GetAsync_ReturnsNullForAPrefixOfExistingKeys()
    {
        var store = CreateStore();
        await store.SetAsync("a/b/0.0", Bytes(7, seed: 1));

        // "a/b" holds keys but is not itself a key (a folder, for a file-system store).
        Assert.Null(await store.GetAsync("a/b"));
        Assert.Null(await store.GetAsync("a"));
        Assert.False(await store.ExistsAsync("a/b"));
        Assert.False(await store.DeleteAsync("a/b"));
        await AssertValueAsync(store, "a/b/0.0", Bytes(7, seed: 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    [InlineData(65537)]
    [InlineData((3 << 20) + 17)]
    public async Task SetAsync_RoundTripsValue(int length)
    {
        var store = CreateStore();
        var value = Bytes(length, seed: length);

        await store.SetAsync("data/0.0.0", value);

        await AssertValueAsync(store, "data/0.0.0", value);
        Assert.True(await store.ExistsAsync("data/0.0.0"));
    }

    [Fact]
    public async Task SetAsync_RoundTripsManyKeys()
    {
        var store = CreateStore();
        var keys = new[] { ".zarray", "0", "data/0.0", "data/0.1", "data/1.0", "x/y/z/w/193", "a.b.c", "..x", "a/..y/.z" };

        for (int i = 0; i < keys.Length; i++)
        {
            await store.SetAsync(keys[i], Bytes(i * 13, seed: i));
        }

        for (int i = 0; i < keys.Length; i++)
        {
            await AssertValueAsync(store, keys[i], Bytes(i * 13, seed: i));
        }
    }

    [Fact]
    public async Task SetAsync_CopiesTheCallersBuffer()
    {
        var store = CreateStore();
        var value = Bytes(193, seed: 2);
        var original = (byte[])value.Clone();

        await store.SetAsync("k", value);
        Array.Fill(value, (byte)0xEE);

        await AssertValueAsync(store, "k", original);
    }

    [Fact]
    public async Task SetAsync_OverwriteReplacesWholeValue()
    {
        var store = CreateStore();
        await store.SetAsync("k", Bytes(1000, seed: 1));

        await store.SetAsync("k", Bytes(7, seed: 2));
        await AssertValueAsync(store, "k", Bytes(7, seed: 2));

        await store.SetAsync("k", Bytes(4099, seed: 3));
        await AssertValueAsync(store, "k", Bytes(4099, seed: 3));

        await store.SetAsync("k", ReadOnlyMemory<byte>.Empty);
        await AssertValueAsync(store, "k", []);
    }

    [Theory]
    [InlineData(10, 20, 10, 20)] // inside
    [InlineData(0, 193, 0, 193)] // whole value
    [InlineData(180, 50, 180, 13)] // past the end: clipped
    [InlineData(192, 1, 192, 1)] // last byte
    [InlineData(193, 5, 193, 0)] // starts at the end
    [InlineData(500, 5, 193, 0)] // starts past the end
    [InlineData(5, 0, 5, 0)] // zero length
    [InlineData(0, long.MaxValue, 0, 193)] // unbounded length
    public async Task GetAsync_ReadsOffsetRange(long offset, long length, int expectedOffset, int expectedLength)
    {
        var store = CreateStore();
        var value = Bytes(193, seed: 5);
        await store.SetAsync("r", value);

        using var part = await store.GetAsync("r", ByteRange.FromOffset(offset, length));

        Assert.NotNull(part);
        Assert.Equal(value.AsSpan(expectedOffset, expectedLength).ToArray(), part.Span.ToArray());
    }

    [Theory]
    [InlineData(7, 7)]
    [InlineData(1, 1)]
    [InlineData(193, 193)] // exactly the value
    [InlineData(1000, 193)] // longer than the value: the whole value
    [InlineData(0, 0)]
    public async Task GetAsync_ReadsSuffixRange(long length, int expectedLength)
    {
        var store = CreateStore();
        var value = Bytes(193, seed: 6);
        await store.SetAsync("r", value);

        using var part = await store.GetAsync("r", ByteRange.Suffix(length));

        Assert.NotNull(part);
        Assert.Equal(value.AsSpan(193 - expectedLength).ToArray(), part.Span.ToArray());
    }

    [Fact]
    public async Task GetAsync_ReadsRangesOfLargeAndEmptyValues()
    {
        var store = CreateStore();
        var large = Bytes((2 << 20) + 7, seed: 7);
        await store.SetAsync("large", large);
        await store.SetAsync("empty", ReadOnlyMemory<byte>.Empty);

        using (var middle = await store.GetAsync("large", ByteRange.FromOffset(1 << 20, 65537)))
        {
            Assert.Equal(large.AsSpan(1 << 20, 65537).ToArray(), middle!.Span.ToArray());
        }

        using (var tail = await store.GetAsync("large", ByteRange.Suffix(1 << 20)))
        {
            Assert.Equal(large.AsSpan(large.Length - (1 << 20)).ToArray(), tail!.Span.ToArray());
        }

        using var emptyRange = await store.GetAsync("empty", ByteRange.FromOffset(0, 10));
        using var emptySuffix = await store.GetAsync("empty", ByteRange.Suffix(10));
        Assert.Equal(0, emptyRange!.Length);
        Assert.Equal(0, emptySuffix!.Length);
    }

    [Fact]
    public async Task DeleteAsync_ReportsWhetherKeyExisted()
    {
        var store = CreateStore();
        await store.SetAsync("a/b/0.0", Bytes(7, seed: 1));
        await store.SetAsync("a/b/0.1", Bytes(7, seed: 2));

        Assert.False(await store.DeleteAsync("a/b/9.9"));
        Assert.True(await store.DeleteAsync("a/b/0.0"));
        Assert.False(await store.DeleteAsync("a/b/0.0"));

        Assert.Null(await store.GetAsync("a/b/0.0"));
        Assert.False(await store.ExistsAsync("a/b/0.0"));
        Assert.Equal(["a/b/0.1"], await ListAsync(store, ""));
        await AssertValueAsync(store, "a/b/0.1", Bytes(7, seed: 2));
    }

    [Fact]
    public async Task DeleteAsync_ThenSetAsyncRecreatesKey()
    {
        var store = CreateStore();
        await store.SetAsync("k/v", Bytes(31, seed: 1));
        await store.DeleteAsync("k/v");

        await store.SetAsync("k/v", Bytes(13, seed: 2));

        await AssertValueAsync(store, "k/v", Bytes(13, seed: 2));
    }

    [Fact]
    public async Task ExistsAsync_TracksSetAndDelete()
    {
        var store = CreateStore();

        Assert.False(await store.ExistsAsync("e/0"));
        await store.SetAsync("e/0", ReadOnlyMemory<byte>.Empty);
        Assert.True(await store.ExistsAsync("e/0"));
        Assert.False(await store.ExistsAsync("e/00"));
        Assert.False(await store.ExistsAsync("e"));
        await store.DeleteAsync("e/0");
        Assert.False(await store.ExistsAsync("e/0"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("a/")]
    [InlineData("a/b")]
    [InlineData("a/b/")]
    [InlineData("a/b/0")]
    [InlineData("a/b/0.0")]
    [InlineData("a/bc")]
    [InlineData("ab")]
    [InlineData("c/d/")]
    [InlineData("c/d/e/")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("zzz")]
    [InlineData("zzz/")]
    public async Task ListAsync_ReturnsKeysWithPrefix(string prefix)
    {
        var store = CreateStore();
        string[] keys = ["a/b/0.0", "a/b/0.1", "a/b/1.0", "a/bc", "a/b.json", "ab", "abc/d", "c/d/e/f", "c/d/e/g/h", "c/dd", ".zattrs", "..x"];
        foreach (string key in keys)
        {
            await store.SetAsync(key, Bytes(3, seed: key.Length));
        }

        var expected = keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(expected, await ListAsync(store, prefix));
    }

    [Theory]
    [InlineData("", new[] { "..x", ".zattrs", "a", "ab", "abc", "c" })]
    [InlineData("a", new[] { "b", "b.json", "bc" })]
    [InlineData("a/b", new[] { "0.0", "0.1", "1.0" })]
    [InlineData("c/d", new[] { "e" })]
    [InlineData("c/d/e", new[] { "f", "g" })]
    [InlineData("zzz", new string[0])]
    public async Task ListChildrenAsync_ReturnsDirectChildrenOnly(string folder, string[] expected)
    {
        var store = CreateStore();
        foreach (string key in new[] { "a/b/0.0", "a/b/0.1", "a/b/1.0", "a/bc", "a/b.json", "ab", "abc/d", "c/d/e/f", "c/d/e/g/h", ".zattrs", "..x" })
        {
            await store.SetAsync(key, new byte[] { 1 });
        }

        var children = new List<string>();
        await foreach (string child in store.ListChildrenAsync(folder))
        {
            children.Add(child);
        }

        Assert.Equal(expected, children.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/a")]
    [InlineData("a/")]
    [InlineData("../x")]
    public async Task ListChildrenAsync_RejectsInvalidFolders(string folder)
    {
        var store = CreateStore();
        await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (string child in store.ListChildrenAsync(folder))
            {
                Assert.Fail($"listed {child}");
            }
        });
    }

    [Fact]
    public async Task ListAsync_SeparatesPrefixWithAndWithoutSlash()
    {
        var store = CreateStore();
        await store.SetAsync("a/b/0.0", new byte[] { 1 });
        await store.SetAsync("a/bc", new byte[] { 2 });

        Assert.Equal(["a/b/0.0", "a/bc"], await ListAsync(store, "a/b"));
        Assert.Equal(["a/b/0.0"], await ListAsync(store, "a/b/"));
    }

    [Fact]
    public async Task ListAsync_IsEmptyForEmptyStore()
    {
        var store = CreateStore();

        Assert.Empty(await ListAsync(store, ""));
        Assert.Empty(await ListAsync(store, "a/"));
    }

    [Theory]
    [InlineData("/a")]
    [InlineData("a/")]
    [InlineData("")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/../b")]
    [InlineData("../a")]
    [InlineData("a/..")]
    [InlineData("a/./b")]
    [InlineData("a//b")]
    [InlineData("/")]
    [InlineData("a\\b")]
    [InlineData("\\a")]
    public async Task Operations_RejectInvalidKeys(string key)
    {
        var store = CreateStore();

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.GetAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.GetAsync(key, ByteRange.Suffix(1)));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.SetAsync(key, new byte[] { 1 }));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.DeleteAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.ExistsAsync(key));
        Assert.Empty(await ListAsync(store, ""));
    }

    [Fact]
    public async Task Operations_RejectNullKeys()
    {
        var store = CreateStore();

        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.GetAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.SetAsync(null!, new byte[] { 1 }));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await ListAsync(store, null!));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/a")]
    [InlineData("../")]
    [InlineData("../a")]
    [InlineData("a/../")]
    [InlineData("./")]
    [InlineData("a//")]
    [InlineData("a\\b/")]
    public async Task ListAsync_RejectsPrefixesNoKeyCanHave(string prefix)
    {
        var store = CreateStore();
        await store.SetAsync("a/b", new byte[] { 1 });

        // In particular, "../" must not list anything outside the store.
        await Assert.ThrowsAsync<ArgumentException>(async () => await ListAsync(store, prefix));
    }

    [Fact]
    public async Task SetAsync_ConcurrentWritersLeaveOneWholeValue()
    {
        var store = CreateStore();
        const int writers = 16;
        const int rounds = 10;

        // Different lengths, so a mix of two writers' bytes or a truncated value cannot pass.
        var values = Enumerable.Range(0, writers).Select(w => Bytes(40_000 + (w * 997), seed: 100 + w)).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var tasks = values.Select(v => Task.Run(async () =>
            {
                await start.Task;
                await store.SetAsync("contended/0.0", v);
            })).ToArray();
            start.SetResult();
            await Task.WhenAll(tasks);

            using var result = await store.GetAsync("contended/0.0");
            Assert.NotNull(result);
            Assert.Single(values, v => v.AsSpan().SequenceEqual(result.Span));
        }

        Assert.Equal(["contended/0.0"], await ListAsync(store, ""));
    }

    [Fact]
    public async Task GetAsync_NeverSeesTornValueDuringRewrites()
    {
        var store = CreateStore();
        byte[][] values = [Bytes(300_007, seed: 11), Bytes(100_003, seed: 12), Bytes(1, seed: 13)];
        await store.SetAsync("hot", values[0]);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int reads = 0;
        var writer = Task.Run(async () =>
        {
            for (int i = 0; i < 300; i++)
            {
                await store.SetAsync("hot", values[i % values.Length]);
            }
        });
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            // Read at least a few times even if the writer is quick.
            for (int i = 0; !writer.IsCompleted || i < 20; i++)
            {
                cts.Token.ThrowIfCancellationRequested();
                using var seen = await store.GetAsync("hot");
                Assert.NotNull(seen);
                Assert.Single(values, v => v.AsSpan().SequenceEqual(seen.Span));
                Interlocked.Increment(ref reads);
            }
        })).ToArray();

        await Task.WhenAll([writer, .. readers]);

        Assert.True(reads >= 80);
    }

    [Fact]
    public async Task Operations_HonourCancelledToken()
    {
        var store = CreateStore();
        var value = Bytes(1000, seed: 21);
        await store.SetAsync("c/full", value);
        await store.SetAsync("c/empty", ReadOnlyMemory<byte>.Empty);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.GetAsync("c/full", cancellationToken: cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.GetAsync("c/empty", cancellationToken: cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.GetAsync("c/missing", cancellationToken: cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.GetAsync("c/full", ByteRange.Suffix(10), cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SetAsync("c/full", Bytes(7, seed: 22), cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SetAsync("c/new", Bytes(7, seed: 23), cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.DeleteAsync("c/full", cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.ExistsAsync("c/full", cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ListAsync(store, "", cts.Token));

        // Nothing changed.
        await AssertValueAsync(store, "c/full", value);
        Assert.Equal(["c/empty", "c/full"], await ListAsync(store, ""));
    }

    [Fact]
    public async Task ListAsync_StopsWhenCancelledDuringEnumeration()
    {
        var store = CreateStore();
        for (int i = 0; i < 7; i++)
        {
            await store.SetAsync($"l/{i}", new byte[] { (byte)i });
        }

        using var cts = new CancellationTokenSource();
        int seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (string key in store.ListAsync("l/", cts.Token))
            {
                seen++;
                cts.Cancel();
            }
        });
        Assert.Equal(1, seen);
    }

    /// <summary>Seeded random bytes.</summary>
    protected static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Every key under <paramref name="prefix"/>, sorted.</summary>
    protected static async Task<string[]> ListAsync(IStore store, string prefix, CancellationToken cancellationToken = default)
    {
        var keys = new List<string>();
        await foreach (string key in store.ListAsync(prefix, cancellationToken))
        {
            keys.Add(key);
        }

        return [.. keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Asserts that <paramref name="key"/> holds exactly <paramref name="expected"/>.</summary>
    protected static async Task AssertValueAsync(IStore store, string key, byte[] expected)
    {
        using var value = await store.GetAsync(key);
        Assert.NotNull(value);
        Assert.Equal(expected.Length, value.Length);
        Assert.True(expected.AsSpan().SequenceEqual(value.Span), $"The value of '{key}' differs from what was written.");
    }
}
