using System.Diagnostics;

namespace QueryEngine.Tpch;

/// <summary>
/// A port of TPC-H dbgen 2.17.3: writes the eight tables' .tbl files byte-identical to
/// <c>dbgen -s SF</c>, generating row ranges in parallel (every range starts at the exact random state
/// dbgen would have there).
/// </summary>
public sealed class TpchDataGenerator
{
    private readonly DistributionSet _dists;
    private readonly Lazy<TpchTextPool> _pool;
    private readonly int _degreeOfParallelism;

    /// <param name="scaleFactor">dbgen's -s: 0.001 ≤ SF &lt; 1 (thousandths), or an integer SF ≥ 1.</param>
    /// <param name="textPool">a pool to share between generators; built on first use if null.</param>
    /// <param name="degreeOfParallelism">threads to use; defaults to the processor count.</param>
    public TpchDataGenerator(double scaleFactor, TpchTextPool? textPool = null, int? degreeOfParallelism = null)
    {
        Scale = new TpchScale(scaleFactor);
        _dists = DistributionSet.LoadEmbedded();
        _pool = textPool != null ? new Lazy<TpchTextPool>(textPool) : new Lazy<TpchTextPool>(() => TpchTextPool.Create(_dists));
        _degreeOfParallelism = Math.Max(1, degreeOfParallelism ?? Environment.ProcessorCount);
    }

    public TpchScale Scale { get; }

    /// <summary>
    /// Writes <c>directory/&lt;table&gt;/&lt;table&gt;.tbl</c> for each requested table (all eight if null),
    /// reporting each table as it completes. Each file is written as <c>.tbl.tmp</c> and renamed when all are done,
    /// so a <c>.tbl</c> file is always complete.
    /// </summary>
    public IReadOnlyList<TpchTableResult> GenerateToDirectory(
        string directory,
        IEnumerable<TpchTable>? tables = null,
        Action<TpchTableResult>? onTableDone = null,
        CancellationToken cancellation = default)
    {
        var written = new List<string>();
        var results = Generate(
            tables,
            table =>
            {
                var path = TablePath(directory, table);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                written.Add(path);
                return (new FileStream(path + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20), path);
            },
            onTableDone,
            cancellation);
        foreach (var path in written) File.Move(path + ".tmp", path, overwrite: true);
        return results;
    }

    /// <summary>
    /// Writes <c>directory/&lt;table&gt;/&lt;table&gt;.csv</c> for each requested table (all eight if null): the same rows
    /// converted to CSV while they are generated (see <see cref="TblToCsvStream"/>), each renamed from <c>.csv.tmp</c> when all are done.
    /// </summary>
    public IReadOnlyList<TpchTableResult> GenerateCsvToDirectory(
        string directory,
        IEnumerable<TpchTable>? tables = null,
        Action<TpchTableResult>? onTableDone = null,
        CancellationToken cancellation = default)
    {
        var written = new List<string>();
        var results = Generate(
            tables,
            table =>
            {
                var path = Path.Combine(directory, TpchTables.Name(table), TpchTables.Name(table) + ".csv");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                written.Add(path);
                var file = new FileStream(path + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
                return (new TblToCsvStream(file, TpchSchema.Columns(table).Select(c => c.Name).ToArray()), path);
            },
            onTableDone,
            cancellation);
        foreach (var path in written) File.Move(path + ".tmp", path, overwrite: true);
        return results;
    }

    /// <summary>Generates, into <paramref name="directory"/>, only the tables whose <c>.tbl</c> file is not there yet.</summary>
    public IReadOnlyList<TpchTableResult> GenerateMissing(string directory, Action<TpchTableResult>? onTableDone = null, CancellationToken cancellation = default)
    {
        var missing = TpchTables.All.Where(t => !File.Exists(TablePath(directory, t))).ToArray();
        return missing.Length == 0 ? [] : GenerateToDirectory(directory, missing, onTableDone, cancellation);
    }

    /// <summary>Where <see cref="GenerateToDirectory"/> puts a table: <c>directory/&lt;table&gt;/&lt;table&gt;.tbl</c>.</summary>
    public static string TablePath(string directory, TpchTable table) =>
        Path.Combine(directory, TpchTables.Name(table), TpchTables.Name(table) + ".tbl");

    /// <summary>
    /// Writes the requested tables to streams from <paramref name="open"/> (which also names the output for the
    /// result; the streams are disposed here). orders/lineitem and part/partsupp share one generation loop.
    /// </summary>
    public IReadOnlyList<TpchTableResult> Generate(
        IEnumerable<TpchTable>? tables,
        Func<TpchTable, (Stream Stream, string? Path)> open,
        Action<TpchTableResult>? onTableDone = null,
        CancellationToken cancellation = default)
    {
        var wanted = new HashSet<TpchTable>(tables ?? TpchTables.All);
        var results = new List<TpchTableResult>();
        foreach (var group in Groups)
        {
            var members = group.Tables.Where(wanted.Contains).ToArray();
            if (members.Length == 0)
            {
                continue;
            }

            var watch = Stopwatch.StartNew();
            var streams = new Stream?[group.Tables.Length];
            var paths = new string?[group.Tables.Length];
            try
            {
                for (var i = 0; i < group.Tables.Length; i++)
                {
                    if (wanted.Contains(group.Tables[i]))
                    {
                        (streams[i], paths[i]) = open(group.Tables[i]);
                    }
                }

                var pool = _pool.Value;
                var rows = Scale.GeneratorRows(group.Tables[0]);
                var counts = ChunkPipeline.Run(
                    () => group.Create(_dists, pool, Scale),
                    rows,
                    group.ChunkRows,
                    streams,
                    _degreeOfParallelism,
                    cancellation);
                foreach (var s in streams)
                {
                    s?.Flush();
                }

                for (var i = 0; i < group.Tables.Length; i++)
                {
                    if (streams[i] != null)
                    {
                        var result = new TpchTableResult(group.Tables[i], counts[i], watch.Elapsed, paths[i]);
                        results.Add(result);
                        onTableDone?.Invoke(result);
                    }
                }
            }
            finally
            {
                foreach (var s in streams)
                {
                    s?.Dispose();
                }
            }
        }

        return results;
    }

    private static readonly TableGroup[] Groups =
    [
        new([TpchTable.Region], 5, (d, p, _) => new CodeTableGenerator(d, p, nation: false)),
        new([TpchTable.Nation], 25, (d, p, _) => new CodeTableGenerator(d, p, nation: true)),
        new([TpchTable.Supplier], 20_000, (_, p, _) => new SupplierGenerator(p)),
        new([TpchTable.Customer], 20_000, (d, p, _) => new CustomerGenerator(d, p)),
        new([TpchTable.Part, TpchTable.PartSupp], 10_000, (d, p, s) => new PartGenerator(d, p, s)),
        new([TpchTable.Orders, TpchTable.LineItem], 10_000, (d, p, s) => new OrderGenerator(d, p, s)),
    ];

    private sealed record TableGroup(TpchTable[] Tables, long ChunkRows, Func<DistributionSet, TpchTextPool, TpchScale, ChunkGenerator> Create);
}
