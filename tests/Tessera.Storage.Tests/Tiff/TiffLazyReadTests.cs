using System.Diagnostics;
using System.Runtime.InteropServices;
using Tessera.Tiff;
using Xunit.Abstractions;

namespace Tessera.Storage.Tests.Tiff;

public sealed class TiffLazyReadTests(ITestOutputHelper output)
{
    [Fact]
    public void TiffFile_ReadingOnePageOfA2GbStackTouchesOnlyThatPage()
    {
        const int Pages = 520, Height = 1024, Width = 2048, Page = 300;
        using var dir = new TempDirectory();
        string path = dir.Combine("big.tif");
        var watch = Stopwatch.StartNew();
        ReferencePython.Run("""
            import sys, numpy as np, tifffile
            path, pages = sys.argv[1], int(sys.argv[2])
            base = np.random.default_rng(3).integers(0, 65535, (1024, 2048), dtype='uint16')
            base.tofile(path + '.base')
            with tifffile.TiffWriter(path) as w:
                for i in range(pages):
                    w.write(base + np.uint16(i), contiguous=True, photometric='minisblack')
            """, path, Pages.ToString(System.Globalization.CultureInfo.InvariantCulture));
        output.WriteLine($"wrote {new FileInfo(path).Length / 1e9:F2} GB in {watch.Elapsed.TotalSeconds:F1} s");
        long length = new FileInfo(path).Length;
        Assert.True(length > 2L << 30, $"file is {length} bytes");

        using var file = TiffFile.Open(path);
        Assert.Equal(Pages, file.Pages);
        long afterOpen = file.BytesRead;
        byte[] page = new byte[file.PageByteCount];
        file.ReadPages(Page, 1, page);
        long total = file.BytesRead;
        output.WriteLine($"open read {afterOpen} bytes; open + one page {total} bytes of {length}");

        Assert.True(total < file.PageByteCount + (length / 1000), $"read {total} bytes for one page of {file.PageByteCount}");
        Assert.True(total - afterOpen < file.PageByteCount + 65536, $"the page read took {total - afterOpen} bytes");

        var expected = MemoryMarshal.Cast<byte, ushort>(File.ReadAllBytes(path + ".base"));
        var actual = MemoryMarshal.Cast<byte, ushort>(page);
        for (int i = 0; i < expected.Length; i++)
        {
            if (actual[i] != (ushort)(expected[i] + Page))
            {
                Assert.Fail($"pixel {i / Width},{i % Width}: {actual[i]} != {(ushort)(expected[i] + Page)}");
            }
        }

        Assert.Equal(Height * Width, actual.Length);
    }

    [Fact]
    public void TiffFile_ReadsUncompressedPagesAsExactlyTheirPixelBytes()
    {
        // Strips of 5 rows, one after the other: read straight from the file, without parsing the page's directory again.
        using var dir = new TempDirectory();
        string path = dir.Combine("stack.tif");
        ReferencePython.Run("""
            import sys, subprocess, numpy as np, tifffile
            path = sys.argv[1]
            a = np.random.default_rng(8).integers(0, 65535, (4, 33, 40), dtype='uint16')
            tifffile.imwrite(path + '.one.tif', a, photometric='minisblack')
            subprocess.run(['tiffcp', '-r', '5', '-c', 'none', path + '.one.tif', path], check=True)
            a.tofile(path + '.bin')
            """, path);

        using var file = TiffFile.Open(path);
        long afterOpen = file.BytesRead;
        byte[] pages = new byte[2 * file.PageByteCount];
        file.ReadPages(1, 2, pages);

        Assert.Equal(2 * file.PageByteCount, file.BytesRead - afterOpen);
        Assert.Equal(File.ReadAllBytes(path + ".bin").AsSpan((int)file.PageByteCount, pages.Length).ToArray(), pages);
    }
}
