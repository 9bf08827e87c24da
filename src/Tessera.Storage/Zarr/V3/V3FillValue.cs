using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.DataTypes;

namespace Tessera.Zarr.V3;

/// <summary>
/// The <c>fill_value</c> of a Zarr v3 array (core spec, "fill_value"): a JSON boolean for <c>bool</c>, a JSON
/// integer in range for integer types, and for floats a JSON number, <c>"NaN"</c>, <c>"Infinity"</c>,
/// <c>"-Infinity"</c>, or <c>"0x…"</c> giving the raw IEEE 754 bits as big-endian hex (so NaN payloads survive).
/// Unlike v2, null is not allowed.
/// </summary>
public sealed class V3FillValue
{
    private readonly byte[] _element;

    private V3FillValue(JsonNode json, byte[] element)
    {
        Json = json;
        _element = element;
    }

    /// <summary>The value as written in metadata.</summary>
    public JsonNode Json { get; }

    /// <summary>One element holding the value, little-endian.</summary>
    public ReadOnlySpan<byte> Element => _element;

    /// <summary>Whether every byte of the element is zero, so a cleared buffer already holds the value.</summary>
    public bool IsZero => _element.AsSpan().IndexOfAnyExcept((byte)0) < 0;

    /// <summary>Parses <paramref name="json"/> as a fill value of <paramref name="dataType"/>.</summary>
    /// <exception cref="FormatException">The value does not fit the type; the message says what is accepted.</exception>
    public static V3FillValue Parse(JsonNode? json, DataType dataType)
    {
        // Re-parse so that values built in code (JsonValue<int>, ...) convert like values read from files.
        if (json is null || JsonNode.Parse(json.ToJsonString()) is not JsonValue value)
        {
            throw new FormatException($"fill_value {json?.ToJsonString() ?? "(missing or null)"} is not a valid {dataType.Name} value; expected {Expected(dataType)}.");
        }

        var element = new byte[dataType.ItemSize];
        if (!TryEncode(value, dataType, element))
        {
            throw new FormatException($"fill_value {value.ToJsonString()} is not a valid {dataType.Name} value; expected {Expected(dataType)}.");
        }

        return new V3FillValue(value, element);
    }

    /// <summary>Fills <paramref name="destination"/> (whole elements) with the value.</summary>
    public void FillBytes(Span<byte> destination) => FillValue.Repeat(_element, destination);

    /// <inheritdoc/>
    public override string ToString() => Json.ToJsonString();

    private static string Expected(DataType dataType) => dataType.Kind switch
    {
        DataTypeKind.Bool => "true or false",
        DataTypeKind.Float32 => "a number, \"NaN\", \"Infinity\", \"-Infinity\" or 8 hex digits of the raw bits such as \"0x7fc00000\"",
        DataTypeKind.Float64 => "a number, \"NaN\", \"Infinity\", \"-Infinity\" or 16 hex digits of the raw bits such as \"0x7ff8000000000000\"",
        _ => "an integer without fraction or exponent in the type's range",
    };

    private static bool TryEncode(JsonValue value, DataType dataType, Span<byte> element)
    {
        JsonValueKind kind = value.GetValueKind();
        switch (dataType.Kind)
        {
            case DataTypeKind.Bool:
                if (kind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return false;
                }

                element[0] = kind == JsonValueKind.True ? (byte)1 : (byte)0;
                return true;
            case DataTypeKind.Float32:
                if (kind == JsonValueKind.String && TryParseHexBits(value.GetValue<string>(), 8, out ulong bits32))
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(element, (uint)bits32);
                    return true;
                }

                if (!TryReadDouble(value, out double d32))
                {
                    return false;
                }

                // A finite number beyond float32's range would silently become infinity; reject it instead.
                float f = (float)d32;
                if (float.IsInfinity(f) && double.IsFinite(d32))
                {
                    return false;
                }

                BinaryPrimitives.WriteSingleLittleEndian(element, f);
                return true;
            case DataTypeKind.Float64:
                if (kind == JsonValueKind.String && TryParseHexBits(value.GetValue<string>(), 16, out ulong bits64))
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(element, bits64);
                    return true;
                }

                if (!TryReadDouble(value, out double d64))
                {
                    return false;
                }

                BinaryPrimitives.WriteDoubleLittleEndian(element, d64);
                return true;
            case DataTypeKind.UInt64:
                if (kind != JsonValueKind.Number || !value.TryGetValue(out ulong u))
                {
                    return false;
                }

                BinaryPrimitives.WriteUInt64LittleEndian(element, u);
                return true;
            default:
                // TryGetValue<long> fails for fractions and exponents (1.0, 1e3): the spec wants plain integers.
                if (kind != JsonValueKind.Number || !value.TryGetValue(out long v))
                {
                    return false;
                }

                return TryWriteInteger(v, dataType.Kind, element);
        }
    }

    private static bool TryWriteInteger(long v, DataTypeKind kind, Span<byte> element)
    {
        switch (kind)
        {
            case DataTypeKind.Int8 when v is >= sbyte.MinValue and <= sbyte.MaxValue: element[0] = (byte)(sbyte)v; return true;
            case DataTypeKind.UInt8 when v is >= 0 and <= byte.MaxValue: element[0] = (byte)v; return true;
            case DataTypeKind.Int16 when v is >= short.MinValue and <= short.MaxValue: BinaryPrimitives.WriteInt16LittleEndian(element, (short)v); return true;
            case DataTypeKind.UInt16 when v is >= 0 and <= ushort.MaxValue: BinaryPrimitives.WriteUInt16LittleEndian(element, (ushort)v); return true;
            case DataTypeKind.Int32 when v is >= int.MinValue and <= int.MaxValue: BinaryPrimitives.WriteInt32LittleEndian(element, (int)v); return true;
            case DataTypeKind.UInt32 when v is >= 0 and <= uint.MaxValue: BinaryPrimitives.WriteUInt32LittleEndian(element, (uint)v); return true;
            case DataTypeKind.Int64: BinaryPrimitives.WriteInt64LittleEndian(element, v); return true;
            default: return false;
        }
    }

    private static bool TryReadDouble(JsonValue value, out double result)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.Number:
                // False for numbers beyond double's range such as 1e400.
                return value.TryGetValue(out result) && double.IsFinite(result);
            case JsonValueKind.String:
                result = value.GetValue<string>() switch
                {
                    // NumPy's NaN (0x7ff8…, sign clear) rather than .NET's double.NaN (sign set), so
                    // chunks filled here match the bytes zarr-python writes.
                    "NaN" => BitConverter.Int64BitsToDouble(0x7ff8_0000_0000_0000),
                    "Infinity" => double.PositiveInfinity,
                    "-Infinity" => double.NegativeInfinity,
                    _ => 0,
                };
                return result != 0;
            default:
                result = 0;
                return false;
        }
    }

    /// <summary>Reads <c>0x</c> and exactly <paramref name="digits"/> hex digits, most significant first.</summary>
    private static bool TryParseHexBits(string text, int digits, out ulong bits)
    {
        bits = 0;
        return text.Length == digits + 2 && text.StartsWith("0x", StringComparison.Ordinal)
            && ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bits);
    }
}
