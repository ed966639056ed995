using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using QueryEngine.Cli;
using QueryEngine.Cli.Arguments;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.Engine.Tests.Tpch;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

/// <summary>
/// How qe finds S3: <c>--s3-endpoint</c>, <c>--s3-region</c> and <c>--s3-path-style</c> on every command (in place of
/// their environment variables), AWS profiles from the shared config files, and what an unreachable endpoint or a
/// missing bucket prints. The process tests run the real qe (qe.dll beside the tests) with its own environment.
/// </summary>
public sealed class CliS3OptionsTests(S3rverFixture s3) : IClassFixture<S3rverFixture>, IDisposable
{
    private static readonly string[] StorageOptions = ["--s3-endpoint", "http://127.0.0.1:9000", "--s3-region=eu-west-1", "--s3-path-style"];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string[]> StorageCommands() => new()
    {
        { ["sql", "-e", "SELECT 1"] },
        { ["demo"] },
        { ["crawl", "s3://lake/x/", "--database", "d"] },
        { ["crawler", "run", "c"] },
        { ["job", "history", "j"] },
        { ["hms", "--port", "0"] },
        { ["tpch", "generate", "--sf", "0.01", "--out", "s3://lake/tpch/"] },
        { ["tpch", "bench", "--sf", "0.01"] },
        { ["serve", "--flight", "127.0.0.1:0"] },
    };

    [Theory]
    [MemberData(nameof(StorageCommands))]
    public void EveryCommandTakesTheStorageOptions(string[] command)
    {
        var parsed = CommandLineParser.Parse([.. command, .. StorageOptions], inputRedirected: false);
        Assert.Equal(new StorageArguments("http://127.0.0.1:9000", "eu-west-1", true), parsed.Storage);
        var plain = CommandLineParser.Parse(command, inputRedirected: false);
        Assert.Equal(StorageArguments.None, plain.Storage);
        Assert.Equal(plain.GetType(), parsed.GetType());
    }

    [Fact]
    public void TheOptionsStandInForTheirEnvironmentVariables()
    {
        var environment = new Dictionary<string, string> { ["AWS_ENDPOINT_URL_S3"] = "http://env:1", ["AWS_REGION"] = "us-west-2", ["HOME"] = "/home/x" };
        var over = new StorageArguments("http://cli:2", "eu-west-1", false).Over(name => environment.GetValueOrDefault(name));
        Assert.Equal("http://cli:2", over("AWS_ENDPOINT_URL_S3"));
        Assert.Equal("eu-west-1", over("AWS_REGION"));
        Assert.Equal("false", over("QE_S3_PATH_STYLE"));
        Assert.Equal("/home/x", over("HOME"));
        var partial = new StorageArguments(null, "ap-south-1", null).Over(name => environment.GetValueOrDefault(name));
        Assert.Equal("http://env:1", partial("AWS_ENDPOINT_URL_S3"));
        Assert.Null(partial("QE_S3_PATH_STYLE"));
    }

    [Fact]
    public void SqlTextThatLooksLikeAnOptionStaysSql()
    {
        var parsed = (SqlCommand)CommandLineParser.Parse(["sql", "-e", "--s3-region", "--s3-region", "eu-north-1"], inputRedirected: false);
        Assert.Equal(new SqlSource.Text("--s3-region"), parsed.Source);
        Assert.Equal("eu-north-1", parsed.Storage.Region);
    }

