using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>Trino's binary functions: encodings (hex, base64, UTF-8) and hashes over varbinary.</summary>
internal static class BinaryFunctions
{
    public static FunctionKernel? Create(string name) => name switch
    {
        "to_utf8" => (a, n) => RowKernels.Bytes(a, n, DataType.Binary, new CopyOp(a[0])),
        "from_utf8" => (a, n) => RowKernels.Bytes(a, n, DataType.Utf8, new FromUtf8Op(a[0])),
        "to_hex" => (a, n) => RowKernels.Bytes(a, n, DataType.Utf8, new ToHexOp(a[0])),
        "from_hex" => (a, n) => RowKernels.Bytes(a, n, DataType.Binary, new FromHexOp(a[0])),
        "to_base64" => (a, n) => RowKernels.Bytes(a, n, DataType.Utf8, new ToBase64Op(a[0], url: false)),
        "to_base64url" => (a, n) => RowKernels.Bytes(a, n, DataType.Utf8, new ToBase64Op(a[0], url: true)),
        "from_base64" => (a, n) => RowKernels.Bytes(a, n, DataType.Binary, new FromBase64Op(a[0], url: false)),
        "from_base64url" => (a, n) => RowKernels.Bytes(a, n, DataType.Binary, new FromBase64Op(a[0], url: true)),
        "md5" => (a, n) => RowKernels.Bytes(a, n, DataType.Binary, new HashOp(a[0], HashKind.Md5)),
        "sha1" => (a, n) => RowKernels.Bytes(a, n, DataType.Binary, new HashOp(a[0], HashKind.Sha1)),
        "sha256" => (a, n) => RowKernels.Bytes(a, n, DataType.Binary, new HashOp(a[0], HashKind.Sha256)),
        "sha512" => (a, n) => RowKernels.Bytes(a, n, DataType.Binary, new HashOp(a[0], HashKind.Sha512)),
        "xxhash64" => (a, n) => RowKernels.Bytes(a, n, DataType.Binary, new HashOp(a[0], HashKind.XxHash64)),
        "crc32" => (a, n) => RowKernels.Values<long, Crc32Op>(a, n, DataType.Int64, new Crc32Op(a[0])),
        "$binary_length" => (a, n) => RowKernels.Values<long, LengthOp>(a, n, DataType.Int64, new LengthOp(a[0])),
        _ => null,
    };

    private readonly struct CopyOp(Vec input) : IRowBytes
    {
        private readonly StringArg _input = new(input);

        public bool Write(int row, Utf8ColumnWriter output)
        {
            output.Write(_input[row]);
            return true;
        }
    }

    private readonly struct LengthOp(Vec input) : IRowValue<long>
    {
        private readonly StringArg _input = new(input);

        public bool Compute(int row, out long value)
        {
            value = _input[row].Length;
            return true;
        }
    }

