using QueryEngine.Engine.Common;

namespace QueryEngine.Cli;

/// <summary>
/// <c>qe serve --users FILE</c>: one <c>user:password</c> per line (the password is everything after the first
/// colon); blank lines and lines starting with <c>#</c> are skipped. Keep the file readable by the server only.
/// </summary>
internal static class UsersFile
{
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"cannot read the users file {path}: {ex.Message}", ex);
        }
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) throw new StorageException($"{path} line {i + 1}: expected user:password");
            var user = line[..colon];
            if (!users.TryAdd(user, line[(colon + 1)..])) throw new StorageException($"{path} line {i + 1}: user '{user}' is listed twice");
        }
        if (users.Count == 0) throw new StorageException($"{path}: no users (lines of user:password)");
        return users;
    }
}
