namespace Tessera.Arrays.Operations;

/// <summary>A lazy array's plan cannot be written as data, because it holds an in-process closure.</summary>
public sealed class PlanSerializationException : TesseraException
{
    /// <summary>Creates the exception with a message that names the operation and the fix.</summary>
    public PlanSerializationException(string message)
        : base(message)
    {
    }
}
