using System.Runtime.Intrinsics.X86;
using Tessera.Codecs.Blosc;

namespace Tessera.Storage.Tests.Codecs.Blosc;

/// <summary>Every bit-shuffle kernel against a naive, bit-by-bit reference.</summary>
public sealed class BitShuffleTests
{
    public static TheoryData<int> PlaneLengths() => [0, 8, 64, 120, 128, 136, 256, 264, 1024, 8 * 193, 8 * 1000, 65536];

    public static TheoryData<int, int> BlockCases()
    {
        var data = new TheoryData<int, int>();
        foreach (int typeSize in new[] { 1, 2, 3, 4, 7, 8, 16 })
        {
            // Item counts that are and are not multiples of 8, plus trailing bytes.
            var lengths = new SortedSet<int>();
            foreach (int items in new[] { 0, 1, 8, 15, 16, 256, 257, 1000, 4096 })
            {
                lengths.Add(items * typeSize);
                lengths.Add((items * typeSize) + (typeSize - 1));
            }

            foreach (int length in lengths)
            {
                data.Add(typeSize, length);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PlaneLengths))]
    public void ToBitPlanes_EveryKernelMatchesReference(int length)
    {
        byte[] bytes = BloscTestData.RandomBytes(length, seed: length + 1);
        byte[] expected = ReferenceBitShuffle(1, bytes);

        AssertKernel(expected, d => BitShuffle.ToBitPlanesScalar(bytes, d));
        AssertKernel(expected, d => BitShuffle.ToBitPlanes(bytes, d));
        if (Ssse3.IsSupported)
        {
            AssertKernel(expected, d => BitShuffle.ToBitPlanesSsse3(bytes, d));
        }

        if (Avx2.IsSupported)
        {
            AssertKernel(expected, d => BitShuffle.ToBitPlanesAvx2(bytes, d));
        }
    }

    [Theory]
    [MemberData(nameof(PlaneLengths))]
    public void FromBitPlanes_EveryKernelMatchesReference(int length)
    {
        byte[] planes = BloscTestData.RandomBytes(length, seed: length + 2);
        byte[] expected = ReferenceBitUnshuffle(1, planes);

        AssertKernel(expected, d => BitShuffle.FromBitPlanesScalar(planes, d));
        AssertKernel(expected, d => BitShuffle.FromBitPlanes(planes, d));
        if (Sse2.IsSupported)
        {
            AssertKernel(expected, d => BitShuffle.FromBitPlanesSse2(planes, d));
        }

        if (Avx2.IsSupported)
        {
            AssertKernel(expected, d => BitShuffle.FromBitPlanesAvx2(planes, d));
        }
    }

    [Theory]
    [MemberData(nameof(BlockCases))]
    public void BitShuffleBlock_MatchesReference(int typeSize, int length)
    {
        byte[] source = BloscTestData.RandomBytes(length, seed: (typeSize * 31) + length);
        var scratch = new byte[length];
        AssertKernel(ReferenceBitShuffle(typeSize, source), d => BitShuffle.BitShuffleBlock(typeSize, source, d, scratch));
    }

    [Theory]
    [MemberData(nameof(BlockCases))]
    public void BitUnshuffleBlock_MatchesReference(int typeSize, int length)
    {
        byte[] source = BloscTestData.RandomBytes(length, seed: (typeSize * 37) + length);
        var scratch = new byte[length];
        AssertKernel(ReferenceBitUnshuffle(typeSize, source), d => BitShuffle.BitUnshuffleBlock(typeSize, source, d, scratch));
    }

    /// <summary>
    /// The bitshuffle layout, bit by bit: row 8j + b holds bit b of byte j of every item, item i at
    /// bit i % 8 of byte i / 8. Blocks whose item count is not a multiple of 8 are copied (c-blosc 1.x).
    /// </summary>
    internal static byte[] ReferenceBitShuffle(int typeSize, byte[] source)
    {
        int n = source.Length / typeSize;
        var result = (byte[])source.Clone();
        if (n % 8 != 0)
        {
            return result;
        }

        Array.Clear(result, 0, n * typeSize);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < typeSize; j++)
            {
                for (int b = 0; b < 8; b++)
                {
                    int bit = (source[(i * typeSize) + j] >> b) & 1;
                    result[(((8 * j) + b) * (n / 8)) + (i / 8)] |= (byte)(bit << (i % 8));
                }
            }
        }

        return result;
    }

    internal static byte[] ReferenceBitUnshuffle(int typeSize, byte[] source)
    {
        int n = source.Length / typeSize;
        var result = (byte[])source.Clone();
        if (n % 8 != 0)
        {
            return result;
        }

        Array.Clear(result, 0, n * typeSize);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < typeSize; j++)
            {
                for (int b = 0; b < 8; b++)
                {
                    int bit = (source[(((8 * j) + b) * (n / 8)) + (i / 8)] >> (i % 8)) & 1;
                    result[(i * typeSize) + j] |= (byte)(bit << b);
                }
            }
        }

        return result;
    }

    private static void AssertKernel(byte[] expected, Action<byte[]> kernel)
    {
        var actual = new byte[expected.Length];
        Array.Fill(actual, (byte)0x5A);
        kernel(actual);
        Assert.Equal(expected, actual);
    }
}
