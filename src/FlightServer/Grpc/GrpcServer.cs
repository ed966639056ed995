using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace QueryEngine.FlightServer.Grpc;

/// <summary>
/// gRPC over Kestrel's HTTP/2 (grpc/grpc doc/PROTOCOL-HTTP2.md): POST to <c>/{service}/{method}</c> with
/// content-type application/grpc; the response is HTTP 200, length-prefixed messages, then the trailers
/// <c>grpc-status</c> and <c>grpc-message</c>. Honors <c>grpc-timeout</c> and stops work when the client leaves.
/// </summary>
public sealed class GrpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IGrpcService _service;
    private readonly GrpcServerOptions _options;

    private GrpcServer(WebApplication app, IGrpcService service, GrpcServerOptions options)
    {
        _app = app;
        _service = service;
        _options = options;
    }

    /// <summary>The port the server listens on (after <see cref="StartAsync"/>).</summary>
    public int Port { get; private set; }

    public static async Task<GrpcServer> StartAsync(IGrpcService service, GrpcServerOptions options, CancellationToken cancellation = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 256;
            kestrel.Listen(options.EndPoint, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (options.Certificate is { } certificate) listen.UseHttps(certificate);
            });
        });
        var app = builder.Build();
        var server = new GrpcServer(app, service, options);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellation).ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        server.Port = new Uri(addresses.First()).Port;
        return server;
    }

    /// <summary>Stops accepting calls and waits for running ones (until <paramref name="cancellation"/> fires).</summary>
    public Task StopAsync(CancellationToken cancellation = default) => _app.StopAsync(cancellation);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        if (!HttpMethods.IsPost(request.Method) || request.ContentType is not { } contentType
            || !contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        http.Response.ContentType = "application/grpc";
        var path = request.Path.Value ?? string.Empty;
        var slash = path.LastIndexOf('/');
        var serviceName = slash > 0 ? path[1..slash] : string.Empty;
        var method = path[(slash + 1)..];
        var handler = serviceName == _service.ServiceName ? _service.Find(method) : null;
        if (handler is null)
        {
            Finish(http, GrpcStatusCode.Unimplemented, $"unknown method {path}");
            return;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        if (GrpcTimeout.Parse(request.Headers["grpc-timeout"].ToString()) is { } timeout) deadline.CancelAfter(timeout);
        var call = new GrpcCall(http, _options.MaxReceiveMessageSize, _options.MaxSendMessageSize, deadline.Token) { Method = method };
        try
        {
            await handler(call).ConfigureAwait(false);
            Finish(http, GrpcStatusCode.Ok, null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            if (http.RequestAborted.IsCancellationRequested) return;
            Finish(http, GrpcStatusCode.DeadlineExceeded, "deadline exceeded");
        }
        catch (GrpcException ex)
        {
            Finish(http, ex.Status, ex.Message);
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            var (status, message) = _service.MapError(ex);
            Finish(http, status, message);
        }
    }

    private static void Finish(HttpContext http, GrpcStatusCode status, string? message)
    {
        if (!http.Response.SupportsTrailers())
        {
            http.Abort();
            return;
        }
        http.Response.AppendTrailer("grpc-status", ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(message)) http.Response.AppendTrailer("grpc-message", GrpcMessageEncoding.Encode(message));
    }
}
