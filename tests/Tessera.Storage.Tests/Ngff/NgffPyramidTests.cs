using Tessera.Ngff;

namespace Tessera.Storage.Tests.Ngff;

public sealed class NgffPyramidTests
{
    private static readonly NgffAxis[] Zyx = [NgffAxis.Space("z", "micrometer"), NgffAxis.Space("y", "micrometer"), NgffAxis.Space("x", "micrometer")];

    [Fact]
    public void Pyramid_ScalesMultiplyAndTranslationsMoveToTheCentreOfTheAveragedVoxels()
    {
        var m = NgffMultiscale.Pyramid(Zyx, [2.0, 0.5, 0.25], [10.0, -1.0, 0.0], [[1, 2, 2], [2, 2, 2], [1, 3, 3]], name: "raw", type: "mean");

        Assert.Equal(["0", "1", "2", "3"], m.Datasets.Select(d => d.Path));
        Assert.Equal("raw", m.Name);
        Assert.Equal("mean", m.Type);
        Assert.Equal([2.0, 0.5, 0.25], m.Datasets[0].Scale);
        Assert.Equal([10.0, -1.0, 0.0], m.Datasets[0].Translation!);

        // Cumulative factors [1,2,2]: t = t0 + (F-1)/2 * s0 = [10, -1 + 0.25, 0 + 0.125].
        Assert.Equal([2.0, 1.0, 0.5], m.Datasets[1].Scale);
        Assert.Equal([10.0, -0.75, 0.125], m.Datasets[1].Translation!);

        // Cumulative factors [2,4,4]: [10 + 0.5*2, -1 + 1.5*0.5, 1.5*0.25].
        Assert.Equal([4.0, 2.0, 1.0], m.Datasets[2].Scale);
        Assert.Equal([11.0, -0.25, 0.375], m.Datasets[2].Translation!);

        // Cumulative factors [2,12,12]: [11, -1 + 5.5*0.5, 5.5*0.25].
        Assert.Equal([4.0, 6.0, 3.0], m.Datasets[3].Scale);
        Assert.Equal([11.0, 1.75, 1.375], m.Datasets[3].Translation!);
    }

    [Fact]
    public void Pyramid_CoarseVoxelCentreIsTheMeanOfTheFineCentres()
    {
        // An awkward factor (7) and scale (0.3): voxel j of the coarse level averages fine voxels 7j..7j+6.
        var m = NgffMultiscale.Pyramid(Zyx, [1.0, 1.0, 0.3], [0.0, 0.0, 5.0], [[1, 1, 7]]);
        var fine = m.Datasets[0];
        var coarse = m.Datasets[1];

        for (int j = 0; j < 3; j++)
        {
            double mean = Enumerable.Range(7 * j, 7).Average(i => fine.Translation![2] + (i * fine.Scale[2]));
            Assert.Equal(mean, coarse.Translation![2] + (j * coarse.Scale[2]), 12);
        }
    }

    [Fact]
    public void Pyramid_WithoutBaseTranslation_TranslatesOnlyTheCoarseLevels()
    {
        var axes = NgffAxisOrder.Parse("t,c,y,x", spaceUnit: "nanometer", timeUnit: "second").Axes;

        var m = NgffMultiscale.Pyramid(axes, [60.0, 1.0, 100.0, 100.0], null, [[1, 1, 1, 1], [1, 1, 2, 2]]);

        Assert.Null(m.Datasets[0].Translation);
        Assert.Null(m.Datasets[1].Translation);
        Assert.Equal([60.0, 1.0, 200.0, 200.0], m.Datasets[2].Scale);
        Assert.Equal([0.0, 0.0, 50.0, 50.0], m.Datasets[2].Translation!);
    }

    [Fact]
    public void Pyramid_SingleLevel()
    {
        var m = NgffMultiscale.Pyramid(Zyx, [1.0, 1.0, 1.0], null, []);

        var level = Assert.Single(m.Datasets);
        Assert.Equal("0", level.Path);
    }

    [Fact]
    public void Pyramid_RejectsBadArguments()
    {
        var cyx = NgffAxisOrder.Parse("c,y,x").Axes;

        var channel = Assert.Throws<ArgumentException>(() => NgffMultiscale.Pyramid(cyx, [1, 1, 1], null, [[2, 2, 2]]));
        var zero = Assert.Throws<ArgumentException>(() => NgffMultiscale.Pyramid(Zyx, [1, 1, 1], null, [[1, 0, 2]]));
        var length = Assert.Throws<ArgumentException>(() => NgffMultiscale.Pyramid(Zyx, [1, 1], null, []));
        var factorLength = Assert.Throws<ArgumentException>(() => NgffMultiscale.Pyramid(Zyx, [1, 1, 1], null, [[2, 2]]));
        var scale = Assert.Throws<ArgumentException>(() => NgffMultiscale.Pyramid(Zyx, [1, 0, 1], null, []));

        Assert.Contains("axis 'c' must be 1 (channels are not averaged); found 2", channel.Message, StringComparison.Ordinal);
        Assert.Contains("axis 'y' must be at least 1; found 0", zero.Message, StringComparison.Ordinal);
        Assert.Contains("baseScale has 2 values but there are 3 axes", length.Message, StringComparison.Ordinal);
        Assert.Contains("factors[0] has 2 values", factorLength.Message, StringComparison.Ordinal);
        Assert.Contains("axis 'y' must be positive", scale.Message, StringComparison.Ordinal);
    }
}
