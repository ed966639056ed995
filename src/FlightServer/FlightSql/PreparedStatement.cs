using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>A prepared statement: its SQL and the parameter values bound last (empty until bound).</summary>
internal sealed class PreparedStatement(string sql)
{
    private IReadOnlyList<Expression> _parameters = [];

    public string Sql { get; } = sql;

    public IReadOnlyList<Expression> Parameters
    {
        get => Volatile.Read(ref _parameters);
        set => Volatile.Write(ref _parameters, value);
    }
}
