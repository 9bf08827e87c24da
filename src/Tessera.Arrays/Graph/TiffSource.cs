using System.Text.Json.Nodes;
using Tessera.Buffers;
using Tessera.Tiff;

namespace Tessera.Arrays.Graph;

/// <summary>
/// A TIFF file (plain stack, ImageJ hyperstack or OME-TIFF, multi-file sets included) as a 5-D (c, t, z, y, x) source
/// chunked one volume per block (1, 1, Z, Y, X). A region decodes only the pages of its z range, then crops y and x.
/// The <see cref="TiffStack"/> is opened once and shared by every read (its files pool their handles, so concurrent
/// blocks do not contend); it stays open for the life of the array.
/// </summary>
internal sealed class TiffSource : LazyArray
{
    private readonly string _path;

    public TiffSource(string path, TiffStack stack)
        : base(Array.ConvertAll(stack.Shape, s => (long)s), stack.DataType, [1, 1, stack.Shape[2], stack.Shape[3], stack.Shape[4]], [])
    {
        _path = path;
        Stack = stack;
    }

    public TiffStack Stack { get; }

    public override string NodeKind => "tiff";

    // The stored type and shape too: a plan (and a resume record) must not match another file written at the same path.
    internal override JsonObject Describe() => new()
    {
        ["node"] = NodeKind,
        ["path"] = _path,
        ["stored"] = new JsonObject
        {
            ["dtype"] = Stack.DataType.TypeString,
            ["shape"] = new JsonArray(Stack.Shape.Select(s => (JsonNode)s).ToArray()),
        },
    };

    internal override ValueTask<INDBuffer> ReadRegionAsync(long[] origin, int[] shape, RegionContext context) =>
        ValueTask.FromResult(TiffRegion.ReadVolumes(DataType, shape, context.CancellationToken, (c, t, volume) => TiffRegion.Read(
            Stack, (int)origin[0] + c, (int)origin[1] + t, (int)origin[2], shape[2], (int)origin[3], shape[3], (int)origin[4], shape[4], volume, context.CancellationToken)));

    // The region, one plane of scratch for a cropped window, and LibTiff.NET's strip buffer (at most a plane).
    internal override long RegionWorkingSet(int[] shape) => RegionBytes(shape) + (2 * Stack.PlaneByteCount);
}
