using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Binder;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Session.Statements;

/// <summary><c>CALL</c>: finds the procedure among the session's, folds its arguments to constants, and runs it.</summary>
internal sealed class CallRunner(QuerySession session)
{
    public StatementResult Run(Call call, CancellationToken cancellation)
    {
        var name = call.Procedure.Parts[^1].CanonicalValue;
        IProcedure? procedure = null;
        foreach (var candidate in session.Options.Procedures)
        {
            if (string.Equals(candidate.Name, name, StringComparison.Ordinal)) procedure = candidate;
        }
        if (procedure is null)
        {
            var known = session.Options.Procedures.Count == 0 ? "none" : string.Join(", ", session.Options.Procedures.Select(p => p.Name));
            throw new NotFoundException(ErrorCode.SemanticError, $"Procedure '{name}' does not exist (procedures: {known})", call.Procedure.Span);
        }
        var binder = new QueryBinder(session.Catalog, session.Sources, session.CurrentDatabase);
        var positional = new List<object?>();
        var named = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var argument in call.Arguments)
        {
            var folded = ConstantFolder.Fold(binder.BindConstant(argument.Value)) as LiteralExpr
                ?? throw new SemanticException("CALL arguments must be constants", argument.Value.Span);
            var value = Plain(folded);
            if (argument.Name is { } argumentName)
            {
                if (!named.TryAdd(argumentName.CanonicalValue, value))
                {
                    throw new SemanticException($"argument '{argumentName.CanonicalValue}' is given twice", argumentName.Span);
                }
            }
            else
            {
                if (named.Count > 0) throw new SemanticException("positional arguments must come before named ones", argument.Span);
                positional.Add(value);
            }
        }
        return procedure.Call(session, new ProcedureArguments(name, positional, named), cancellation);
    }

    /// <summary>A literal's value as procedures take it: decimals (unscaled Int128 inside the engine) as <see cref="decimal"/>.</summary>
    private static object? Plain(LiteralExpr literal) => literal is { Value: Int128 unscaled, Type: Columnar.DecimalType type }
        ? (decimal)unscaled / (decimal)Math.Pow(10, type.Scale)
        : literal.Value;
}
