using System.Text.Json.Nodes;
using Tessera.Buffers;
using Tessera.Imaging.Deconvolution;

namespace Tessera.Cli.Tests.Commands;

public sealed class DeconvolveCommandTests
{
    private static readonly JsonObject Lz4 = new() { ["id"] = "blosc", ["cname"] = "lz4", ["clevel"] = 5, ["shuffle"] = 1, ["blocksize"] = 0 };

    [Fact]
    public async Task ThreeDimensionalPsf_AppliesToEveryVolume()
    {
        using var temp = new TempDirectory();
        byte[] data = await CreateImageAsync(temp, [1, 2, 10, 12, 14]);
        string psf = await CreatePsfAsync(temp, [3, 3, 3]);

        var result = await CliRun.RunAsync("deconvolve", temp.Combine("data"), "--psf", psf, "-o", temp.Combine("out"), "--iterations", "3", "--pad", "zero", "--init", "mean");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var output = await TestArrays.ReadAllAsync(temp.Combine("out"));
        using var kernel = GaussianKernel([3, 3, 3]);
        var options = new RichardsonLucyOptions { Iterations = 3, PadMode = PadMode.Zero, InitialEstimate = InitialEstimate.Mean, Threads = 1 };
        for (int t = 0; t < 2; t++)
        {
            using var expected = RichardsonLucy.Deconvolve(Volume(data, t, [10, 12, 14]), kernel, options);
            Assert.True(expected.Bytes.SequenceEqual(output.AsSpan(t * expected.Bytes.Length, expected.Bytes.Length)), $"Volume {t} differs.");
        }
    }

