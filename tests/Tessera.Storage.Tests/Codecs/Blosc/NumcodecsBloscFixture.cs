using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Codecs.Blosc;
using Tessera.DataTypes;

namespace Tessera.Storage.Tests.Codecs.Blosc;

/// <summary>
/// Runs numcodecs once per direction for all cases: it writes the frames Tessera must decode, and
/// it decodes (and judges) the frames Tessera wrote.
/// </summary>
public sealed class NumcodecsBloscFixture : IDisposable
{
    private readonly Dictionary<string, Exception> _encodeFailures = [];

    public NumcodecsBloscFixture()
    {
        RunNumcodecsEncode();
        EncodeWithTessera();
        Verdicts = RunNumcodecsDecode();
    }

    /// <summary>Frames numcodecs wrote, with their raw data.</summary>
    internal TempDirectory NumcodecsWritten { get; } = new();

    /// <summary>Frames Tessera wrote, with their raw data.</summary>
    internal TempDirectory TesseraWritten { get; } = new();

    /// <summary>Per Tessera-written case: numcodecs' verdict ("ok" or what went wrong) and its own header for the same input.</summary>
    internal IReadOnlyDictionary<string, (string Verdict, byte[] NumcodecsHeader)> Verdicts { get; }

    /// <summary>Throws what Tessera's encoder threw for <paramref name="name"/>, if anything.</summary>
    internal void ThrowIfEncodeFailed(string name)
    {
        if (_encodeFailures.TryGetValue(name, out var ex))
        {
            throw new InvalidOperationException($"Tessera failed to encode {name}.", ex);
        }
    }

    public void Dispose()
    {
        NumcodecsWritten.Dispose();
        TesseraWritten.Dispose();
    }

    private static string WriteManifest(TempDirectory folder, IEnumerable<BloscReferenceCase> cases)
    {
        string path = folder.Combine("cases.json");
        File.WriteAllText(path, new JsonArray([.. cases.Select(c => (JsonNode)c.ToJson())]).ToJsonString());
        return path;
    }

    private void RunNumcodecsEncode()
    {
        string manifest = WriteManifest(NumcodecsWritten, BloscReferenceCases.NumcodecsWritten);
        ReferencePython.Run(NumcodecsBloscScripts.Encode, manifest, NumcodecsWritten.Path);
    }

    private void EncodeWithTessera()
    {
        var written = new HashSet<string>();
        foreach (var c in BloscReferenceCases.TesseraWritten)
        {
            byte[] raw = BloscTestData.SmoothNoise(c.Items, c.TypeSize, seed: (c.TypeSize * 7919) + c.Items);
            if (written.Add(c.RawFileName))
            {
                File.WriteAllBytes(TesseraWritten.Combine(c.RawFileName), raw);
            }

            try
            {
                // The production path: numcodecs' JSON and the array's data type.
                var configuration = new JsonObject { ["id"] = "blosc", ["cname"] = c.Cname, ["clevel"] = c.Clevel, ["shuffle"] = c.Shuffle, ["blocksize"] = c.Blocksize };
                var codec = BloscCodec.FromJson(configuration, DataType.Parse($"<u{c.TypeSize}"));
                var frame = new byte[codec.GetMaxEncodedLength(raw.Length)];
                int length = codec.Encode(raw, frame);
                File.WriteAllBytes(TesseraWritten.Combine(c.FrameFileName), frame[..length]);
            }
            catch (Exception ex)
            {
                _encodeFailures[c.Name] = ex;
                File.WriteAllBytes(TesseraWritten.Combine(c.FrameFileName), []);
            }
        }
    }

    private Dictionary<string, (string, byte[])> RunNumcodecsDecode()
    {
        string manifest = WriteManifest(TesseraWritten, BloscReferenceCases.TesseraWritten);
        ReferencePython.Run(NumcodecsBloscScripts.Decode, manifest, TesseraWritten.Path);
        using var json = JsonDocument.Parse(File.ReadAllText(TesseraWritten.Combine("verdicts.json")));
        var verdicts = new Dictionary<string, (string, byte[])>();
        foreach (var entry in json.RootElement.EnumerateObject())
        {
            verdicts[entry.Name] = (
                entry.Value.GetProperty("verdict").GetString()!,
                Convert.FromHexString(entry.Value.GetProperty("header").GetString()!));
        }

        return verdicts;
    }
}
