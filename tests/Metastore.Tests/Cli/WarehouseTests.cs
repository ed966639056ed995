using QueryEngine.Cli;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

public sealed class WarehouseTests
{
    [Fact]
    public void TheOptionWinsThenTheEnvironmentThenTheDefault()
    {
        static string? Env(string name) => name == "QE_WAREHOUSE" ? "/from/env" : null;
        static string? None(string name) => null;

        Assert.Equal("/from/option", Warehouse.Resolve("/from/option", Env, "/cwd"));
        Assert.Equal("/from/env", Warehouse.Resolve(null, Env, "/cwd"));
        Assert.Equal("/cwd/.warehouse", Warehouse.Resolve(null, None, "/cwd"));
        Assert.Equal("/cwd/rel", Warehouse.Resolve("rel", None, "/cwd"));
        Assert.Equal("/cwd/.warehouse", Warehouse.Resolve(null, name => string.Empty, "/cwd"));
    }
}
