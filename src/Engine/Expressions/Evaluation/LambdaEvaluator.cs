using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Expressions.Evaluation;

/// <summary>
/// A compiled lambda. Its body is compiled against the enclosing input's schema extended with one column per
/// parameter, so it runs as an ordinary vectorized expression over a batch of elements: the parameter columns hold
/// the elements and every enclosing column the body reads is repeated for each element of its row.
/// </summary>
internal sealed class LambdaEvaluator : Evaluator
{
    private readonly Evaluator _body;
    private readonly Schema _schema;
    private readonly int _inputCount;

    private LambdaEvaluator(Evaluator body, Schema schema, int inputCount) : base(body.Type, body.CanFail)
    {
        _body = body;
        _schema = schema;
        _inputCount = inputCount;
        Columns = body.Columns.Where(c => c < inputCount).ToArray();
    }

    public static LambdaEvaluator Create(LambdaExpr lambda, Schema input)
    {
        var fields = new List<Field>(input.Fields);
        foreach (var p in lambda.Parameters) fields.Add(new Field(VariableName(p.Id), p.Type));
        var schema = new Schema(fields);
        return new LambdaEvaluator(ExpressionCompiler.Compile(lambda.Body, schema), schema, input.Count);
    }

    /// <summary>The name of a parameter's column in the extended schema (how the body finds it).</summary>
    public static string VariableName(int id) => "$lambda" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public int ParameterCount => _schema.Count - _inputCount;

    /// <summary>Whether the body reads columns of the enclosing row (else it depends on its parameters only).</summary>
    public bool ReadsInput => Columns.Length > 0;

    public override Vec Evaluate(RecordBatch batch) => throw new InternalException("a lambda is evaluated only by the function it is passed to");

    /// <summary>
    /// The body's value for each element: element i belongs to row <c>parents[i]</c> of <paramref name="outer"/> and
    /// its parameters are row i of <paramref name="parameters"/>.
    /// </summary>
    public ArrowArray Invoke(RecordBatch outer, int[] parents, params ArrowArray[] parameters)
    {
        var n = parents.Length;
        var columns = new ArrowArray[_schema.Count];
        NullArray? placeholder = null;
        var next = 0;
        for (var c = 0; c < _inputCount; c++)
        {
            if (next < Columns.Length && Columns[next] == c)
            {
                columns[c] = outer.Column(c).Take(parents);
                next++;
            }
            else
            {
                columns[c] = placeholder ??= new NullArray(n);
            }
        }
        for (var k = 0; k < parameters.Length; k++) columns[_inputCount + k] = parameters[k];
        return _body.Evaluate(new RecordBatch(_schema, columns, n)).Expand(n);
    }
}
