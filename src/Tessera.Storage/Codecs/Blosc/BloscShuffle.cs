namespace Tessera.Codecs.Blosc;

/// <summary>The filter Blosc applies to each block before compressing it (numcodecs' <c>shuffle</c>).</summary>
public enum BloscShuffle
{
    /// <summary>numcodecs' <c>AUTOSHUFFLE</c> (-1): bit shuffle for 1-byte items, byte shuffle otherwise.</summary>
    Auto = -1,

    /// <summary>No filter (0).</summary>
    None = 0,

    /// <summary>Byte shuffle (1): byte <c>j</c> of every item is stored together.</summary>
    Byte = 1,

    /// <summary>Bit shuffle (2): bit <c>b</c> of byte <c>j</c> of every item is stored together.</summary>
    Bit = 2,
}
