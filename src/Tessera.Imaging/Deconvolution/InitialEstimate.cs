namespace Tessera.Imaging.Deconvolution;

/// <summary>What the Richardson–Lucy estimate starts from.</summary>
public enum InitialEstimate
{
    /// <summary>The (padded) input volume itself, as ITK does.</summary>
    Input,

    /// <summary>The mean of the input volume, everywhere.</summary>
    Mean,

    /// <summary><see cref="RichardsonLucyOptions.InitialValue"/> everywhere (scikit-image uses 0.5).</summary>
    Constant,
}
