namespace Tessera.Storage.Tests.Codecs.Blosc;

/// <summary>The matrices of Blosc frames exchanged with numcodecs.</summary>
internal static class BloscReferenceCases
{
    // Item counts: below Blosc's 128-byte minimum for small types (a plain copy), one block, many
    // blocks with a short last one at level 1 (small automatic blocks), and many blocks of an
    // explicit size (which c-blosc enlarges for split blocks, hence more than 64 KiB of data).
    private const int Tiny = 37;
    private const int OneBlock = 1000;
    private const int ManyBlocks = 100_003;
    private const int ExplicitBlocks = 70_001;
    private const int ExplicitBlockSize = 12_000;

    private static readonly int[] s_shuffles = [0, 1, 2];

    /// <summary>Frames numcodecs writes for Tessera to decode: every compressor, filter and several type sizes.</summary>
    public static IReadOnlyList<BloscReferenceCase> NumcodecsWritten { get; } = MakeNumcodecsWritten();

    /// <summary>
    /// Frames Tessera writes for numcodecs to decode: the encodable compressors and Tessera's item
    /// sizes. (No empty buffer: numcodecs 0.11 fails to decode even its own empty frames.)
    /// </summary>
    public static IReadOnlyList<BloscReferenceCase> TesseraWritten { get; } = MakeTesseraWritten();

    private static List<BloscReferenceCase> MakeNumcodecsWritten()
    {
        var cases = new List<BloscReferenceCase>();
        foreach (string cname in new[] { "blosclz", "lz4", "lz4hc", "zlib", "zstd" })
        {
            foreach (int shuffle in s_shuffles)
            {
                foreach (int typeSize in new[] { 1, 2, 3, 4, 7, 8 })
                {
                    cases.Add(new(cname, shuffle, typeSize, Tiny, 5, 0));
                    cases.Add(new(cname, shuffle, typeSize, OneBlock, 5, 0));
                    cases.Add(new(cname, shuffle, typeSize, ManyBlocks, 1, 0));
                    cases.Add(new(cname, shuffle, typeSize, ExplicitBlocks, 5, ExplicitBlockSize));
                }
            }

            // Level 0 (a plain copy) and level 9 (the largest blocks).
            cases.Add(new(cname, 1, 2, OneBlock, 0, 0));
            cases.Add(new(cname, 2, 2, ManyBlocks, 9, 0));
        }

        // Types at and beyond the 16-byte split limit, and an odd one.
        foreach (string cname in new[] { "blosclz", "lz4", "zstd" })
        {
            foreach (int shuffle in s_shuffles)
            {
                foreach (int typeSize in new[] { 13, 16, 17 })
                {
                    cases.Add(new(cname, shuffle, typeSize, OneBlock, 5, 0));
                    cases.Add(new(cname, shuffle, typeSize, 40_009, 1, 0));
                }
            }
        }

        cases.Add(new("lz4", -1, 1, OneBlock, 5, 0));
        cases.Add(new("lz4", -1, 2, OneBlock, 5, 0));
        cases.Add(new("lz4", 1, 2, 0, 5, 0));
        return cases;
    }

    private static List<BloscReferenceCase> MakeTesseraWritten()
    {
        var cases = new List<BloscReferenceCase>();
        foreach (string cname in new[] { "lz4", "lz4hc", "zlib", "zstd" })
        {
            foreach (int shuffle in new[] { -1, 0, 1, 2 })
            {
                foreach (int typeSize in new[] { 1, 2, 4, 8 })
                {
                    cases.Add(new(cname, shuffle, typeSize, Tiny, 5, 0));
                    cases.Add(new(cname, shuffle, typeSize, OneBlock, 5, 0));
                    cases.Add(new(cname, shuffle, typeSize, ManyBlocks, 1, 0));
                    cases.Add(new(cname, shuffle, typeSize, ExplicitBlocks, 5, ExplicitBlockSize));
                }
            }

            cases.Add(new(cname, 1, 2, OneBlock, 0, 0));
            cases.Add(new(cname, 2, 4, ManyBlocks, 9, 0));
        }

        return cases;
    }
}
