namespace Tessera.Tiff;

/// <summary>
/// A TIFF file is malformed, truncated, unsupported or inconsistent with its stack; the message names the file, the
/// page and the fix.
/// </summary>
public class TiffFormatException : TesseraException
{
    /// <summary>Creates an exception with a message.</summary>
    public TiffFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the error that caused it.</summary>
    public TiffFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
