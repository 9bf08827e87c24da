using System.Globalization;
using Tessera.Arrays.Signatures;

namespace Tessera.Arrays.Tests.Signatures;

public sealed class SignatureBindingTests
{
    private static readonly CoreSignature Deconvolve = CoreSignature.Parse("(z,y,x),(pz,py,px)->(z,y,x)");

    [Fact]
    public void Bind_PsfPerChannelBroadcastsOverTime()
    {
        var binding = SignatureBinding.Bind(Deconvolve, [[2, 4, 8, 16, 16], [2, 1, 3, 5, 5]]);

        Assert.Equal([2L, 4L], binding.LoopShape.ToArray());
        Assert.Equal([2L, 4L, 8L, 16L, 16L], binding.OutputShape);
        Assert.Equal([8, 16, 16], binding.OutputCoreShape);
        Assert.Equal(2, binding.InputCount);
        Assert.Equal(3, binding.CoreSize("pz"));
        Assert.Equal(16, binding.CoreSize("x"));
        Assert.Equal([3, 5, 5], binding.InputCoreShape(1));
        Assert.Equal(2, binding.InputLoopRank(1));
        Assert.Equal([1, 1, 3, 5, 5], binding.InputRegionShape(1));
        Assert.Equal([1, 1, 8, 16, 16], binding.InputRegionShape(0));
    }

    [Fact]
    public void InputOrigin_MapsLoopIndexToBroadcastPosition()
    {
        var binding = SignatureBinding.Bind(Deconvolve, [[2, 4, 8, 16, 16], [2, 1, 3, 5, 5]]);

        Assert.Equal([1L, 3L, 0L, 0L, 0L], binding.InputOrigin(0, [1, 3]));
        Assert.Equal([1L, 0L, 0L, 0L, 0L], binding.InputOrigin(1, [1, 3]));
        Assert.Equal([0L, 0L, 0L, 0L, 0L], binding.InputOrigin(1, [0, 2]));
    }

    [Fact]
    public void Bind_PsfWithoutLoopAxesServesEveryLoopIndex()
    {
        var binding = SignatureBinding.Bind(Deconvolve, [[2, 4, 8, 16, 16], [3, 5, 5]]);

        Assert.Equal([2L, 4L], binding.LoopShape.ToArray());
        Assert.Equal([2L, 4L, 8L, 16L, 16L], binding.OutputShape);
        Assert.Equal(0, binding.InputLoopRank(1));
        Assert.Equal([3, 5, 5], binding.InputRegionShape(1));
        Assert.Equal([0L, 0L, 0L], binding.InputOrigin(1, [1, 3]));
    }

    [Fact]
    public void Bind_LoopAxesAlignOnTheRight()
    {
        // A PSF per time point (4,pz,py,px) pairs with image (2,4,...) on the right-hand loop axis.
        var binding = SignatureBinding.Bind(Deconvolve, [[2, 4, 8, 16, 16], [4, 3, 5, 5]]);

        Assert.Equal([2L, 4L], binding.LoopShape.ToArray());
        Assert.Equal([3L, 0L, 0L, 0L], binding.InputOrigin(1, [1, 3]));

        // Either input may supply the larger size; the image may be the one that broadcasts.
        var flipped = SignatureBinding.Bind(Deconvolve, [[1, 4, 8, 16, 16], [2, 1, 3, 5, 5]]);
        Assert.Equal([2L, 4L], flipped.LoopShape.ToArray());
        Assert.Equal([0L, 3L, 0L, 0L, 0L], flipped.InputOrigin(0, [1, 3]));
        Assert.Equal([1L, 0L, 0L, 0L, 0L], flipped.InputOrigin(1, [1, 3]));
    }

