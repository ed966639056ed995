using Npgsql;
using QueryEngine.Engine.Common;

namespace QueryEngine.Metastore.Store.Postgres;

/// <summary>
/// Turns what a user gives for <c>--metastore</c> into an Npgsql connection string: either a URL
/// <c>postgres://user[:password]@host[:port]/database[?key=value&amp;...]</c> (also <c>postgresql://</c>; query keys are
/// Npgsql connection string keywords, e.g. <c>sslmode=require</c>) or an Npgsql connection string as is.
/// </summary>
public static class PostgresConnectionString
{
    /// <summary>True when <paramref name="text"/> names a PostgreSQL metastore (a postgres:// URL or a connection string with a host).</summary>
    public static bool IsPostgres(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || (text.Contains('=', StringComparison.Ordinal) && text.Contains("host", StringComparison.OrdinalIgnoreCase));
    }

    public static string Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains("://", StringComparison.Ordinal)) return Validate(text);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
        {
            throw new SemanticException($"'{Redact(text)}' is not a PostgreSQL URL (postgres://user@host:port/database)");
        }
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } database ? database : "postgres",
        };
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0) builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            try
            {
                builder[key] = value;
            }
            catch (ArgumentException ex)
            {
                throw new SemanticException($"PostgreSQL URL option '{key}': {ex.Message}");
            }
        }
        return builder.ConnectionString;
    }

    private static string Validate(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString).ConnectionString;
        }
        catch (ArgumentException ex)
        {
            throw new SemanticException($"Invalid PostgreSQL connection string: {ex.Message}");
        }
    }

    /// <summary>The text with any password in a URL replaced, for messages.</summary>
    private static string Redact(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (at < 0 || scheme < 0 || at < scheme) return text;
        var colon = text.IndexOf(':', scheme + 3);
        return colon > 0 && colon < at ? text[..(colon + 1)] + "***" + text[at..] : text;
    }
}
