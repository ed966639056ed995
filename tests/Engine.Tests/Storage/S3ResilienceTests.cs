using System.Net;
using System.Security.Cryptography;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.TestSupport;
using Xunit;

namespace QueryEngine.Engine.Tests.Storage;

/// <summary>
/// The S3 store under failures, against s3rver with faults injected between the SDK and the server: throttling and
/// 5xx retried with backoff, bodies that break off resumed, multipart uploads that fail aborted, and Content-MD5 sent
/// with every upload.
/// </summary>
public sealed class S3ResilienceTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    private readonly string _root = $"s3://{S3rverFixture.Bucket}/{Guid.NewGuid():N}/";

    [Fact]
    public void ThrottledAndFailedReadsAreRetriedUntilTheySucceed()
    {
        var data = Bytes(50_000, seed: 1);
        Put(_root + "slow.bin", data);
        // GETs 1 and 2 are throttled (503 SlowDown), 3 is an internal error (500), 4 reaches the server.
        var http = new ScriptedHttpClientFactory((request, _, number) => request.Method == HttpMethod.Get && number <= 3
            ? ScriptedHttpClientFactory.Error(request, number < 3 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.InternalServerError, number < 3 ? "SlowDown" : "InternalError", "injected")
            : null);
        using var store = s3.NewStore(s3.Settings with { HttpClientFactory = http, MaxRetries = 3 });
        var buffer = new byte[1000];
        Assert.Equal(1000, store.ReadRange(_root + "slow.bin", 20_000, buffer));
        Assert.Equal(data.AsSpan(20_000, 1000).ToArray(), buffer);
        Assert.Equal(4, http.Sent.Count(r => r.Method == HttpMethod.Get));
    }

    [Fact]
    public void RetriesThatRunOutAreAClearErrorNamingTheLocationAndEndpoint()
    {
        var http = new ScriptedHttpClientFactory((request, _, _) => ScriptedHttpClientFactory.Error(request, HttpStatusCode.ServiceUnavailable, "SlowDown", "Please reduce your request rate."));
        using var store = s3.NewStore(s3.Settings with { HttpClientFactory = http, MaxRetries = 2 });
        var error = Assert.Throws<StorageException>(() => store.ReadRange(_root + "x.bin", 0, new byte[10]));
        Assert.Equal($"cannot read {_root}x.bin: SlowDown: Please reduce your request rate. (endpoint {s3.Endpoint})", error.Message);
        Assert.Equal(3, http.Sent.Count); // the first try and two retries
    }

    [Fact]
    public void ABodyThatBreaksOffIsResumedFromWhereItStopped()
    {
        var data = Bytes(300_000, seed: 2);
        Put(_root + "flaky.bin", data);
        var http = new ScriptedHttpClientFactory((_, _, _) => null)
        {
            // The first response's body fails after 70,000 bytes, as a dropped connection does.
            Rewrite = (response, number) =>
            {
                if (number != 1) return response;
                var body = response.Content.ReadAsStream();
                var broken = new StreamContent(new BreakingStream(body, 70_000));
                foreach (var header in response.Content.Headers) broken.Headers.TryAddWithoutValidation(header.Key, header.Value);
                response.Content = broken;
                return response;
            },
        };
        using var store = s3.NewStore(s3.Settings with { HttpClientFactory = http, MaxRetries = 2 });
        var buffer = new byte[200_000];
        Assert.Equal(buffer.Length, store.ReadRange(_root + "flaky.bin", 50_000, buffer));
        Assert.Equal(data.AsSpan(50_000, buffer.Length).ToArray(), buffer);
        var ranges = http.Sent.Select(r => r.Range ?? "").ToArray();
        Assert.Equal(["bytes=50000-249999", "bytes=120000-249999"], ranges);
    }

    [Fact]
    public void ABodyThatKeepsBreakingOffIsAClearError()
    {
        Put(_root + "broken.bin", Bytes(100_000, seed: 3));
        var http = new ScriptedHttpClientFactory((_, _, _) => null)
        {
            Rewrite = (response, _) =>
            {
                var broken = new StreamContent(new BreakingStream(response.Content.ReadAsStream(), 10));
                foreach (var header in response.Content.Headers) broken.Headers.TryAddWithoutValidation(header.Key, header.Value);
                response.Content = broken;
                return response;
            },
        };
        using var store = s3.NewStore(s3.Settings with { HttpClientFactory = http, MaxRetries = 1 });
        var error = Assert.Throws<StorageException>(() => store.ReadRange(_root + "broken.bin", 0, new byte[50_000]));
        Assert.StartsWith($"cannot read {_root}broken.bin: the connection failed mid-transfer 2 times: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"(endpoint {s3.Endpoint})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UploadsSendPartsInParallelEachWithItsContentMd5()
    {
        var http = new ScriptedHttpClientFactory((_, _, _) => null) { Delay = TimeSpan.FromMilliseconds(300) };
        using var store = s3.NewStore(s3.Settings with { HttpClientFactory = http, PartSize = 5 << 20, UploadConcurrency = 3 });
        var large = Bytes((20 << 20) + 777, seed: 4);
        var small = Bytes(1234, seed: 5);
        Put(store, _root + "big.bin", large);
        Put(store, _root + "small.bin", small);

        var bodies = http.Sent.Where(r => r.Method == HttpMethod.Put).ToArray();
        Assert.Equal(6, bodies.Length); // five parts and one whole object
        foreach (var sent in bodies)
        {
            Assert.NotNull(sent.Body);
#pragma warning disable CA5351 // Content-MD5 is defined with MD5
            Assert.Equal(Convert.ToBase64String(MD5.HashData(sent.Body)), sent.ContentMd5);
#pragma warning restore CA5351
        }
        Assert.True(http.MaxInFlight >= 2, $"at most {http.MaxInFlight} request(s) in flight: the parts were not sent in parallel");
        Assert.True(http.MaxInFlight <= 3 + 1, $"{http.MaxInFlight} requests in flight: more than the upload concurrency");
        Assert.Equal(large, Get(_root + "big.bin"));
        Assert.Equal(small, Get(_root + "small.bin"));
    }

    [Fact]
    public void APartThatFailsAbortsTheUploadAndLeavesNothing()
    {
        // Part 3 of the upload fails with a 500 each time; the other parts and the abort reach s3rver.
        var http = new ScriptedHttpClientFactory((request, _, _) =>
            request.Method == HttpMethod.Put && request.RequestUri!.Query.Contains("partNumber=3", StringComparison.Ordinal)
                ? ScriptedHttpClientFactory.Error(request, HttpStatusCode.InternalServerError, "InternalError", "injected")
                : null);
        using var store = s3.NewStore(s3.Settings with { HttpClientFactory = http, PartSize = 5 << 20, UploadConcurrency = 2, MaxRetries = 1 });
        var path = _root + "torn/big.bin";
        var error = Assert.Throws<StorageException>(() => Put(store, path, Bytes(26 << 20, seed: 6)));
        Assert.StartsWith("cannot upload part 3 of " + path + ": InternalError", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, http.Sent.Count(r => r.Method == HttpMethod.Put && r.Uri.Query.Contains("partNumber=3", StringComparison.Ordinal))); // retried once
        var aborts = http.Sent.Where(r => r.Method == HttpMethod.Delete && r.Uri.Query.Contains("uploadId=", StringComparison.Ordinal)).ToArray();
        Assert.Single(aborts);
        Assert.DoesNotContain(http.Sent, r => r.Method == HttpMethod.Post && r.Uri.Query.Contains("uploadId=", StringComparison.Ordinal)); // never completed
        using var plain = s3.NewStore();
        Assert.Null(plain.Stat(path));
        Assert.Empty(plain.List(_root + "torn/", recursive: true));
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private void Put(string path, byte[] bytes)
    {
        using var store = s3.NewStore();
        Put(store, path, bytes);
    }

    private static void Put(IObjectStore store, string path, byte[] bytes)
    {
        using var stream = store.Create(path);
        stream.Write(bytes);
    }

    private byte[] Get(string path)
    {
        using var store = s3.NewStore();
        using var input = store.OpenRead(path);
        using var copy = new MemoryStream();
        input.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>A body that delivers its first bytes, then fails as a dropped connection does.</summary>
    private sealed class BreakingStream(Stream inner, int failAfter) : Stream
    {
        private int _delivered;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _delivered;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_delivered >= failAfter) throw new IOException("injected: the connection was reset");
            var n = inner.Read(buffer, offset, Math.Min(count, failAfter - _delivered));
            _delivered += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
