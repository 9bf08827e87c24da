namespace Tessera.Imaging.Deconvolution;

/// <summary>
/// Runs a plane body over all planes on up to a given number of threads. Each plane is computed
/// by the same operations whichever thread runs it, so results do not depend on the thread count.
/// One thread runs inline and allocates nothing.
/// </summary>
internal static class Planes
{
    public static void For<TBody>(int count, int threads, TBody body)
        where TBody : struct, IPlaneBody
    {
        if (threads <= 1 || count <= 1)
        {
            for (int p = 0; p < count; p++)
            {
                body.Run(p);
            }

            return;
        }

        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, p => body.Run(p));
    }
}
