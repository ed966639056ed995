using System.Globalization;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Session;

/// <summary>
/// The constant arguments of one CALL: positional ones in order, then named ones (<c>name =&gt; value</c>, names
/// lower case). Each accessor takes a parameter's name and position, so either form works; a missing required
/// argument, a value of the wrong kind, or an argument the procedure does not take is a <see cref="SemanticException"/>
/// naming the procedure.
/// </summary>
public sealed class ProcedureArguments(string procedure, IReadOnlyList<object?> positional, IReadOnlyDictionary<string, object?> named)
{
    public string Procedure { get; } = procedure;

    /// <summary>Fails when an argument is beyond the procedure's <paramref name="parameters"/> or names none of them.</summary>
    public void Expect(params string[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (positional.Count > parameters.Length)
        {
            throw new SemanticException($"{Procedure} takes at most {parameters.Length} arguments, got {positional.Count}");
        }
        foreach (var name in named.Keys)
        {
            var index = Array.IndexOf(parameters, name);
            if (index < 0) throw new SemanticException($"{Procedure} has no argument named '{name}' (its arguments: {string.Join(", ", parameters)})");
            if (index < positional.Count) throw new SemanticException($"{Procedure}: argument '{name}' is given twice");
        }
    }

    public object? Value(string name, int position) =>
        named.TryGetValue(name, out var value) ? value : position < positional.Count ? positional[position] : null;

    public string? String(string name, int position) => Value(name, position) switch
    {
        null => null,
        string text => text,
        var other => throw new SemanticException($"{Procedure}: argument '{name}' must be a string, got {other}"),
    };

    public double? Double(string name, int position) => Value(name, position) switch
    {
        null => null,
        string => throw new SemanticException($"{Procedure}: argument '{name}' must be a number"),
        IConvertible number => number.ToDouble(CultureInfo.InvariantCulture),
        var other => throw new SemanticException($"{Procedure}: argument '{name}' must be a number, got {other}"),
    };
}
