using System.Text.Json;

namespace Tessera.Storage.Tests.Tiff;

/// <summary>
/// Writes every (dtype, layout) case once: tifffile writes a 3-page stack (uncompressed and zlib), tiffcp converts it
/// to each variant (LZW, Deflate, PackBits, predictors, tiles, BigTIFF, big-endian), and tifffile reads each file back
/// (decompressed by libtiff's tiffcp, as imagecodecs is not installed) into a little-endian <c>.bin</c> reference.
/// </summary>
public sealed class TiffCaseFixture : IDisposable
{
    public const int Pages = 3;
    public const int Height = 37;
    public const int Width = 45;

    public static readonly string[] DataTypes = ["uint8", "uint16", "int16", "int32", "uint32", "float32", "uint64", "float64"];

    /// <summary>Variant name → tiffcp arguments (null: written by tifffile itself).</summary>
    public static readonly (string Name, string? Args, bool FloatOnly)[] Variants =
    [
        ("tifffile", null, false),
        ("tifffile-zlib", null, false),
        ("none", "-c none", false),
        ("strips5-none", "-r 5 -c none", false),
        ("bigtiff-none", "-8 -c none", false),
        ("lzw", "-c lzw", false),
        ("lzw-pred2", "-c lzw:2", false),
        ("zip", "-c zip", false),
        ("zip-pred2", "-c zip:2", false),
        ("packbits", "-c packbits", false),
        ("strips5-packbits", "-r 5 -c packbits", false),
        ("tiles", "-t -w 16 -l 16", false),
        ("tiles-zip-pred2", "-t -w 16 -l 16 -c zip:2", false),
        ("tiles-lzw", "-t -w 32 -l 16 -c lzw", false),
        ("bigtiff-lzw-pred2", "-8 -c lzw:2", false),
        ("bigendian-zip-pred2", "-B -c zip:2", false),
        ("bigendian-none", "-B -c none", false),
        ("bigendian-strips7-none", "-B -r 7 -c none", false),
        ("bigendian-tiles-lzw", "-B -t -w 16 -l 16 -c lzw", false),
        ("bigendian-tiles-packbits", "-B -t -w 16 -l 32 -c packbits", false),
        ("bigtiff-tiles-packbits", "-8 -t -w 16 -l 32 -c packbits", false),
        ("bigtiff-tiles-zip", "-8 -t -w 32 -l 32 -c zip", false),
        ("zip-pred3", "-c zip:3", true),
        ("lzw-pred3", "-c lzw:3", true),
        ("tiles-zip-pred3", "-t -w 16 -l 16 -c zip:3", true),
    ];

    private const string Script = """
        import json, subprocess, sys
        import numpy as np, tifffile
        out, variants = sys.argv[1], json.loads(sys.argv[2])
        rng = np.random.default_rng(42)
        P, H, W = 3, 37, 45
        cases = {}
        for dt in ['uint8', 'uint16', 'int16', 'int32', 'uint32', 'float32', 'uint64', 'float64']:
            d = np.dtype(dt)
            if d.kind == 'f':
                a = (rng.standard_normal((P, H, W)) * 1000).astype(d)
            else:
                i = np.iinfo(d)
                a = rng.integers(i.min, i.max, (P, H, W), dtype=d, endpoint=True)
            base = f'{out}/{dt}-tifffile.tif'
            tifffile.imwrite(base, a, photometric='minisblack')
            for name, args, float_only in variants:
                if float_only and d.kind != 'f':
                    continue
                path = f'{out}/{dt}-{name}.tif'
                if name == 'tifffile-zlib':
                    tifffile.imwrite(path, a, photometric='minisblack', compression='zlib')
                elif args is not None:
                    subprocess.run(['tiffcp', *args.split(), base, path], check=True)
                # tifffile decodes LZW, PackBits and predictors only with imagecodecs (not installed): let libtiff
                # undo the compression, then tifffile reads the values.
                plain = path + '.plain.tif'
                subprocess.run(['tiffcp', '-c', 'none', path, plain], check=True)
                b = tifffile.imread(plain)
                with tifffile.TiffFile(path) as t:
                    p = t.pages[0]
                    info = dict(compression=int(p.compression), predictor=int(p.predictor), tiled=bool(p.is_tiled),
                                bigendian=t.byteorder == '>', bigtiff=bool(t.is_bigtiff), pages=len(t.pages))
                assert b.shape == (P, H, W), (path, b.shape)
                assert np.array_equal(b, a), path
                b.astype(b.dtype.newbyteorder('<')).tofile(path + '.bin')
                cases[f'{dt}/{name}'] = info
        print(json.dumps(cases))
        """;

    private readonly TempDirectory _dir = new();

    public TiffCaseFixture()
    {
        string variants = JsonSerializer.Serialize(Variants.Select(v => new object?[] { v.Name, v.Args, v.FloatOnly }));
        string json;
        try
        {
            json = ReferencePython.Run(Script, _dir.Path, variants);
        }
        catch
        {
            _dir.Dispose();
            throw;
        }

        Cases = JsonSerializer.Deserialize<Dictionary<string, CaseInfo>>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    public IReadOnlyDictionary<string, CaseInfo> Cases { get; }

    /// <summary>Every (dtype, variant) Tessera reads.</summary>
    public static IEnumerable<object[]> All() =>
        from dt in DataTypes
        from v in Variants
        where (!v.FloatOnly || dt.StartsWith("float", StringComparison.Ordinal)) && !IsRefused(dt, v.Name)
        select new object[] { dt, v.Name };

    /// <summary>The cases Tessera refuses: LibTiff.NET cannot undo predictor 2 on 64-bit samples (libtiff can).</summary>
    public static IEnumerable<object[]> Refused() =>
        from dt in DataTypes
        from v in Variants
        where IsRefused(dt, v.Name)
        select new object[] { dt, v.Name };

    private static bool IsRefused(string dataType, string variant) => dataType.EndsWith("64", StringComparison.Ordinal) && variant.EndsWith("pred2", StringComparison.Ordinal);

    public string PathOf(string dataType, string variant) => _dir.Combine($"{dataType}-{variant}.tif");

    public void Dispose() => _dir.Dispose();

    public sealed record CaseInfo(int Compression, int Predictor, bool Tiled, bool BigEndian, bool BigTiff, int Pages);
}
