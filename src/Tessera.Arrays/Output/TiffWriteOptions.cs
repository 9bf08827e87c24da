using Tessera.Arrays.Scheduling;
using Tessera.Tiff.Writing;

namespace Tessera.Arrays.Output;

/// <summary>How a lazy array is written to a multi-page TIFF with <see cref="LazyArray.WriteTiffAsync"/>.</summary>
public sealed record TiffWriteOptions : ComputeOptions
{
    /// <summary>Whether page 0 carries OME-XML (axes, sizes, type, physical sizes, channel names). Default true; false writes a plain stack.</summary>
    public bool Ome { get; init; } = true;

    /// <summary>The pixel width in <see cref="Unit"/>s; null leaves it out.</summary>
    public double? PhysicalSizeX { get; init; }

    /// <summary>The pixel height in <see cref="Unit"/>s; null leaves it out.</summary>
    public double? PhysicalSizeY { get; init; }

    /// <summary>The plane spacing in <see cref="Unit"/>s; null leaves it out.</summary>
    public double? PhysicalSizeZ { get; init; }

    /// <summary>The length unit as an OME-NGFF name (<c>micrometer</c>, <c>nanometer</c>, ...). Default <c>micrometer</c>.</summary>
    public string Unit { get; init; } = "micrometer";

    /// <summary>One name per channel (the array's size along c); null names none.</summary>
    public IReadOnlyList<string>? ChannelNames { get; init; }

    /// <summary>The OME image name; null uses the file name.</summary>
    public string? ImageName { get; init; }

    /// <summary>The compression of every page. Default <see cref="TiffCompression.None"/>.</summary>
    public TiffCompression Compression { get; init; } = TiffCompression.None;

    /// <summary>Classic TIFF or BigTIFF. Default <see cref="TiffBigTiffMode.Auto"/> (BigTIFF when the file may exceed 4 GiB).</summary>
    public TiffBigTiffMode BigTiff { get; init; } = TiffBigTiffMode.Auto;
}
