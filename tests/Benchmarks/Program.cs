using BenchmarkDotNet.Running;

namespace QueryEngine.Benchmarks;

/// <summary>
/// Micro-benchmarks of the engine's pieces (BenchmarkDotNet). Run all with
/// <c>dotnet run -c Release --project tests/Benchmarks -- --filter '*'</c>, or one class with
/// <c>--filter '*PageIndex*'</c>. Whole-query speed against DuckDB is measured by <c>qe tpch bench --vs duckdb</c>.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
