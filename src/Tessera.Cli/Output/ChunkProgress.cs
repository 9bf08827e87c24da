using Spectre.Console;

namespace Tessera.Cli.Output;

/// <summary>
/// A progress bar on stderr for chunked work (chunks done of total, bytes per second), shown only when
/// stderr is a terminal; otherwise the work runs silently.
/// </summary>
internal static class ChunkProgress
{
    /// <summary>Runs <paramref name="work"/>, which calls its argument after each chunk with the chunk's bytes.</summary>
    public static async Task<T> RunAsync<T>(CliConsole console, string verb, long totalChunks, long totalBytes, Func<Action<long>, Task<T>> work)
    {
        if (!console.ErrorIsTerminal)
        {
            return await work(_ => { }).ConfigureAwait(false);
        }

        return await console.CreateErrorConsole().Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Describe(verb, 0, totalChunks), maxValue: Math.Max(totalBytes, 1));
                long done = 0;
                var result = await work(bytes =>
                {
                    long n = Interlocked.Increment(ref done);
                    task.Increment(bytes);
                    task.Description = Describe(verb, n, totalChunks);
                }).ConfigureAwait(false);
                task.Value = task.MaxValue;
                return result;
            }).ConfigureAwait(false);
    }

    private static string Describe(string verb, long done, long total) => Markup.Escape($"{verb} {done}/{total} chunks");
}
