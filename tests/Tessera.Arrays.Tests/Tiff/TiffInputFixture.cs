using System.Runtime.InteropServices;
using System.Text.Json;
using Tessera.Buffers;

namespace Tessera.Arrays.Tests.Tiff;

/// <summary>
/// Writes the TIFF inputs once with tifffile (Debian's, no imagecodecs): a plain stack, an ImageJ hyperstack (TZCYX), a
/// two-channel OME-TIFF, a zlib stack with one corrupted page, and pattern series folders (complete, with a file
/// missing, with a wrong shape, with a wrong type, with two wrong files). For each, tifffile's own array, transposed to (c, t, z, y, x), is
/// saved as little-endian <c>.bin</c> beside it.
/// </summary>
public sealed class TiffInputFixture : IDisposable
{
    private const string Script = """
        import json, os, sys
        import numpy as np, tifffile
        out = sys.argv[1]
        rng = np.random.default_rng(7)
        info = {}
        def save(name, ctzyx):
            ctzyx.astype(ctzyx.dtype.newbyteorder('<')).tofile(f'{out}/{name}.bin')
            info[name] = dict(shape=list(ctzyx.shape), dtype=str(ctzyx.dtype))

        a = rng.integers(0, 60000, (7, 33, 41), dtype=np.uint16)
        tifffile.imwrite(f'{out}/stack.tif', a, photometric='minisblack')
        save('stack', tifffile.imread(f'{out}/stack.tif').reshape(1, 1, 7, 33, 41))

        h = (rng.standard_normal((3, 5, 2, 17, 19)) * 100).astype(np.float32)
        tifffile.imwrite(f'{out}/hyper.tif', h, imagej=True, resolution=(1 / 0.25, 1 / 0.25),
                         metadata={'axes': 'TZCYX', 'spacing': 0.5, 'unit': 'um'})
        with tifffile.TiffFile(f'{out}/hyper.tif') as t:
            assert t.series[0].axes == 'TZCYX', t.series[0].axes
            save('hyper', t.asarray().transpose(2, 0, 1, 3, 4))

        o = rng.integers(-3000, 3000, (2, 6, 23, 29), dtype=np.int16)
        tifffile.imwrite(f'{out}/two.ome.tif', o, photometric='minisblack',
                         metadata={'axes': 'CZYX', 'PhysicalSizeX': 0.2, 'PhysicalSizeY': 0.2, 'PhysicalSizeZ': 1.5,
                                   'Channel': {'Name': ['DAPI', 'GFP']}})
        with tifffile.TiffFile(f'{out}/two.ome.tif') as t:
            assert t.is_ome and t.series[0].axes == 'CZYX', t.series[0].axes
            save('two', t.asarray().reshape(2, 1, 6, 23, 29))

        z = rng.integers(0, 1000, (8, 16, 20), dtype=np.uint16)
        tifffile.imwrite(f'{out}/broken.tif', z, photometric='minisblack', compression='zlib')
        with tifffile.TiffFile(f'{out}/broken.tif') as t:
            p = t.pages[5]
            offset, count = p.dataoffsets[0], p.databytecounts[0]
        with open(f'{out}/broken.tif', 'r+b') as f:
            f.seek(offset)
            f.write(bytes([0xFF]) * count)
        save('broken', z.reshape(1, 1, 8, 16, 20))

        def series(folder, C, T, shape=(5, 12, 14), dtype=np.uint16, name='ch{c}_t{t:03}.tif'):
            os.makedirs(f'{out}/{folder}')
            data = rng.integers(0, 4000, (C, T) + shape).astype(dtype)
            for c in range(C):
                for t in range(T):
                    tifffile.imwrite(f'{out}/{folder}/' + name.format(c=c, t=t), data[c, t], photometric='minisblack')
            return data

        s = series('series', 2, 4)
        with open(f'{out}/series/notes.txt', 'w') as f:
            f.write('not a tiff')
        save('series', np.stack([[tifffile.imread(f'{out}/series/ch{c}_t{t:03}.tif') for t in range(4)] for c in range(2)]))

        os.makedirs(f'{out}/times')
        v = rng.integers(0, 255, (3, 4, 9, 10), dtype=np.uint8)
        for t in range(3):
            tifffile.imwrite(f'{out}/times/t{t + 1}.tif', v[t], imagej=True, resolution=(1 / 0.3, 1 / 0.3),
                             metadata={'axes': 'ZYX', 'spacing': 2.0, 'unit': 'um'})
        save('times', v.reshape(1, 3, 4, 9, 10))

        series('missing', 2, 10)
        os.remove(f'{out}/missing/ch1_t007.tif')
        series('badshape', 2, 3)
        tifffile.imwrite(f'{out}/badshape/ch1_t001.tif', np.zeros((6, 12, 14), np.uint16), photometric='minisblack')
        series('badtype', 1, 3)
        tifffile.imwrite(f'{out}/badtype/ch0_t002.tif', np.zeros((5, 12, 14), np.float32), photometric='minisblack')
        series('twobad', 2, 12)
        tifffile.imwrite(f'{out}/twobad/ch0_t009.tif', np.zeros((4, 12, 14), np.uint16), photometric='minisblack')
        tifffile.imwrite(f'{out}/twobad/ch1_t002.tif', np.zeros((5, 12, 14), np.int16), photometric='minisblack')
        print(json.dumps(info))
        """;

    private readonly TempDirectory _dir = new();

    public TiffInputFixture()
    {
        string json;
        try
        {
            json = ReferencePython.Run(Script, _dir.Path);
        }
        catch
        {
            _dir.Dispose();
            throw;
        }

        Info = JsonSerializer.Deserialize<Dictionary<string, CaseInfo>>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    public IReadOnlyDictionary<string, CaseInfo> Info { get; }

    public string Combine(params string[] parts) => _dir.Combine(parts);

    /// <summary>tifffile's array of case <paramref name="name"/>, (c, t, z, y, x), as little-endian bytes.</summary>
    public byte[] Expected(string name) => File.ReadAllBytes(_dir.Combine(name + ".bin"));

    public void Dispose() => _dir.Dispose();

    /// <summary>Computes <paramref name="array"/> whole and returns its bytes.</summary>
    public static async Task<byte[]> ComputeBytesAsync(LazyArray array)
    {
        return array.DataType.Name switch
        {
            "uint8" => Bytes(await array.ComputeAsync<byte>()),
            "uint16" => Bytes(await array.ComputeAsync<ushort>()),
            "int16" => Bytes(await array.ComputeAsync<short>()),
            "float32" => Bytes(await array.ComputeAsync<float>()),
            string other => throw new NotSupportedException(other),
        };

        static byte[] Bytes<T>(NDBuffer<T> buffer)
            where T : unmanaged
        {
            using (buffer)
            {
                return MemoryMarshal.AsBytes(buffer.Span).ToArray();
            }
        }
    }

    public sealed record CaseInfo(int[] Shape, string Dtype);
}
