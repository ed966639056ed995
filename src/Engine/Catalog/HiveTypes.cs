using System.Globalization;
using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// Maps Hive / Glue / Athena column type strings (as the metastore stores them in <see cref="ColumnInfo.HiveType"/>)
/// to engine <see cref="DataType"/>s and back.
/// </summary>
/// <remarks>
/// <para>Accepted spellings (keywords are case-insensitive, whitespace is allowed between tokens):
/// <c>boolean</c>, <c>tinyint</c>, <c>smallint</c>, <c>int</c>/<c>integer</c>, <c>bigint</c>, <c>float</c> (32-bit),
/// <c>double</c> / <c>double precision</c>, <c>decimal</c> (Hive's default <c>decimal(10,0)</c>), <c>decimal(p)</c>,
/// <c>decimal(p,s)</c> (also <c>numeric</c>), <c>string</c>, <c>varchar(n)</c>, <c>char(n)</c>, <c>binary</c>, <c>date</c>,
/// <c>timestamp</c> (zone-less, microseconds), <c>void</c> (the null type), <c>array&lt;T&gt;</c>, <c>map&lt;K,V&gt;</c> and
/// <c>struct&lt;name:T,...&gt;</c> (field names may be back-quoted). Two Trino types Hive lacks are kept under Trino's
/// names so they survive the catalog: <c>json</c> and <c>time(p)</c> (plain <c>time</c> is <c>time(3)</c>).</para>
/// <para>Length limits of <c>varchar(n)</c>/<c>char(n)</c> are validated but not kept: both become plain utf8
/// (values are never truncated or padded). <see cref="Format"/> therefore writes <c>string</c> for every utf8 column.</para>
/// </remarks>
public static class HiveTypes
{
    /// <summary>Element field name of list types built from <c>array&lt;T&gt;</c>.</summary>
    public const string ListElementName = "item";

    /// <summary>Key field name of map types built from <c>map&lt;K,V&gt;</c>.</summary>
    public const string MapKeyName = "key";

    /// <summary>Value field name of map types built from <c>map&lt;K,V&gt;</c>.</summary>
    public const string MapValueName = "value";

    /// <summary>Parses a Hive type string; throws <see cref="SemanticException"/> naming the problem for invalid text.</summary>
    public static DataType Parse(string hiveType)
    {
        ArgumentNullException.ThrowIfNull(hiveType);
        var parser = new HiveTypeParser(hiveType);
        return parser.ParseWhole();
    }

    /// <summary>Parses a Hive type string, returning false (and a message) instead of throwing.</summary>
    public static bool TryParse(string hiveType, out DataType? type, out string? error)
    {
        try
        {
            type = Parse(hiveType);
            error = null;
            return true;
        }
        catch (SemanticException ex)
        {
            type = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>
    /// The Hive spelling of an engine type (lower case, no spaces), e.g. <c>decimal(15,2)</c>, <c>array&lt;string&gt;</c>,
    /// <c>struct&lt;a:int,b:map&lt;string,bigint&gt;&gt;</c>. Types Hive cannot express throw <see cref="NotSupportedQueryException"/>.
    /// </summary>
    public static string Format(DataType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var sb = new StringBuilder();
        Append(sb, type);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, DataType type)
    {
        switch (type)
        {
            case DecimalType d:
                sb.Append("decimal(").Append(d.Precision.ToString(CultureInfo.InvariantCulture)).Append(',')
                  .Append(d.Scale.ToString(CultureInfo.InvariantCulture)).Append(')');
                return;
            case TimestampType t:
                if (t.TimeZone is not null) throw new NotSupportedQueryException($"type {type.SqlName} has no Hive column type");
                sb.Append("timestamp");
                return;
            case JsonType:
                sb.Append("json");
                return;
            case TimeType time:
                sb.Append("time(").Append(time.Precision.ToString(CultureInfo.InvariantCulture)).Append(')');
                return;
            case ListType l:
                sb.Append("array<");
                Append(sb, l.Element.Type);
                sb.Append('>');
                return;
            case MapType m:
                sb.Append("map<");
                Append(sb, m.Key.Type);
                sb.Append(',');
                Append(sb, m.Value.Type);
                sb.Append('>');
                return;
            case StructType s:
                sb.Append("struct<");
                for (var i = 0; i < s.Fields.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    AppendFieldName(sb, s.Fields[i].Name);
                    sb.Append(':');
                    Append(sb, s.Fields[i].Type);
                }
                sb.Append('>');
                return;
        }
        sb.Append(type.Id switch
        {
            TypeId.Null => "void",
            TypeId.Boolean => "boolean",
            TypeId.Int8 => "tinyint",
            TypeId.Int16 => "smallint",
            TypeId.Int32 => "int",
            TypeId.Int64 => "bigint",
            TypeId.Float32 => "float",
            TypeId.Float64 => "double",
            TypeId.Utf8 => "string",
            TypeId.Binary => "binary",
            TypeId.Date32 => "date",
            _ => throw new NotSupportedQueryException($"type {type.SqlName} has no Hive column type"),
        });
    }

    private static void AppendFieldName(StringBuilder sb, string name)
    {
        var plain = name.Length > 0;
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                plain = false;
                break;
            }
        }
        if (plain)
        {
            sb.Append(name);
            return;
        }
        sb.Append('`').Append(name.Replace("`", "``", StringComparison.Ordinal)).Append('`');
    }
}
