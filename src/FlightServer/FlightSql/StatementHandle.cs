using System.Text;
using Google.Protobuf;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>
/// The opaque <c>statement_handle</c> of our tickets: 'Q' + the SQL of a query to run when the ticket is redeemed,
/// 'P' + the handle of a prepared statement (run with the parameters bound at the time the ticket is redeemed),
/// 'R' + the id of a result computed already (statements that are not queries), or 'S' + the id of the plan
/// GetFlightInfo made (32 hex digits) + the SQL, planned again when that plan is gone.
/// </summary>
internal readonly record struct StatementHandle(char Kind, string Value)
{
    public static StatementHandle Query(string sql) => new('Q', sql);

    public static StatementHandle Result(Guid id) => new('R', id.ToString("N"));

    public static StatementHandle Prepared(string handle) => new('P', handle);

    public static StatementHandle Planned(Guid plan, string sql) => new('S', plan.ToString("N") + sql);

    /// <summary>The plan id and SQL of an 'S' handle; false when the value is not one.</summary>
    public bool TryPlanned(out Guid plan, out string sql)
    {
        sql = string.Empty;
        plan = Guid.Empty;
        if (Kind != 'S' || Value.Length < 32 || !Guid.TryParseExact(Value.AsSpan(0, 32), "N", out plan)) return false;
        sql = Value[32..];
        return true;
    }

    public ByteString ToByteString() => ByteString.CopyFromUtf8(Kind + Value);

    public static StatementHandle? Parse(ByteString bytes)
    {
        if (bytes.Length < 1) return null;
        var text = Encoding.UTF8.GetString(bytes.Span);
        return text[0] is 'Q' or 'R' or 'P' or 'S' ? new StatementHandle(text[0], text[1..]) : null;
    }
}
