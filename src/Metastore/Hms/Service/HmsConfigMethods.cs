using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// Session and configuration calls clients make right after connecting: <c>set_ugi</c>, <c>getMetaConf</c>,
/// <c>setMetaConf</c>, <c>get_config_value</c>, and the function listing Hive's client reads once
/// (we have no user-defined functions, so it is empty).
/// </summary>
internal sealed class HmsConfigMethods(HmsContext context)
{
    private static readonly HmsErrorKind[] Meta = [HmsErrorKind.MetaException];

    public void Register(HmsMethodTable table)
    {
        table.Add("set_ugi", Meta, SetUgi);
        table.Add("getMetaConf", Meta, a => HmsResult.String(GetMetaConf(a.RequiredString(1, "key"))));
        table.Add("setMetaConf", Meta, _ => HmsResult.Void);
        table.Add("get_config_value", [HmsErrorKind.ConfigValSecurityException], GetConfigValue);
        table.Add("get_all_functions", Meta, _ => HmsResult.Struct(w =>
        {
            w.WriteFieldBegin(ThriftType.List, 1);
            w.WriteListBegin(ThriftType.Struct, 0);
            w.WriteFieldStop();
        }));
        table.Add("get_functions", Meta, _ => HmsResult.StringList([]));
        table.Add("get_function", [HmsErrorKind.MetaException, HmsErrorKind.NoSuchObjectException], a =>
            throw new HmsException(HmsErrorKind.NoSuchObjectException, $"Function {a.String(1)}.{a.String(2)} does not exist"));
    }

    /// <summary>The metastore settings we report; anything else is answered as Hive answers an unknown key.</summary>
    private Dictionary<string, string> Settings() => new(StringComparer.Ordinal)
    {
        ["hive.metastore.warehouse.dir"] = context.Warehouse,
        ["metastore.warehouse.dir"] = context.Warehouse,
        ["hive.metastore.try.direct.sql"] = "true",
        ["hive.metastore.disallow.incompatible.col.type.changes"] = "true",
    };

    /// <summary>Hive answers with the user's groups followed by the user name.</summary>
    private static HmsResult SetUgi(HmsArgs args)
    {
        var result = new List<string>(args.StringList(2) ?? []);
        if (args.String(1) is { } user) result.Add(user);
        return HmsResult.StringList(result);
    }

    private string GetMetaConf(string key) =>
        Settings().TryGetValue(key, out var value)
            ? value
            : throw new HmsException(HmsErrorKind.MetaException, $"Invalid configuration key {key}");

    private HmsResult GetConfigValue(HmsArgs args)
    {
        var name = args.String(1) ?? string.Empty;
        if (!(name.StartsWith("hive.", StringComparison.Ordinal) || name.StartsWith("mapred.", StringComparison.Ordinal)
            || name.StartsWith("hdfs.", StringComparison.Ordinal)))
        {
            throw new HmsException(HmsErrorKind.ConfigValSecurityException, $"For security reasons, the config key {name} cannot be accessed");
        }
        return HmsResult.String(Settings().TryGetValue(name, out var value) ? value : args.String(2) ?? string.Empty);
    }
}
