using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Session.Statements;

/// <summary>
/// Checks that a nested column a CTAS or UNLOAD writes can be stored and registered: every row field has a name
/// (Hive's <c>struct&lt;name:type&gt;</c> needs one, as in Trino) and no element, key, value or field is of unknown type.
/// </summary>
internal static class NestedColumnCheck
{
    public static void Check(string column, DataType type, Node at)
    {
        switch (type)
        {
            case { Id: TypeId.Null }:
                throw new SemanticException($"Column '{column}' of type {type.SqlName} holds a value of unknown type (an empty ARRAY[] or a bare NULL): CAST it to a type", at.Span);
            case ListType list:
                Check(column, list.Element.Type, at);
                return;
            case MapType map:
                Check(column, map.Key.Type, at);
                Check(column, map.Value.Type, at);
                return;
            case StructType row:
                foreach (var field in row.Fields)
                {
                    if (field.Name.Length == 0)
                    {
                        throw new NotSupportedQueryException($"Column '{column}' of type {type.SqlName} has an unnamed row field, which a table cannot store: name every field, e.g. CAST(ROW(1, 'a') AS ROW(x integer, y varchar))", at.Span);
                    }
                    Check(column, field.Type, at);
                }
                return;
        }
    }
}
