using System.Diagnostics.CodeAnalysis;

namespace Tessera.DataTypes;

/// <summary>
/// An element type with its stored byte order, written and parsed as a NumPy type string such as
/// <c>&lt;u2</c> (little-endian uint16) or <c>|b1</c> (bool).
/// </summary>
/// <param name="Kind">The element kind.</param>
/// <param name="Order">The stored byte order; <see cref="ByteOrder.NotApplicable"/> for one-byte kinds.</param>
public readonly record struct DataType(DataTypeKind Kind, ByteOrder Order)
{
    /// <summary>The type strings that <see cref="Parse"/> accepts, for error messages.</summary>
    public const string SupportedTypeStrings = "|b1 |i1 |u1 <i2 <u2 <i4 <u4 <i8 <u8 <f4 <f8 (and '>' for big-endian)";

    /// <summary>Size of one element in bytes.</summary>
    public int ItemSize => Kind switch
    {
        DataTypeKind.Bool or DataTypeKind.Int8 or DataTypeKind.UInt8 => 1,
        DataTypeKind.Int16 or DataTypeKind.UInt16 => 2,
        DataTypeKind.Int32 or DataTypeKind.UInt32 or DataTypeKind.Float32 => 4,
        _ => 8,
    };

    /// <summary>True for <see cref="DataTypeKind.Float32"/> and <see cref="DataTypeKind.Float64"/>.</summary>
    public bool IsFloatingPoint => Kind is DataTypeKind.Float32 or DataTypeKind.Float64;

    /// <summary>True when stored elements must be byte-swapped on this (little-endian) machine.</summary>
    public bool NeedsByteSwap => Order == ByteOrder.BigEndian && ItemSize > 1 && BitConverter.IsLittleEndian;

    /// <summary>The .NET type that holds one element.</summary>
    public Type ClrType => Kind switch
    {
        DataTypeKind.Bool => typeof(bool),
        DataTypeKind.Int8 => typeof(sbyte),
        DataTypeKind.UInt8 => typeof(byte),
        DataTypeKind.Int16 => typeof(short),
        DataTypeKind.UInt16 => typeof(ushort),
        DataTypeKind.Int32 => typeof(int),
        DataTypeKind.UInt32 => typeof(uint),
        DataTypeKind.Int64 => typeof(long),
        DataTypeKind.UInt64 => typeof(ulong),
        DataTypeKind.Float32 => typeof(float),
        _ => typeof(double),
    };

    /// <summary>The NumPy type string, e.g. <c>&lt;u2</c>.</summary>
    public string TypeString
    {
        get
        {
            char order = ItemSize == 1 ? '|' : Order == ByteOrder.BigEndian ? '>' : '<';
            char code = Kind switch
            {
                DataTypeKind.Bool => 'b',
                DataTypeKind.Int8 or DataTypeKind.Int16 or DataTypeKind.Int32 or DataTypeKind.Int64 => 'i',
                DataTypeKind.Float32 or DataTypeKind.Float64 => 'f',
                _ => 'u',
            };
            return $"{order}{code}{ItemSize}";
        }
    }

    /// <summary>The NumPy name of the kind, e.g. <c>uint16</c>.</summary>
    public string Name => Kind switch
    {
        DataTypeKind.Bool => "bool",
        DataTypeKind.Float32 => "float32",
        DataTypeKind.Float64 => "float64",
        _ => Kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The little-endian data type whose elements are held in <typeparamref name="T"/>.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not an element type.</exception>
    public static DataType For<T>()
        where T : unmanaged
    {
        DataTypeKind kind = typeof(T) switch
        {
            var t when t == typeof(bool) => DataTypeKind.Bool,
            var t when t == typeof(sbyte) => DataTypeKind.Int8,
            var t when t == typeof(byte) => DataTypeKind.UInt8,
            var t when t == typeof(short) => DataTypeKind.Int16,
            var t when t == typeof(ushort) => DataTypeKind.UInt16,
            var t when t == typeof(int) => DataTypeKind.Int32,
            var t when t == typeof(uint) => DataTypeKind.UInt32,
            var t when t == typeof(long) => DataTypeKind.Int64,
            var t when t == typeof(ulong) => DataTypeKind.UInt64,
            var t when t == typeof(float) => DataTypeKind.Float32,
            var t when t == typeof(double) => DataTypeKind.Float64,
            _ => throw new NotSupportedException($"{typeof(T).Name} is not a Tessera element type. Use one of bool, sbyte, byte, short, ushort, int, uint, long, ulong, float, double."),
        };
        return new DataType(kind, kind is DataTypeKind.Bool or DataTypeKind.Int8 or DataTypeKind.UInt8 ? ByteOrder.NotApplicable : ByteOrder.LittleEndian);
    }

    /// <summary>Parses a NumPy type string such as <c>&lt;u2</c>, <c>&gt;f8</c> or <c>|b1</c>.</summary>
    /// <exception cref="UnsupportedDataTypeException">The string is not a supported type.</exception>
    public static DataType Parse(string typeString)
    {
        ArgumentNullException.ThrowIfNull(typeString);
        return TryParse(typeString, out var type)
            ? type
            : throw new UnsupportedDataTypeException(typeString);
    }

    /// <summary>Parses a NumPy type string; returns false when it is not a supported type.</summary>
    public static bool TryParse(string? typeString, [NotNullWhen(true)] out DataType type)
    {
        type = default;

        // Every supported type string is an order, a kind and one size digit. Checking that up front
        // keeps int parsing from accepting padded or signed sizes such as "<u02", "<u+2" or "<u2 ".
        if (typeString is not { Length: 3 } || !char.IsAsciiDigit(typeString[2]))
        {
            return false;
        }

        ByteOrder order = typeString[0] switch
        {
            '<' => ByteOrder.LittleEndian,
            '>' => ByteOrder.BigEndian,
            '|' => ByteOrder.NotApplicable,
            '=' => BitConverter.IsLittleEndian ? ByteOrder.LittleEndian : ByteOrder.BigEndian,
            _ => (ByteOrder)(-1),
        };
        if (!Enum.IsDefined(order))
        {
            return false;
        }

        int size = typeString[2] - '0';

        DataTypeKind? kind = (typeString[1], size) switch
        {
            ('b', 1) => DataTypeKind.Bool,
            ('i', 1) => DataTypeKind.Int8,
            ('u', 1) => DataTypeKind.UInt8,
            ('i', 2) => DataTypeKind.Int16,
            ('u', 2) => DataTypeKind.UInt16,
            ('i', 4) => DataTypeKind.Int32,
            ('u', 4) => DataTypeKind.UInt32,
            ('i', 8) => DataTypeKind.Int64,
            ('u', 8) => DataTypeKind.UInt64,
            ('f', 4) => DataTypeKind.Float32,
            ('f', 8) => DataTypeKind.Float64,
            _ => null,
        };
        if (kind is null)
        {
            return false;
        }

        // One-byte types have no order; NumPy writes '|' but also accepts '<' and '>'.
        type = new DataType(kind.Value, size == 1 ? ByteOrder.NotApplicable : order == ByteOrder.NotApplicable ? ByteOrder.LittleEndian : order);
        return true;
    }

    /// <summary>This type with little-endian order (the in-memory order of <see cref="Buffers.NDBuffer{T}"/>).</summary>
    public DataType AsNative() => ItemSize == 1 ? this : this with { Order = ByteOrder.LittleEndian };

    /// <inheritdoc/>
    public override string ToString() => TypeString;
}