    [Theory]
    [InlineData("--s3-endpoint", "localhost:9000", "--s3-endpoint needs an http:// or https:// URL, got 'localhost:9000'")]
    [InlineData("--s3-region", "Europe West", "--s3-region needs a region name such as eu-west-1, got 'Europe West'")]
    [InlineData("--s3-path-style=maybe", null, "--s3-path-style takes true or false, not 'maybe'")]
    [InlineData("--s3-endpoint", null, "option --s3-endpoint needs a value")]
    public void BadStorageOptionsAreUsageErrors(string option, string? value, string message)
    {
        string[] args = value is null ? ["sql", "-e", "SELECT 1", option] : ["sql", "-e", "SELECT 1", option, value];
        var (code, _, error) = RunInProcess(new Dictionary<string, string>(), args);
        Assert.Equal(64, code);
        Assert.StartsWith($"qe: {message}\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheEndpointOptionBeatsTheEnvironment()
    {
        var prefix = UploadNation();
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_S3"] = $"http://127.0.0.1:{ClosedPort()}",
            ["AWS_ACCESS_KEY_ID"] = "S3RVER",
            ["AWS_SECRET_ACCESS_KEY"] = "S3RVER",
        };
        var (code, output, error) = RunInProcess(environment, "sql", "--warehouse", _dir.Path, "--format", "csv", "--s3-endpoint", s3.Endpoint, "--s3-path-style", "-e",
            $"CREATE EXTERNAL TABLE nation {NationColumns} ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' LOCATION '{prefix}'; SELECT count(*) AS n FROM nation");
        Assert.True(code == 0, error);
        Assert.Equal("n\r\n25\r\n", output);
    }

    [Fact]
    public void AnAwsProfileFromTheSharedFilesGivesEndpointRegionAndKeys()
    {
        var prefix = UploadNation();
        var home = Path.Combine(_dir.Path, "home");
        Directory.CreateDirectory(Path.Combine(home, ".aws"));
        File.WriteAllText(Path.Combine(home, ".aws", "config"), $"""
            [default]
            region = us-west-2

            [profile lake]
            region = eu-central-1
            endpoint_url = {s3.Endpoint}

            [profile wrong-keys]
            endpoint_url = {s3.Endpoint}
            """);
        File.WriteAllText(Path.Combine(home, ".aws", "credentials"), """
            [lake]
            aws_access_key_id = S3RVER
            aws_secret_access_key = S3RVER

            [wrong-keys]
            aws_access_key_id = NOT-S3RVER
            aws_secret_access_key = nope
            """);
        var sql = $"CREATE EXTERNAL TABLE IF NOT EXISTS nation {NationColumns} ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' LOCATION '{prefix}'; SELECT count(*) AS n FROM nation";

        var (code, output, error) = RunProcess(new() { ["HOME"] = home, ["AWS_PROFILE"] = "lake" }, "sql", "--warehouse", _dir.Path, "--format", "csv", "-e", sql);
        Assert.True(code == 0, error);
        Assert.Equal("n\r\n25\r\n", output);

        // The keys really come from the profile: the other profile's are refused by the server.
        var (wrongCode, _, wrongError) = RunProcess(new() { ["HOME"] = home, ["AWS_PROFILE"] = "wrong-keys" }, "sql", "--warehouse", _dir.Path, "-e", sql);
        Assert.Equal(1, wrongCode);
        Assert.StartsWith($"Storage error: cannot list {prefix}: access denied (", wrongError, StringComparison.Ordinal);

        // AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name the files wherever they are.
        var elsewhere = Path.Combine(_dir.Path, "elsewhere");
        Directory.Move(Path.Combine(home, ".aws"), elsewhere);
        var (movedCode, movedOutput, movedError) = RunProcess(
            new()
            {
                ["HOME"] = home,
                ["AWS_PROFILE"] = "lake",
                ["AWS_CONFIG_FILE"] = Path.Combine(elsewhere, "config"),
                ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(elsewhere, "credentials"),
            },
            "sql", "--warehouse", _dir.Path, "--format", "csv", "-e", sql);
        Assert.True(movedCode == 0, movedError);
        Assert.Equal("n\r\n25\r\n", movedOutput);

        // A profile that is not there is named in the error.
        var (missingCode, _, missingError) = RunProcess(new() { ["HOME"] = home, ["AWS_PROFILE"] = "nobody" }, "sql", "--warehouse", _dir.Path, "--s3-endpoint", s3.Endpoint, "-e", sql);
        Assert.Equal(1, missingCode);
        Assert.StartsWith("Storage error: AWS profile 'nobody' (AWS_PROFILE) has no credentials", missingError, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreachableEndpointOrAMissingBucketIsOneClearLineNamingLocationAndEndpoint()
    {
        var closed = $"http://127.0.0.1:{ClosedPort()}";
        var keys = new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = "S3RVER", ["AWS_SECRET_ACCESS_KEY"] = "S3RVER" };
        var (code, output, error) = RunProcess(keys, "sql", "--warehouse", _dir.Path, "--s3-endpoint", closed, "-e",
            "CREATE EXTERNAL TABLE far (x int) LOCATION 's3://lake/far/'; SELECT * FROM far");
        Assert.Equal(1, code);
        Assert.Equal("CREATE TABLE\n", output);
        Assert.StartsWith("Storage error: cannot list s3://lake/far/: the S3 endpoint could not be reached: ", error, StringComparison.Ordinal);
        Assert.EndsWith($"(endpoint {closed})\n", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);

        var (missingCode, _, missingError) = RunProcess(keys, "sql", "--warehouse", _dir.Path, "--s3-endpoint", s3.Endpoint, "--s3-path-style", "-e",
            "CREATE EXTERNAL TABLE gone (x int) LOCATION 's3://no-such-bucket/gone/'; SELECT * FROM gone");
        Assert.Equal(1, missingCode);
        Assert.Equal($"Storage error: cannot list s3://no-such-bucket/gone/: the bucket does not exist (endpoint {s3.Endpoint})\n", missingError);
    }

    private const string NationColumns = "(n_nationkey int, n_name string, n_regionkey int, n_comment string)";

    private string UploadNation()
    {
        var prefix = $"s3://{S3rverFixture.Bucket}/{Guid.NewGuid():N}/nation/";
        using var store = s3.NewStore();
        using var output = store.Create(prefix + "nation.tbl");
        using var input = File.OpenRead(Path.Combine(TpchData.Folder("0.01"), "nation", "nation.tbl"));
        input.CopyTo(output);
        return prefix;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private (int Code, string Output, string Error) RunInProcess(Dictionary<string, string> environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(TextReader.Null, false, output, error, name => environment.GetValueOrDefault(name), _dir.Path);
        var code = CliApplication.Run(args, console, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs qe.dll as a child process with no AWS variables but <paramref name="environment"/>'s.</summary>
    private (int Code, string Output, string Error) RunProcess(Dictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "qe.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("QE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start qe");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"qe {string.Join(' ', args)} did not finish in 3 minutes");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
