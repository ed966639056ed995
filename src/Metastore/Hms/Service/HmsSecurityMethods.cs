using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// The read side of Hive's roles and privileges, which Trino's <c>sql-standard</c> security and Hive's
/// authorizers query. We keep no roles or grants (everyone may do everything, as with Hive's default
/// authorization off), so every listing is empty: <c>get_role_names</c>, <c>list_roles</c>, <c>list_privileges</c>,
/// <c>get_privilege_set</c> (an empty PrincipalPrivilegeSet), <c>get_principals_in_role</c> and
/// <c>get_role_grants_for_principal</c> (responses with an empty list in field 1). Creating roles or granting is not
/// served (UNKNOWN_METHOD).
/// </summary>
internal static class HmsSecurityMethods
{
    private static readonly HmsErrorKind[] Meta = [HmsErrorKind.MetaException];

    public static void Register(HmsMethodTable table)
    {
        table.Add("get_role_names", Meta, _ => HmsResult.StringList([]));
        table.Add("list_roles", Meta, _ => HmsResult.EmptyStructList);
        table.Add("list_privileges", Meta, _ => HmsResult.EmptyStructList);
        table.Add("get_privilege_set", Meta, _ => HmsResult.Struct(w => w.WriteFieldStop()));
        table.Add("get_principals_in_role", Meta, _ => EmptyListInField1());
        table.Add("get_role_grants_for_principal", Meta, _ => EmptyListInField1());
    }

    private static HmsResult EmptyListInField1() => HmsResult.Struct(w =>
    {
        w.WriteFieldBegin(ThriftType.List, 1);
        w.WriteListBegin(ThriftType.Struct, 0);
        w.WriteFieldStop();
    });
}
