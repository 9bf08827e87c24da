using System.Diagnostics;
using System.Globalization;

namespace Tessera.Cli.Output;

/// <summary>The process's peak resident memory: managed heap, native buffers and the runtime together.</summary>
internal static class PeakMemory
{
    /// <summary>Linux's VmHWM (peak resident set) in bytes, else the current process's peak working set.</summary>
    public static long Bytes()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // Not Linux: use the runtime's figure below.
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
