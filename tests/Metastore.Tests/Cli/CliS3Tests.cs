using QueryEngine.Cli;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.Engine.Tests.Tpch;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

/// <summary>`qe sql` over tables whose location is s3://, configured by the standard AWS environment variables.</summary>
public sealed class CliS3Tests(S3rverFixture s3) : IClassFixture<S3rverFixture>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void QeSqlQueriesATableInS3AndNamesAMissingBucket()
    {
        var prefix = $"s3://{S3rverFixture.Bucket}/{Guid.NewGuid():N}/nation/";
        using (var store = s3.NewStore())
        using (var output = store.Create(prefix + "nation.tbl"))
        using (var input = File.OpenRead(Path.Combine(TpchData.Folder("0.01"), "nation", "nation.tbl")))
        {
            input.CopyTo(output);
        }
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = s3.Endpoint,
            ["AWS_ACCESS_KEY_ID"] = "S3RVER",
            ["AWS_SECRET_ACCESS_KEY"] = "S3RVER",
        };
        var (code, output2, error) = Run(environment, "sql", "--warehouse", _dir.Path, "--format", "csv", "-e", $"""
            CREATE EXTERNAL TABLE nation (n_nationkey int, n_name string, n_regionkey int, n_comment string)
            ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' LOCATION '{prefix}';
            SELECT count(*) AS n, max(n_name) AS last FROM nation
            """);
        Assert.True(code == 0, error);
        Assert.Equal("n,last\r\n25,VIETNAM\r\n", output2);

        var (missingCode, _, missingError) = Run(environment, "sql", "--warehouse", _dir.Path, "-e", """
            CREATE EXTERNAL TABLE gone (x int) LOCATION 's3://no-such-bucket/gone/';
            SELECT * FROM gone
            """);
        Assert.Equal(1, missingCode);
        Assert.StartsWith("Storage error: cannot list s3://no-such-bucket/gone/: the bucket does not exist", missingError, StringComparison.Ordinal);
    }

    private (int Code, string Output, string Error) Run(Dictionary<string, string> environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(TextReader.Null, false, output, error, name => environment.GetValueOrDefault(name), _dir.Path);
        var code = CliApplication.Run(args, console, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
