using System.Globalization;
using QueryEngine.Cli.Arguments;
using QueryEngine.Cli.Output;
using QueryEngine.Engine.Common;
using QueryEngine.Tpch;

namespace QueryEngine.Cli.Commands;

/// <summary>
/// <c>qe demo</c>: writes TPC-H data at scale factor 0.01 (byte-identical to dbgen's) into the warehouse, registers
/// its tables in database <c>tpch</c> (both idempotent), and runs an example query.
/// </summary>
internal static class DemoRunner
{
    public const string ExampleQuery = """
        SELECT l_returnflag, l_linestatus,
               count(*) AS count_order,
               sum(l_quantity) AS sum_qty,
               sum(l_extendedprice * (1 - l_discount)) AS sum_disc_price
        FROM tpch.lineitem
        WHERE l_shipdate <= DATE '1998-09-02'
        GROUP BY l_returnflag, l_linestatus
        ORDER BY l_returnflag, l_linestatus
        """;

    public const string Database = "tpch";

    /// <summary>dbgen scale factor of the sample data: 86,805 rows, 10 MB.</summary>
    public const double ScaleFactor = 0.01;

    /// <summary>Where the sample data goes inside a warehouse.</summary>
    public static string SampleRoot(string warehouse) => Path.Combine(warehouse, "sample", "tpch");

    public static int Run(DemoCommand command, CliConsole console, CancellationToken cancellation)
    {
        var warehouse = Warehouse.Resolve(command.Warehouse, console.Environment, console.CurrentDirectory);
        var catalog = EngineServices.OpenMetastore(command.Metastore, console.Environment, warehouse, console.CurrentDirectory);
        using var lifetime = (IDisposable)catalog;
        var root = SampleRoot(warehouse);
        new TpchDataGenerator(ScaleFactor).GenerateMissing(root, cancellation: cancellation);
        TpchSchema.Register(catalog, Database, root, "TPC-H SF 0.01 sample data written by qe demo");

        var counts = TpchTables.All.Select(t => (Name: TpchTables.Name(t), Rows: CountLines(TpchDataGenerator.TablePath(root, t)))).ToArray();
        var output = console.Output;
        output.Write($"Warehouse:   {warehouse}\n");
        output.Write($"Metastore:   {catalog.Description}\n");
        output.Write($"Sample data: {root} (TPC-H SF 0.01, {counts.Sum(c => c.Rows).ToString("N0", CultureInfo.InvariantCulture)} rows)\n");
        output.Write($"Database {Database}: {string.Join(", ", counts.Select(c => $"{c.Name} ({c.Rows})"))}\n\n");
        output.Write("Example query (TPC-H Q1, shortened):\n\n");
        foreach (var line in ExampleQuery.Split('\n')) output.Write($"  {line}\n");
        output.Write('\n');
        output.Flush();

        var session = EngineServices.CreateSession(catalog, warehouse, Database, console.Environment);
        try
        {
            var printer = new ResultPrinter(OutputFormat.Table, output, console.Error);
            foreach (var result in session.ExecuteEach(ExampleQuery, cancellation)) printer.Print(result);
        }
        catch (QueryException ex) when (ex is not InternalException)
        {
            console.Error.Write(ex.Render(ExampleQuery));
            console.Error.Write('\n');
            return ExitCodes.QueryFailed;
        }

        var warehouseOption = command.Warehouse is null ? string.Empty : $" --warehouse {command.Warehouse}";
        output.Write($"""

            Try next:
              ./qe sql{warehouseOption} -e "SHOW TABLES FROM tpch"
              ./qe sql{warehouseOption} -e "DESCRIBE tpch.orders"
              ./qe sql{warehouseOption} --format csv -e "SELECT n_name, r_name FROM tpch.nation JOIN tpch.region ON n_regionkey = r_regionkey"

            """);
        return ExitCodes.Success;
    }

    private static long CountLines(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[1 << 16];
        long lines = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0) lines += buffer.AsSpan(0, read).Count((byte)'\n');
        return lines;
    }
}
