namespace Tessera.Testing;

/// <summary>
/// A fresh directory under the system temp folder, deleted on dispose. Before deleting, every OME-Zarr
/// image written under it is checked with <see cref="NgffRules.CheckAll"/>; a broken one makes
/// <see cref="Dispose"/> throw, so the test that wrote it fails.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    private static int _ngffImagesChecked;

    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tessera-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>How many OME-Zarr images the dispose hook has found valid, across all instances (thread-safe).</summary>
    public static int NgffImagesChecked => Volatile.Read(ref _ngffImagesChecked);

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            var images = NgffRules.CheckAll(Path);
            Interlocked.Add(ref _ngffImagesChecked, images.Count);
        }
        finally
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp folder must not fail a test.
            }
        }
    }
}
