namespace Tessera.Arrays.Output;

/// <summary>The output exists and may not be replaced, or belongs to another job; nothing was written.</summary>
public sealed class OutputExistsException : TesseraException
{
    /// <summary>Creates the exception with a message that names the output and the fix.</summary>
    public OutputExistsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public OutputExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
