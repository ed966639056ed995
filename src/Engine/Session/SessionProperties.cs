using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Binder;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Session;

/// <summary>
/// <c>SET SESSION name = value</c> and <c>RESET SESSION name</c> for the properties a session has (Trino's names):
/// <c>query_max_memory</c> (a size such as '1GB'), <c>spill_enabled</c> and <c>enable_dynamic_filtering</c> (booleans).
/// </summary>
internal static class SessionProperties
{
    public const string QueryMaxMemory = "query_max_memory";
    public const string SpillEnabled = "spill_enabled";
    public const string EnableDynamicFiltering = "enable_dynamic_filtering";

    /// <param name="binder">Binds the value (a constant expression).</param>
    public static SessionOptions Set(SessionOptions options, SetSession set, QueryBinder binder)
    {
        var name = Name(set.Name);
        var value = ConstantFolder.Fold(binder.BindConstant(set.Value));
        switch (name)
        {
            case QueryMaxMemory:
                {
                    if (value is not LiteralExpr { Value: string text })
                    {
                        throw new SemanticException($"Session property {QueryMaxMemory} takes a size in quotes, e.g. '1GB'", set.Value.Span);
                    }
                    long bytes;
                    try
                    {
                        bytes = ByteSize.Parse(text, QueryMaxMemory);
                    }
                    catch (SemanticException ex)
                    {
                        throw new SemanticException(ex.Message, set.Value.Span);
                    }
                    return options with { Memory = options.Memory with { QueryMaxMemory = bytes } };
                }
            case SpillEnabled:
                return options with { Memory = options.Memory with { SpillEnabled = Boolean(SpillEnabled, value, set) } };
            case EnableDynamicFiltering:
                return options with { DynamicFiltering = Boolean(EnableDynamicFiltering, value, set) };
            default:
                throw Unknown(set.Name);
        }
    }

    public static SessionOptions Reset(SessionOptions options, SessionOptions initial, ResetSession reset) => Name(reset.Name) switch
    {
        QueryMaxMemory => options with { Memory = options.Memory with { QueryMaxMemory = initial.Memory.QueryMaxMemory } },
        SpillEnabled => options with { Memory = options.Memory with { SpillEnabled = initial.Memory.SpillEnabled } },
        EnableDynamicFiltering => options with { DynamicFiltering = initial.DynamicFiltering },
        _ => throw Unknown(reset.Name),
    };

    private static bool Boolean(string property, PhysicalExpr value, SetSession set) => value switch
    {
        LiteralExpr { Value: bool b } => b,
        LiteralExpr { Value: string s } when bool.TryParse(s, out var b) => b,
        _ => throw new SemanticException($"Session property {property} takes true or false", set.Value.Span),
    };

    private static string Name(QualifiedName name) => string.Join('.', name.Parts.Select(p => p.CanonicalValue));

    private static SemanticException Unknown(QualifiedName name) =>
        new($"Session property '{Name(name)}' does not exist (known: {QueryMaxMemory}, {SpillEnabled}, {EnableDynamicFiltering})", name.Span);
}
