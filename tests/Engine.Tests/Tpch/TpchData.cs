using System.IO.Compression;
using System.Text;
using QueryEngine.Engine.Tests.TestSupport;

namespace QueryEngine.Engine.Tests.Tpch;

/// <summary>
/// Unpacks the reference dbgen tables of one scale factor into a per-process temp folder (one sub-folder per
/// table, as a lake would hold them) and produces the DDL that declares them as external text tables.
/// </summary>
public static class TpchData
{
    public static readonly string[] Tables = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"];

    private static readonly Dictionary<string, string> Unpacked = [];
    private static readonly Lock Gate = new();

    /// <summary>Folder holding <c>&lt;table&gt;/&lt;table&gt;.tbl</c> for the scale factor ("0.01" or "0.1").</summary>
    public static string Folder(string scaleFactor)
    {
        lock (Gate)
        {
            if (Unpacked.TryGetValue(scaleFactor, out var existing)) return existing;
            var target = Path.Combine(Path.GetTempPath(), "qe-tpch-" + Environment.ProcessId, "sf" + scaleFactor);
            foreach (var table in Tables)
            {
                var source = Path.Combine(SharedData.TpchRoot, "data", "sf" + scaleFactor, table + ".tbl.gz");
                var dir = Path.Combine(target, table);
                Directory.CreateDirectory(dir);
                var file = Path.Combine(dir, table + ".tbl");
                if (File.Exists(file)) continue;
                using var input = new GZipStream(File.OpenRead(source), CompressionMode.Decompress);
                using var output = File.Create(file + ".tmp");
                input.CopyTo(output);
                output.Close();
                File.Move(file + ".tmp", file);
            }
            Unpacked[scaleFactor] = target;
            return target;
        }
    }

    /// <summary>CREATE EXTERNAL TABLE statements (Athena Hive DDL) for the eight tables in <paramref name="database"/>.</summary>
    public static string CreateTablesSql(string database, string folder)
    {
        var sb = new StringBuilder();
        sb.Append("CREATE DATABASE IF NOT EXISTS ").Append(database).Append(";\n");
        foreach (var (table, columns) in Schema())
        {
            sb.Append("CREATE EXTERNAL TABLE ").Append(database).Append('.').Append(table).Append(" (\n  ");
            sb.Append(string.Join(",\n  ", columns.Select(c => c.Name + " " + c.HiveType)));
            sb.Append("\n)\nROW FORMAT DELIMITED FIELDS TERMINATED BY '|'\nSTORED AS TEXTFILE\nLOCATION '")
              .Append(Path.Combine(folder, table)).Append("';\n");
        }
        return sb.ToString();
    }

    /// <summary>The tables and Hive column types of <c>shared/tpch/schema.sql</c>.</summary>
    public static IEnumerable<(string Table, List<(string Name, string HiveType)> Columns)> Schema()
    {
        var text = File.ReadAllText(Path.Combine(SharedData.TpchRoot, "schema.sql"));
        string? table = null;
        var columns = new List<(string, string)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split("--")[0].Trim();
            if (line.StartsWith("CREATE TABLE", StringComparison.OrdinalIgnoreCase))
            {
                table = line["CREATE TABLE".Length..].Trim().TrimEnd('(').Trim();
                columns = [];
            }
            else if (line.StartsWith(')') && table is not null)
            {
                yield return (table, columns);
                table = null;
            }
            else if (table is not null && line.Length > 0)
            {
                var parts = line.TrimEnd(',').Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var type = parts[1].ToLowerInvariant() switch
                {
                    "varchar" => "string",
                    "integer" => "int",
                    var t => t,
                };
                columns.Add((parts[0], type));
            }
        }
    }
}
