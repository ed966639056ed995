using System.Globalization;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Session;

namespace QueryEngine.Tpch;

/// <summary>
/// <c>CALL tpch_generate(sf =&gt; 0.01, schema =&gt; 'tpch', format =&gt; 'tbl', location =&gt; '/path')</c>: generates the
/// TPC-H data (only the tables whose files are missing) and registers the eight tables as external tables of
/// <c>schema</c> in the session's catalog. Defaults: schema <c>tpch</c>, format <c>tbl</c> (or <c>parquet</c>),
/// location <c>&lt;warehouse&gt;/tpch-data/sf&lt;N&gt;</c> (<c>-parquet</c> appended for Parquet), as <c>qe tpch bench</c>
/// uses. Existing tables of that schema are kept as they are.
/// </summary>
public sealed class TpchGenerateProcedure : IProcedure
{
    public string Name => "tpch_generate";

    public StatementResult Call(QuerySession session, ProcedureArguments arguments, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(arguments);
        arguments.Expect("sf", "schema", "format", "location");
        var sf = arguments.Double("sf", 0) ?? throw new SemanticException("tpch_generate needs a scale factor: sf => 0.01");
        if (sf < 0.001 || (sf >= 1 && sf != Math.Floor(sf)))
        {
            throw new SemanticException($"tpch_generate: sf must be a scale factor from 0.001 below 1, or a whole number from 1 (got {sf.ToString(CultureInfo.InvariantCulture)})");
        }
        var schema = arguments.String("schema", 1) ?? "tpch";
        var format = (arguments.String("format", 2) ?? "tbl").ToLowerInvariant() switch
        {
            "tbl" => TpchFormat.Tbl,
            "parquet" => TpchFormat.Parquet,
            var other => throw new SemanticException($"tpch_generate: format must be 'tbl' or 'parquet', not '{other}'"),
        };
        var location = arguments.String("location", 3) ?? DefaultLocation(session.Options.Warehouse, sf, format);
        if (location.Contains("://", StringComparison.Ordinal) && !location.StartsWith("file://", StringComparison.Ordinal))
        {
            throw new SemanticException($"tpch_generate writes to a local folder, not '{location}'");
        }
        location = Path.GetFullPath(location.StartsWith("file://", StringComparison.Ordinal) ? new Uri(location).LocalPath : location);
        var generator = new TpchDataGenerator(sf);
        if (format == TpchFormat.Parquet) TpchParquetConverter.GenerateMissing(generator, location, cancellation);
        else generator.GenerateMissing(location, cancellation: cancellation);
        TpchSchema.Register(session.Catalog, schema, location,
            string.Create(CultureInfo.InvariantCulture, $"TPC-H SF {sf} written by tpch_generate"), format);
        return StatementResult.Ok("CALL");
    }

    private static string DefaultLocation(string warehouse, double sf, TpchFormat format) =>
        Path.Combine(warehouse, "tpch-data", "sf" + sf.ToString(CultureInfo.InvariantCulture) + (format == TpchFormat.Parquet ? "-parquet" : ""));
}
