using System.Net.Sockets;
using QueryEngine.Cli.Arguments;
using QueryEngine.Engine.Common;
using QueryEngine.Metastore.Server;

namespace QueryEngine.Cli.Commands;

/// <summary><c>qe hms</c>: the warehouse's metastore served over the Hive Metastore Thrift API until cancelled.</summary>
internal static class HmsRunner
{
    public static int Run(HmsCommand command, CliConsole console, CancellationToken cancellation)
    {
        var warehouse = Warehouse.Resolve(command.Warehouse, console.Environment, console.CurrentDirectory);
        var catalog = EngineServices.OpenMetastore(command.Metastore, console.Environment, warehouse, console.CurrentDirectory);
        using var lifetime = (IDisposable)catalog;
        var log = TextWriter.Synchronized(console.Error);
        using var server = new HmsServer(catalog, new HmsServerOptions
        {
            Port = command.Port,
            Framed = command.Framed,
            Warehouse = warehouse,
            Log = line => log.Write(line + "\n"),
        });
        try
        {
            server.Start();
        }
        catch (SocketException ex)
        {
            throw new StorageException($"cannot listen on 127.0.0.1:{command.Port}: {ex.Message}", ex);
        }
        console.Output.Write(
            $"Hive Metastore Thrift API on thrift://127.0.0.1:{server.Port} ({(command.Framed ? "framed" : "buffered")} transport, " +
            $"binary protocol), {catalog.Description}. Ctrl+C stops.\n");
        console.Output.Flush();
        server.RunUntilCancelled(cancellation);
        console.Output.Write("Stopped.\n");
        return ExitCodes.Success;
    }
}
