using System.Globalization;
using BitMiracle.LibTiff.Classic;
using LibTiff = BitMiracle.LibTiff.Classic.Tiff;

namespace Tessera.Tiff.Reading;

/// <summary>
/// Turns LibTiff.NET's library-wide error reports into messages that the calling thread collects. LibTiff.NET has
/// one static handler for the whole process and calls it synchronously on the thread that called into it, so a
/// thread-static list set around each call (<see cref="Capture"/>) tells the errors of concurrent readers apart.
/// Reports made outside a capture go to the handler that was installed before, so other users of the library keep
/// their behaviour.
/// </summary>
internal sealed class LibTiffErrors : TiffErrorHandler
{
    private static readonly Lock Gate = new();
    private static bool _installed;

    [ThreadStatic]
    private static List<string>? _messages;

    private TiffErrorHandler? _previous;

    /// <summary>Starts collecting this thread's LibTiff errors until the returned scope is disposed.</summary>
    public static Scope Capture()
    {
        EnsureInstalled();
        var outer = _messages;
        _messages = [];
        return new Scope(outer);
    }

    public override void ErrorHandler(LibTiff tif, string method, string format, params object[] args)
    {
        if (_messages is { } list)
        {
            list.Add(Format(method, format, args));
        }
        else
        {
            _previous?.ErrorHandler(tif, method, format, args);
        }
    }

    public override void ErrorHandlerExt(LibTiff tif, object clientData, string method, string format, params object[] args)
    {
        if (_messages is null)
        {
            _previous?.ErrorHandlerExt(tif, clientData, method, format, args);
        }
    }

    public override void WarningHandler(LibTiff tif, string method, string format, params object[] args)
    {
        // Warnings (unknown private tags such as ImageJ's or tifffile's) are expected while reading; drop them.
        if (_messages is null)
        {
            _previous?.WarningHandler(tif, method, format, args);
        }
    }

    public override void WarningHandlerExt(LibTiff tif, object clientData, string method, string format, params object[] args)
    {
        if (_messages is null)
        {
            _previous?.WarningHandlerExt(tif, clientData, method, format, args);
        }
    }

    private static void EnsureInstalled()
    {
        if (Volatile.Read(ref _installed))
        {
            return;
        }

        lock (Gate)
        {
            if (!_installed)
            {
                var handler = new LibTiffErrors();
                handler._previous = LibTiff.SetErrorHandler(handler);
                Volatile.Write(ref _installed, true);
            }
        }
    }

    private static string Format(string method, string format, object[] args)
    {
        string text;
        try
        {
            text = args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
        }
        catch (FormatException)
        {
            text = format;
        }

        return string.IsNullOrEmpty(method) ? text : $"{method}: {text}";
    }

    /// <summary>The errors collected since <see cref="Capture"/>; disposing restores any enclosing capture.</summary>
    internal readonly struct Scope(List<string>? outer) : IDisposable
    {
        /// <summary>The messages so far, joined; empty when there were none.</summary>
        public string Messages => _messages is { Count: > 0 } list ? string.Join("; ", list) : string.Empty;

        /// <summary>Whether any error was reported.</summary>
        public bool HasErrors => _messages is { Count: > 0 };

        public void Dispose() => _messages = outer;
    }
}
