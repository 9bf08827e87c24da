using Tessera.Ngff;

namespace Tessera.Storage.Tests.Ngff;

public sealed class NgffAxisRolesTests
{
    [Fact]
    public void From_FindsTczyxAndVoxelSizes_IncludingTheMultiscaleScale()
    {
        var m = NgffImage.FromAttributes(NgffDocuments.Parse(NgffDocuments.V04), "a")!.Multiscales[0];

        var roles = NgffAxisRoles.From(m);

        Assert.Equal((0, 1, 2, 3, 4, -1), (roles.Time, roles.Channel, roles.Z, roles.Y, roles.X, roles.Custom));
        Assert.Equal(0.5, roles.VoxelSizeZ);
        Assert.Equal(0.5, roles.VoxelSizeY);
        Assert.Equal(0.5, roles.VoxelSizeX);
        Assert.Equal("micrometer", roles.UnitZ);

        // The multiscale-level scale is [0.1, 1, 1, 1, 1]: frames are 1 * 0.1 ms apart.
        Assert.Equal(0.1, roles.TimeStep);
        Assert.Equal("millisecond", roles.TimeUnit);
    }

    [Fact]
    public void From_ChannelZyxWithoutTime()
    {
        var m = NgffImage.FromAttributes(NgffDocuments.Parse(NgffDocuments.V05), "a")!.Multiscales[0];

        var roles = NgffAxisRoles.From(m);

        Assert.Equal((-1, 0, 1, 2, 3), (roles.Time, roles.Channel, roles.Z, roles.Y, roles.X));
        Assert.Equal(2.0, roles.VoxelSizeZ);
        Assert.Equal(0.325, roles.VoxelSizeY);
        Assert.Null(roles.TimeStep);
    }

    [Fact]
    public void From_UsesNamesWhenTheyAreZyx_AndPositionsOtherwise()
    {
        var swapped = new NgffMultiscale
        {
            Axes = [NgffAxis.Space("x", "nanometer"), NgffAxis.Space("y", "micrometer")],
            Datasets = [new NgffDataset("0", [3.0, 7.0])],
        };
        var custom = new NgffMultiscale
        {
            Axes = [new NgffAxis("lambda", NgffAxisType.Custom) { CustomType = "spectral" }, NgffAxis.Space("row"), NgffAxis.Space("col")],
            Datasets = [new NgffDataset("0", [1.0, 2.0, 4.0])],
        };

        var byName = NgffAxisRoles.From(swapped);
        var byPosition = NgffAxisRoles.From(custom);

        Assert.Equal((-1, 1, 0), (byName.Z, byName.Y, byName.X));
        Assert.Equal((7.0, 3.0, "nanometer"), (byName.VoxelSizeY, byName.VoxelSizeX, byName.UnitX));
        Assert.Null(byName.VoxelSizeZ);
        Assert.Equal((0, -1, -1, 1, 2), (byPosition.Custom, byPosition.Channel, byPosition.Z, byPosition.Y, byPosition.X));
        Assert.Equal(4.0, byPosition.VoxelSizeX);
    }
}
