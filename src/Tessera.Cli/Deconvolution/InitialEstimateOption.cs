using System.Globalization;
using Tessera.Imaging.Deconvolution;

namespace Tessera.Cli.Deconvolution;

/// <summary>Parses <c>--init input|mean|VALUE</c>.</summary>
internal static class InitialEstimateOption
{
    public static bool TryParse(string text, out InitialEstimate estimate, out float value, out string error)
    {
        value = 0.5f;
        error = "";
        switch (text.Trim().ToLowerInvariant())
        {
            case "input":
                estimate = InitialEstimate.Input;
                return true;
            case "mean":
                estimate = InitialEstimate.Mean;
                return true;
        }

        estimate = InitialEstimate.Constant;
        if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && float.IsFinite(value) && value > 0)
        {
            return true;
        }

        error = $"--init '{text}' is not 'input', 'mean' or a positive number (a constant first estimate, such as 0.5).";
        return false;
    }
}
