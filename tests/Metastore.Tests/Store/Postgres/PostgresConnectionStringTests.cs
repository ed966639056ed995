using Npgsql;
using QueryEngine.Engine.Common;
using QueryEngine.Metastore.Store.Postgres;
using Xunit;

namespace QueryEngine.Metastore.Tests.Store.Postgres;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void UrlsBecomeConnectionStrings()
    {
        var b = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Parse("postgres://hive:s%40cret@db.example:6543/meta?sslmode=require&Timeout=7"));
        Assert.Equal("db.example", b.Host);
        Assert.Equal(6543, b.Port);
        Assert.Equal("meta", b.Database);
        Assert.Equal("hive", b.Username);
        Assert.Equal("s@cret", b.Password);
        Assert.Equal(SslMode.Require, b.SslMode);
        Assert.Equal(7, b.Timeout);

        var plain = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Parse("postgresql://me@localhost"));
        Assert.Equal(5432, plain.Port);
        Assert.Equal("postgres", plain.Database);
        Assert.Equal("me", plain.Username);
    }

    [Fact]
    public void ConnectionStringsPassThroughAndBadOnesAreErrors()
    {
        Assert.Equal("localhost", new NpgsqlConnectionStringBuilder(PostgresConnectionString.Parse("Host=localhost;Database=meta")).Host);
        Assert.True(PostgresConnectionString.IsPostgres("postgres://x@y/z"));
        Assert.True(PostgresConnectionString.IsPostgres("Host=localhost;Database=meta"));
        Assert.False(PostgresConnectionString.IsPostgres("/data/metastore.db"));
        var error = Assert.Throws<SemanticException>(() => PostgresConnectionString.Parse("postgres://u@h/d?nonsense=1"));
        Assert.Contains("nonsense", error.Message, StringComparison.Ordinal);
        Assert.Throws<SemanticException>(() => PostgresConnectionString.Parse("Bogus Key=1"));
    }
}
