namespace QueryEngine.Tpch.Tests;

/// <summary>Builds dbgen's 300 MiB text pool once for all tests of a class.</summary>
public sealed class TextPoolFixture
{
    public TpchTextPool Pool { get; } = TpchTextPool.Create();
}
