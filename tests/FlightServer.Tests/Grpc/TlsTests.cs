using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.FlightServer.Grpc;
using QueryEngine.FlightServer.Tests.Support;
using Xunit;

namespace QueryEngine.FlightServer.Tests.Grpc;

/// <summary>With a certificate the server speaks gRPC over TLS (HTTP/2 negotiated by ALPN), checked with grpc-js.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task GrpcJsTalksToTheServerOverTls()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var generated = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var certificate = X509CertificateLoader.LoadPkcs12(generated.Export(X509ContentType.Pkcs12), null);
        var caFile = Path.Combine(Path.GetTempPath(), $"qe-tls-{Environment.ProcessId}-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(caFile, generated.ExportCertificatePem());
        var server = await FlightSqlServer.StartAsync(new InMemoryCatalog(), new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions(),
            new FlightSqlServerOptions { Grpc = new GrpcServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), Certificate = certificate } });
        await using (server)
        {
            try
            {
                var (exit, output, error) = NodeScript.Run("flight-tls-check.mjs", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), caFile);
                Assert.True(exit == 0, output + "\n" + error);
            }
            finally
            {
                File.Delete(caFile);
            }
        }
    }
}
