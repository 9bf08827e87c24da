namespace Tessera.Cli.Samples;

/// <summary>A preset of <c>tessera sample</c>: the array shape (channel, time, z, y, x) and how many blobs each channel has.</summary>
/// <param name="Name">The <c>--size</c> value.</param>
/// <param name="Shape">(channel, time, z, y, x).</param>
/// <param name="BlobsPerChannel">The number of bright objects per channel.</param>
internal sealed record SampleSize(string Name, long[] Shape, int BlobsPerChannel)
{
    /// <summary>(2, 3, 32, 128, 128): 6 MiB, for tests and a first look.</summary>
    public static SampleSize Small { get; } = new("small", [2, 3, 32, 128, 128], 80);

    /// <summary>(2, 4, 64, 256, 256): 64 MiB, the shape of the reference workload W2 (DESIGN.md).</summary>
    public static SampleSize Medium { get; } = new("medium", [2, 4, 64, 256, 256], 640);

    /// <summary>The accepted <c>--size</c> values.</summary>
    public static string[] Names => [Small.Name, Medium.Name];

    /// <summary>The preset called <paramref name="name"/>.</summary>
    public static SampleSize Parse(string name) => name switch
    {
        "small" => Small,
        "medium" => Medium,
        _ => throw new UsageException($"Unknown --size '{name}'; use one of {string.Join(", ", Names)}."),
    };

    /// <summary>The shape of one volume (z, y, x), which is also the chunk shape without its leading ones.</summary>
    public int[] VolumeShape => [(int)Shape[2], (int)Shape[3], (int)Shape[4]];
}
