namespace Readiness.Core.Common;

/// <summary>
/// "Now" and "today" for the domain. Time comes from an injected <see cref="TimeProvider"/> (faked in tests);
/// "today" is the calendar day in the configured time zone (Europe/London by default), because due dates are
/// days people plan in, not UTC instants.
/// </summary>
public sealed class ReadinessClock(TimeProvider time, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone => zone;
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(UtcNow, zone));
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
}
