using System.Net;
using QueryEngine.Cli.Arguments;

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
        var endpoint = new HmsEndpoint("127.0.0.1", IPAddress.Loopback, command.Port, command.Framed);
        using var server = HmsListener.Start(catalog, endpoint, warehouse, line => log.Write(line + "\n"));
        console.Output.Write($"{HmsListener.Banner(endpoint, server)}, {catalog.Description}. Ctrl+C stops.\n");
        console.Output.Flush();
        server.RunUntilCancelled(cancellation);
        console.Output.Write("Stopped.\n");
        return ExitCodes.Success;
    }
}
