using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Zarr;

namespace Tessera.Ngff;

/// <summary>
/// The OME-NGFF image metadata of a Zarr group: its multiscales and the optional <c>omero</c> channel metadata,
/// for OME-NGFF 0.4 (Zarr v2, <c>.zattrs</c>) and OME-Zarr 0.5 (Zarr v3, <c>zarr.json</c> <c>attributes.ome</c>).
/// Pure JSON: reading and writing the files is the caller's.
/// </summary>
public sealed partial record NgffImage
{
    /// <summary>The metadata version, which also decides the layout in the attributes.</summary>
    public required NgffVersion Version { get; init; }

    /// <summary>The multiscales; at least one. Readers use the first.</summary>
    public required IReadOnlyList<NgffMultiscale> Multiscales { get; init; }

    /// <summary>
    /// The <c>omero</c> object (channel labels, colours, display windows, <c>rdefs</c>), kept as written; null when absent.
    /// </summary>
    public JsonObject? Omero { get; init; }

    /// <summary>The <c>label</c> of each entry of <c>omero.channels</c> (null for one without a label); empty when there are none.</summary>
    public IReadOnlyList<string?> ChannelLabels => Omero?["channels"] is JsonArray channels
        ? channels.Select(c => c is JsonObject o && o["label"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null).ToArray()
        : [];

    /// <summary>Where the multiscales sit in the attributes, as field paths in messages: <c>multiscales</c> or <c>ome.multiscales</c>.</summary>
    internal string MultiscalesField => Version == NgffVersion.V0_5 ? "ome.multiscales" : "multiscales";

    /// <summary>
    /// Reads the metadata from a node's attributes: the content of a v2 <c>.zattrs</c>, or the <c>attributes</c> of a
    /// v3 <c>zarr.json</c>. Checks every rule that needs no arrays (axes, units, transforms); see <see cref="ValidateLevels"/>
    /// for the rest.
    /// </summary>
    /// <param name="attributes">The attributes object.</param>
    /// <param name="source">The file the attributes come from, named in errors.</param>
    /// <returns>The metadata, or null when the attributes hold no NGFF image (no <c>multiscales</c>; e.g. a plate or a plain group).</returns>
    /// <exception cref="ZarrFormatException">
    /// The metadata breaks a rule or has an unsupported version; the message names <paramref name="source"/> and the
    /// field, e.g. <c>ome.multiscales[0].datasets[1].coordinateTransformations</c>.
    /// </exception>
    public static NgffImage? FromAttributes(JsonObject attributes, string source)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentException.ThrowIfNullOrEmpty(source);
        return NgffReader.Read(attributes, source);
    }

    /// <summary>
    /// Writes the metadata into a copy of <paramref name="attributes"/> in the layout of <see cref="Version"/>: top-level
    /// <c>multiscales</c>/<c>omero</c> for 0.4, <c>ome</c> for 0.5. Other attributes are kept; NGFF metadata of the other
    /// layout is removed so that readers see one image.
    /// </summary>
    /// <param name="attributes">The attributes to add to (not modified), or null to start from an empty object.</param>
    /// <returns>The new attributes object.</returns>
    /// <exception cref="InvalidOperationException">The metadata breaks a rule that <see cref="FromAttributes"/> checks; the message names the field.</exception>
    public JsonObject ToAttributes(JsonObject? attributes = null)
    {
        var result = NgffWriter.Write(this, attributes);
        try
        {
            // Reading the result back checks the same rules a reader will, so nothing is written that Tessera would refuse.
            NgffReader.Read(result, "the NGFF metadata to write");
        }
        catch (ZarrFormatException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }

        return result;
    }
}
