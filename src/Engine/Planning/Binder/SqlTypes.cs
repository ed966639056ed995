using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Planning.Binder;

/// <summary>Maps written type names (Trino and Hive spellings) to engine types.</summary>
public static class SqlTypes
{
    public static DataType FromSyntax(DataTypeSyntax syntax)
    {
        var p = syntax.Parameters;
        long Num(int i) => p[i] is NumericParameter n ? n.Value : throw Bad(syntax, "expects numeric parameters");
        switch (syntax.Name)
        {
            case "boolean": return DataType.Boolean;
            case "tinyint": return DataType.Int8;
            case "smallint": return DataType.Int16;
            case "int" or "integer": return DataType.Int32;
            case "bigint": return DataType.Int64;
            case "real" or "float": return DataType.Float32;
            case "double": return DataType.Float64;
            case "decimal" or "numeric":
                {
                    var precision = p.Count >= 1 ? Num(0) : 38;
                    var scale = p.Count >= 2 ? Num(1) : 0;
                    if (precision is < 1 or > 38) throw Bad(syntax, "precision must be between 1 and 38");
                    if (scale < 0 || scale > precision) throw Bad(syntax, "scale must be between 0 and the precision");
                    return new DecimalType((int)precision, (int)scale);
                }
            case "varchar" or "char" or "string": return DataType.Utf8;
            case "varbinary" or "binary": return DataType.Binary;
            case "date": return DataType.Date32;
            case "timestamp" or "timestamp with time zone":
                {
                    // Plain timestamp is timestamp(3), as in Trino; the zone of a with-time-zone target comes from the value cast.
                    var precision = p.Count >= 1 ? Num(0) : TimestampType.DefaultPrecision;
                    if (precision is < 0 or > TimestampType.MaxSqlPrecision) throw Bad(syntax, "precision must be between 0 and 12");
                    return new TimestampType(syntax.Name == "timestamp" ? null : "UTC", (int)precision);
                }
            case "time":
                {
                    var precision = p.Count >= 1 ? Num(0) : TimeType.DefaultPrecision;
                    if (precision is < 0 or > TimeType.MaxPrecision) throw Bad(syntax, "precision must be between 0 and 12");
                    return new TimeType((int)precision);
                }
            case "json": return JsonType.Instance;
            case "array" when p.Count == 1 && p[0] is TypeArgument t:
                return new ListType(new Field("element", FromSyntax(t.Type)));
            case "map" when p.Count == 2 && p[0] is TypeArgument k && p[1] is TypeArgument v:
                return new MapType(new Field("key", FromSyntax(k.Type), Nullable: false), new Field("value", FromSyntax(v.Type)));
            case "row" or "struct":
                {
                    var fields = new List<Field>();
                    for (var i = 0; i < p.Count; i++)
                    {
                        if (p[i] is not FieldParameter f) throw Bad(syntax, "expects field definitions");
                        fields.Add(new Field(f.Name?.CanonicalValue ?? $"field{i}", FromSyntax(f.Type)));
                    }
                    return new StructType(fields);
                }
            default:
                throw new SemanticException($"Unknown type: {syntax.ToCanonicalString()}", syntax.Span, code: ErrorCode.TypeMismatch);
        }
    }

    private static SemanticException Bad(DataTypeSyntax syntax, string why) =>
        new($"Invalid type {syntax.ToCanonicalString()}: {why}", syntax.Span, code: ErrorCode.TypeMismatch);
}
