using System.Diagnostics;

namespace Tessera.Testing;

/// <summary>
/// Runs Debian's Python (<c>/usr/bin/python3</c>, which sees <c>python3-zarr</c>,
/// <c>python3-numcodecs</c>, <c>python3-numpy</c>, <c>python3-scipy</c> and <c>python3-skimage</c>,
/// installed by <c>scripts/test</c>) as a process, so that results are checked against the reference
/// implementations rather than Tessera's own code.
/// </summary>
internal static class ReferencePython
{
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>Runs the script file <paramref name="fileName"/> shipped next to the tests in <c>Interop/</c>.</summary>
    public static string RunFile(string fileName, params string[] args) =>
        Run(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Interop", fileName)), args);

    /// <summary>Runs <paramref name="script"/> with <paramref name="args"/>; returns stdout, throws with stderr on failure.</summary>
    public static string Run(string script, params string[] args)
    {
        var psi = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // Keep numpy/blosc single-threaded and quiet so results don't depend on the machine.
        psi.Environment["BLOSC_NTHREADS"] = "1";
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {Interpreter}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Interpreter} exited with {process.ExitCode}:\n{stderr.Result}\n{stdout.Result}");
        }

        return stdout.Result;
    }
}
