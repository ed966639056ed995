using System.Net;
using System.Text;
using QueryEngine.Engine.Storage.S3;
using QueryEngine.Engine.Tests.TestSupport;
using Xunit;

namespace QueryEngine.Engine.Tests.Storage;

/// <summary>
/// Buckets in other regions than the configured one, against a fake of AWS S3 (no network): bucket <c>far</c> lives
/// in eu-west-1 and every other region answers its requests with 301 PermanentRedirect naming that region; bucket
/// <c>near</c> lives in us-east-1.
/// </summary>
public sealed class S3BucketRegionTests
{
    private static S3Settings Settings(ScriptedHttpClientFactory http) => new()
    {
        Region = "us-east-1",
        AccessKey = "AKIDEXAMPLE",
        SecretKey = "secret",
        MaxRetries = 0,
        HttpClientFactory = http,
    };

    [Fact]
    public void ARedirectedBucketMovesToItsRegionsClientForTheRestOfTheStoresLife()
    {
        var http = new ScriptedHttpClientFactory((request, _, _) => FakeAws(request));
        using (var store = new S3ObjectStore(Settings(http)))
        {
            Assert.Equal("s3://far/data/a.csv", Assert.Single(store.List("s3://far/data/", recursive: true)).Path);
            Assert.Equal(["us-east-1", "eu-west-1"], http.Sent.Select(r => RegionOf(r.Uri)));
            Assert.Equal("eu-west-1", store.RegionOf("far"));
            Assert.Equal(2, store.RequestCount);

            // From now on the bucket's requests go straight to eu-west-1; other buckets stay where they were.
            Assert.Single(store.List("s3://far/data/", recursive: true));
            Assert.Single(store.List("s3://near/data/", recursive: true));
            Assert.Equal(["us-east-1", "eu-west-1", "eu-west-1", "us-east-1"], http.Sent.Select(r => RegionOf(r.Uri)));
            Assert.Equal("us-east-1", store.RegionOf("near"));
        }

        // What a store learned is its own: a new store starts from the configured region again.
        var fresh = new ScriptedHttpClientFactory((request, _, _) => FakeAws(request));
        using (var store = new S3ObjectStore(Settings(fresh)))
        {
            Assert.Single(store.List("s3://far/data/", recursive: true));
            Assert.Equal(["us-east-1", "eu-west-1"], fresh.Sent.Select(r => RegionOf(r.Uri)));
        }
    }

    [Fact]
    public void ARedirectWithoutARegionIsAnErrorNamingTheLocation()
    {
        var http = new ScriptedHttpClientFactory((request, _, _) => ScriptedHttpClientFactory.Error(request, HttpStatusCode.MovedPermanently, "PermanentRedirect", "The bucket you are attempting to access must be addressed using the specified endpoint."));
        using var store = new S3ObjectStore(Settings(http));
        var error = Assert.Throws<Common.StorageException>(() => store.List("s3://lost/x/", recursive: true));
        Assert.StartsWith("cannot list s3://lost/x/: PermanentRedirect: ", error.Message, StringComparison.Ordinal);
        Assert.Equal("us-east-1", store.RegionOf("lost"));
    }

    [Fact]
    public void ACustomEndpointKeepsOneClientForEveryBucket()
    {
        var http = new ScriptedHttpClientFactory((request, _, _) => FakeAws(request));
        using var store = new S3ObjectStore(Settings(http) with { Endpoint = "http://127.0.0.1:9", PathStyle = true });
        Assert.Throws<Common.StorageException>(() => store.List("s3://far/data/", recursive: true));
        Assert.Single(http.Sent); // the redirect is not followed: regions mean nothing to a custom endpoint
    }

    /// <summary>The region a request was sent to, from its AWS host name (s3.REGION.amazonaws.com, bucket.s3.REGION...).</summary>
    private static string RegionOf(Uri uri)
    {
        var parts = uri.Host.Split('.');
        var s3 = Array.IndexOf(parts, "s3");
        return s3 >= 0 && parts[s3 + 1] != "amazonaws" ? parts[s3 + 1] : "us-east-1";
    }

    private static HttpResponseMessage FakeAws(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        var bucket = uri.Host.StartsWith("far.", StringComparison.Ordinal) || uri.AbsolutePath.StartsWith("/far", StringComparison.Ordinal) ? "far" : "near";
        var home = bucket == "far" ? "eu-west-1" : "us-east-1";
        if (RegionOf(uri) != home)
        {
            var redirect = ScriptedHttpClientFactory.Error(request, HttpStatusCode.MovedPermanently, "PermanentRedirect",
                "The bucket you are attempting to access must be addressed using the specified endpoint.",
                $"<Endpoint>{bucket}.s3.{home}.amazonaws.com</Endpoint><Bucket>{bucket}</Bucket><Region>{home}</Region>");
            redirect.Headers.Add("x-amz-bucket-region", home);
            return redirect;
        }
        var listing = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>{bucket}</Name><Prefix>data/</Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated><Contents><Key>data/a.csv</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>"0123456789abcdef0123456789abcdef"</ETag><Size>3</Size><StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>
            """;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(listing, Encoding.UTF8, "application/xml"), RequestMessage = request };
    }
}
