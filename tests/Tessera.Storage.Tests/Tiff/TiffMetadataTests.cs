using Tessera.Tiff;
using Tessera.Tiff.Metadata;

namespace Tessera.Storage.Tests.Tiff;

public sealed class TiffMetadataTests
{
    [Fact]
    public void TiffStack_ReadsImageJHyperstack()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("hyper.tif");
        ReferencePython.Run("""
            import sys, numpy as np, tifffile
            a = np.random.default_rng(7).integers(0, 65535, (2, 3, 2, 19, 23), dtype='uint16')  # T Z C Y X
            tifffile.imwrite(sys.argv[1], a, imagej=True, resolution=(1 / 0.4, 1 / 0.3),
                             metadata={'axes': 'TZCYX', 'spacing': 2.5, 'unit': 'um'})
            np.ascontiguousarray(a.transpose(2, 0, 1, 3, 4)).tofile(sys.argv[1] + '.bin')  # C T Z Y X
            """, path);

        using var stack = TiffStack.Open(path);
        var m = stack.Metadata;
        Assert.Equal(TiffMetadataKind.ImageJ, m.Kind);
        Assert.Equal([2, 2, 3, 19, 23], stack.Shape);
        Assert.Equal(["c", "t", "z", "y", "x"], m.Axes.Select(a => a.Name));
        Assert.Equal("micrometer", m.VoxelSize.Unit);
        Assert.Equal(2.5, m.VoxelSize.Z, 6);
        Assert.Equal(0.3, m.VoxelSize.Y, 6);
        Assert.Equal(0.4, m.VoxelSize.X, 6);
        AssertPlanesMatch(stack, File.ReadAllBytes(path + ".bin"));
    }

    [Fact]
    public void TiffStack_ReadsTwoChannelOmeTiff()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("two.ome.tif");
        ReferencePython.Run("""
            import sys, numpy as np, tifffile
            a = np.random.default_rng(8).integers(-30000, 30000, (2, 5, 17, 29), dtype='int16')  # C Z Y X
            tifffile.imwrite(sys.argv[1], a, ome=True, photometric='minisblack',
                             metadata={'axes': 'CZYX', 'PhysicalSizeX': 0.2, 'PhysicalSizeY': 0.25,
                                       'PhysicalSizeZ': 1500, 'PhysicalSizeZUnit': 'nm',
                                       'Channel': {'Name': ['DAPI', 'GFP']}})
            a.tofile(sys.argv[1] + '.bin')
            """, path);

        using var stack = TiffStack.Open(path);
        var m = stack.Metadata;
        Assert.Equal(TiffMetadataKind.Ome, m.Kind);
        Assert.Equal([2, 1, 5, 17, 29], stack.Shape);
        Assert.Equal(["c", "z", "y", "x"], m.Axes.Select(a => a.Name));
        Assert.Equal(["DAPI", "GFP"], m.ChannelNames);
        Assert.Equal("micrometer", m.VoxelSize.Unit);
        Assert.Equal(1.5, m.VoxelSize.Z, 9);
        Assert.Equal(0.25, m.VoxelSize.Y, 9);
        Assert.Equal(0.2, m.VoxelSize.X, 9);
        Assert.Equal("int16", stack.DataType.Name);
        AssertPlanesMatch(stack, File.ReadAllBytes(path + ".bin"));
    }

    [Fact]
    public void TiffStack_ReadsMultiFileOmeSetAndNamesAMissingFile()
    {
        using var dir = new TempDirectory();
        string first = dir.Combine("set_c0.ome.tif");
        ReferencePython.Run(TiffScripts.MultiFileOmeSet, dir.Path);

        using (var stack = TiffStack.Open(first))
        {
            var m = stack.Metadata;
            Assert.Equal([2, 1, 3, 13, 11], stack.Shape);
            Assert.Equal(["set_c0.ome.tif", "set_c1.ome.tif"], m.FileNames.Order());
            Assert.Equal(new TiffPlane("set_c1.ome.tif", 2), m.GetPlane(1, 0, 2));
            Assert.Equal("nanometer", m.VoxelSize.Unit);
            Assert.Equal((200.0, 65.0, 65.0), (m.VoxelSize.Z, m.VoxelSize.Y, m.VoxelSize.X)); // 0.2 µm exactly in nm
            Assert.Equal(["ch0", "ch1"], m.ChannelNames);
            AssertPlanesMatch(stack, File.ReadAllBytes(dir.Combine("set.bin")));
        }

        File.Delete(dir.Combine("set_c1.ome.tif"));
        var e = Assert.Throws<TiffFormatException>(() => TiffStack.Open(first));
        Assert.Contains("set_c1.ome.tif", e.Message, StringComparison.Ordinal);
        Assert.Contains("set_c0.ome.tif", e.Message, StringComparison.Ordinal);
    }

    private static void AssertPlanesMatch(TiffStack stack, byte[] reference)
    {
        int[] shape = stack.Shape;
        int planeBytes = (int)stack.PlaneByteCount;
        int sizeZ = shape[2];
        byte[] buffer = new byte[planeBytes * sizeZ];
        for (int c = 0; c < shape[0]; c++)
        {
            for (int t = 0; t < shape[1]; t++)
            {
                stack.ReadPlanes(c, t, 0, sizeZ, buffer);
                int offset = ((c * shape[1]) + t) * sizeZ * planeBytes;
                Assert.True(reference.AsSpan(offset, buffer.Length).SequenceEqual(buffer), $"c {c}, t {t}");
            }
        }

        // A sub-range of z alone.
        stack.ReadPlanes(shape[0] - 1, shape[1] - 1, sizeZ - 1, 1, buffer.AsSpan(0, planeBytes));
        Assert.True(reference.AsSpan(reference.Length - planeBytes).SequenceEqual(buffer.AsSpan(0, planeBytes)));
    }
}
