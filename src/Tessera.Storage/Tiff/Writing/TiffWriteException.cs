namespace Tessera.Tiff.Writing;

/// <summary>A TIFF file could not be written (LibTiff.NET refused a tag, a strip or a directory).</summary>
public class TiffWriteException : TesseraException
{
    /// <summary>Creates an exception with a message.</summary>
    public TiffWriteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the error that caused it.</summary>
    public TiffWriteException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
