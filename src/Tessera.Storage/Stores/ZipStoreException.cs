namespace Tessera.Stores;

/// <summary>A file opened as a zip store is not a zip archive, or is damaged or uses an unsupported feature; the message names the file.</summary>
public sealed class ZipStoreException : TesseraException
{
    /// <summary>Creates an exception with a message.</summary>
    public ZipStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the error that caused it.</summary>
    public ZipStoreException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
