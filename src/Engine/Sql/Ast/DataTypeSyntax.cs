using System.Globalization;
using System.Text;

namespace QueryEngine.Engine.Sql.Ast;

/// <summary>
/// A type as written, in either Trino or Hive syntax. <see cref="Name"/> is lower-cased and keeps the spelling's
/// synonyms (the binder maps "int"/"integer", "string"/"varchar", "struct"/"row"), except that multi-word names are
/// canonical: "double precision" is "double", and the Trino names "timestamp with time zone",
/// "time with time zone", "interval year to month", "interval day to second" are used as-is (precision, if any,
/// is a parameter). Both <c>array&lt;T&gt;</c> and <c>array(T)</c> parse to the same node.
/// <list type="bullet">
/// <item><c>decimal(15,2)</c>, <c>varchar(10)</c>: <see cref="NumericParameter"/>s</item>
/// <item><c>array(bigint)</c>, <c>map(varchar, bigint)</c>: <see cref="TypeArgument"/>s</item>
/// <item><c>row(a bigint, b varchar)</c>, <c>struct&lt;a:int&gt;</c>: <see cref="FieldParameter"/>s (Name null for unnamed row fields)</item>
/// </list>
/// </summary>
public sealed record DataTypeSyntax(string Name, IReadOnlyList<DataTypeParameter> Parameters) : Node
{
    /// <summary>Canonical Trino-style rendering, e.g. <c>decimal(15,2)</c>, <c>array(varchar)</c>,
    /// <c>row(a bigint)</c>, <c>timestamp(3) with time zone</c>; struct (Hive only) keeps Hive syntax throughout.</summary>
    public string ToCanonicalString()
    {
        var sb = new StringBuilder();
        Write(sb, hive: false);
        return sb.ToString();
    }

    /// <summary>Hive-style rendering as the metastore stores it: <c>array&lt;string&gt;</c>,
    /// <c>map&lt;string,int&gt;</c>, <c>struct&lt;a:int&gt;</c> (row types become struct; anonymous row fields are
    /// named <c>_col0</c>, <c>_col1</c>, ...).</summary>
    public string ToHiveString()
    {
        var sb = new StringBuilder();
        Write(sb, hive: true, rowAsStruct: true);
        return sb.ToString();
    }

    /// <summary>Renders the type; <paramref name="hive"/> uses angle brackets for array/map/struct, and
    /// <paramref name="rowAsStruct"/> also turns row types into structs.</summary>
    internal void Write(StringBuilder sb, bool hive, bool rowAsStruct = false)
    {
        var name = Name;
        var suffix = string.Empty;
        foreach (var compound in CompoundSuffixes)
        {
            if (name.Length > compound.Length && name.EndsWith(compound, StringComparison.Ordinal))
            {
                suffix = compound;
                name = name[..^compound.Length];
                break;
            }
        }

        var isStruct = name is "struct" || (rowAsStruct && name is "row");
        var angle = isStruct || (hive && name is "array" or "map");
        sb.Append(isStruct ? "struct" : name);
        if (Parameters.Count > 0)
        {
            sb.Append(angle ? '<' : '(');
            for (var i = 0; i < Parameters.Count; i++)
            {
                if (i > 0) sb.Append(angle || Parameters[i] is NumericParameter ? "," : ", ");
                switch (Parameters[i])
                {
                    case NumericParameter n:
                        sb.Append(n.Value.ToString(CultureInfo.InvariantCulture));
                        break;
                    case TypeArgument t:
                        t.Type.Write(sb, hive || isStruct, rowAsStruct);
                        break;
                    case FieldParameter f:
                        if (f.Name is not null)
                        {
                            sb.Append(FormatFieldName(f.Name, isStruct));
                            sb.Append(isStruct ? ":" : " ");
                        }
                        else if (isStruct)
                        {
                            // Hive struct fields need names; anonymous row fields get Hive's positional names.
                            sb.Append("_col").Append(i.ToString(CultureInfo.InvariantCulture)).Append(':');
                        }

                        f.Type.Write(sb, hive || isStruct, rowAsStruct);
                        break;
                }
            }

            sb.Append(angle ? '>' : ')');
        }

        sb.Append(suffix);
    }

    private static readonly string[] CompoundSuffixes = [" with time zone", " to month", " to second"];

    private static string FormatFieldName(Identifier name, bool hive)
    {
        var value = name.Value;
        var plain = value.Length > 0 && (char.IsAsciiLetter(value[0]) || value[0] == '_');
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_') plain = false;
        }

        if (plain && !name.Quoted) return value;
        return hive ? "`" + value.Replace("`", "``", StringComparison.Ordinal) + "`"
                    : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}

public abstract record DataTypeParameter : Node;

/// <summary>A numeric type parameter: length, precision or scale.</summary>
public sealed record NumericParameter(long Value) : DataTypeParameter;

/// <summary>A type argument: the element of <c>array(T)</c>, key/value of <c>map(K, V)</c>.</summary>
public sealed record TypeArgument(DataTypeSyntax Type) : DataTypeParameter;

/// <summary>A field of <c>row(name type, ...)</c> or <c>struct&lt;name:type&gt;</c>; Name is null for anonymous row fields.</summary>
public sealed record FieldParameter(Identifier? Name, DataTypeSyntax Type) : DataTypeParameter;
