using System.Globalization;
using System.Text;
using QueryEngine.Engine.Sql.Ast;
using QueryEngine.Engine.Sql.Parsing;

namespace QueryEngine.Engine.Sql.Formatting;

/// <summary>
/// Renders syntax trees back to SQL on one line. The output parses back to an equal tree (spans aside):
/// parentheses are inserted from the parser's precedence table, identifiers are quoted when they would not
/// lex as the same unquoted identifier, and quoted identifiers stay quoted.
/// </summary>
internal sealed partial class Formatter
{
    private readonly StringBuilder _sb = new();

    public static string Format(Node node)
    {
        var formatter = new Formatter();
        formatter.Node(node);
        return formatter._sb.ToString();
    }

    private void Node(Node node)
    {
        switch (node)
        {
            case Statement statement:
                Statement(statement);
                break;
            case Query query:
                Query(query);
                break;
            case Expression expression:
                Expr(expression, Parser.Precedence.Lowest);
                break;
            case Relation relation:
                Relation(relation);
                break;
            case QualifiedName name:
                Name(name);
                break;
            case DataTypeSyntax type:
                Type(type);
                break;
            default:
                Fragment(node);
                break;
        }
    }

    /// <summary>Nodes that are parts of larger constructs, rendered as they appear inside them.</summary>
    private void Fragment(Node node)
    {
        switch (node)
        {
            case DataTypeParameter parameter:
                switch (parameter)
                {
                    case NumericParameter n:
                        Append(n.Value.ToString(CultureInfo.InvariantCulture));
                        break;
                    case TypeArgument t:
                        Type(t.Type);
                        break;
                    case FieldParameter f:
                        if (f.Name is not null)
                        {
                            Ident(f.Name, allowReserved: true);
                            Append(" ");
                        }

                        Type(f.Type);
                        break;
                }

                break;
            case WhenClause whenClause:
                WhenClause(whenClause);
                break;
            case Window window:
                Window(window);
                break;
            case WindowFrame frame:
                WindowFrame(frame);
                break;
            case FrameBound bound:
                FrameBound(bound);
                break;
            case WindowDefinition definition:
                Ident(definition.Name);
                Append(" AS ");
                Window(definition.Window);
                break;
            case OrderBy orderBy:
                OrderBy(orderBy);
                break;
            case SortItem item:
                SortItem(item);
                break;
            case With with:
                With(with);
                break;
            case WithQuery withQuery:
                WithQuery(withQuery);
                break;
            case Select select:
                Select(select);
                break;
            case SelectItem item:
                SelectItem(item);
                break;
            case GroupBy groupBy:
                GroupBy(groupBy);
                break;
            case GroupingElement element:
                GroupingElement(element);
                break;
            case Offset offset:
                Offset(offset);
                break;
            case Limit limit:
                Limit(limit);
                break;
            case JoinCriteria criteria:
                JoinCriteria(criteria);
                break;
            case TableFunctionArgument argument:
                TableFunctionArgument(argument);
                break;
            case Property property:
                Property(property);
                break;
            case StringProperty property:
                StringProperty(property);
                break;
            case ColumnDefinition column:
                ColumnDefinition(column);
                break;
            case BucketSpec bucket:
                BucketSpec(bucket);
                break;
            case BucketSortColumn column:
                Ident(column.Name, allowReserved: true);
                if (column.Ordering == SortOrdering.Descending) Append(" DESC");
                break;
            case RowFormat format:
                RowFormat(format);
                break;
            case StorageFormat format:
                StorageFormat(format);
                break;
            case PartitionSpec spec:
                PartitionSpec(spec);
                break;
            case PartitionValue value:
                PartitionValue(value);
                break;
            case CallArgument argument:
                CallArgument(argument);
                break;
            case ListaggOverflow overflow:
                ListaggOverflow(overflow);
                break;
            default:
                throw new Common.InternalException($"SqlFormatter cannot render {node.GetType().Name}");
        }
    }

    // ---------------------------------------------------------------- helpers

    private void Append(string text) => _sb.Append(text);

    private void Append(char c) => _sb.Append(c);

    private void List<T>(IReadOnlyList<T> items, Action<T> render, string separator = ", ")
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) Append(separator);
            render(items[i]);
        }
    }

    private void StringLiteral(string value)
    {
        Append('\'');
        Append(value.Replace("'", "''", StringComparison.Ordinal));
        Append('\'');
    }

    /// <summary>True when the text lexes as one unquoted identifier (any keyword status).</summary>
    internal static bool IsPlainWord(string value)
    {
        if (value.Length == 0 || !Lexer.IsIdentifierStart(value[0])) return false;
        foreach (var c in value)
        {
            if (!Lexer.IsIdentifierPart(c)) return false;
        }

        return true;
    }

    /// <summary>
    /// Writes an identifier: quoted ones stay quoted; unquoted ones are written bare unless they would not lex
    /// back as themselves (or are reserved where a reserved word is not accepted).
    /// </summary>
    private void Ident(Identifier identifier, bool allowReserved = false)
    {
        var value = identifier.Value;
        var bare = !identifier.Quoted && IsPlainWord(value) &&
                   (allowReserved || !Parser.ReservedWords.Contains(value.ToUpperInvariant()));
        if (bare)
        {
            Append(value);
            return;
        }

        Append('"');
        Append(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        Append('"');
    }

    private void Name(QualifiedName name) => List(name.Parts, part => Ident(part), ".");

    /// <summary>True while rendering Hive DDL (types use array&lt;T&gt; / map&lt;K,V&gt;).</summary>
    private bool _hiveTypes;

    private void Type(DataTypeSyntax type) => type.Write(_sb, hive: _hiveTypes);

    private void ParenthesizedIdentifiers(IReadOnlyList<Identifier> names)
    {
        Append('(');
        List(names, name => Ident(name));
        Append(')');
    }
}