    [Theory]
    [InlineData(null, 1f)]
    [InlineData("0.5", 0.5f)]
    public async Task Uint16Output_IsTheFloatResultScaledRoundedAndClipped_AndSaysWhatWasClipped(string? scaleOption, float scale)
    {
        using var temp = new TempDirectory();
        byte[] data = await CreateImageAsync(temp, [1, 1, 8, 10, 12]);
        string psf = await CreatePsfAsync(temp, [3, 3, 3]);
        string[] scaleArgs = scaleOption is null ? [] : ["--scale", scaleOption];

        var result = await CliRun.RunAsync(["deconvolve", temp.Combine("data"), "--psf", psf, "-o", temp.Combine("out"), "--iterations", "2", "--dtype", "uint16", .. scaleArgs]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var kernel = GaussianKernel([3, 3, 3]);
        using var expected = RichardsonLucy.Deconvolve(Volume(data, 0, [8, 10, 12]), kernel, new RichardsonLucyOptions { Iterations = 2, Threads = 1 });
        var stored = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(await TestArrays.ReadAllAsync(temp.Combine("out")));
        int clipped = 0;
        for (int i = 0; i < stored.Length; i++)
        {
            double value = Math.Round((double)expected.Span[i] * scale, MidpointRounding.AwayFromZero);
            clipped += value > 65535 ? 1 : 0;
            Assert.Equal((ushort)Math.Clamp(value, 0, 65535), stored[i]);
        }

        Assert.Contains($"stored as uint16: values × {(scale == 1 ? "1" : "0.5")}, rounded, clipped to 0..65535", result.Stdout);
        if (clipped > 0)
        {
            double largest = expected.Span.ToArray().Max();
            Assert.Contains($"{clipped} voxel(s)", result.Stdout);
            string fit = Tessera.Cli.Commands.DeconvolveCommand.FittingScale(largest).ToString("G3", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains($"--scale {fit} would fit", result.Stdout);
            Assert.True(Tessera.Cli.Commands.DeconvolveCommand.FittingScale(largest) * largest <= 65535);
        }
        else
        {
            Assert.Contains("none above 65535", result.Stdout);
        }
    }

    [Theory]
    [InlineData(75640.2, 0.866)]
    [InlineData(1.5e9, 4.36e-5)]
    [InlineData(65536, 0.999)]
    [InlineData(1e-3, 65500000)]
    public void FittingScale_KeepsThreeSignificantDigitsAndFits(double largest, double expected)
    {
        double scale = Tessera.Cli.Commands.DeconvolveCommand.FittingScale(largest);

        Assert.Equal(expected, scale, expected * 1e-9);
        Assert.True(scale * largest <= 65535);
    }

    [Fact]
    public async Task ScaleWithoutUint16_IsAUsageError()
    {
        using var temp = new TempDirectory();
        var result = await CliRun.RunAsync("deconvolve", temp.Combine("data"), "--psf", temp.Combine("psf"), "-o", temp.Combine("out"), "--scale", "0.5");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--scale applies only with --dtype uint16", result.Stderr);
    }

    [Fact]
    public async Task PsfThatDoesNotBroadcast_IsRefusedNamingBothArrays()
    {
        using var temp = new TempDirectory();
        await CreateImageAsync(temp, [2, 2, 8, 8, 8]);
        string psf = await CreatePsfAsync(temp, [3, 1, 3, 3, 3]);

        var line = (await CliRun.RunAsync("deconvolve", temp.Combine("data"), "--psf", psf, "-o", temp.Combine("out"))).AssertOneErrorLine();

        Assert.Contains("psf", line);
        Assert.Contains("does not fit INPUT", line);
        Assert.Contains("broadcast", line);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [Fact]
    public async Task PsfLargerThanTheVolume_IsRefusedBeforeCompute()
    {
        using var temp = new TempDirectory();
        await CreateImageAsync(temp, [1, 1, 4, 16, 16]);
        string psf = await CreatePsfAsync(temp, [5, 5, 5]);

        var line = (await CliRun.RunAsync("deconvolve", temp.Combine("data"), "--psf", psf, "-o", temp.Combine("out"))).AssertOneErrorLine();

        Assert.Contains("larger than each volume", line);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [Fact]
    public async Task VolumesSplitOverChunks_AreRefusedWithTheRechunkCommand()
    {
        using var temp = new TempDirectory();
        await TestArrays.CreateAsync(temp.Combine("data"), [2, 8, 8, 8], [1, 4, 8, 8], "<u2", Lz4);
        string psf = await CreatePsfAsync(temp, [3, 3, 3]);

        var line = (await CliRun.RunAsync("deconvolve", temp.Combine("data"), "--psf", psf, "-o", temp.Combine("out"))).AssertOneErrorLine();

        Assert.Contains("splits each (z, y, x) volume", line);
        Assert.Contains("tessera convert", line);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [Fact]
    public async Task BudgetTooSmallForOneVolume_SaysHowMuchOneNeeds()
    {
        using var temp = new TempDirectory();
        await CreateImageAsync(temp, [1, 1, 16, 32, 32]);
        string psf = await CreatePsfAsync(temp, [3, 3, 3]);

        var line = (await CliRun.RunAsync("deconvolve", temp.Combine("data"), "--psf", psf, "-o", temp.Combine("out"), "--memory", "100K")).AssertOneErrorLine();

        Assert.Contains("one block needs", line);
        Assert.Contains("--memory", line);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [Fact]
    public async Task ExistingOutput_OfAnotherJobIsRefusedWithoutOverwrite_AndAFinishedJobRunAgainDoesNothing()
    {
        using var temp = new TempDirectory();
        await CreateImageAsync(temp, [1, 2, 6, 8, 8]);
        string psf = await CreatePsfAsync(temp, [3, 3, 3]);
        string[] args = ["deconvolve", temp.Combine("data"), "--psf", psf, "-o", temp.Combine("out"), "--iterations", "2"];
        Assert.Equal(0, (await CliRun.RunAsync(args)).ExitCode);
        var written = Directory.GetFiles(temp.Combine("out")).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var again = await CliRun.RunAsync(args);
        var resumed = await CliRun.RunAsync([.. args, "--resume"]);
        var otherJob = (await CliRun.RunAsync([.. args[..^1], "3", "--resume"])).AssertOneErrorLine();
        var otherJobNoFlag = (await CliRun.RunAsync([.. args[..^1], "3"])).AssertOneErrorLine();
        var both = await CliRun.RunAsync([.. args, "--resume", "--overwrite"]);
        var overwritten = await CliRun.RunAsync([.. args, "--overwrite"]);

        Assert.Equal(0, again.ExitCode);
        Assert.StartsWith("nothing to do", again.Stdout);
        Assert.Contains("--overwrite", otherJobNoFlag);
        Assert.Equal(0, resumed.ExitCode);
        Assert.StartsWith("nothing to do", resumed.Stdout);
        Assert.Contains("iterations: 2, 3", otherJob);
        Assert.Equal(2, both.ExitCode);
        Assert.Equal(0, overwritten.ExitCode);
        Assert.Contains("deconvolved 2 volume(s)", overwritten.Stdout);
        Assert.All(written.Keys.Where(f => !f.EndsWith(".zattrs", StringComparison.Ordinal)), f => Assert.True(File.Exists(f)));
    }

    [Fact]
    public async Task OverwriteNeverDeletesAGroup()
    {
        using var temp = new TempDirectory();
        await CreateImageAsync(temp, [1, 1, 6, 8, 8]);
        string psf = await CreatePsfAsync(temp, [3, 3, 3]);
        string group = temp.Combine("results.zarr");
        Directory.CreateDirectory(group);
        await File.WriteAllTextAsync(Path.Combine(group, ".zgroup"), """{"zarr_format": 2}""");
        await TestArrays.CreateAsync(Path.Combine(group, "keep"), [4], [4]);

        var line = (await CliRun.RunAsync("deconvolve", temp.Combine("data"), "--psf", psf, "-o", group, "--overwrite")).AssertOneErrorLine();

        Assert.Contains("is a Zarr group (holding keep)", line);
        Assert.Contains(Path.Combine(group, "deconvolved"), line);
        Assert.True(File.Exists(Path.Combine(group, "keep", ".zarray")));
    }

    [Fact]
    public async Task PsfsThatCannotBeNormalised_AreRefusedBeforeTheOutputExists()
    {
        using var temp = new TempDirectory();
        await CreateImageAsync(temp, [2, 1, 6, 8, 8]);
        string psf = temp.Combine("zero-psf");
        await TestArrays.CreateAsync(psf, [2, 1, 3, 3, 3], [1, 1, 3, 3, 3], "<f4");
        var array = await Zarr.ZarrArray.OpenAsync(psf);
        var values = new float[54];
        values.AsSpan(0, 27).Fill(1);
        await array.WriteRegionAsync([0, 0, 0, 0, 0], [2, 1, 3, 3, 3], System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

        var line = (await CliRun.RunAsync("deconvolve", temp.Combine("data"), "--psf", psf, "-o", temp.Combine("out"))).AssertOneErrorLine();

        Assert.Contains($"PSF '{psf}' number 1", line);
        Assert.Contains("sums to 0", line);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [Fact]
    public async Task PsfOfAnotherRank_AndBoolInput_AreRefused()
    {
        using var temp = new TempDirectory();
        await CreateImageAsync(temp, [2, 2, 6, 8, 8]);
        string psf = await CreatePsfAsync(temp, [2, 3, 3, 3]);
        await TestArrays.CreateAsync(temp.Combine("mask"), [6, 8, 8], [6, 8, 8], "|b1");

        var rank = (await CliRun.RunAsync("deconvolve", temp.Combine("data"), "--psf", psf, "-o", temp.Combine("out"))).AssertOneErrorLine();
        var mask = (await CliRun.RunAsync("deconvolve", temp.Combine("mask"), "--psf", psf, "-o", temp.Combine("out"))).AssertOneErrorLine();

        Assert.Contains("give a 3-D PSF for every volume, or one with INPUT's 5 dimensions", rank);
        Assert.Contains("(2, 1, 3, 3, 3) for one PSF per channel", rank);
        Assert.Contains("bool", mask);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    private static async Task<byte[]> CreateImageAsync(TempDirectory temp, long[] shape) =>
        await TestArrays.CreateAsync(temp.Combine("data"), shape, [.. shape[..^3].Select(_ => 1), .. shape[^3..].Select(s => (int)s)], "<u2", Lz4);

    private static async Task<string> CreatePsfAsync(TempDirectory temp, int[] shape)
    {
        string folder = temp.Combine("psf");
        int[] core = shape[^3..];
        using var kernel = GaussianKernel(core);
        long[] full = Array.ConvertAll(shape, s => (long)s);
        await TestArrays.CreateAsync(folder, full, shape, "<f4");
        var array = await Zarr.ZarrArray.OpenAsync(folder);
        int copies = shape.Length > 3 ? shape[..^3].Aggregate(1, (a, b) => a * b) : 1;
        var bytes = new byte[kernel.Bytes.Length * copies];
        for (int i = 0; i < copies; i++)
        {
            kernel.Bytes.CopyTo(bytes.AsSpan(i * kernel.Bytes.Length));
        }

        await array.WriteRegionAsync(new long[shape.Length], shape, bytes);
        return folder;
    }

    private static NDBuffer<float> GaussianKernel(int[] shape)
    {
        var kernel = NDBuffer<float>.Allocate(shape);
        int i = 0;
        for (int z = 0; z < shape[0]; z++)
        {
            for (int y = 0; y < shape[1]; y++)
            {
                for (int x = 0; x < shape[2]; x++)
                {
                    double dz = z - ((shape[0] - 1) / 2.0), dy = y - ((shape[1] - 1) / 2.0), dx = x - ((shape[2] - 1) / 2.0);
                    kernel.Span[i++] = (float)Math.Exp(-0.5 * ((dz * dz / 2) + (dy * dy) + (dx * dx)));
                }
            }
        }

        return kernel;
    }

    private static NDBuffer<float> Volume(byte[] data, int index, int[] shape)
    {
        var volume = NDBuffer<float>.Allocate(shape);
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(data).Slice(index * volume.Length, volume.Length);
        for (int i = 0; i < values.Length; i++)
        {
            volume.Span[i] = values[i];
        }

        return volume;
    }
}
