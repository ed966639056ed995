using System.Text;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Tests.Tpch;

/// <summary>
/// A Parquet copy of the reference dbgen tables of one scale factor, written by our own engine
/// (<c>CREATE TABLE ... WITH (format = 'PARQUET', external_location = ...) AS SELECT * FROM</c> the text table), once
/// per process and scale factor, into a per-process temp folder: one sub-folder of Parquet files per table.
/// </summary>
public static class TpchParquetCopy
{
    private static readonly Dictionary<string, string> Written = [];
    private static readonly Lock Gate = new();

    /// <summary>Folder holding <c>&lt;table&gt;/*.parquet</c> for the scale factor ("0.01" or "0.1").</summary>
    public static string Folder(string scaleFactor)
    {
        lock (Gate)
        {
            if (Written.TryGetValue(scaleFactor, out var existing)) return existing;
            var target = Path.Combine(Path.GetTempPath(), "qe-tpch-" + Environment.ProcessId, "sf" + scaleFactor + "-parquet-copy");
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            var session = new QuerySession(
                new InMemoryCatalog(),
                new FileTableSourceFactory(new LocalObjectStore()),
                new SessionOptions { Warehouse = Path.Combine(target, ".warehouse") });
            session.ExecuteScript(TpchData.CreateTablesSql("text", TpchData.Folder(scaleFactor)) + CopySql("text", "copy", target));
            Written[scaleFactor] = target;
            return target;
        }
    }

    /// <summary>CTAS statements copying every table of <paramref name="source"/> into Parquet tables of <paramref name="database"/> under <paramref name="folder"/>.</summary>
    public static string CopySql(string source, string database, string folder)
    {
        var sb = new StringBuilder();
        sb.Append("CREATE DATABASE IF NOT EXISTS ").Append(database).Append(";\n");
        foreach (var table in TpchData.Tables)
        {
            sb.Append("CREATE TABLE ").Append(database).Append('.').Append(table)
              .Append(" WITH (format = 'PARQUET', external_location = '").Append(Path.Combine(folder, table))
              .Append("') AS SELECT * FROM ").Append(source).Append('.').Append(table).Append(";\n");
        }
        return sb.ToString();
    }

    /// <summary>CREATE EXTERNAL TABLE ... STORED AS PARQUET statements for the eight tables under <paramref name="folder"/>.</summary>
    public static string CreateTablesSql(string database, string folder)
    {
        var sb = new StringBuilder();
        sb.Append("CREATE DATABASE IF NOT EXISTS ").Append(database).Append(";\n");
        foreach (var (table, columns) in TpchData.Schema())
        {
            sb.Append("CREATE EXTERNAL TABLE ").Append(database).Append('.').Append(table).Append(" (\n  ");
            sb.Append(string.Join(",\n  ", columns.Select(c => c.Name + " " + c.HiveType)));
            sb.Append("\n)\nSTORED AS PARQUET\nLOCATION '").Append(Path.Combine(folder, table)).Append("';\n");
        }
        return sb.ToString();
    }
}
