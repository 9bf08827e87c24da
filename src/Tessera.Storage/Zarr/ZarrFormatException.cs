namespace Tessera.Zarr;

/// <summary>Zarr metadata or a chunk is malformed, unsupported or inconsistent; the message names the file and the fix.</summary>
public class ZarrFormatException : TesseraException
{
    /// <summary>Creates an exception with a message.</summary>
    public ZarrFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the error that caused it.</summary>
    public ZarrFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
