using System.Diagnostics;

namespace Tessera.Bench.Peers;

/// <summary>Runs a peer program (a compiled benchmark, a Python script) to completion and captures its output.</summary>
internal static class PeerProcess
{
    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/>; returns the exit code, stdout and stderr.</summary>
    public static (int Code, string Stdout, string Stderr) Run(string file, params string[] args) =>
        Run(file, environment: null, args);

    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/> and extra <paramref name="environment"/> variables.</summary>
    public static (int Code, string Stdout, string Stderr) Run(string file, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}.");

        // Read stderr concurrently so that neither pipe can fill up and stall the peer.
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
