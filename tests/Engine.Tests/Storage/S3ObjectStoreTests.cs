using System.Net;
using System.Net.Sockets;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.Engine.Tests.Tpch;
using Xunit;

namespace QueryEngine.Engine.Tests.Storage;

/// <summary>The S3 store against a real S3 server (npm s3rver): the object-store contract, TPC-H over s3://, and errors.</summary>
public sealed class S3ObjectStoreTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    private readonly string _root = $"s3://{S3rverFixture.Bucket}/{Guid.NewGuid():N}/";

    [Fact]
    public void WritesListsStatsReadsAndDeletes()
    {
        using var store = s3.NewStore(s3.Settings with { PartSize = 5 << 20, UploadConcurrency = 2 });
        var small = "hello, lake\n"u8.ToArray();
        var large = new byte[(12 << 20) + 12345];
        new Random(7).NextBytes(large);
        Write(store, _root + "t/a.txt", small);
        Write(store, _root + "t/sub/b.bin", large);
        Write(store, _root + "u.txt", small);

        var all = store.List(_root, recursive: true);
        Assert.Equal(["t/a.txt", "t/sub/b.bin", "u.txt"], all.Select(o => o.RelativePath));
        Assert.Equal(large.Length, all[1].Size);
        Assert.Equal(_root + "t/sub/b.bin", all[1].Path);
        Assert.Equal(["a.txt"], store.List(_root + "t", recursive: false).Select(o => o.RelativePath));
        Assert.Equal(["b.bin"], store.List(_root + "t/sub/b.bin", recursive: true).Select(o => o.RelativePath));
        Assert.Empty(store.List(_root + "nothing/", recursive: true));

        Assert.Equal(small.Length, store.Stat(_root + "t/a.txt")!.Size);
        Assert.Null(store.Stat(_root + "t/missing.txt"));

        var range = new byte[1000];
        Assert.Equal(1000, store.ReadRange(_root + "t/sub/b.bin", 6_000_000, range));
        Assert.Equal(large.AsSpan(6_000_000, 1000).ToArray(), range);
        Assert.Equal(345, store.ReadRange(_root + "t/sub/b.bin", large.Length - 345, range));
        Assert.Equal(0, store.ReadRange(_root + "t/sub/b.bin", large.Length, range));
        using (var stream = store.OpenRead(_root + "t/sub/b.bin", 10))
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.Equal(large.AsSpan(10).ToArray(), copy.ToArray());
        }

        store.Delete(_root + "t/a.txt");
        Assert.Null(store.Stat(_root + "t/a.txt"));
        store.Delete(_root + "t/");
        Assert.Equal(["u.txt"], store.List(_root, recursive: true).Select(o => o.RelativePath));
    }

    [Fact]
    public void ListingFollowsContinuationTokensPastOnePage()
    {
        using var store = s3.NewStore(s3.Settings with { ListPageSize = 7 });
        var expected = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            var name = $"part-{i:000}.csv";
            Write(store, _root + "many/" + name, [(byte)i]);
            expected.Add(name);
        }
        var before = store.RequestCount;
        Assert.Equal(expected, store.List(_root + "many/", recursive: true).Select(o => o.RelativePath));
        Assert.Equal(4, store.RequestCount - before); // 25 keys in pages of 7
    }

    [Fact]
    public void AMissingBucketIsAClearErrorNamingTheLocation()
    {
        using var store = s3.NewStore();
        var error = Assert.Throws<StorageException>(() => store.List("s3://no-such-bucket/data/", recursive: true));
        Assert.Contains("s3://no-such-bucket/data/", error.Message, StringComparison.Ordinal);
        Assert.Contains("bucket does not exist", error.Message, StringComparison.Ordinal);
        var read = Assert.Throws<StorageException>(() => store.OpenRead(_root + "missing.txt"));
        Assert.Contains(_root + "missing.txt", read.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreachableEndpointIsAClearError()
    {
        int closedPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        using var store = s3.NewStore(s3.Settings with { Endpoint = $"http://127.0.0.1:{closedPort}", MaxRetries = 0, RequestTimeout = TimeSpan.FromSeconds(5) });
        var error = Assert.Throws<StorageException>(() => store.List("s3://lake/x/", recursive: true));
        Assert.Contains("s3://lake/x/", error.Message, StringComparison.Ordinal);
        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{closedPort}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEndpointThatNeverAnswersIsATimeoutNamingTheLocation()
    {
        // Accepts connections and never answers: every request runs into the request timeout.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var store = s3.NewStore(s3.Settings with { Endpoint = $"http://127.0.0.1:{port}", MaxRetries = 0, RequestTimeout = TimeSpan.FromSeconds(1) });
        var error = Assert.Throws<StorageException>(() => store.List("s3://lake/slow/", recursive: true));
        Assert.Contains("s3://lake/slow/", error.Message, StringComparison.Ordinal);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Equal(StorageFailure.Unavailable, error.Failure);
    }

    [Fact]
    public void TpchTablesUnderS3GiveTheReferenceAnswersWithFewRequests()
    {
        using var store = s3.NewStore();
        var local = TpchData.Folder("0.01");
        foreach (var table in TpchData.Tables)
        {
            using var output = store.Create($"{_root}tpch/{table}/{table}.tbl");
            using var input = File.OpenRead(Path.Combine(local, table, table + ".tbl"));
            input.CopyTo(output);
        }
        var resolver = new ObjectStoreResolver().Register("s3", store);
        var session = new QuerySession(new InMemoryCatalog(), new FileTableSourceFactory(resolver), new SessionOptions());
        session.ExecuteScript(TpchData.CreateTablesSql("tpch", _root + "tpch") + "USE tpch;");

        var before = store.RequestCount;
        Assert.Equal(25L, session.Execute("SELECT count(*) FROM nation").Batches[0].Columns[0].GetValue(0));
        Assert.Equal(2, store.RequestCount - before); // list the table's folder, then one GET

        for (var q = 1; q <= 22; q++)
        {
            var query = $"q{q:00}";
            var sql = File.ReadAllText(Path.Combine(SharedData.TpchRoot, "queries", query + ".sql"));
            var rows = TpchAnswerTests.Render(session.Execute(sql));
            var answer = Path.Combine(SharedData.TpchRoot, "answers", "sf0.01", query + ".csv");
            var difference = AnswerComparer.Compare(rows, answer, AnswerComparer.NumericColumns(SharedData.TpchRoot, query));
            Assert.True(difference is null, $"{query} over s3://: {difference}");
        }
    }

    [Fact]
    public void AFailedMultipartUploadIsAbortedAndLeavesNoObject()
    {
        var failing = new FailingHttpClientFactory(request =>
            request.Method == HttpMethod.Post && request.RequestUri!.Query.Contains("uploadId=", StringComparison.Ordinal));
        using var store = s3.NewStore(s3.Settings with { PartSize = 5 << 20, HttpClientFactory = failing, MaxRetries = 0 });
        var path = _root + "broken/big.bin";
        var error = Assert.Throws<StorageException>(() => Write(store, path, new byte[11 << 20]));
        Assert.Contains("cannot complete the upload of " + path, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, failing.Aborts); // the multipart upload was aborted
        using var plain = s3.NewStore();
        Assert.Null(plain.Stat(path));
        Assert.Empty(plain.List(_root + "broken/", recursive: true));
    }

    /// <summary>HTTP clients whose requests matching a predicate get a 500 without reaching the server; counts aborts.</summary>
    private sealed class FailingHttpClientFactory(Func<HttpRequestMessage, bool> fail) : Amazon.Runtime.HttpClientFactory
    {
        private int _aborts;

        public int Aborts => _aborts;

        private bool ShouldFail(HttpRequestMessage request) => fail(request);

        public override HttpClient CreateHttpClient(Amazon.Runtime.IClientConfig clientConfig) => new(new Handler(this));

        private sealed class Handler(FailingHttpClientFactory owner) : DelegatingHandler(new SocketsHttpHandler())
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.Method == HttpMethod.Delete && request.RequestUri!.Query.Contains("uploadId=", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref owner._aborts);
                }
                if (owner.ShouldFail(request))
                {
                    var response = new HttpResponseMessage(HttpStatusCode.InternalServerError)
                    {
                        Content = new StringContent("<Error><Code>InternalError</Code><Message>injected failure</Message></Error>"),
                        RequestMessage = request,
                    };
                    return Task.FromResult(response);
                }
                return base.SendAsync(request, cancellationToken);
            }
        }
    }

    private static void Write(IObjectStore store, string path, byte[] bytes)
    {
        using var stream = store.Create(path);
        stream.Write(bytes);
    }
}
