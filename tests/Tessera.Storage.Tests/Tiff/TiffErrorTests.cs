using Tessera.Tiff;

namespace Tessera.Storage.Tests.Tiff;

public sealed class TiffErrorTests
{
    [Fact]
    public void TiffFile_RefusesTruncatedFile()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("cut.tif");
        ReferencePython.Run("""
            import sys, numpy as np, tifffile
            tifffile.imwrite(sys.argv[1], np.ones((4, 64, 64), 'uint16'), photometric='minisblack')
            """, path);
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(stream.Length * 6 / 10);
        }

        var e = Assert.Throws<TiffFormatException>(() =>
        {
            using var file = TiffFile.Open(path);
            file.ReadPages(0, file.Pages, new byte[file.Pages * file.PageByteCount]);
        });
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("Page ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TiffFile_RefusesPageWithDifferentSize()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("mixed.tif");
        ReferencePython.Run("""
            import sys, numpy as np, tifffile
            with tifffile.TiffWriter(sys.argv[1]) as w:
                w.write(np.ones((64, 64), 'uint16'), photometric='minisblack')
                w.write(np.ones((32, 48), 'uint16'), photometric='minisblack')
            """, path);

        var e = Assert.Throws<TiffFormatException>(() => TiffFile.Open(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("Page 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("32×48", e.Message, StringComparison.Ordinal);
        Assert.Contains("64×64", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(50002, "JPEG XL")]
    [InlineData(7, "JPEG")]
    public void TiffFile_RefusesUnsupportedCompression(int code, string name)
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("patched.tif");
        ReferencePython.Run("""
            import sys, numpy as np, tifffile
            tifffile.imwrite(sys.argv[1], np.ones((2, 16, 16), 'uint16'), photometric='minisblack')
            with tifffile.TiffFile(sys.argv[1], mode='r+') as t:
                t.pages[0].tags['Compression'].overwrite(int(sys.argv[2]))
            """, path, code.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var e = Assert.Throws<TiffFormatException>(() => TiffFile.Open(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("Page 0", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{name}", e.Message, StringComparison.Ordinal);
        Assert.Contains($"code {code}", e.Message, StringComparison.Ordinal);
        Assert.Contains("LZW (5)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TiffFile_RefusesRgbPages()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("rgb.tif");
        ReferencePython.Run("""
            import sys, numpy as np, tifffile
            tifffile.imwrite(sys.argv[1], np.ones((16, 16, 3), 'uint8'), photometric='rgb')
            """, path);

        var e = Assert.Throws<TiffFormatException>(() => TiffFile.Open(path));
        Assert.Contains("3 samples per pixel", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TiffFile_NamesBigEndianBigTiffAsUnsupported()
    {
        // LibTiff.NET 2.4.660 cannot read this combination; the error must say so and give the fix.
        using var dir = new TempDirectory();
        string path = dir.Combine("be-big.tif");
        ReferencePython.Run("""
            import sys, numpy as np, tifffile
            tifffile.imwrite(sys.argv[1], np.ones((2, 16, 16), '>u2'), photometric='minisblack', bigtiff=True, byteorder='>')
            """, path);

        var e = Assert.Throws<TiffFormatException>(() => TiffFile.Open(path));
        Assert.Contains("big-endian BigTIFF", e.Message, StringComparison.Ordinal);
        Assert.Contains("tiffcp -L", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TiffFile_RefusesNonTiff()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("not.tif");
        File.WriteAllText(path, "hello, not a tiff");
        var e = Assert.Throws<TiffFormatException>(() => TiffFile.Open(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }
}
