using Tessera.Tiff;

namespace Tessera.Storage.Tests.Tiff;

public sealed class TiffFileTests(TiffCaseFixture cases) : IClassFixture<TiffCaseFixture>
{
    public static IEnumerable<object[]> All() => TiffCaseFixture.All();

    public static IEnumerable<object[]> Refused() => TiffCaseFixture.Refused();

    [Theory]
    [MemberData(nameof(All))]
    public void TiffFile_ReadsEveryPageAsTifffileDoes(string dataType, string variant)
    {
        string path = cases.PathOf(dataType, variant);
        var expected = cases.Cases[$"{dataType}/{variant}"];
        byte[] reference = File.ReadAllBytes(path + ".bin");
        using var file = TiffFile.Open(path);

        Assert.Equal(TiffCaseFixture.Pages, file.Pages);
        Assert.Equal((TiffCaseFixture.Height, TiffCaseFixture.Width), file.PageShape);
        Assert.Equal(dataType, file.DataType.Name);
        Assert.Equal(expected.BigTiff, file.IsBigTiff);
        Assert.Equal(reference.Length / TiffCaseFixture.Pages, file.PageByteCount);
        foreach (var page in file.PageInfos)
        {
            Assert.Equal(expected.Compression, page.Compression);
            Assert.Equal(expected.Predictor, page.Predictor);
            Assert.Equal(expected.Tiled, page.IsTiled);
            Assert.Equal(expected.BigEndian, page.IsBigEndian);
            Assert.Equal(1, page.SamplesPerPixel);
        }

        byte[] all = new byte[reference.Length];
        file.ReadPages(0, file.Pages, all);
        Assert.Equal(reference, all);

        // One page alone, then the first again: handles move between directories both ways.
        int pageBytes = (int)file.PageByteCount;
        byte[] one = new byte[pageBytes];
        file.ReadPages(2, 1, one);
        Assert.Equal(reference.AsSpan(2 * pageBytes, pageBytes).ToArray(), one);
        file.ReadPages(0, 1, one);
        Assert.Equal(reference.AsSpan(0, pageBytes).ToArray(), one);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void TiffFile_RefusesPredictor2On64BitSamplesWhenOpened(string dataType, string variant)
    {
        // tifffile and libtiff read these; LibTiff.NET cannot, so the file is refused at open with the way out.
        string path = cases.PathOf(dataType, variant);
        Assert.True(File.Exists(path + ".bin"));

        var e = Assert.Throws<TiffFormatException>(() => TiffFile.Open(path));

        Assert.Equal($"Page 0 of '{path}' uses horizontal differencing (predictor 2) on 64-bit samples, which Tessera's TIFF library (LibTiff.NET) cannot undo. Re-save it without the predictor, e.g. 'tiffcp -c zip:1 in.tif out.tif'.", e.Message);
    }

    [Fact]
    public void TiffFile_ReadsConcurrentlyFromManyThreads()
    {
        string path = cases.PathOf("uint16", "tiles-zip-pred2");
        byte[] reference = File.ReadAllBytes(path + ".bin");
        using var file = TiffFile.Open(path);
        int pageBytes = (int)file.PageByteCount;
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            int page = i % file.Pages;
            byte[] buffer = new byte[pageBytes];
            file.ReadPages(page, 1, buffer);
            Assert.True(reference.AsSpan(page * pageBytes, pageBytes).SequenceEqual(buffer), $"page {page}, iteration {i}");
        });
    }

    [Fact]
    public void TiffFile_PlainStackHasZyxAxes()
    {
        using var file = TiffFile.Open(cases.PathOf("uint8", "lzw"));
        var metadata = file.Metadata;
        Assert.Equal(Tessera.Tiff.Metadata.TiffMetadataKind.Plain, metadata.Kind);
        Assert.Equal(["z", "y", "x"], metadata.Axes.Select(a => a.Name));
        Assert.Equal([TiffCaseFixture.Pages, TiffCaseFixture.Height, TiffCaseFixture.Width], metadata.Axes.Select(a => a.Size));
        Assert.Equal(2, metadata.GetPlane(0, 0, 2).Page);
    }

    [Fact]
    public void TiffFile_RefusesPagesOutsideTheFileAndShortDestinations()
    {
        using var file = TiffFile.Open(cases.PathOf("uint8", "none"));
        Assert.Throws<ArgumentOutOfRangeException>(() => file.ReadPages(2, 2, new byte[10_000]));
        Assert.Throws<ArgumentException>(() => file.ReadPages(0, 1, new byte[10]));
    }
}
