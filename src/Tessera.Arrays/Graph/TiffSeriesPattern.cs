using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Tessera.Arrays.Graph;

/// <summary>
/// A file-name pattern such as <c>raw/ch{c}_t{t:03}.tif</c>: placeholders <c>{c}</c> and <c>{t}</c> (each at most
/// once, at least one of them) with an optional zero-padding width, in the file name only. A name matches when it
/// is exactly the pattern with each placeholder replaced by a number written as the pattern writes it (so
/// <c>{t:03}</c> matches <c>t007</c> and <c>t1000</c> but not <c>t7</c>).
/// </summary>
internal sealed partial class TiffSeriesPattern
{
    private readonly string _pattern;
    private readonly Regex _regex;
    private readonly int? _cWidth;
    private readonly int? _tWidth;

    private TiffSeriesPattern(string pattern, string directory, Regex regex, int? cWidth, int? tWidth)
    {
        _pattern = pattern;
        Directory = directory;
        _regex = regex;
        _cWidth = cWidth;
        _tWidth = tWidth;
    }

    /// <summary>The folder the files are in, as the pattern gives it ("." when it names none).</summary>
    public string Directory { get; }

    /// <summary>Whether the pattern has <c>{c}</c>.</summary>
    public bool HasC => _cWidth is not null;

    /// <summary>Whether the pattern has <c>{t}</c>.</summary>
    public bool HasT => _tWidth is not null;

    /// <summary>Parses <paramref name="pattern"/>.</summary>
    /// <exception cref="ArgumentException">The pattern has no placeholder, an unknown or repeated one, or one in its folder part.</exception>
    public static TiffSeriesPattern Parse(string pattern)
    {
        string directory = Path.GetDirectoryName(pattern) is { Length: > 0 } d ? d : ".";
        string name = Path.GetFileName(pattern);
        if (directory.Contains('{', StringComparison.Ordinal) || directory.Contains('}', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The pattern '{pattern}' has a placeholder in its folder part '{directory}'; only the file name may hold {{c}} and {{t}}, e.g. 'raw/ch{{c}}_t{{t:03}}.tif'.", nameof(pattern));
        }

        var regex = new StringBuilder("^");
        int? cWidth = null, tWidth = null;
        int position = 0;
        foreach (Match m in Placeholder().Matches(name))
        {
            regex.Append(Regex.Escape(name[position..m.Index]));
            position = m.Index + m.Length;
            string axis = m.Groups["axis"].Value;
            int width = m.Groups["width"].Success ? int.Parse(m.Groups["width"].Value, CultureInfo.InvariantCulture) : 0;
            if ((axis == "c" ? cWidth : tWidth) is not null)
            {
                throw new ArgumentException($"The pattern '{pattern}' has {{{axis}}} more than once; name each of {{c}} and {{t}} at most once.", nameof(pattern));
            }

            if (axis == "c")
            {
                cWidth = width;
            }
            else
            {
                tWidth = width;
            }

            regex.Append(CultureInfo.InvariantCulture, $"(?<{axis}>[0-9]{{{Math.Max(width, 1)},}})");
        }

        string rest = name[position..];
        if (rest.Contains('{', StringComparison.Ordinal) || rest.Contains('}', StringComparison.Ordinal) || (cWidth is null && tWidth is null))
        {
            throw new ArgumentException(
                $"The pattern '{pattern}' must name {{c}} and/or {{t}} (optionally zero-padded, as {{t:03}}) in its file name, and no other placeholder, e.g. 'raw/ch{{c}}_t{{t:03}}.tif'.", nameof(pattern));
        }

        regex.Append(Regex.Escape(rest)).Append('$');
        return new TiffSeriesPattern(pattern, directory, new Regex(regex.ToString(), RegexOptions.CultureInvariant), cWidth, tWidth);
    }

    /// <summary>The (c, t) indices of <paramref name="fileName"/>, 0 for an axis the pattern lacks; null when the name does not match.</summary>
    public (int C, int T)? Match(string fileName)
    {
        var m = _regex.Match(fileName);
        if (!m.Success)
        {
            return null;
        }

        int c = 0, t = 0;
        if ((_cWidth is { } cw && !TryIndex(m.Groups["c"].Value, cw, out c)) || (_tWidth is { } tw && !TryIndex(m.Groups["t"].Value, tw, out t)))
        {
            return null;
        }

        return (c, t);
    }

    /// <summary>The file name for (<paramref name="c"/>, <paramref name="t"/>).</summary>
    public string FileName(int c, int t) => Path.GetFileName(Format(c, t));

    /// <summary>The pattern with the placeholders filled in, folder included as the pattern gives it.</summary>
    public string Format(int c, int t) => Placeholder().Replace(
        _pattern,
        m => (m.Groups["axis"].Value == "c" ? c : t).ToString("D" + (m.Groups["width"].Success ? m.Groups["width"].Value : "0"), CultureInfo.InvariantCulture));

    private static bool TryIndex(string digits, int width, out int index) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out index)
        && index.ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) == digits;

    [GeneratedRegex(@"\{(?<axis>[ct])(?::(?<width>0?[0-9]{1,2}))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
