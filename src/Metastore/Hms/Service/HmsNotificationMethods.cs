using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// Hive's notification log, which replication tools and caching clients (Impala, Hive replication) poll. We keep
/// no log of events, so the log is always empty: <c>get_current_notificationEventId</c> answers 0 (CurrentNotificationEventId:
/// 1 eventId), <c>get_next_notification</c> no events (NotificationEventResponse: 1 events) and
/// <c>get_notification_events_count</c> 0 (NotificationEventsCountResponse: 1 eventsCount). A client that relies on
/// events to invalidate a cache must refresh on its own schedule instead.
/// </summary>
internal static class HmsNotificationMethods
{
    public static void Register(HmsMethodTable table)
    {
        table.Add("get_current_notificationEventId", [], _ => I64InField1(0));
        table.Add("get_next_notification", [], _ => HmsResult.Struct(w =>
        {
            w.WriteFieldBegin(ThriftType.List, 1);
            w.WriteListBegin(ThriftType.Struct, 0);
            w.WriteFieldStop();
        }));
        table.Add("get_notification_events_count", [], _ => I64InField1(0));
    }

    private static HmsResult I64InField1(long value) => HmsResult.Struct(w =>
    {
        w.WriteFieldBegin(ThriftType.I64, 1);
        w.WriteI64(value);
        w.WriteFieldStop();
    });
}
