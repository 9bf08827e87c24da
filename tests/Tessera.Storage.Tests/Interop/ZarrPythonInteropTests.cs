using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.DataTypes;
using Tessera.Shapes;
using Tessera.Stores;
using Tessera.Zarr;

namespace Tessera.Storage.Tests.Interop;

/// <summary>
/// Zarr v2 interoperability against zarr-python itself (Debian's python3-zarr), in both directions:
/// zarr-python writes and Tessera reads every element; Tessera writes and zarr-python reads and compares.
/// </summary>
public sealed class ZarrPythonInteropTests : IClassFixture<ZarrPythonInteropTests.Fixture>
{
    private readonly Fixture _fixture;

    public ZarrPythonInteropTests(Fixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<string> ReadCases() => [.. ZarrInteropCases.All(ZarrInteropCases.DecodableCompressors()).Select(c => c.Name)];

    public static TheoryData<string> WriteCases() => [.. ZarrInteropCases.All(ZarrInteropCases.EncodableCompressors()).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(ReadCases))]
    public async Task ZarrArray_ReadsWhatZarrPythonWrote(string name)
    {
        var spec = ZarrInteropCases.All(ZarrInteropCases.DecodableCompressors()).Single(c => c.Name == name);
        var array = await ZarrArray.OpenAsync(Path.Combine(_fixture.PythonWritten.Path, name + ".zarr"));

        Assert.Equal(DataType.Parse(spec.DataType), array.DataType);
        Assert.Equal(spec.Shape, array.Shape.ToArray());
        Assert.Equal(spec.Chunks, array.ChunkShape.ToArray());
        Assert.Equal(spec.Order == "F" ? MemoryOrder.F : MemoryOrder.C, array.V2Metadata!.Order);

        var actual = new byte[ShapeMath.Product(spec.Shape) * array.DataType.ItemSize];
        await array.ReadRegionAsync(new long[spec.Shape.Length], Array.ConvertAll(spec.Shape, s => (int)s), actual);
        byte[] expected = File.ReadAllBytes(Path.Combine(_fixture.PythonWritten.Path, name + ".bin"));
        Assert.Null(InteropData.Compare(array.DataType, expected, actual));
    }

    [Theory]
    [MemberData(nameof(WriteCases))]
    public void ZarrPython_ReadsWhatTesseraWrote(string name)
    {
        Assert.True(_fixture.PythonVerdicts.TryGetValue(name, out string? verdict), $"zarr-python gave no verdict for {name}");
        Assert.Equal("ok", verdict);
    }

    /// <summary>Runs zarr-python once per direction for all cases.</summary>
    public sealed class Fixture : IDisposable
    {
        public Fixture()
        {
            var readCases = ZarrInteropCases.All(ZarrInteropCases.DecodableCompressors());
            string readManifest = PythonWritten.Combine("cases.json");
            File.WriteAllText(readManifest, new JsonArray([.. readCases.Select(c => (JsonNode)c.ToJson())]).ToJsonString());
            ReferencePython.RunFile("zarr_write_cases.py", PythonWritten.Path, readManifest);

            var writeCases = ZarrInteropCases.All(ZarrInteropCases.EncodableCompressors());
            for (int i = 0; i < writeCases.Count; i++)
            {
                WriteWithTesseraAsync(writeCases[i], seed: i).GetAwaiter().GetResult();
            }

            string writeManifest = TesseraWritten.Combine("cases.json");
            File.WriteAllText(writeManifest, new JsonArray([.. writeCases.Select(c => (JsonNode)c.ToJson())]).ToJsonString());
            string output = ReferencePython.RunFile("zarr_read_cases.py", TesseraWritten.Path, writeManifest);
            PythonVerdicts = JsonSerializer.Deserialize<Dictionary<string, string>>(output)!;
        }

        public TempDirectory PythonWritten { get; } = new();

        public TempDirectory TesseraWritten { get; } = new();

        public IReadOnlyDictionary<string, string> PythonVerdicts { get; }

        public void Dispose()
        {
            PythonWritten.Dispose();
            TesseraWritten.Dispose();
        }

        private async Task WriteWithTesseraAsync(ZarrInteropCase spec, int seed)
        {
            var type = DataType.Parse(spec.DataType);
            var metadata = new ZarrV2Metadata
            {
                Shape = spec.Shape,
                Chunks = spec.Chunks,
                DataType = type,
                Compressor = spec.Compressor,
                FillValue = FillValue.Parse(spec.FillValue ?? (type.IsFloatingPoint ? 0.0 : type.Kind == DataTypeKind.Bool ? false : 0), type),
                Order = spec.Order == "F" ? MemoryOrder.F : MemoryOrder.C,
                DimensionSeparator = spec.Separator[0],
            };
            var store = new FileSystemStore(TesseraWritten.Combine(spec.Name + ".zarr"));
            var array = await ZarrArray.CreateAsync(store, "", metadata);

            long count = ShapeMath.Product(spec.Shape);
            byte[] data = InteropData.Make(type, count, seed);
            int[] shape = Array.ConvertAll(spec.Shape, s => (int)s);
            byte[] expected = new byte[data.Length];
            metadata.FillValue.FillBytes(expected);
            if (spec.WrittenRows is { } rows)
            {
                // Write only the leading rows; the rest stays unwritten and must read as the fill value.
                if (rows > 0)
                {
                    int rowBytes = (int)(count / spec.Shape[0]) * type.ItemSize;
                    int[] part = [(int)rows, .. shape[1..]];
                    await array.WriteRegionAsync(new long[shape.Length], part, data.AsMemory(0, (int)rows * rowBytes));
                    data.AsSpan(0, (int)rows * rowBytes).CopyTo(expected);
                }
            }
            else
            {
                // Two overlapping-chunk halves exercise read-modify-write of chunks the regions share.
                int half = shape[0] / 2;
                int rowBytes = (int)(count / spec.Shape[0]) * type.ItemSize;
                if (half > 0)
                {
                    await array.WriteRegionAsync(new long[shape.Length], [half, .. shape[1..]], data.AsMemory(0, half * rowBytes));
                }

                long[] origin = new long[shape.Length];
                origin[0] = half;
                await array.WriteRegionAsync(origin, [shape[0] - half, .. shape[1..]], data.AsMemory(half * rowBytes));
                data.CopyTo(expected);
            }

            File.WriteAllBytes(TesseraWritten.Combine(spec.Name + ".bin"), expected);
        }
    }
}
