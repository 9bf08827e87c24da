using System.Globalization;
using System.Text.Json.Nodes;
using Tessera.Arrays.Operations;
using Tessera.Arrays.Signatures;
using Tessera.Buffers;
using Tessera.DataTypes;

namespace Tessera.Imaging.Deconvolution;

/// <summary>
/// Richardson–Lucy as a block operation, <c>(z,y,x),(pz,py,px)->(z,y,x)</c> on float32: each image block is
/// deconvolved with its PSF block. Blocks that share a PSF block share its OTF while they run.
/// Registered as <see cref="OperationName"/>; its parameters are the options (threads excluded: the
/// scheduler sets them per block).
/// </summary>
public sealed class RichardsonLucyOperation : IBlockOperation
{
    /// <summary>The registry name.</summary>
    public const string OperationName = "richardson-lucy";

    private static readonly CoreSignature CoreSignature = CoreSignature.Parse("(z,y,x),(pz,py,px)->(z,y,x)");
    private readonly TransferCache _transfers = new();

    /// <summary>Creates the operation with <paramref name="options"/> (null for the defaults).</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public RichardsonLucyOperation(RichardsonLucyOptions? options = null)
    {
        Options = options ?? new RichardsonLucyOptions();
        RichardsonLucy.Validate(Options);
    }

    /// <summary>The options; <see cref="RichardsonLucyOptions.Threads"/> is replaced per block by the scheduler's choice.</summary>
    public RichardsonLucyOptions Options { get; }

    /// <inheritdoc/>
    public string Name => OperationName;

    /// <inheritdoc/>
    public CoreSignature Signature => CoreSignature;

    /// <inheritdoc/>
    public JsonObject Parameters => new()
    {
        ["iterations"] = Options.Iterations,
        ["pad"] = Options.PadMode.ToString().ToLowerInvariant(),
        ["init"] = Options.InitialEstimate.ToString().ToLowerInvariant(),
        ["init_value"] = Options.InitialValue,
        ["epsilon"] = Options.Epsilon,
    };

    /// <summary>Recreates the operation from its <see cref="Parameters"/>.</summary>
    /// <exception cref="ArgumentException">A parameter is missing or invalid.</exception>
    public static RichardsonLucyOperation FromParameters(JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        try
        {
            return new RichardsonLucyOperation(new RichardsonLucyOptions
            {
                Iterations = (int)parameters["iterations"]!,
                PadMode = Enum.Parse<PadMode>((string)parameters["pad"]!, ignoreCase: true),
                InitialEstimate = Enum.Parse<InitialEstimate>((string)parameters["init"]!, ignoreCase: true),
                InitialValue = (float)parameters["init_value"]!,
                Epsilon = (float)parameters["epsilon"]!,
            });
        }
        catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new ArgumentException($"Invalid {OperationName} parameters {parameters.ToJsonString()}: it needs iterations, pad, init, init_value and epsilon. {ex.Message}", nameof(parameters), ex);
        }
    }

    /// <inheritdoc/>
    public DataType OutputType(IReadOnlyList<DataType> inputTypes)
    {
        ArgumentNullException.ThrowIfNull(inputTypes);
        for (int i = 0; i < inputTypes.Count; i++)
        {
            if (inputTypes[i].AsNative() != DataType.For<float>())
            {
                throw new ArgumentException($"Richardson–Lucy takes float32 blocks, but input {i} ({(i == 0 ? "image" : "PSF")}) is {inputTypes[i].Name}. Convert it with AsType<float>() (LazyArray.Deconvolve does).");
            }
        }

        return DataType.For<float>();
    }

    /// <inheritdoc/>
    public void Validate(IReadOnlyList<int[]> inputCoreShapes)
    {
        ArgumentNullException.ThrowIfNull(inputCoreShapes);
        int[] volume = inputCoreShapes[0], psf = inputCoreShapes[1];
        for (int a = 0; a < 3; a++)
        {
            if (psf[a] > volume[a])
            {
                throw new ArgumentException(
                    $"The PSF ({string.Join(", ", psf)}) is larger than each volume ({string.Join(", ", volume)}) along {"zyx"[a]}. Crop the PSF to at most the volume's size (its tails are near zero).");
            }
        }
    }

    /// <inheritdoc/>
    public long WorkingSetBytes(IReadOnlyList<int[]> inputCoreShapes)
    {
        ArgumentNullException.ThrowIfNull(inputCoreShapes);
        return RichardsonLucy.WorkingSetBytes(inputCoreShapes[0], inputCoreShapes[1]);
    }

    /// <inheritdoc/>
    public INDBuffer Execute(IReadOnlyList<INDBuffer> inputs, BlockContext context)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(context);
        var image = (NDBuffer<float>)inputs[0];
        var psf = (NDBuffer<float>)inputs[1];
        string key = string.Create(CultureInfo.InvariantCulture, $"{context.InputKeys[1]}|{string.Join(",", image.Shape.ToArray())}");
        var otf = _transfers.Acquire(key, psf, image.Shape, context.Threads);
        try
        {
            return RichardsonLucy.Deconvolve(image, otf, Options with { Threads = context.Threads }, context.CancellationToken);
        }
        finally
        {
            _transfers.Release(key);
        }
    }
}
