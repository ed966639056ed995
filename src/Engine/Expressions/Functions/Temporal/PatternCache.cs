using System.Text;

namespace QueryEngine.Engine.Expressions.Functions.Temporal;

/// <summary>Compiles a pattern once and reuses it while consecutive rows carry the same pattern bytes (one cache per batch).</summary>
internal sealed class PatternCache(bool joda, string function)
{
    private byte[] _bytes = [];
    private PatternToken[]? _tokens;

    public PatternToken[] Get(ReadOnlySpan<byte> pattern)
    {
        if (_tokens is not null && pattern.SequenceEqual(_bytes)) return _tokens;
        var text = Encoding.UTF8.GetString(pattern);
        _tokens = joda ? JodaPattern.Compile(text, function) : MySqlPattern.Compile(text, function);
        _bytes = pattern.ToArray();
        return _tokens;
    }
}

/// <summary>Decodes UTF-8 row text into a reusable char buffer.</summary>
internal sealed class CharBuffer
{
    private char[] _chars = new char[64];

    public ReadOnlySpan<char> Decode(ReadOnlySpan<byte> utf8)
    {
        if (_chars.Length < utf8.Length) _chars = new char[Math.Max(utf8.Length, _chars.Length * 2)];
        var n = Encoding.UTF8.GetChars(utf8, _chars);
        return _chars.AsSpan(0, n);
    }
}
