using System.Diagnostics.CodeAnalysis;
using Tessera.DataTypes;

namespace Tessera.Zarr.V3;

/// <summary>
/// The Zarr v3 core data type names (<c>bool</c>, <c>int8</c> … <c>uint64</c>, <c>float32</c>, <c>float64</c>) and
/// their Tessera <see cref="DataType"/>. In v3 the byte order lives in the <c>bytes</c> codec, not the data type,
/// so names map to the native little-endian type.
/// </summary>
public static class V3DataTypes
{
    /// <summary>The names that <see cref="TryParse"/> accepts, for error messages.</summary>
    public const string SupportedNames = "bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32, float64";

    /// <summary>Maps a v3 data type name to the little-endian <see cref="DataType"/>; false for other names.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out DataType dataType)
    {
        DataTypeKind? kind = name switch
        {
            "bool" => DataTypeKind.Bool,
            "int8" => DataTypeKind.Int8,
            "int16" => DataTypeKind.Int16,
            "int32" => DataTypeKind.Int32,
            "int64" => DataTypeKind.Int64,
            "uint8" => DataTypeKind.UInt8,
            "uint16" => DataTypeKind.UInt16,
            "uint32" => DataTypeKind.UInt32,
            "uint64" => DataTypeKind.UInt64,
            "float32" => DataTypeKind.Float32,
            "float64" => DataTypeKind.Float64,
            _ => null,
        };
        dataType = kind switch
        {
            null => default,
            DataTypeKind.Bool or DataTypeKind.Int8 or DataTypeKind.UInt8 => new DataType(kind.Value, ByteOrder.NotApplicable),
            _ => new DataType(kind.Value, ByteOrder.LittleEndian),
        };
        return kind is not null;
    }

    /// <summary>The v3 name of <paramref name="dataType"/>'s kind (its byte order is not part of the name).</summary>
    public static string GetName(DataType dataType) => dataType.Name;
}
