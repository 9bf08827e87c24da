using Tessera.Arrays.Operations;
using Tessera.Imaging.Background;
using Tessera.Imaging.Deconvolution;
using Tessera.Imaging.Intensity;

namespace Tessera.Imaging;

/// <summary>Registers the block operations of Tessera.Imaging, so that plans using them can be rebuilt.</summary>
public static class ImagingOperations
{
    /// <summary>Adds <see cref="RichardsonLucyOperation"/>, <see cref="BackgroundSubtraction"/> and <see cref="ScaleToUInt16"/> to <paramref name="registry"/>.</summary>
    public static OperationRegistry AddImaging(this OperationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .Register(RichardsonLucyOperation.OperationName, RichardsonLucyOperation.FromParameters)
            .Register(BackgroundSubtraction.OperationName, BackgroundSubtraction.FromParameters)
            .Register(ScaleToUInt16.OperationName, ScaleToUInt16.FromParameters);
    }
}
