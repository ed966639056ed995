namespace QueryEngine.Engine.Session;

/// <summary>
/// A procedure that <c>CALL name(...)</c> runs. The engine knows none itself: the host (the <c>qe</c> command, a
/// server) gives the session its procedures through <see cref="SessionOptions.Procedures"/>, so a procedure may use
/// layers above the engine (the TPC-H generator, the metastore) without the engine depending on them.
/// </summary>
public interface IProcedure
{
    /// <summary>The name CALL uses, lower case (a qualified name's last part is matched).</summary>
    string Name { get; }

    StatementResult Call(QuerySession session, ProcedureArguments arguments, CancellationToken cancellation);
}