    /// <summary>from_utf8: invalid sequences become U+FFFD, as Trino's default replacement.</summary>
    private readonly struct FromUtf8Op(Vec input) : IRowBytes
    {
        private readonly StringArg _input = new(input);

        public bool Write(int row, Utf8ColumnWriter output)
        {
            var bytes = _input[row];
            if (System.Text.Unicode.Utf8.IsValid(bytes)) output.Write(bytes);
            else output.Write(System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(bytes)));
            return true;
        }
    }

    private readonly struct ToHexOp(Vec input) : IRowBytes
    {
        private readonly StringArg _input = new(input);

        public bool Write(int row, Utf8ColumnWriter output)
        {
            var bytes = _input[row];
            var dest = output.Reserve(bytes.Length * 2);
            for (var i = 0; i < bytes.Length; i++)
            {
                dest[2 * i] = HexDigit(bytes[i] >> 4);
                dest[2 * i + 1] = HexDigit(bytes[i] & 0xF);
            }
            output.Advance(bytes.Length * 2);
            return true;
        }

        private static byte HexDigit(int v) => (byte)(v < 10 ? '0' + v : 'A' + v - 10);
    }

    private readonly struct FromHexOp(Vec input) : IRowBytes
    {
        private readonly StringArg _input = new(input);

        public bool Write(int row, Utf8ColumnWriter output)
        {
            var text = _input[row];
            if (text.Length % 2 != 0) throw new ExecutionException("invalid input length for from_hex: the hex string must have an even number of digits");
            var dest = output.Reserve(text.Length / 2);
            for (var i = 0; i < dest.Length; i++) dest[i] = (byte)(Digit(text[2 * i]) << 4 | Digit(text[2 * i + 1]));
            output.Advance(dest.Length);
            return true;
        }

        private static int Digit(byte c) => c switch
        {
            >= (byte)'0' and <= (byte)'9' => c - '0',
            >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
            _ => throw new ExecutionException($"invalid hex character in from_hex: '{(char)c}'"),
        };
    }

    private readonly struct ToBase64Op(Vec input, bool url) : IRowBytes
    {
        private readonly StringArg _input = new(input);

        public bool Write(int row, Utf8ColumnWriter output)
        {
            var bytes = _input[row];
            var dest = output.Reserve(Base64.GetMaxEncodedToUtf8Length(bytes.Length));
            int written;
            if (url)
            {
                Base64.EncodeToUtf8(bytes, dest, out _, out written);
                for (var i = 0; i < written; i++)
                {
                    if (dest[i] == '+') dest[i] = (byte)'-';
                    else if (dest[i] == '/') dest[i] = (byte)'_';
                }
            }
            else
            {
                Base64.EncodeToUtf8(bytes, dest, out _, out written);
            }
            output.Advance(written);
            return true;
        }
    }

    private readonly struct FromBase64Op(Vec input, bool url) : IRowBytes
    {
        private readonly StringArg _input = new(input);

        public bool Write(int row, Utf8ColumnWriter output)
        {
            var text = _input[row];
            Span<byte> normalized = text.Length + 3 <= 256 ? stackalloc byte[text.Length + 3] : new byte[text.Length + 3];
            text.CopyTo(normalized);
            var length = text.Length;
            if (url)
            {
                for (var i = 0; i < length; i++)
                {
                    if (normalized[i] == '-') normalized[i] = (byte)'+';
                    else if (normalized[i] == '_') normalized[i] = (byte)'/';
                }
            }
            while (length % 4 != 0) normalized[length++] = (byte)'=';
            var dest = output.Reserve(Base64.GetMaxDecodedFromUtf8Length(length));
            if (Base64.DecodeFromUtf8(normalized[..length], dest, out _, out var written) != System.Buffers.OperationStatus.Done)
            {
                throw new ExecutionException($"invalid base64 input: '{System.Text.Encoding.UTF8.GetString(text)}'");
            }
            output.Advance(written);
            return true;
        }
    }

    private enum HashKind
    {
        Md5,
        Sha1,
        Sha256,
        Sha512,
        XxHash64,
    }

    private readonly struct HashOp(Vec input, HashKind kind) : IRowBytes
    {
        private readonly StringArg _input = new(input);

        public bool Write(int row, Utf8ColumnWriter output)
        {
            var bytes = _input[row];
            switch (kind)
            {
                // md5 and sha1 are SQL functions users ask for by name (checksums, not security).
#pragma warning disable CA5351, CA5350
                case HashKind.Md5: output.Advance(MD5.HashData(bytes, output.Reserve(16))); break;
                case HashKind.Sha1: output.Advance(SHA1.HashData(bytes, output.Reserve(20))); break;
#pragma warning restore CA5351, CA5350
                case HashKind.Sha256: output.Advance(SHA256.HashData(bytes, output.Reserve(32))); break;
                case HashKind.Sha512: output.Advance(SHA512.HashData(bytes, output.Reserve(64))); break;
                default:
                    BinaryPrimitives.WriteUInt64BigEndian(output.Reserve(8), XxHash64.Hash(bytes, 0));
                    output.Advance(8);
                    break;
            }
            return true;
        }
    }

    private readonly struct Crc32Op(Vec input) : IRowValue<long>
    {
        private readonly StringArg _input = new(input);

        public bool Compute(int row, out long value)
        {
            value = Crc32.Compute(_input[row]);
            return true;
        }
    }
}
