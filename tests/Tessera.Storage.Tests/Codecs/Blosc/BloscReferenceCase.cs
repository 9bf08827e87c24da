using System.Text.Json.Nodes;

namespace Tessera.Storage.Tests.Codecs.Blosc;

/// <summary>One Blosc frame to exchange with numcodecs: its parameters and the data it holds.</summary>
/// <param name="Cname">numcodecs' compressor name.</param>
/// <param name="Shuffle">numcodecs' shuffle: -1 auto, 0 none, 1 byte, 2 bit.</param>
/// <param name="TypeSize">Bytes per item.</param>
/// <param name="Items">Number of items of seeded data.</param>
/// <param name="Clevel">Compression level 0-9.</param>
/// <param name="Blocksize">numcodecs' blocksize; 0 for automatic.</param>
internal sealed record BloscReferenceCase(string Cname, int Shuffle, int TypeSize, int Items, int Clevel, int Blocksize)
{
    public string Name => $"{Cname}-{ShuffleName}-t{TypeSize}-n{Items}-c{Clevel}-b{Blocksize}";

    /// <summary>The file, shared by cases with the same data, that holds the decoded bytes.</summary>
    public string RawFileName => $"raw-{TypeSize}-{Items}.bin";

    public string FrameFileName => Name + ".blosc";

    private string ShuffleName => Shuffle switch
    {
        -1 => "auto",
        0 => "noshuffle",
        1 => "byteshuffle",
        _ => "bitshuffle",
    };

    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["cname"] = Cname,
        ["shuffle"] = Shuffle,
        ["typeSize"] = TypeSize,
        ["items"] = Items,
        ["clevel"] = Clevel,
        ["blocksize"] = Blocksize,
        ["raw"] = RawFileName,
        ["frame"] = FrameFileName,
    };
}
