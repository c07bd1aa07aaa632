namespace Readiness.Core.Portfolio;

/// <summary>One go-live of a programme, with its planned go-live date (T0) and SRO.</summary>
public class Release
{
    private Release() { }

    public Release(int programmeId, string code, string name, string description, DateOnly goLive, string sroUserId, ReleaseStatus status)
    {
        ProgrammeId = programmeId;
        Code = code;
        Name = name;
        Description = description;
        GoLive = goLive;
        SroUserId = sroUserId;
        Status = status;
    }

    public int Id { get; private set; }
    public int ProgrammeId { get; private set; }
    public Programme? Programme { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";

    /// <summary>T0: the planned go-live date. Gate due dates are offsets from it.</summary>
    public DateOnly GoLive { get; private set; }

    public string SroUserId { get; private set; } = "";
    public ReleaseStatus Status { get; private set; }
    public List<Gate> Gates { get; private set; } = [];

    /// <summary>Go-live happened: post-go-live monitoring starts.</summary>
    public void MarkLive()
    {
        if (Status is ReleaseStatus.Planned or ReleaseStatus.InReadiness) Status = ReleaseStatus.Live;
    }
    public List<Impact> Impacts { get; private set; } = [];

    /// <summary>The SRO closed the release at its post-go-live review: it leaves hypercare and the change heatmap.</summary>
    public void Close()
    {
        if (Status != ReleaseStatus.Live) throw new InvalidOperationException($"Release {Code} is {Status}; only a live release is closed at its post-go-live review.");
        Status = ReleaseStatus.Closed;
    }

    /// <summary>Changes what the PMO maintains about the release; T0 moves only through <see cref="Reschedule"/>.</summary>
    public void Edit(string name, string description, string sroUserId, ReleaseStatus status)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(sroUserId);
        if (!Enum.IsDefined(status)) throw new ArgumentOutOfRangeException(nameof(status));
        Name = name.Trim();
        Description = description.Trim();
        SroUserId = sroUserId;
        Status = status;
    }

    /// <summary>Moves T0. Every gate's due date moves with it, because gates are offsets from T0.</summary>
    public void Reschedule(DateOnly newGoLive) => GoLive = newGoLive;
}
