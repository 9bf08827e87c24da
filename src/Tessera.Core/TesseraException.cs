namespace Tessera;

/// <summary>
/// The base of every error caused by bad data or formats (as opposed to programming mistakes,
/// which use the <see cref="ArgumentException"/> family). Messages say what was expected, what
/// was found, where, and how to fix it.
/// </summary>
public class TesseraException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public TesseraException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the error that caused it.</summary>
    public TesseraException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
