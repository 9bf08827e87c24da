namespace Tessera.Stores;

/// <summary>What a store supports.</summary>
[Flags]
public enum StoreCapabilities
{
    /// <summary>Nothing beyond reading whole values.</summary>
    None = 0,

    /// <summary><see cref="IStore.SetAsync"/> works.</summary>
    Writable = 1,

    /// <summary><see cref="IStore.DeleteAsync"/> works.</summary>
    Deletable = 2,

    /// <summary><see cref="IStore.ListAsync"/> works.</summary>
    Listable = 4,

    /// <summary><see cref="IStore.GetAsync"/> reads only the requested byte range.</summary>
    PartialReads = 8,

    /// <summary>A reader never sees a partly written value, even if the writer crashes.</summary>
    AtomicWrites = 16,
}
