namespace Readiness.Infrastructure.Seeding;

/// <summary>
/// The app's clock source, which the demo seeder alone can turn back for the code it runs, so the demo's past activity
/// (returns submitted last week, decisions the day after) carries past times in its journals, audit chain and emails.
/// The rewind is flow-local (<see cref="AsyncLocal{T}"/>): requests and jobs running meanwhile see the real time, and
/// nothing outside <see cref="DemoActivitySeeder"/> calls <see cref="RewindTo"/>.
/// </summary>
public sealed class RewindableTimeProvider(TimeProvider inner) : TimeProvider
{
    private static readonly AsyncLocal<DateTimeOffset?> Pinned = new();

    public override DateTimeOffset GetUtcNow() => Pinned.Value ?? inner.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>Until disposed, "now" is <paramref name="instant"/> for this flow; never later than the real now.</summary>
    internal IDisposable RewindTo(DateTimeOffset instant)
    {
        var previous = Pinned.Value;
        var real = inner.GetUtcNow();
        Pinned.Value = instant < real ? instant : real;
        return new Restore(() => Pinned.Value = previous);
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
