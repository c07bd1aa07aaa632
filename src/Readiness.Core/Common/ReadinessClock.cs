namespace Readiness.Core.Common;

/// <summary>
/// "Now" and "today" for the domain. Time comes from an injected <see cref="TimeProvider"/> (faked in tests);
/// "today" is the calendar day in the configured time zone (Europe/London by default), because due dates are
/// days people plan in, not UTC instants.
/// </summary>
public sealed class ReadinessClock(TimeProvider time, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone => zone;

    /// <summary>
    /// Now, to the whole microsecond: PostgreSQL's timestamptz keeps microseconds, not .NET's 100 ns ticks, so a
    /// time is read back exactly as it was written on either provider — which the audit chain, hashing its entries'
    /// times, depends on.
    /// </summary>
    public DateTime UtcNow => Microseconds(time.GetUtcNow().UtcDateTime);

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(UtcNow, zone));
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>The UTC instant a local calendar day starts; where a clock change skips midnight, its first valid minute.</summary>
    public DateTime StartOfDayUtc(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    private static DateTime Microseconds(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMicrosecond, DateTimeKind.Utc);
}
