using Tessera.Cli.Files;

namespace Tessera.Cli.Tests.Files;

public sealed class StagedOutputTests
{
    [Fact]
    public void Publish_MovesCompleteFolderIntoPlace()
    {
        using var temp = new TempDirectory();
        string final = temp.Combine("out.zarr");

        using (var staged = StagedOutput.Begin(final, overwrite: false))
        {
            File.WriteAllText(Path.Combine(staged.StagingPath, ".zarray"), "{}");
            Assert.False(Directory.Exists(final));
            staged.Publish();
        }

        Assert.True(File.Exists(Path.Combine(final, ".zarray")));
        Assert.Equal([final], TestArrays.Leftovers(temp.Path, "out.zarr"));
    }

    [Fact]
    public void Dispose_WithoutPublish_RemovesEverythingItCreated()
    {
        using var temp = new TempDirectory();
        string final = temp.Combine("x", "y", "out.zarr");

        using (var staged = StagedOutput.Begin(final, overwrite: false))
        {
            File.WriteAllText(Path.Combine(staged.StagingPath, "0.0"), "chunk");
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Dispose_KeepsParentFoldersThatExistedOrGainedOtherFiles()
    {
        using var temp = new TempDirectory();
        string final = temp.Combine("x", "out.zarr");

        using (var staged = StagedOutput.Begin(final, overwrite: false))
        {
            File.WriteAllText(temp.Combine("x", "someone-else.txt"), "keep");
        }

        Assert.Equal([temp.Combine("x", "someone-else.txt")], Directory.GetFileSystemEntries(temp.Combine("x")));
    }

    [Fact]
    public void Begin_AllowsOverwriteOfEmptyFolder()
    {
        using var temp = new TempDirectory();
        string final = temp.Combine("out.zarr");
        Directory.CreateDirectory(final);

        using var staged = StagedOutput.Begin(final, overwrite: true);
        File.WriteAllText(Path.Combine(staged.StagingPath, ".zgroup"), "{}");
        staged.Publish();

        Assert.True(File.Exists(Path.Combine(final, ".zgroup")));
    }

    [Fact]
    public void Begin_RefusesOverwriteOfFile()
    {
        using var temp = new TempDirectory();
        string final = temp.Combine("out.zarr");
        File.WriteAllText(final, "a file");

        var ex = Assert.Throws<TesseraException>(() => StagedOutput.Begin(final, overwrite: true));

        Assert.Contains("not a Zarr array or group", ex.Message);
        Assert.True(File.Exists(final));
    }
}
