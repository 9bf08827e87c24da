namespace Tessera.DataTypes;

/// <summary>The byte order of stored elements.</summary>
public enum ByteOrder
{
    /// <summary>Single-byte types, for which order does not apply (NumPy's <c>|</c>).</summary>
    NotApplicable,

    /// <summary>Least significant byte first (NumPy's <c>&lt;</c>).</summary>
    LittleEndian,

    /// <summary>Most significant byte first (NumPy's <c>&gt;</c>).</summary>
    BigEndian,
}
