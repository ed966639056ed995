using System.Collections.Frozen;
using System.Globalization;
using QueryEngine.Engine.Sql.Ast;
using P = QueryEngine.Engine.Sql.Parsing.Parser.Precedence;

namespace QueryEngine.Engine.Sql.Formatting;

internal sealed partial class Formatter
{
    private static readonly FrozenSet<string> PrefixSensitiveWords = FrozenSet.ToFrozenSet(
        ["interval", "array", "row", "all", "unbounded", "current", "position", "substring", "try_cast"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>How tightly the rendered expression binds (the parser's table; negative literals bind like unary minus).</summary>
    private static int PrecedenceOf(Expression expression) => expression switch
    {
        LogicalExpression { Operator: LogicalOperator.Or } => P.Or,
        LogicalExpression => P.And,
        NotExpression => P.Not,
        ComparisonExpression or IsDistinctFromExpression or IsNullPredicate or BetweenPredicate or InListExpression
            or InSubqueryExpression or LikePredicate or QuantifiedComparisonExpression => P.Predicate,
        ArithmeticBinaryExpression { Operator: ArithmeticOperator.Add or ArithmeticOperator.Subtract } => P.Additive,
        ArithmeticBinaryExpression => P.Multiplicative,
        ArithmeticUnaryExpression => P.Unary,
        LongLiteral { Value: < 0 } => P.Unary,
        DecimalLiteral d when d.Value.StartsWith('-') => P.Unary,
        DoubleLiteral f when double.IsNegative(f.Value) => P.Unary,
        AtTimeZoneExpression => P.AtTimeZone,
        SubscriptExpression or DereferenceExpression => P.Postfix,
        LambdaExpression => P.Lowest,
        _ => P.Primary,
    };

    /// <summary>Writes the expression, parenthesized when it binds looser than <paramref name="required"/>.</summary>
    private void Expr(Expression expression, int required)
    {
        var parenthesize = PrecedenceOf(expression) < required;
        if (parenthesize) Append('(');
        ExprCore(expression);
        if (parenthesize) Append(')');
    }

    private void ExprCore(Expression expression)
    {
        const int operand = P.Predicate + 1;
        switch (expression)
        {
            case Identifier identifier:
                if (!identifier.Quoted && PrefixSensitiveWords.Contains(identifier.Value))
                {
                    // Non-reserved words that start special syntax in some contexts (INTERVAL '1' DAY, ARRAY[...],
                    // count(ALL x), UNBOUNDED PRECEDING, ...) stay plain identifiers inside parentheses.
                    Append('(');
                    Ident(identifier);
                    Append(')');
                }
                else
                {
                    Ident(identifier);
                }

                break;
            case LongLiteral l:
                Append(l.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case DecimalLiteral d:
                Append(d.Value);
                break;
            case DoubleLiteral f:
                Append(DoubleText(f.Value));
                break;

            case StringLiteral s:
                StringLiteral(s.Value);
                break;
            case BinaryLiteral b:
                Append("X'");
                Append(b.Hex);
                Append('\'');
                break;
            case BooleanLiteral b:
                Append(b.Value ? "TRUE" : "FALSE");
                break;
            case NullLiteral:
                Append("NULL");
                break;
            case GenericLiteral g:
                Append(g.Type.ToUpperInvariant());
                Append(' ');
                StringLiteral(g.Value);
                break;
            case IntervalLiteral i:
                Append("INTERVAL ");
                if (i.Sign == IntervalSign.Negative) Append('-');
                StringLiteral(i.Value);
                Append(' ');
                Append(i.StartField.ToString().ToUpperInvariant());
                if (i.EndField is { } end)
                {
                    Append(" TO ");
                    Append(end.ToString().ToUpperInvariant());
                }

                break;
            case ParameterExpression:
                Append('?');
                break;
            case ArithmeticBinaryExpression a:
            {
                var precedence = PrecedenceOf(a);
                Expr(a.Left, precedence);
                Append(a.Operator switch
                {
                    ArithmeticOperator.Add => " + ",
                    ArithmeticOperator.Subtract => " - ",
                    ArithmeticOperator.Multiply => " * ",
                    ArithmeticOperator.Divide => " / ",
                    _ => " % ",
                });
                Expr(a.Right, precedence + 1);
                break;
            }

            case ArithmeticUnaryExpression u:
            {
                Append(u.Sign == UnarySign.Minus ? '-' : '+');

                // Never emit "--" (a comment): a nested minus or negative literal gets parentheses.
                var nestedMinus = u.Value is ArithmeticUnaryExpression { Sign: UnarySign.Minus } ||
                                  (u.Value is LongLiteral or DecimalLiteral or DoubleLiteral && PrecedenceOf(u.Value) == P.Unary);
                if (nestedMinus)
                {
                    Append('(');
                    ExprCore(u.Value);
                    Append(')');
                }
                else
                {
                    Expr(u.Value, P.Unary);
                }

                break;
            }

            case ComparisonExpression c:
                Expr(c.Left, operand);
                Append(' ');
                Append(ComparisonText(c.Operator));
                Append(' ');
                Expr(c.Right, operand);
                break;
            case IsDistinctFromExpression d:
                Expr(d.Left, operand);
                Append(d.Negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ");
                Expr(d.Right, operand);
                break;
            case LogicalExpression l:
            {
                var precedence = PrecedenceOf(l);
                List(l.Terms, term => Expr(term, precedence + 1), l.Operator == LogicalOperator.And ? " AND " : " OR ");
                break;
            }

            case NotExpression n:
                Append("NOT ");
                Expr(n.Value, P.Not);
                break;
            case IsNullPredicate n:
                Expr(n.Value, operand);
                Append(n.Negated ? " IS NOT NULL" : " IS NULL");
                break;
            case BetweenPredicate b:
                Expr(b.Value, operand);
                Append(b.Negated ? " NOT BETWEEN " : " BETWEEN ");
                Expr(b.Min, operand);
                Append(" AND ");
                Expr(b.Max, operand);
                break;
            case InListExpression i:
                Expr(i.Value, operand);
                Append(i.Negated ? " NOT IN (" : " IN (");
                List(i.Values, v => Expr(v, P.Lowest));
                Append(')');
                break;
            case InSubqueryExpression i:
                Expr(i.Value, operand);
                Append(i.Negated ? " NOT IN (" : " IN (");
                Query(i.Subquery);
                Append(')');
                break;
            case ExistsPredicate e:
                Append("EXISTS (");
                Query(e.Subquery);
                Append(')');
                break;
            case LikePredicate l:
                Expr(l.Value, operand);
                Append(l.Negated ? " NOT LIKE " : " LIKE ");
                Expr(l.Pattern, operand);
                if (l.Escape is not null)
                {
                    Append(" ESCAPE ");
                    Expr(l.Escape, operand);
                }

                break;
            case QuantifiedComparisonExpression q:
                Expr(q.Value, operand);
                Append(' ');
                Append(ComparisonText(q.Operator));
                Append(' ');
                Append(q.Quantifier.ToString().ToUpperInvariant());
                Append(" (");
                Query(q.Subquery);
                Append(')');
                break;
            case SubqueryExpression s:
                Append('(');
                Query(s.Query);
                Append(')');
                break;
            case CastExpression c:
                Append(c.IsTry ? "TRY_CAST(" : "CAST(");
                Expr(c.Value, P.Lowest);
                Append(" AS ");
                Type(c.Type);
                Append(')');
                break;
            case SearchedCaseExpression c:
                Append("CASE");
                CaseRest(c.WhenClauses, c.Default);
                break;
            case SimpleCaseExpression c:
                Append("CASE ");
                Expr(c.Operand, P.Lowest);
                CaseRest(c.WhenClauses, c.Default);
                break;
            case ExtractExpression e:
                Append("EXTRACT(");
                Append(ExtractFieldText(e.Field));
                Append(" FROM ");
                Expr(e.Value, P.Lowest);
                Append(')');
                break;
            case DereferenceExpression d:
                PeriodBase(d.Base);
                Append('.');
                Ident(d.Field);
                break;
            case SubscriptExpression s:
                if (s.Base is Identifier { Quoted: false } baseName && baseName.Value.Equals("array", StringComparison.OrdinalIgnoreCase))
                {
                    Append('(');
                    Ident(baseName);
                    Append(')');
                }
                else
                {
                    Expr(s.Base, P.Postfix);
                }

                Append('[');
                Expr(s.Index, P.Lowest);
                Append(']');
                break;
            case ArrayConstructor a:
                Append("ARRAY[");
                List(a.Values, v => Expr(v, P.Lowest));
                Append(']');
                break;
            case RowConstructor r:
                Append("ROW(");
                List(r.Items, v => Expr(v, P.Lowest));
                Append(')');
                break;
            case LambdaExpression l:
                if (l.Parameters.Count == 1)
                {
                    Ident(l.Parameters[0]);
                }
                else
                {
                    ParenthesizedIdentifiers(l.Parameters);
                }

                Append(" -> ");
                Expr(l.Body, P.Lowest);
                break;
            case AtTimeZoneExpression a:
                Expr(a.Value, P.AtTimeZone);
                Append(" AT TIME ZONE ");
                Expr(a.TimeZone, P.AtTimeZone + 1);
                break;
            case CurrentTimeExpression c:
                Append(c.Function switch
                {
                    CurrentTimeFunction.CurrentDate => "CURRENT_DATE",
                    CurrentTimeFunction.CurrentTime => "CURRENT_TIME",
                    CurrentTimeFunction.CurrentTimestamp => "CURRENT_TIMESTAMP",
                    CurrentTimeFunction.LocalTime => "LOCALTIME",
                    _ => "LOCALTIMESTAMP",
                });
                if (c.Precision is { } precision)
                {
                    Append('(');
                    Append(precision.ToString(CultureInfo.InvariantCulture));
                    Append(')');
                }

                break;
            case SessionContextExpression s:
                Append(s.Function switch
                {
                    SessionContextFunction.CurrentUser => "CURRENT_USER",
                    SessionContextFunction.CurrentCatalog => "CURRENT_CATALOG",
                    SessionContextFunction.CurrentSchema => "CURRENT_SCHEMA",
                    _ => "CURRENT_PATH",
                });
                break;
            case TrimExpression t:
                Append("TRIM(");
                if (t.Specification == TrimSpecification.Both && t.Characters is not null)
                {
                    Expr(t.Value, P.Lowest);
                    Append(", ");
                    Expr(t.Characters, P.Lowest);
                }
                else if (t.Specification == TrimSpecification.Both)
                {
                    Expr(t.Value, P.Lowest);
                }
                else
                {
                    Append(t.Specification == TrimSpecification.Leading ? "LEADING " : "TRAILING ");
                    if (t.Characters is not null)
                    {
                        Expr(t.Characters, P.Lowest);
                        Append(' ');
                    }

                    Append("FROM ");
                    Expr(t.Value, P.Lowest);
                }

                Append(')');
                break;
            case FunctionCall f:
                FunctionCall(f);
                break;
            default:
                throw new Common.InternalException($"SqlFormatter cannot render expression {expression.GetType().Name}");
        }
    }

    /// <summary>Shortest round-trip digits in scientific notation (so the text lexes as a double again): 1E3, -2.5E-7.</summary>
    internal static string DoubleText(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal)) return text;
        var sign = text.StartsWith('-') ? "-" : string.Empty;
        var unsigned = sign.Length > 0 ? text[1..] : text;
        var dot = unsigned.IndexOf('.', StringComparison.Ordinal);
        var integerPart = dot < 0 ? unsigned : unsigned[..dot];
        var fraction = dot < 0 ? string.Empty : unsigned[(dot + 1)..];
        var integerDigits = integerPart.TrimStart('0');
        int exponent;
        string digits;
        if (integerDigits.Length > 0)
        {
            exponent = integerDigits.Length - 1;
            digits = integerDigits + fraction;
        }
        else
        {
            var significant = fraction.TrimStart('0');
            if (significant.Length == 0) return sign + "0E0";
            exponent = -(fraction.Length - significant.Length + 1);
            digits = significant;
        }

        digits = digits.TrimEnd('0');
        var mantissa = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
        return sign + mantissa + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    private static string ComparisonText(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "<>",
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.LessThanOrEqual => "<=",
        ComparisonOperator.GreaterThan => ">",
        _ => ">=",
    };

    private static string ExtractFieldText(ExtractField field) => field switch
    {
        ExtractField.DayOfWeek => "DAY_OF_WEEK",
        ExtractField.DayOfYear => "DAY_OF_YEAR",
        ExtractField.YearOfWeek => "YEAR_OF_WEEK",
        ExtractField.TimezoneHour => "TIMEZONE_HOUR",
        ExtractField.TimezoneMinute => "TIMEZONE_MINUTE",
        _ => field.ToString().ToUpperInvariant(),
    };

    private void CaseRest(IReadOnlyList<WhenClause> whens, Expression? otherwise)
    {
        foreach (var when in whens)
        {
            Append(' ');
            WhenClause(when);
        }

        if (otherwise is not null)
        {
            Append(" ELSE ");
            Expr(otherwise, P.Lowest);
        }

        Append(" END");
    }

    private void WhenClause(WhenClause when)
    {
        Append("WHEN ");
        Expr(when.Operand, P.Lowest);
        Append(" THEN ");
        Expr(when.Result, P.Lowest);
    }

    private void FunctionCall(FunctionCall f)
    {
        // Function names are written as parsed: "grouping" is reserved but is only ever a call.
        List(f.Name.Parts, part => Ident(part, allowReserved: true), ".");
        Append('(');
        if (f.IsCountStar)
        {
            Append('*');
        }
        else
        {
            if (f.Distinct) Append("DISTINCT ");
            List(f.Arguments, a => Expr(a, P.Lowest));
            if (f.Overflow is { } overflow)
            {
                Append(' ');
                ListaggOverflow(overflow);
            }
            if (f.OrderBy is not null && !IsListagg(f))
            {
                Append(' ');
                OrderBy(f.OrderBy);
            }
        }

        Append(')');
        if (f.OrderBy is not null && IsListagg(f))
        {
            Append(" WITHIN GROUP (");
            OrderBy(f.OrderBy);
            Append(')');
        }

        if (f.Filter is not null)
        {
            Append(" FILTER (WHERE ");
            Expr(f.Filter, P.Lowest);
            Append(')');
        }

        if (f.NullTreatment is { } treatment) Append(treatment == NullTreatment.Ignore ? " IGNORE NULLS" : " RESPECT NULLS");
        if (f.Window is not null)
        {
            Append(" OVER ");
            Window(f.Window);
        }
    }

    /// <summary>The expression before a '.': numeric literals need parentheses so "1.x" does not lex as "1." x.</summary>
    private void PeriodBase(Expression expression)
    {
        if (expression is LongLiteral or DecimalLiteral or DoubleLiteral)
        {
            Append('(');
            ExprCore(expression);
            Append(')');
        }
        else
        {
            Expr(expression, P.Postfix);
        }
    }

    private static bool IsListagg(FunctionCall f) =>
        f.Name.Parts is [{ Quoted: false } name] && name.Value.Equals("listagg", StringComparison.OrdinalIgnoreCase) &&
        f.Arguments.Count is 1 or 2 && !f.IsCountStar;

    private void Window(Window window)
    {
        if (window is WindowReference reference)
        {
            Ident(reference.Name);
            return;
        }

        var spec = (WindowSpecification)window;
        Append('(');
        var needSpace = false;
        if (spec.ExistingWindowName is not null)
        {
            Ident(spec.ExistingWindowName);
            needSpace = true;
        }

        if (spec.PartitionBy.Count > 0)
        {
            if (needSpace) Append(' ');
            Append("PARTITION BY ");
            List(spec.PartitionBy, e => Expr(e, P.Lowest));
            needSpace = true;
        }

        if (spec.OrderBy is not null)
        {
            if (needSpace) Append(' ');
            OrderBy(spec.OrderBy);
            needSpace = true;
        }

        if (spec.Frame is not null)
        {
            if (needSpace) Append(' ');
            WindowFrame(spec.Frame);
        }

        Append(')');
    }

    private void WindowFrame(WindowFrame frame)
    {
        Append(frame.Type.ToString().ToUpperInvariant());
        Append(' ');
        if (frame.End is null)
        {
            FrameBound(frame.Start);
            return;
        }

        Append("BETWEEN ");
        FrameBound(frame.Start);
        Append(" AND ");
        FrameBound(frame.End);
    }

    private void FrameBound(FrameBound bound)
    {
        switch (bound.Type)
        {
            case FrameBoundType.UnboundedPreceding:
                Append("UNBOUNDED PRECEDING");
                break;
            case FrameBoundType.UnboundedFollowing:
                Append("UNBOUNDED FOLLOWING");
                break;
            case FrameBoundType.CurrentRow:
                Append("CURRENT ROW");
                break;
            default:
                if (bound.Value is not null) Expr(bound.Value, P.And + 1);
                Append(bound.Type == FrameBoundType.Preceding ? " PRECEDING" : " FOLLOWING");
                break;
        }
    }

    private void OrderBy(OrderBy orderBy)
    {
        Append("ORDER BY ");
        List(orderBy.SortItems, SortItem);
    }

    private void SortItem(SortItem item)
    {
        Expr(item.SortKey, P.Lowest);
        if (item.Ordering == SortOrdering.Descending) Append(" DESC");
        if (item.NullOrdering == NullOrdering.First) Append(" NULLS FIRST");
        else if (item.NullOrdering == NullOrdering.Last) Append(" NULLS LAST");
    }

    private void ListaggOverflow(ListaggOverflow overflow)
    {
        Append(overflow.Truncate ? "ON OVERFLOW TRUNCATE" : "ON OVERFLOW ERROR");
        if (overflow.Filler is not null)
        {
            Append(' ');
            Expr(overflow.Filler, P.Lowest);
        }
        if (overflow.Truncate) Append(overflow.WithCount ? " WITH COUNT" : " WITHOUT COUNT");
    }
}
