using System.Collections.Concurrent;

namespace QueryEngine.Engine.Tests.TestSupport;

/// <summary>
/// HTTP clients for the S3 SDK whose every request first goes to <c>respond</c>: it returns a canned response (a
/// failure, a redirect, a fake S3 answer), or null to send the request on to the real server. Every request is
/// recorded (method, URI, headers, body) so tests can assert what was sent.
/// </summary>
internal sealed class ScriptedHttpClientFactory(Func<HttpRequestMessage, byte[]?, int, HttpResponseMessage?> respond) : Amazon.Runtime.HttpClientFactory
{
    private readonly ConcurrentQueue<SentRequest> _sent = new();
    private int _count;
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>Requests so far, in the order they were sent.</summary>
    public IReadOnlyList<SentRequest> Sent => [.. _sent];

    /// <summary>The most requests that were in flight at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Delay before each request is answered, so overlapping requests can be observed.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Changes a real server's response (request number, from 1) before the SDK sees it; null leaves responses alone.</summary>
    public Func<HttpResponseMessage, int, HttpResponseMessage>? Rewrite { get; init; }

    public override HttpClient CreateHttpClient(Amazon.Runtime.IClientConfig clientConfig) => new(new Handler(this));

    /// <summary>A response with a status and an S3 XML error body.</summary>
    public static HttpResponseMessage Error(HttpRequestMessage request, System.Net.HttpStatusCode status, string code, string message, string extra = "") => new(status)
    {
        Content = new StringContent($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message>{extra}</Error>", System.Text.Encoding.UTF8, "application/xml"),
        RequestMessage = request,
    };

    /// <summary>One request as it was sent: its body is null for requests without one.</summary>
    internal sealed record SentRequest(HttpMethod Method, Uri Uri, string? Range, string? ContentMd5, byte[]? Body);

    private sealed class Handler(ScriptedHttpClientFactory owner) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var inFlight = Interlocked.Increment(ref owner._inFlight);
            try
            {
                int seen;
                while ((seen = Volatile.Read(ref owner._maxInFlight)) < inFlight && Interlocked.CompareExchange(ref owner._maxInFlight, inFlight, seen) != seen)
                {
                }
                byte[]? body = null;
                if (request.Content is { } content)
                {
                    body = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                    var copy = new ByteArrayContent(body);
                    foreach (var header in content.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
                    request.Content = copy;
                }
                var md5 = request.Content?.Headers.ContentMD5 is { } hash ? Convert.ToBase64String(hash) : null;
                owner._sent.Enqueue(new SentRequest(request.Method, request.RequestUri!, request.Headers.Range?.ToString(), md5, body));
                var number = Interlocked.Increment(ref owner._count);
                if (owner.Delay > TimeSpan.Zero) await Task.Delay(owner.Delay, cancellationToken).ConfigureAwait(false);
                var canned = owner.Respond(request, body, number);
                if (canned is not null) return canned;
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                return owner.Rewrite is { } rewrite ? rewrite(response, number) : response;
            }
            finally
            {
                Interlocked.Decrement(ref owner._inFlight);
            }
        }
    }

    private HttpResponseMessage? Respond(HttpRequestMessage request, byte[]? body, int number) => respond(request, body, number);
}
