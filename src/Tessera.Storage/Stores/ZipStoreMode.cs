namespace Tessera.Stores;

/// <summary>How a <see cref="ZipStore"/> opens its archive.</summary>
public enum ZipStoreMode
{
    /// <summary>Reads an existing archive; writes throw <see cref="NotSupportedException"/>.</summary>
    Read,

    /// <summary>Starts empty; on commit the archive is written anew, replacing any file at the path.</summary>
    Create,

    /// <summary>Starts from the existing archive (or empty if there is none); on commit its entries and the changes are written anew.</summary>
    Update,
}
