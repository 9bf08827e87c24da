using Tessera.Stores;

namespace Tessera.Storage.Tests.Stores;

public sealed class MemoryStoreTests : StoreConformanceTests<MemoryStore>
{
    protected override MemoryStore CreateStore() => new();
}
