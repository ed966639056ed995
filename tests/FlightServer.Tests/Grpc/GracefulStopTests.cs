using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using QueryEngine.FlightServer.Protocol;
using QueryEngine.FlightServer.Protocol.Sql;
using QueryEngine.FlightServer.Tests.Support;
using Xunit;

namespace QueryEngine.FlightServer.Tests.Grpc;

/// <summary>
/// A stop (what <c>qe serve</c> does on Ctrl-C or SIGTERM) while a query streams: the server waits for the grace
/// period, then cancels the query (recorded CANCELLED), ends the call and returns; it does not hang on the query.
/// </summary>
public sealed class GracefulStopTests
{
    private const string Service = "/arrow.flight.protocol.FlightService/";

    [Fact]
    public async Task StopCancelsAQueryStillRunningAfterTheGracePeriod()
    {
        var server = new TpchFlightServer();
        await server.InitializeAsync();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            var baseUri = $"http://127.0.0.1:{server.Port}{Service}";
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TpchFlightServer.User}:{TpchFlightServer.Password}"));
            using var handshake = await SendAsync(http, baseUri + "Handshake", new HandshakeRequest(), "Basic " + basic, HttpCompletionOption.ResponseContentRead);
            var token = handshake.Headers.GetValues("authorization").Single();

            const string query = "SELECT count(*) FROM lineitem a CROSS JOIN lineitem b WHERE a.l_discount + b.l_discount < 0";
            using var infoResponse = await SendAsync(http, baseUri + "GetFlightInfo",
                new FlightDescriptor { Type = FlightDescriptor.Types.DescriptorType.Cmd, Cmd = Any.Pack(new CommandStatementQuery { Query = query }).ToByteString() },
                token, HttpCompletionOption.ResponseContentRead);
            var info = FlightInfo.Parser.ParseFrom(FirstMessage(await infoResponse.Content.ReadAsByteArrayAsync()));

            using var doGet = await SendAsync(http, baseUri + "DoGet", info.Endpoint[0].Ticket, token, HttpCompletionOption.ResponseHeadersRead);
            var reading = doGet.Content.ReadAsByteArrayAsync();
            await Task.Delay(1000); // the query is running: the CROSS JOIN takes far longer than the test
            Assert.False(reading.IsCompleted, "the query ended before the stop");

            var clock = Stopwatch.StartNew();
            using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
            {
                await server.StopAsync(grace.Token);
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the stop took {clock.Elapsed}");
            // The call ends: cut off (the client sees an error) or with a non-OK status, never with a complete result.
            try
            {
                await reading.WaitAsync(TimeSpan.FromSeconds(20));
                Assert.True(doGet.TrailingHeaders.TryGetValues("grpc-status", out var status) && status.Single() != "0", "the cancelled query reported success");
            }
            catch (HttpRequestException)
            {
            }
            catch (IOException)
            {
            }
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!Cancelled() && DateTime.UtcNow < deadline) await Task.Delay(100);
            Assert.True(Cancelled(), "no CANCELLED line for the running query:\n" + string.Join("\n", Snapshot()));

            bool Cancelled() => Snapshot().Any(l => l.Contains(" CANCELLED ", StringComparison.Ordinal) && l.Contains("l_discount", StringComparison.Ordinal));
            string[] Snapshot()
            {
                lock (server.Log) return [.. server.Log];
            }
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string uri, IMessage message, string authorization, HttpCompletionOption completion)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new ByteArrayContent(frame),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact, // cleartext HTTP/2 with prior knowledge
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.ParseAdd("trailers");
        request.Headers.TryAddWithoutValidation("authorization", authorization);
        var response = await http.SendAsync(request, completion);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static byte[] FirstMessage(byte[] body)
    {
        Assert.True(body.Length >= 5, $"{body.Length} bytes: no gRPC message");
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1));
        return body.AsSpan(5, length).ToArray();
    }
}
