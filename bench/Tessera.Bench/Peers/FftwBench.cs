
namespace Tessera.Bench.Peers;

/// <summary>
/// FFTW single precision (Debian's libfftw3-dev) through <c>bench-peers/fftw_bench.c</c>, compiled
/// with /usr/bin/gcc into a temporary folder on each run.
/// </summary>
internal static class FftwBench
{
    private const string Compiler = "/usr/bin/gcc";
    private const string Header = "/usr/include/fftw3.h";

    /// <summary>FFTW's output line for one r2c + c2r of (z, y, x), or why it could not run.</summary>
    public static string Run(int[] shape, int threads, int repeat)
    {
        using var folder = new Data.TempFolder();
        string? binary = Compile(folder, out string why);
        return binary is null ? why : Run(binary, shape, threads, repeat);
    }

    /// <summary>Compiles the peer into <paramref name="folder"/>; null (with the reason in <paramref name="why"/>) when it cannot.</summary>
    public static string? Compile(Data.TempFolder folder, out string why)
    {
        string? source = FindSource();
        if (!File.Exists(Compiler) || !File.Exists(Header) || source is null)
        {
            why = $"fftw: skipped (needs {Compiler}, {Header} from libfftw3-dev, and ../shared/bench-peers/fftw_bench.c or $TESSERA_BENCH_PEERS)";
            return null;
        }

        string binary = folder.Combine("fftw_bench");
        var (code, output) = Execute(Compiler, "-O2", "-o", binary, source, "-lfftw3f_threads", "-lfftw3f", "-lm", "-lpthread");
        why = code == 0 ? "" : $"fftw: compile failed: {output.Trim()}";
        return code == 0 ? binary : null;
    }

    /// <summary>Runs a compiled peer once (plans with FFTW_MEASURE, then times <paramref name="repeat"/> pairs).</summary>
    public static string Run(string binary, int[] shape, int threads, int repeat)
    {
        var (code, output) = Execute(binary, $"{shape[0]}", $"{shape[1]}", $"{shape[2]}", $"{threads}", $"{Math.Min(repeat, 99)}", "measure");
        return code == 0 ? output.Trim() : $"fftw: failed ({code}): {output.Trim()}";
    }

    private static string? FindSource()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("TESSERA_BENCH_PEERS");
        if (fromEnvironment is not null && File.Exists(Path.Combine(fromEnvironment, "fftw_bench.c")))
        {
            return Path.Combine(fromEnvironment, "fftw_bench.c");
        }

        // The peers live in ../shared/bench-peers beside the repository; look upwards from here.
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "bench-peers", "fftw_bench.c");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static (int Code, string Output) Execute(string file, params string[] args)
    {
        var (code, stdout, stderr) = PeerProcess.Run(file, args);
        return (code, stdout + stderr);
    }
}
