using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.DataTypes;

namespace Tessera.Zarr;

/// <summary>
/// The value of elements in chunks that were never written, as Zarr metadata records it: a JSON number,
/// <c>"NaN"</c>, <c>"Infinity"</c> or <c>"-Infinity"</c> for floats, <c>true</c>/<c>false</c> for bool, or
/// null (undefined; Tessera then uses zero).
/// </summary>
public sealed class FillValue
{
    private readonly byte[] _element;

    private FillValue(JsonNode? json, byte[] element)
    {
        Json = json;
        _element = element;
    }

    /// <summary>The value as written in metadata (null when undefined).</summary>
    public JsonNode? Json { get; }

    /// <summary>One element holding the value, in the machine's (little-endian) byte order.</summary>
    public ReadOnlySpan<byte> Element => _element;

    /// <summary>Whether every byte of the element is zero, so a cleared buffer already holds the value.</summary>
    public bool IsZero => _element.AsSpan().IndexOfAnyExcept((byte)0) < 0;

    /// <summary>The value zero (or false) of <paramref name="dataType"/>.</summary>
    public static FillValue Zero(DataType dataType) =>
        Parse(dataType.IsFloatingPoint ? JsonValue.Create(0.0) : dataType.Kind == DataTypeKind.Bool ? JsonValue.Create(false) : JsonValue.Create(0), dataType);

    /// <summary>Parses <paramref name="json"/> as a fill value of <paramref name="dataType"/>.</summary>
    /// <exception cref="FormatException">The value does not fit the type; the message says what is accepted.</exception>
    public static FillValue Parse(JsonNode? json, DataType dataType)
    {
        var element = new byte[dataType.ItemSize];
        if (json is null)
        {
            return new FillValue(null, element);
        }

        // Re-parse so that values built in code (JsonValue<int>, ...) convert like values read from files.
        if (JsonNode.Parse(json.ToJsonString()) is not JsonValue value)
        {
            throw new FormatException($"fill_value {json.ToJsonString()} must be a number, a string such as \"NaN\", a boolean or null.");
        }

        try
        {
            Encode(value, dataType, element);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OverflowException or FormatException)
        {
            throw new FormatException($"fill_value {json.ToJsonString()} is not a valid {dataType.Name} value. Use a number in range{(dataType.IsFloatingPoint ? ", \"NaN\", \"Infinity\" or \"-Infinity\"" : "")}.", ex);
        }

        return new FillValue(value.DeepClone(), element);
    }

    /// <summary>Fills <paramref name="destination"/> (whole elements) with the value.</summary>
    public void FillBytes(Span<byte> destination) => Repeat(_element, destination);

    /// <summary>Fills <paramref name="destination"/> with whole copies of <paramref name="element"/>'s bytes.</summary>
    internal static void Repeat(ReadOnlySpan<byte> element, Span<byte> destination)
    {
        if (element.IndexOfAnyExcept((byte)0) < 0)
        {
            destination.Clear();
            return;
        }

        int size = element.Length;
        for (int i = 0; i + size <= destination.Length; i += size)
        {
            element.CopyTo(destination[i..]);
        }
    }

    /// <summary>The JSON form of a floating-point fill value, as zarr-python writes it.</summary>
    public static JsonNode FromDouble(double value) =>
        double.IsNaN(value) ? JsonValue.Create("NaN")
        : double.IsPositiveInfinity(value) ? JsonValue.Create("Infinity")
        : double.IsNegativeInfinity(value) ? JsonValue.Create("-Infinity")
        : JsonValue.Create(value);

    /// <inheritdoc/>
    public override string ToString() => Json?.ToJsonString() ?? "null";

    private static void Encode(JsonValue value, DataType dataType, Span<byte> element)
    {
        switch (dataType.Kind)
        {
            case DataTypeKind.Bool:
                element[0] = value.GetValueKind() switch
                {
                    JsonValueKind.True => 1,
                    JsonValueKind.False => 0,
                    JsonValueKind.Number => value.GetValue<int>() != 0 ? (byte)1 : (byte)0,
                    _ => throw new FormatException("expected true or false"),
                };
                break;
            case DataTypeKind.Float32:
                BinaryPrimitives.WriteSingleLittleEndian(element, (float)ReadDouble(value));
                break;
            case DataTypeKind.Float64:
                BinaryPrimitives.WriteDoubleLittleEndian(element, ReadDouble(value));
                break;
            case DataTypeKind.UInt64:
                BinaryPrimitives.WriteUInt64LittleEndian(element, ReadUInt64(value));
                break;
            default:
                long v = ReadInt64(value);
                switch (dataType.Kind)
                {
                    case DataTypeKind.Int8: element[0] = (byte)checked((sbyte)v); break;
                    case DataTypeKind.UInt8: element[0] = checked((byte)v); break;
                    case DataTypeKind.Int16: BinaryPrimitives.WriteInt16LittleEndian(element, checked((short)v)); break;
                    case DataTypeKind.UInt16: BinaryPrimitives.WriteUInt16LittleEndian(element, checked((ushort)v)); break;
                    case DataTypeKind.Int32: BinaryPrimitives.WriteInt32LittleEndian(element, checked((int)v)); break;
                    case DataTypeKind.UInt32: BinaryPrimitives.WriteUInt32LittleEndian(element, checked((uint)v)); break;
                    default: BinaryPrimitives.WriteInt64LittleEndian(element, v); break;
                }

                break;
        }
    }

    private static double ReadDouble(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.Number => value.GetValue<double>(),
        JsonValueKind.String => value.GetValue<string>() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => throw new FormatException($"unknown float string '{s}'"),
        },
        _ => throw new FormatException("expected a number"),
    };

    private static long ReadInt64(JsonValue value)
    {
        if (value.GetValueKind() != JsonValueKind.Number)
        {
            throw new FormatException("expected an integer");
        }

        if (value.TryGetValue(out long l))
        {
            return l;
        }

        // zarr-python may write integral fill values of integer arrays as floats, e.g. 0.0.
        double d = value.GetValue<double>();
        return d == Math.Floor(d) ? checked((long)d) : throw new FormatException($"{d.ToString(CultureInfo.InvariantCulture)} is not an integer");
    }

    private static ulong ReadUInt64(JsonValue value) =>
        value.TryGetValue(out ulong u) ? u : checked((ulong)ReadInt64(value));
}
