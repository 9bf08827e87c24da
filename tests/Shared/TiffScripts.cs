namespace Tessera.Testing;

/// <summary>Python scripts that make TIFF inputs with tifffile, shared by the storage and CLI tests.</summary>
internal static class TiffScripts
{
    /// <summary>
    /// A multi-file OME-TIFF set in the folder argv[1]: <c>set_c0.ome.tif</c> and <c>set_c1.ome.tif</c>, one channel of
    /// float32 (3, 13, 11) z-stacks each, referring to each other by UUID (65 nm pixels, 0.2 µm planes, channels ch0 and
    /// ch1), and the (c, z, y, x) data as <c>set.bin</c>.
    /// </summary>
    public const string MultiFileOmeSet = """
        import sys, numpy as np, tifffile
        out = sys.argv[1]
        a = np.random.default_rng(9).random((2, 3, 13, 11), dtype='float32')  # C Z Y X
        uuids = ['urn:uuid:00000000-0000-0000-0000-00000000000%d' % c for c in range(2)]
        tiffdata = ''.join(
            f'<TiffData FirstC="{c}" FirstZ="0" FirstT="0" IFD="0" PlaneCount="3">'
            f'<UUID FileName="set_c{c}.ome.tif">{uuids[c]}</UUID></TiffData>' for c in range(2))
        for c in range(2):
            xml = ('<?xml version="1.0" encoding="UTF-8"?>'
                   '<OME xmlns="http://www.openmicroscopy.org/Schemas/OME/2016-06" '
                   f'UUID="{uuids[c]}"><Image ID="Image:0"><Pixels ID="Pixels:0" DimensionOrder="XYZCT" '
                   'Type="float" SizeX="11" SizeY="13" SizeZ="3" SizeC="2" SizeT="1" '
                   'PhysicalSizeX="65" PhysicalSizeXUnit="nm" PhysicalSizeY="65" PhysicalSizeYUnit="nm" '
                   'PhysicalSizeZ="0.2" PhysicalSizeZUnit="µm">'
                   '<Channel ID="Channel:0:0" Name="ch0" SamplesPerPixel="1"/>'
                   '<Channel ID="Channel:0:1" Name="ch1" SamplesPerPixel="1"/>'
                   f'{tiffdata}</Pixels></Image></OME>')
            tifffile.imwrite(f'{out}/set_c{c}.ome.tif', a[c], photometric='minisblack', description=xml.encode('utf-8'), metadata=None)
        a.tofile(f'{out}/set.bin')
        """;
}
