namespace Tessera.Arrays.Signatures;

/// <summary>A core signature is malformed, or the arrays given to it do not fit it.</summary>
public sealed class SignatureException : TesseraException
{
    /// <summary>Creates the exception with a message that says what is wrong and how to fix it.</summary>
    public SignatureException(string message)
        : base(message)
    {
    }
}
