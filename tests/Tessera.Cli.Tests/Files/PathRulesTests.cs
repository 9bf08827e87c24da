using Tessera.Cli.Files;

namespace Tessera.Cli.Tests.Files;

public sealed class PathRulesTests
{
    [Theory]
    [InlineData("/data/in.zarr", "/data/in.zarr")]
    [InlineData("/data/in.zarr", "/data/in.zarr/")]
    [InlineData("/data/in.zarr", "/data/./in.zarr")]
    [InlineData("/data/in.zarr", "/data/in.zarr/out.zarr")]
    [InlineData("/data/in.zarr", "/data")]
    [InlineData("/data/in.zarr", "/")]
    public void CheckSeparate_RefusesOverlap(string input, string output)
    {
        Assert.Throws<UsageException>(() => PathRules.CheckSeparate(input, output));
    }

    [Theory]
    [InlineData("/data/in.zarr", "/data/in.zarr2")]
    [InlineData("/data/in.zarr", "/data/out.zarr")]
    [InlineData("/data/in.zarr2", "/data/in.zarr")]
    public void CheckSeparate_AcceptsSiblingsWithSharedPrefix(string input, string output)
    {
        PathRules.CheckSeparate(input, output);
    }
}