    [Fact]
    public void Bind_RefusesLoopSizesThatDoNotBroadcast()
    {
        var error = Assert.Throws<SignatureException>(() => SignatureBinding.Bind(Deconvolve, [[2, 4, 8, 16, 16], [3, 1, 3, 5, 5]]));

        Assert.Contains("do not broadcast", error.Message, StringComparison.Ordinal);
        Assert.Contains("Input 1 has loop shape (3, 1) whose axis 0 is 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("another input has 2 there", error.Message, StringComparison.Ordinal);
        Assert.Contains("(C,1,pz,py,px)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_RefusesACoreDimensionWithTwoSizes()
    {
        var same = CoreSignature.Parse("(z,y,x),(z,y,x)->(z,y,x)");

        var error = Assert.Throws<SignatureException>(() => SignatureBinding.Bind(same, [[2, 8, 16, 16], [8, 16, 15]]));

        Assert.Contains("core dimension 'x' is 16 in input 0 but 15 in input 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_RefusesAnInputWithTooFewDimensions()
    {
        var error = Assert.Throws<SignatureException>(() => SignatureBinding.Bind(Deconvolve, [[2, 4, 8, 16, 16], [5, 5]]));

        Assert.Contains("input 1 has shape (5, 5), 2 dimension(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("(pz,py,px) needs 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_RefusesTheWrongNumberOfInputs()
    {
        var error = Assert.Throws<SignatureException>(() => SignatureBinding.Bind(Deconvolve, [[2, 4, 8, 16, 16]]));

        Assert.Contains("takes 2 input(s) but 1 array(s) were given", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_ScalarCoreOnlyLoops()
    {
        var binding = SignatureBinding.Bind(CoreSignature.Parse("(),()->()"), [[3, 1, 5], [4, 1]]);

        Assert.Equal([3L, 4L, 5L], binding.LoopShape.ToArray());
        Assert.Equal([3L, 4L, 5L], binding.OutputShape);
        Assert.Empty(binding.OutputCoreShape);
    }

    [Fact]
    public void Bind_LoopShapeMatchesNumpyBroadcastShapes()
    {
        // Seeded random shape pairs, half of them built to broadcast and the rest left to chance, each
        // compared with numpy.broadcast_shapes (or its ValueError).
        var random = new Random(1234);
        var pairs = new List<(long[] A, long[] B)>();
        for (int n = 0; n < 40; n++)
        {
            int rankA = random.Next(0, 5), rankB = random.Next(0, 5);
            var a = new long[rankA];
            var b = new long[rankB];
            for (int i = 0; i < rankA; i++)
            {
                a[i] = random.Next(4) == 0 ? 1 : random.Next(1, 8);
            }

            for (int i = 0; i < rankB; i++)
            {
                int fromRight = rankB - 1 - i;
                bool aligned = fromRight < rankA && n % 2 == 0;
                long sizeA = aligned ? a[rankA - 1 - fromRight] : 0;
                b[i] = aligned ? (random.Next(3) == 0 ? 1 : sizeA) : (random.Next(4) == 0 ? 1 : random.Next(1, 8));
            }

            pairs.Add((a, b));
        }

        string Shape(long[] s) => "[" + string.Join(",", s) + "]";
        string script = """
            import json, sys
            import numpy as np
            for line in sys.argv[1].split(";"):
                a, b = json.loads(line)
                try:
                    print(json.dumps(list(np.broadcast_shapes(tuple(a), tuple(b)))))
                except ValueError:
                    print("error")
            """;
        string[] expected = ReferencePython.Run(script, string.Join(";", pairs.Select(p => $"[{Shape(p.A)},{Shape(p.B)}]")))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal(pairs.Count, expected.Length);
        var scalar = CoreSignature.Parse("(),()->()");
        int errors = 0;
        for (int n = 0; n < pairs.Count; n++)
        {
            var (a, b) = pairs[n];
            if (expected[n] == "error")
            {
                errors++;
                Assert.Throws<SignatureException>(() => SignatureBinding.Bind(scalar, [a, b]));
            }
            else
            {
                string actual = "[" + string.Join(", ", SignatureBinding.Bind(scalar, [a, b]).LoopShape.ToArray().Select(s => s.ToString(CultureInfo.InvariantCulture))) + "]";
                Assert.True(expected[n] == actual, $"{Shape(a)} with {Shape(b)}: numpy {expected[n]}, Tessera {actual}");
            }
        }

        // Both outcomes were exercised.
        Assert.InRange(errors, 1, pairs.Count - 1);
    }
}
