namespace QueryEngine.Cli;

/// <summary>Exit codes of qe.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The SQL (or its input) failed; the error is on standard error.</summary>
    public const int QueryFailed = 1;

    /// <summary>A bug in QueryEngine.</summary>
    public const int InternalError = 2;

    /// <summary>sysexits.h EX_USAGE: the command line was wrong.</summary>
    public const int Usage = 64;

    /// <summary>128 + SIGINT.</summary>
    public const int Interrupted = 130;
}
