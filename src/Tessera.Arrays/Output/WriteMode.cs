namespace Tessera.Arrays.Output;

/// <summary>What <see cref="LazyArray.WriteZarrAsync(string, ZarrWriteOptions?, CancellationToken)"/> does when the output exists.</summary>
public enum WriteMode
{
    /// <summary>Refuse to touch an existing output.</summary>
    CreateNew,

    /// <summary>Delete an existing Zarr output and write it again.</summary>
    Overwrite,

    /// <summary>Finish an interrupted job: skip the chunks it recorded as complete, after checking it was the same job.</summary>
    Resume,
}
