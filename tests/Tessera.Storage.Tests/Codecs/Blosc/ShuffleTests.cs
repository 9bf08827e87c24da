using System.Runtime.Intrinsics.X86;
using Tessera.Codecs.Blosc;

namespace Tessera.Storage.Tests.Codecs.Blosc;

/// <summary>Every byte-shuffle kernel against a naive reference, on lengths that leave remainders.</summary>
public sealed class ShuffleTests
{
    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        foreach (int typeSize in new[] { 1, 2, 3, 4, 5, 7, 8, 13, 16, 17 })
        {
            // 0, shorter than one vector step, exact steps, and steps plus elements plus trailing bytes.
            foreach (int length in new[] { 0, 1, 7, typeSize * 15, typeSize * 16, typeSize * 32, (typeSize * 193) + 1, typeSize * 1024, (typeSize * 1031) + (typeSize - 1) })
            {
                data.Add(typeSize, length);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Shuffle_EveryKernelMatchesReference(int typeSize, int length)
    {
        byte[] source = BloscTestData.RandomBytes(length, seed: (typeSize * 7919) + length);
        byte[] expected = ReferenceShuffle(typeSize, source);

        AssertKernel(expected, source, d => Shuffle.ShuffleScalar(typeSize, source, d));
        AssertKernel(expected, source, d => Shuffle.ShuffleBlock(typeSize, source, d));
        if (Ssse3.IsSupported)
        {
            AssertKernel(expected, source, d => Shuffle.ShuffleSsse3(typeSize, source, d));
        }

        if (Avx2.IsSupported)
        {
            AssertKernel(expected, source, d => Shuffle.ShuffleAvx2(typeSize, source, d));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unshuffle_EveryKernelMatchesReference(int typeSize, int length)
    {
        byte[] source = BloscTestData.RandomBytes(length, seed: (typeSize * 104729) + length);
        byte[] expected = ReferenceUnshuffle(typeSize, source);

        AssertKernel(expected, source, d => Shuffle.UnshuffleScalar(typeSize, source, d));
        AssertKernel(expected, source, d => Shuffle.UnshuffleBlock(typeSize, source, d));
        if (Sse2.IsSupported)
        {
            AssertKernel(expected, source, d => Shuffle.UnshuffleSse2(typeSize, source, d));
        }

        if (Avx2.IsSupported)
        {
            AssertKernel(expected, source, d => Shuffle.UnshuffleAvx2(typeSize, source, d));
        }
    }

    [Fact]
    public void Unshuffle_ReversesShuffle()
    {
        byte[] source = BloscTestData.SmoothNoise(5003, 4, seed: 3);
        var shuffled = new byte[source.Length];
        var restored = new byte[source.Length];
        Shuffle.ShuffleBlock(4, source, shuffled);
        Shuffle.UnshuffleBlock(4, shuffled, restored);
        Assert.Equal(source, restored);
    }

    [Fact]
    public void Shuffle_RejectsLengthMismatch()
    {
        Assert.Throws<ArgumentException>(() => Shuffle.ShuffleBlock(2, new byte[8], new byte[6]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Shuffle.UnshuffleBlock(0, new byte[8], new byte[8]));
    }

    /// <summary>Blosc's definition: plane j holds byte j of every whole item; trailing bytes are copied.</summary>
    internal static byte[] ReferenceShuffle(int typeSize, byte[] source)
    {
        int n = source.Length / typeSize;
        var result = (byte[])source.Clone();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < typeSize; j++)
            {
                result[(j * n) + i] = source[(i * typeSize) + j];
            }
        }

        return result;
    }

    internal static byte[] ReferenceUnshuffle(int typeSize, byte[] source)
    {
        int n = source.Length / typeSize;
        var result = (byte[])source.Clone();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < typeSize; j++)
            {
                result[(i * typeSize) + j] = source[(j * n) + i];
            }
        }

        return result;
    }

    private static void AssertKernel(byte[] expected, byte[] source, Action<byte[]> kernel)
    {
        // Pre-fill so that a kernel that skips bytes is caught.
        var actual = new byte[source.Length];
        Array.Fill(actual, (byte)0xA5);
        kernel(actual);
        Assert.Equal(expected, actual);
    }
}
