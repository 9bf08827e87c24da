using System.Text.Json.Nodes;
using Tessera.DataTypes;
using Tessera.Shapes;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Storage.Tests.Interop;

/// <summary>
/// Zarr v2 arrays in zip archives against zarr-python's own <c>zarr.storage.ZipStore</c>, both ways:
/// zarr-python writes and Tessera reads every element; Tessera writes and zarr-python reads and compares.
/// </summary>
public sealed class ZarrPythonZipTests : IDisposable
{
    // zarr-python writes an array of seeded uint16 values (and their raw bytes beside it) into a ZipStore.
    private const string WriteScript = """
        import sys, zipfile, numpy as np, numcodecs, zarr
        zip_path, bin_path, array_path, separator, method = sys.argv[1:6]
        shape, chunks = (37, 50, 29), (16, 16, 10)
        data = np.random.default_rng(7).integers(0, 4096, size=shape).astype('<u2')
        data[5, :, :] += np.arange(50, dtype='<u2')[:, None]
        compression = zipfile.ZIP_DEFLATED if method == 'deflated' else zipfile.ZIP_STORED
        store = zarr.storage.ZipStore(zip_path, mode='w', dimension_separator=separator, compression=compression)
        root = zarr.group(store=store) if array_path else None
        z = zarr.create(shape=shape, chunks=chunks, dtype='<u2', compressor=numcodecs.Blosc('lz4', 5, numcodecs.Blosc.SHUFFLE),
                        store=store, path=array_path or None, fill_value=0)
        z[:] = data
        store.close()
        data.tofile(bin_path)
        """;

    // zarr-python opens Tessera's archive read-only and compares it with the expected raw bytes.
    private const string ReadScript = """
        import sys, zipfile, numpy as np, zarr
        zip_path, bin_path, shape = sys.argv[1], sys.argv[2], tuple(int(s) for s in sys.argv[3].split(','))
        methods = {i.compress_type for i in zipfile.ZipFile(zip_path).infolist()}
        store = zarr.storage.ZipStore(zip_path, mode='r')
        z = zarr.open_array(store=store, mode='r')
        expected = np.fromfile(bin_path, dtype='<u2').reshape(shape)
        problems = []
        if methods != {zipfile.ZIP_STORED}: problems.append(f'compression methods {methods}')
        if z.dtype != np.dtype('<u2') or z.shape != shape: problems.append(f'dtype {z.dtype} shape {z.shape}')
        elif not np.array_equal(z[:], expected): problems.append('values differ')
        if sorted(store.keys()) != sorted(k for k in store.keys() if k == '.zarray' or k[0].isdigit()): problems.append(f'keys {sorted(store.keys())}')
        store.close()
        print('; '.join(problems) or 'ok')
        """;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("", ".", "stored")] // zarr-python's default
    [InlineData("volumes/raw", "/", "stored")]
    [InlineData("", ".", "deflated")]
    public async Task ZarrArray_ReadsZipWrittenByZarrPython(string arrayPath, string separator, string method)
    {
        string zipPath = _directory.Combine("python.zip");
        string binPath = _directory.Combine("python.bin");
        ReferencePython.Run(WriteScript, zipPath, binPath, arrayPath, separator, method);

        using var store = new ZipStore(zipPath);
        var array = await ZarrArray.OpenAsync(store, arrayPath);

        Assert.Equal(DataType.Parse("<u2"), array.DataType);
        Assert.Equal([37L, 50, 29], array.Shape.ToArray());
        Assert.Equal([16, 16, 10], array.ChunkShape.ToArray());
        Assert.Equal(separator[0], array.V2Metadata!.DimensionSeparator);
        byte[] expected = File.ReadAllBytes(binPath);
        var actual = new byte[expected.Length];
        await array.ReadRegionAsync([0, 0, 0], [37, 50, 29], actual);
        Assert.Null(InteropData.Compare(array.DataType, expected, actual));

        // A region across chunk edges, from the middle of the archive.
        var part = new byte[3 * 20 * 7 * 2];
        await array.ReadRegionAsync([15, 14, 9], [3, 20, 7], part);
        for (int z = 0; z < 3; z++)
        {
            for (int y = 0; y < 20; y++)
            {
                int from = ((((15 + z) * 50) + 14 + y) * 29 + 9) * 2;
                Assert.Equal(expected.AsSpan(from, 14).ToArray(), part.AsSpan(((z * 20) + y) * 14, 14).ToArray());
            }
        }
    }

    [Fact]
    public async Task ZipStore_ReadsZip64ArchiveWrittenByPython()
    {
        // More than 65535 entries makes Python's zipfile write the Zip64 end records.
        string zipPath = _directory.Combine("zip64.zip");
        ReferencePython.Run(
            """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], 'w') as z:
                for i in range(70001):
                    z.writestr(f'c/{i // 1000}/{i % 1000}', str(i))
            """,
            zipPath);

        using var store = new ZipStore(zipPath);

        var keys = new List<string>();
        await foreach (string key in store.ListAsync("c/69/"))
        {
            keys.Add(key);
        }

        Assert.Equal(1000, keys.Count);
        var children = new List<string>();
        await foreach (string child in store.ListChildrenAsync("c"))
        {
            children.Add(child);
        }

        Assert.Equal(71, children.Count);
        foreach (int i in new[] { 0, 1, 65535, 65536, 70000 })
        {
            using var value = await store.GetAsync($"c/{i / 1000}/{i % 1000}");
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Text.Encoding.ASCII.GetString(value!.Span));
        }
    }

    [Fact]
    public async Task ZarrPython_ReadsZipWrittenByTessera()
    {
        string zipPath = _directory.Combine("tessera.zip");
        string binPath = _directory.Combine("tessera.bin");
        long[] shape = [23, 41, 17];
        var type = DataType.Parse("<u2");
        var metadata = new ZarrV2Metadata
        {
            Shape = shape,
            Chunks = [8, 16, 17],
            DataType = type,
            Compressor = new JsonObject { ["id"] = "blosc", ["cname"] = "lz4", ["clevel"] = 5, ["shuffle"] = 1, ["blocksize"] = 0 },
            FillValue = FillValue.Zero(type),
        };
        byte[] data = InteropData.Make(type, ShapeMath.Product(shape), seed: 3);

        await using (var store = new ZipStore(zipPath, ZipStoreMode.Create))
        {
            var array = await ZarrArray.CreateAsync(store, "", metadata);
            await array.WriteRegionAsync([0, 0, 0], [23, 41, 17], data);
            Assert.False(File.Exists(zipPath)); // Nothing is written before the commit.
        }

        File.WriteAllBytes(binPath, data);

        Assert.Equal("ok", ReferencePython.Run(ReadScript, zipPath, binPath, "23,41,17").Trim());
    }
}
