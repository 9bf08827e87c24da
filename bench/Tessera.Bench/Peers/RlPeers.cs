using System.Globalization;
using Tessera.Buffers;

namespace Tessera.Bench.Peers;

/// <summary>
/// The Richardson–Lucy peers on the same volume and PSF, in the same run: scikit-image
/// (<c>bench-peers/skimage_rl.py</c>, Debian's python3-skimage, one thread, <c>clip=False</c>) and
/// ITK (<c>bench-peers/itk_rl</c>, when built: <c>$TESSERA_ITK_RL</c> or
/// <c>shared/bench-peers/build/itk_rl</c>). Each prints its own JSON line; a missing peer prints why.
/// </summary>
internal static class RlPeers
{
    private const string Python = "/usr/bin/python3";

    public static IEnumerable<string> Run(NDBuffer<float> image, NDBuffer<float> psf, int iterations, int threads, int repeat)
    {
        using var folder = new Data.TempFolder();
        File.WriteAllBytes(folder.Combine("image.f32"), image.Bytes.ToArray());
        File.WriteAllBytes(folder.Combine("psf.f32"), psf.Bytes.ToArray());
        string shape = string.Join(',', image.Shape.ToArray()), psfShape = string.Join(',', psf.Shape.ToArray());
        File.WriteAllText(folder.Combine("meta.json"), $"{{\"shape\": [{shape}], \"psf_shape\": [{psfShape}]}}");
        string count = iterations.ToString(CultureInfo.InvariantCulture);

        string? peers = FindPeers();
        string? script = peers is null ? null : Path.Combine(peers, "skimage_rl.py");
        yield return script is null || !File.Exists(Python)
            ? "skimage: skipped (needs /usr/bin/python3 with python3-skimage and ../shared/bench-peers or $TESSERA_BENCH_PEERS)"
            : Execute("skimage", Python, script, folder.Path, "--iterations", count, "--clip", "false", "--repeat", $"{repeat}");

        string? itk = Environment.GetEnvironmentVariable("TESSERA_ITK_RL") ?? (peers is null ? null : Path.Combine(peers, "build", "itk_rl"));
        yield return itk is null || !File.Exists(itk)
            ? "itk: skipped (build ../shared/bench-peers/itk_rl with cmake, or set $TESSERA_ITK_RL)"
            : Execute("itk", itk, "--image", folder.Combine("image.f32"), "--shape", shape, "--psf", folder.Combine("psf.f32"), "--psf-shape", psfShape, "--iterations", count, "--threads", $"{threads}", "--repeat", $"{repeat}");
    }

    private static string? FindPeers()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("TESSERA_BENCH_PEERS");
        if (fromEnvironment is not null && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "bench-peers");
            if (File.Exists(Path.Combine(candidate, "skimage_rl.py")))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Execute(string name, string file, params string[] args)
    {
        var (code, stdout, stderr) = PeerProcess.Run(file, args);
        return code == 0 ? $"{name}: {stdout.Trim()}" : $"{name}: failed ({code}): {stderr.Trim()}";
    }
}
