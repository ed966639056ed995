namespace QueryEngine.Metastore;

internal static class SqliteSmoke
{
    public static long Run()
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "select 41 + 1";
        return (long)cmd.ExecuteScalar()!;
    }
}
