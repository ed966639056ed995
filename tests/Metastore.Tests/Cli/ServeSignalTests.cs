using System.Diagnostics;
using System.Text;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

/// <summary>
/// The real <c>qe serve</c> process (qe.dll beside the tests) stops gracefully on SIGTERM, as service managers and
/// containers stop it: it says it is stopping, finishes, and exits with 0.
/// </summary>
public sealed class ServeSignalTests
{
    [Fact]
    public async Task SigtermStopsTheServerGracefully()
    {
        Assert.True(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGTERM needs a POSIX system");
        var warehouse = Path.Combine(Path.GetTempPath(), $"qe-sigterm-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "qe.dll"));
        foreach (var a in new[] { "serve", "--warehouse", warehouse, "--flight", "127.0.0.1:0", "--hms", "off", "--no-scheduler" }) start.ArgumentList.Add(a);
        start.Environment["QE_METASTORE"] = null;
        using var qe = Process.Start(start) ?? throw new InvalidOperationException("cannot start qe");
        var output = new StringBuilder();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        qe.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (e.Data.Contains("Flight SQL listening on", StringComparison.Ordinal)) listening.TrySetResult();
        };
        var error = qe.StandardError.ReadToEndAsync();
        qe.BeginOutputReadLine();
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromMinutes(1));
            using (var kill = Process.Start("kill", ["-TERM", qe.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
                Assert.Equal(0, kill.ExitCode);
            }
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await qe.WaitForExitAsync(patience.Token);
            var text = Text();
            Assert.True(qe.ExitCode == 0, $"exit {qe.ExitCode}\n{text}\n{await error}");
            Assert.Contains("Stopping: finishing running calls", text, StringComparison.Ordinal);
            Assert.Contains("Stopped", text, StringComparison.Ordinal);
        }
        finally
        {
            if (!qe.HasExited) qe.Kill(entireProcessTree: true);
            if (Directory.Exists(warehouse)) Directory.Delete(warehouse, recursive: true);
        }

        string Text()
        {
            lock (output) return output.ToString();
        }
    }
}
