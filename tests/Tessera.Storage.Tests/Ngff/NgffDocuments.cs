using System.Text.Json.Nodes;

namespace Tessera.Storage.Tests.Ngff;

/// <summary>Metadata documents shaped like the examples in the OME-NGFF 0.4 and OME-Zarr 0.5 specifications.</summary>
internal static class NgffDocuments
{
    /// <summary>The content of a 0.4 image group's <c>.zattrs</c>: t, c, z, y, x with three levels.</summary>
    public const string V04 = """
        {
          "multiscales": [
            {
              "version": "0.4",
              "name": "example",
              "axes": [
                {"name": "t", "type": "time", "unit": "millisecond"},
                {"name": "c", "type": "channel"},
                {"name": "z", "type": "space", "unit": "micrometer"},
                {"name": "y", "type": "space", "unit": "micrometer"},
                {"name": "x", "type": "space", "unit": "micrometer"}
              ],
              "datasets": [
                {"path": "0", "coordinateTransformations": [{"type": "scale", "scale": [1.0, 1.0, 0.5, 0.5, 0.5]}]},
                {"path": "1", "coordinateTransformations": [{"type": "scale", "scale": [1.0, 1.0, 1.0, 1.0, 1.0]}]},
                {"path": "2", "coordinateTransformations": [{"type": "scale", "scale": [1.0, 1.0, 2.0, 2.0, 2.0]}]}
              ],
              "coordinateTransformations": [{"type": "scale", "scale": [0.1, 1.0, 1.0, 1.0, 1.0]}],
              "type": "gaussian",
              "metadata": {
                "description": "the fields in metadata depend on the downscaling implementation",
                "method": "skimage.transform.pyramid_gaussian",
                "version": "0.16.1",
                "args": "[true]",
                "kwargs": {"multichannel": true}
              }
            }
          ],
          "omero": {
            "id": 1,
            "name": "example.tif",
            "version": "0.4",
            "channels": [
              {"active": true, "coefficient": 1, "color": "0000FF", "family": "linear", "inverted": false,
               "label": "DAPI", "window": {"end": 1500, "max": 65535, "min": 0, "start": 0}},
              {"active": true, "coefficient": 1, "color": "00FF00", "family": "linear", "inverted": false,
               "label": "GFP", "window": {"end": 1000, "max": 65535, "min": 0, "start": 0}}
            ],
            "rdefs": {"defaultT": 0, "defaultZ": 118, "model": "color"}
          },
          "acquisition": {"microscope": "lightsheet 3"}
        }
        """;

    /// <summary>The <c>attributes</c> of a 0.5 image group's <c>zarr.json</c>: c, z, y, x with a translation per level.</summary>
    public const string V05 = """
        {
          "ome": {
            "version": "0.5",
            "multiscales": [
              {
                "name": "nuclei",
                "axes": [
                  {"name": "c", "type": "channel"},
                  {"name": "z", "type": "space", "unit": "micrometer"},
                  {"name": "y", "type": "space", "unit": "micrometer"},
                  {"name": "x", "type": "space", "unit": "micrometer"}
                ],
                "datasets": [
                  {"path": "s0", "coordinateTransformations": [
                    {"type": "scale", "scale": [1, 2.0, 0.325, 0.325]},
                    {"type": "translation", "translation": [0, 10.0, 0, 0]}]},
                  {"path": "s1", "coordinateTransformations": [
                    {"type": "scale", "scale": [1, 2.0, 0.65, 0.65]},
                    {"type": "translation", "translation": [0, 10.0, 0.1625, 0.1625]}]}
                ],
                "type": "mean"
              }
            ],
            "omero": {
              "channels": [
                {"label": "Hoechst", "color": "0000FF", "active": true, "window": {"start": 100, "end": 2000, "min": 0, "max": 4095}},
                {"color": "FF0000", "active": false, "window": {"start": 0, "end": 1000, "min": 0, "max": 4095}}
              ],
              "rdefs": {"model": "color"}
            }
          },
          "experiment": "plate 7, well B3"
        }
        """;

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
