using System.Text.Json;

namespace Tessera.Tiff.Writing;

/// <summary>Reads a written TIFF back with tifffile (Debian's, without imagecodecs) and compares it with the expected raw bytes.</summary>
internal static class TiffReference
{
    private const string Script = """
        import json, sys, zlib
        import numpy as np
        import tifffile
        path, raw, dtype = sys.argv[1], sys.argv[2], sys.argv[3]
        shape = [int(s) for s in sys.argv[4].split(',')]
        expected = np.fromfile(raw, dtype=np.dtype(dtype).newbyteorder('<')).reshape(shape)
        out = {}
        with tifffile.TiffFile(path) as tif:
            p0 = tif.pages[0]
            out['bigtiff'] = tif.is_bigtiff
            out['pages'] = len(tif.pages)
            out['compression'] = int(p0.compression)
            out['predictor'] = int(p0.predictor)
            out['rowsperstrip'] = int(p0.rowsperstrip)
            out['strips'] = len(p0.dataoffsets)
            out['is_ome'] = tif.is_ome
            out['is_imagej'] = tif.is_imagej
            out['ome'] = tif.ome_metadata
            ij = tif.imagej_metadata
            out['imagej'] = {k: (v if isinstance(v, (int, float, str, bool)) else str(v)) for k, v in ij.items()} if ij else None
            s = tif.series[0]
            out['axes'] = s.axes
            out['shape'] = list(s.shape)
            out['dtype'] = str(s.dtype)
            if int(p0.predictor) == 3:
                # tifffile needs imagecodecs for the floating-point predictor: undo it here with numpy.
                planes = []
                for page in tif.pages:
                    rows = []
                    for off, n in zip(page.dataoffsets, page.databytecounts):
                        tif.filehandle.seek(off)
                        b = np.frombuffer(zlib.decompress(tif.filehandle.read(n)), np.uint8)
                        w = page.imagewidth
                        b = np.cumsum(b.reshape(-1, 4 * w), axis=1, dtype=np.uint8)
                        rows.append(b.reshape(-1, 4, w).transpose(0, 2, 1)[:, :, ::-1].copy().view('<f4').reshape(-1, w))
                    planes.append(np.concatenate(rows))
                data = np.stack(planes).reshape(shape)
            else:
                data = tif.asarray()
            out['equal'] = bool(data.size == expected.size and np.array_equal(data.reshape(shape), expected))
            if 'XResolution' in p0.tags:
                n, d = p0.tags['XResolution'].value
                out['xresolution'] = n / d
        print(json.dumps(out))
        """;

    /// <summary>Runs tifffile on <paramref name="path"/>; <paramref name="expected"/> holds the stack's bytes in C order.</summary>
    public static JsonElement Read(string path, ReadOnlySpan<byte> expected, string dtype, params int[] shape)
    {
        string raw = path + ".expected.raw";
        File.WriteAllBytes(raw, expected.ToArray());
        try
        {
            string json = ReferencePython.Run(Script, path, raw, dtype, string.Join(',', shape));
            return JsonDocument.Parse(json).RootElement;
        }
        finally
        {
            File.Delete(raw);
        }
    }
}
