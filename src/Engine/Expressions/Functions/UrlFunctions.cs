using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>
/// Trino's URL functions. A URL is split as RFC 3986 describes (scheme ":" ["//" authority] path ["?" query] ["#" fragment]);
/// text that is not a valid URI reference (spaces, bad port, bad percent escapes) gives NULL. Extracted parts are raw (not decoded).
/// </summary>
internal static class UrlFunctions
{
    public static FunctionKernel? Create(string name) => name switch
    {
        "url_extract_protocol" => Part(UrlPart.Protocol),
        "url_extract_host" => Part(UrlPart.Host),
        "url_extract_path" => Part(UrlPart.Path),
        "url_extract_query" => Part(UrlPart.Query),
        "url_extract_fragment" => Part(UrlPart.Fragment),
        "url_extract_parameter" => (a, n) => RowKernels.Bytes(a, n, DataType.Utf8, new ParameterOp(a)),
        "url_extract_port" => (a, n) => RowKernels.Values<long, PortOp>(a, n, DataType.Int64, new PortOp(a[0])),
        "url_encode" => (a, n) => RowKernels.Bytes(a, n, DataType.Utf8, new EncodeOp(a[0])),
        "url_decode" => (a, n) => RowKernels.Bytes(a, n, DataType.Utf8, new DecodeOp(a[0])),
        _ => null,
    };

    private static FunctionKernel Part(UrlPart part) => (a, n) => RowKernels.Bytes(a, n, DataType.Utf8, new PartOp(a[0], part));

    private enum UrlPart
    {
        Protocol,
        Host,
        Path,
        Query,
        Fragment,
    }

    /// <summary>Byte ranges of the parts of a URL; a missing part has start -1.</summary>
    private struct ParsedUrl
    {
        public (int Start, int Length) Scheme;
        public (int Start, int Length) Host;
        public (int Start, int Length) Port;
        public (int Start, int Length) Path;
        public (int Start, int Length) Query;
        public (int Start, int Length) Fragment;
        public bool Opaque;
    }

    private static bool TryParse(ReadOnlySpan<byte> url, out ParsedUrl parsed)
    {
        parsed = new ParsedUrl { Scheme = (-1, 0), Host = (-1, 0), Port = (-1, 0), Query = (-1, 0), Fragment = (-1, 0) };
        foreach (var b in url)
        {
            if (b <= ' ' || b is (byte)'"' or (byte)'<' or (byte)'>' or (byte)'\\' or (byte)'^' or (byte)'`' or (byte)'{' or (byte)'|' or (byte)'}') return false;
        }
        if (!ValidEscapes(url)) return false;
        var end = url.Length;
        var hash = url.IndexOf((byte)'#');
        if (hash >= 0)
        {
            parsed.Fragment = (hash + 1, end - hash - 1);
            end = hash;
        }
        var pos = 0;
        var colon = url[..end].IndexOfAny((byte)':', (byte)'/', (byte)'?');
        if (colon > 0 && url[colon] == ':' && IsScheme(url[..colon]))
        {
            parsed.Scheme = (0, colon);
            pos = colon + 1;
            if (pos >= end || url[pos] != '/') parsed.Opaque = true;
        }
        else if (colon == 0 && url[0] == ':')
        {
            return false;
        }
        var question = url[pos..end].IndexOf((byte)'?');
        if (question >= 0 && !parsed.Opaque)
        {
            parsed.Query = (pos + question + 1, end - pos - question - 1);
            end = pos + question;
        }
        if (parsed.Opaque) return true;
        if (end - pos >= 2 && url[pos] == '/' && url[pos + 1] == '/')
        {
            pos += 2;
            var authorityEnd = url[pos..end].IndexOf((byte)'/');
            authorityEnd = authorityEnd < 0 ? end : pos + authorityEnd;
            var authority = url[pos..authorityEnd];
            var at = authority.LastIndexOf((byte)'@');
            var hostStart = pos + at + 1;
            var hostPart = url[hostStart..authorityEnd];
            var portColon = hostPart.LastIndexOf((byte)':');
            if (hostPart.Length > 0 && hostPart[0] == '[')
            {
                var close = hostPart.IndexOf((byte)']');
                if (close < 0) return false;
                portColon = close + 1 < hostPart.Length && hostPart[close + 1] == ':' ? close + 1 : -1;
            }
            if (portColon >= 0)
            {
                var port = hostPart[(portColon + 1)..];
                foreach (var b in port)
                {
                    if (b is < (byte)'0' or > (byte)'9') return false;
                }
                if (port.Length > 0) parsed.Port = (hostStart + portColon + 1, port.Length);
                hostPart = hostPart[..portColon];
            }
            if (hostPart.Length > 0) parsed.Host = (hostStart, hostPart.Length);
            pos = authorityEnd;
        }
        parsed.Path = (pos, end - pos);
        return true;
    }

