using System.Text;

namespace QueryEngine.FlightServer.Grpc;

/// <summary>
/// The <c>grpc-message</c> trailer's encoding (PROTOCOL-HTTP2.md): UTF-8, with every byte outside printable ASCII
/// and '%' itself written as %XX.
/// </summary>
internal static class GrpcMessageEncoding
{
    public static string Encode(string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%') sb.Append((char)b);
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
