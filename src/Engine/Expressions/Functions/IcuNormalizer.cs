using System.Runtime.InteropServices;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>
/// Unicode normalization (NFC, NFD, NFKC, NFKD) through the machine's ICU library (<c>libicuuc</c>, which the .NET
/// runtime itself needs on Linux): the engine runs with invariant globalization, where <see cref="string.Normalize()"/>
/// returns its input unchanged. The library is bound once, on first use; a machine without ICU gets a clear error.
/// </summary>
internal sealed unsafe class IcuNormalizer
{
    private const int BufferOverflowError = 15;

    private static readonly Lazy<IcuNormalizer?> Library = new(Bind, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly delegate* unmanaged<int*, nint> _nfc;
    private readonly delegate* unmanaged<int*, nint> _nfd;
    private readonly delegate* unmanaged<int*, nint> _nfkc;
    private readonly delegate* unmanaged<int*, nint> _nfkd;
    private readonly delegate* unmanaged<nint, char*, int, char*, int, int*, int> _normalize;

    private IcuNormalizer(nint library, string suffix)
    {
        _nfc = (delegate* unmanaged<int*, nint>)NativeLibrary.GetExport(library, "unorm2_getNFCInstance" + suffix);
        _nfd = (delegate* unmanaged<int*, nint>)NativeLibrary.GetExport(library, "unorm2_getNFDInstance" + suffix);
        _nfkc = (delegate* unmanaged<int*, nint>)NativeLibrary.GetExport(library, "unorm2_getNFKCInstance" + suffix);
        _nfkd = (delegate* unmanaged<int*, nint>)NativeLibrary.GetExport(library, "unorm2_getNFKDInstance" + suffix);
        _normalize = (delegate* unmanaged<nint, char*, int, char*, int, int*, int>)NativeLibrary.GetExport(library, "unorm2_normalize" + suffix);
    }

    /// <summary>The ICU binding, or an error saying that normalize needs ICU.</summary>
    public static IcuNormalizer Instance =>
        Library.Value ?? throw new ExecutionException("normalize needs the ICU library (libicuuc, Debian package libicu*), which was not found on this machine");

    /// <summary><paramref name="text"/> in the normal form named <paramref name="form"/> (NFC, NFD, NFKC or NFKD).</summary>
    public string Normalize(string text, string form)
    {
        var error = 0;
        var normalizer = form switch
        {
            "NFC" => _nfc(&error),
            "NFD" => _nfd(&error),
            "NFKC" => _nfkc(&error),
            "NFKD" => _nfkd(&error),
            _ => throw new ExecutionException($"normalize: unknown normal form '{form}' (expected NFC, NFD, NFKC or NFKD)"),
        };
        if (error > 0 || normalizer == 0) throw new ExecutionException($"normalize: ICU could not open the {form} normalizer (error {error})");
        if (text.Length == 0) return text;
        var capacity = text.Length * 2 + 16;
        while (true)
        {
            var buffer = new char[capacity];
            error = 0;
            int length;
            fixed (char* source = text)
            fixed (char* destination = buffer)
            {
                length = _normalize(normalizer, source, text.Length, destination, capacity, &error);
            }
            if (error == BufferOverflowError)
            {
                capacity = length + 1;
                continue;
            }
            if (error > 0) throw new ExecutionException($"normalize: ICU failed to normalize the text (error {error})");
            return new string(buffer, 0, length);
        }
    }

    private static IcuNormalizer? Bind()
    {
        foreach (var name in new[] { "libicuuc.so", "libicuuc.dylib", "icuuc" })
        {
            if (TryBind(name) is { } bound) return bound;
        }
        for (var version = 90; version >= 50; version--)
        {
            if (TryBind("libicuuc.so." + version) is { } bound) return bound;
        }
        return null;
    }

    /// <summary>ICU names its exports with its major version (<c>unorm2_normalize_72</c>) unless built without renaming.</summary>
    private static IcuNormalizer? TryBind(string name)
    {
        if (!NativeLibrary.TryLoad(name, out var library)) return null;
        if (NativeLibrary.TryGetExport(library, "unorm2_normalize", out _)) return new IcuNormalizer(library, "");
        for (var version = 90; version >= 50; version--)
        {
            var suffix = "_" + version;
            if (NativeLibrary.TryGetExport(library, "unorm2_normalize" + suffix, out _)) return new IcuNormalizer(library, suffix);
        }
        return null;
    }
}
