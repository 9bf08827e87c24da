using System.Text.Json.Nodes;
using Tessera.Codecs;
using Tessera.DataTypes;
using Tessera.Zarr.V3;

namespace Tessera.Cli.Conversion;

/// <summary>
/// The <c>--codec</c>, <c>--level</c> and <c>--shuffle</c> choices of <c>tessera convert</c>, and the
/// numcodecs compressor configuration each one writes to <c>.zarray</c>.
/// </summary>
internal static class CodecChoice
{
    /// <summary>zarr-python's default compressor: Blosc with LZ4, level 5, byte shuffle.</summary>
    public const string Default = "blosc-lz4";

    /// <summary>The accepted <c>--codec</c> values.</summary>
    public static readonly string[] Names = ["none", "zlib", "gzip", "zstd", "lz4", "blosc-lz4", "blosc-zstd"];

    /// <summary>The <c>--codec</c> values that have a Zarr v3 codec (lz4 and zlib have none in the v3 spec).</summary>
    public static readonly string[] V3Names = ["none", "gzip", "zstd", "blosc-lz4", "blosc-zstd"];

    /// <summary>The accepted <c>--shuffle</c> values.</summary>
    public static readonly string[] ShuffleNames = ["byte", "bit", "none"];

    /// <summary>
    /// The compressor configuration for codec <paramref name="name"/> (null for <c>none</c>), checked by
    /// preparing it for <paramref name="dataType"/> with the default codec registry.
    /// </summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="level">The level, or null for the codec's default (blosc 5, zlib/gzip/zstd 1; lz4's acceleration 1).</param>
    /// <param name="shuffle">One of <see cref="ShuffleNames"/> for blosc codecs, or null for byte shuffle.</param>
    /// <param name="dataType">The array's data type (blosc shuffles by its item size).</param>
    /// <exception cref="UsageException">The level is out of range or an option does not apply to the codec.</exception>
    /// <exception cref="CodecException">This build of Tessera cannot encode the codec.</exception>
    public static JsonObject? Create(string name, int? level, string? shuffle, DataType dataType)
    {
        bool blosc = name.StartsWith("blosc-", StringComparison.Ordinal);
        if (shuffle is not null && !blosc)
        {
            throw new UsageException($"--shuffle applies only to blosc codecs (blosc-lz4, blosc-zstd), not to --codec {name}.");
        }

        JsonObject? configuration = name switch
        {
            "none" when level is not null => throw new UsageException("--level does not apply to --codec none."),
            "none" => null,
            "zlib" or "gzip" => new JsonObject { ["id"] = name, ["level"] = CheckLevel(name, level ?? 1, 0, 9) },
            "zstd" => new JsonObject { ["id"] = name, ["level"] = CheckLevel(name, level ?? 1, -131072, 22) },
            "lz4" => new JsonObject { ["id"] = name, ["acceleration"] = CheckLevel(name, level ?? 1, 1, 65537) },
            "blosc-lz4" or "blosc-zstd" => new JsonObject
            {
                ["id"] = "blosc",
                ["cname"] = name["blosc-".Length..],
                ["clevel"] = CheckLevel(name, level ?? 5, 0, 9),
                ["shuffle"] = ShuffleCode(shuffle ?? "byte"),
                ["blocksize"] = 0,
            },
            _ => throw new UsageException($"Unknown --codec '{name}'; use one of {string.Join(", ", Names)}."),
        };

        if (configuration is not null)
        {
            try
            {
                _ = CodecRegistry.Default.Create(configuration, dataType);
            }
            catch (CodecException ex)
            {
                throw new CodecException($"--codec {name}: {ex.Message}", ex);
            }
        }

        return configuration;
    }

    private static int ShuffleCode(string shuffle) => shuffle switch
    {
        "none" => 0,
        "byte" => 1,
        "bit" => 2,
        _ => throw new UsageException($"Unknown --shuffle '{shuffle}'; use one of {string.Join(", ", ShuffleNames)}."),
    };

    private static int CheckLevel(string codec, int level, int min, int max) =>
        level >= min && level <= max
            ? level
            : throw new UsageException($"--level {level} is out of range for --codec {codec}; use {min} to {max}{(codec == "lz4" ? " (lz4's level is numcodecs' acceleration: higher is faster and larger)" : "")}.");

    /// <summary>
    /// The Zarr v3 codecs for codec <paramref name="name"/>: little-endian <c>bytes</c>, then the compressor
    /// (none for <c>none</c>), as zarr-python 3 writes them.
    /// </summary>
    /// <param name="name">One of <see cref="V3Names"/>.</param>
    /// <param name="level">The level, or null for the codec's default (blosc 5, gzip/zstd 1).</param>
    /// <param name="shuffle">One of <see cref="ShuffleNames"/> for blosc codecs, or null for byte shuffle.</param>
    /// <param name="dataType">The array's data type (blosc shuffles by its item size).</param>
    /// <param name="what">How the output format is named in messages, e.g. <c>--format zarr3</c>.</param>
    /// <exception cref="UsageException">The codec has no v3 form, the level is out of range or an option does not apply.</exception>
    public static IReadOnlyList<V3Codec> CreateV3(string name, int? level, string? shuffle, DataType dataType, string what)
    {
        if (!V3Names.Contains(name))
        {
            throw new UsageException($"--codec {name} has no Zarr v3 codec, so it cannot be used with {what}; use one of {string.Join(", ", V3Names)}.");
        }

        // Validates the level and shuffle exactly as for v2.
        var v2 = Create(name, level, shuffle, dataType);
        var bytes = new V3Codec("bytes", new JsonObject { ["endian"] = "little" });
        return v2 switch
        {
            null => [bytes],
            _ when name == "gzip" => [bytes, new V3Codec("gzip", new JsonObject { ["level"] = v2["level"]!.GetValue<int>() })],
            _ when name == "zstd" => [bytes, new V3Codec("zstd", new JsonObject { ["level"] = v2["level"]!.GetValue<int>(), ["checksum"] = false })],
            _ => [bytes, new V3Codec("blosc", new JsonObject
            {
                ["cname"] = v2["cname"]!.GetValue<string>(),
                ["clevel"] = v2["clevel"]!.GetValue<int>(),
                ["shuffle"] = (shuffle ?? "byte") switch { "none" => "noshuffle", "bit" => "bitshuffle", _ => "shuffle" },
                ["typesize"] = dataType.ItemSize,
                ["blocksize"] = 0,
            })],
        };
    }
}