    private static bool IsScheme(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || !char.IsAsciiLetter((char)text[0])) return false;
        foreach (var b in text)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'+' or (byte)'-' or (byte)'.')) return false;
        }
        return true;
    }

    private static bool ValidEscapes(ReadOnlySpan<byte> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%') continue;
            if (i + 2 >= text.Length || !char.IsAsciiHexDigit((char)text[i + 1]) || !char.IsAsciiHexDigit((char)text[i + 2])) return false;
            i += 2;
        }
        return true;
    }

    private readonly struct PartOp(Vec input, UrlPart part) : IRowBytes
    {
        private readonly StringArg _input = new(input);

        public bool Write(int row, Utf8ColumnWriter output)
        {
            var url = _input[row];
            if (!TryParse(url, out var parsed)) return false;
            var (start, length) = part switch
            {
                UrlPart.Protocol => parsed.Scheme,
                UrlPart.Host => parsed.Host,
                UrlPart.Path => parsed.Opaque ? (-1, 0) : parsed.Path,
                UrlPart.Query => parsed.Query,
                _ => parsed.Fragment,
            };
            if (start < 0) return false;
            output.Write(url.Slice(start, length));
            return true;
        }
    }

    private readonly struct PortOp(Vec input) : IRowValue<long>
    {
        private readonly StringArg _input = new(input);

        public bool Compute(int row, out long value)
        {
            value = 0;
            var url = _input[row];
            if (!TryParse(url, out var parsed) || parsed.Port.Start < 0) return false;
            return long.TryParse(url.Slice(parsed.Port.Start, parsed.Port.Length), out value) && value <= int.MaxValue;
        }
    }

    /// <summary>url_extract_parameter(url, name): the raw value of the first <c>name=value</c> in the query ('' for a bare name).</summary>
    private readonly struct ParameterOp(Vec[] args) : IRowBytes
    {
        private readonly StringArg _input = new(args[0]);
        private readonly StringArg _name = new(args[1]);

        public bool Write(int row, Utf8ColumnWriter output)
        {
            var url = _input[row];
            if (!TryParse(url, out var parsed) || parsed.Query.Start < 0) return false;
            var query = url.Slice(parsed.Query.Start, parsed.Query.Length);
            var name = _name[row];
            while (true)
            {
                var amp = query.IndexOf((byte)'&');
                var pair = amp < 0 ? query : query[..amp];
                var eq = pair.IndexOf((byte)'=');
                var key = eq < 0 ? pair : pair[..eq];
                if (key.SequenceEqual(name))
                {
                    if (eq >= 0) output.Write(pair[(eq + 1)..]);
                    return true;
                }
                if (amp < 0) return false;
                query = query[(amp + 1)..];
            }
        }
    }

    /// <summary>url_encode: application/x-www-form-urlencoded, as Java's URLEncoder (unreserved: letters, digits, '-', '_', '.', '*').</summary>
    private readonly struct EncodeOp(Vec input) : IRowBytes
    {
        private readonly StringArg _input = new(input);

        public bool Write(int row, Utf8ColumnWriter output)
        {
            foreach (var b in _input[row])
            {
                if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'*')
                {
                    output.Write(b);
                }
                else if (b == ' ')
                {
                    output.Write((byte)'+');
                }
                else
                {
                    output.Write((byte)'%');
                    output.Write(Hex(b >> 4));
                    output.Write(Hex(b & 0xF));
                }
            }
            return true;
        }

        private static byte Hex(int v) => (byte)(v < 10 ? '0' + v : 'A' + v - 10);
    }

    private readonly struct DecodeOp(Vec input) : IRowBytes
    {
        private readonly StringArg _input = new(input);

        public bool Write(int row, Utf8ColumnWriter output)
        {
            var text = _input[row];
            var decoded = new byte[text.Length];
            var length = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var b = text[i];
                if (b == '+')
                {
                    decoded[length++] = (byte)' ';
                }
                else if (b == '%')
                {
                    if (i + 2 >= text.Length || !char.IsAsciiHexDigit((char)text[i + 1]) || !char.IsAsciiHexDigit((char)text[i + 2]))
                    {
                        throw new ExecutionException($"url_decode: incomplete or invalid percent escape in '{Encoding.UTF8.GetString(text)}'");
                    }
                    decoded[length++] = (byte)(Convert.ToInt32(Encoding.ASCII.GetString(text.Slice(i + 1, 2)), 16));
                    i += 2;
                }
                else
                {
                    decoded[length++] = b;
                }
            }
            output.Write(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(decoded, 0, length)));
            return true;
        }
    }
}
