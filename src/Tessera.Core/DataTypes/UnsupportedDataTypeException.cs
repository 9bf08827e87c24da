namespace Tessera.DataTypes;

/// <summary>A type string names a data type that Tessera does not support.</summary>
public sealed class UnsupportedDataTypeException : TesseraException
{
    /// <summary>Creates the exception for <paramref name="typeString"/>.</summary>
    public UnsupportedDataTypeException(string typeString)
        : base($"Unsupported data type '{typeString}': expected one of {DataType.SupportedTypeStrings}.")
    {
        TypeString = typeString;
    }

    /// <summary>The type string that was refused.</summary>
    public string TypeString { get; }
}
