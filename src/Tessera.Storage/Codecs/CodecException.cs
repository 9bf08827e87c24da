namespace Tessera.Codecs;

/// <summary>Encoded data is corrupt or truncated, or a codec configuration is invalid.</summary>
public sealed class CodecException : TesseraException
{
    /// <summary>Creates an exception with a message.</summary>
    public CodecException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the error that caused it.</summary>
    public CodecException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
