namespace Readiness.Core.Risks;

/// <summary>Where a risk is held: across the portfolio, in one programme, or against one or more releases.</summary>
public enum RiskLevel
{
    Portfolio,
    Programme,
    Release,
}

/// <summary>Open → mitigated (controls brought it down) → closed; or realised: it happened and is now an issue.</summary>
public enum RiskStatus
{
    Open,
    Mitigated,
    Closed,
    Realised,
}

/// <summary>How soon the risk would strike if it did: the register's proximity.</summary>
public enum RiskProximity
{
    WithinAMonth,
    OneToThreeMonths,
    ThreeToSixMonths,
    OverSixMonths,
}

/// <summary>What the PMO or the owner maintains about a risk, all at once (the form's fields, validated by the use case).</summary>
public sealed record RiskDetails(
    RiskLevel Level, int? ProgrammeId, string Title, string Cause, string Event, string Effect, string OwnerUserId, RiskProximity Proximity,
    string Controls, DateOnly ReviewOn, RiskStatus Status, IReadOnlyCollection<int> ReleaseIds, IReadOnlyCollection<int> AreaIds);

/// <summary>
/// A RAID-style risk: cause → event → effect, an owner, likelihood × impact on a 5 × 5 matrix (<see cref="RiskScoring"/>),
/// proximity, the controls in place, actions with owners and due dates, a status and a review date, and the releases
/// and business areas it bears on. Its lists are private and change only through its methods, which keep the
/// invariants: a programme risk names its programme, a release risk at least one release, a score is 1–5 × 1–5, and
/// every score — the first one too — is in the history. <see cref="Version"/> moves on every change (concurrency token).
/// </summary>
public class Risk
{
    private readonly List<RiskAction> _actions = [];
    private readonly List<RiskScoreChange> _scoreHistory = [];
    private readonly List<RiskRelease> _releases = [];
    private readonly List<RiskArea> _areas = [];

    private Risk() { }

    public Risk(RiskDetails details, int likelihood, int impact, string byUserId, DateTime nowUtc)
    {
        CreatedByUserId = byUserId;
        CreatedAtUtc = nowUtc;
        Apply(details, nowUtc);
        Rescore(likelihood, impact, byUserId, nowUtc);
    }

    public int Id { get; private set; }
    public RiskLevel Level { get; private set; }
    public int? ProgrammeId { get; private set; }
    public string Title { get; private set; } = "";
    public string Cause { get; private set; } = "";
    public string Event { get; private set; } = "";
    public string Effect { get; private set; } = "";
    public string OwnerUserId { get; private set; } = "";
    public int Likelihood { get; private set; }
    public int Impact { get; private set; }

    /// <summary>Likelihood × impact, 1–25; stored so the register sorts and filters by it in the database.</summary>
    public int Score { get; private set; }
    public RiskProximity Proximity { get; private set; }

    /// <summary>The controls in place (the report's "high-level controls").</summary>
    public string Controls { get; private set; } = "";
    public RiskStatus Status { get; private set; }
    public DateOnly ReviewOn { get; private set; }
    public string CreatedByUserId { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>App-managed concurrency token: moves on every change, so of two edits from one version only one is saved.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<RiskAction> Actions => _actions;
    public IReadOnlyList<RiskScoreChange> ScoreHistory => _scoreHistory;
    public IReadOnlyList<RiskRelease> Releases => _releases;
    public IReadOnlyList<RiskArea> Areas => _areas;

    public string Reference => RiskScoring.Reference(Id);

    /// <summary>An open risk of at least <paramref name="threshold"/> must be acknowledged in a go / no-go decision on its releases (one rule, in SQL and here).</summary>
    public static System.Linq.Expressions.Expression<Func<Risk, bool>> MustBeAcknowledgedAt(int threshold) => r => r.Status == RiskStatus.Open && r.Score >= threshold;

    public bool MustBeAcknowledged(int threshold) => MustBeAcknowledgedAt(threshold).Compile()(this);

    /// <summary>Changes everything but the score; the links are replaced by <see cref="RiskDetails.ReleaseIds"/> and <see cref="RiskDetails.AreaIds"/>.</summary>
    public void Edit(RiskDetails details, DateTime nowUtc)
    {
        Apply(details, nowUtc);
        Touch(nowUtc);
    }

    /// <summary>Sets likelihood × impact; a change is recorded in the score history. False when the score was already that.</summary>
    public bool Rescore(int likelihood, int impact, string byUserId, DateTime nowUtc)
    {
        RiskScoring.Check(likelihood, impact);
        if (_scoreHistory.Count > 0 && likelihood == Likelihood && impact == Impact) return false;
        Likelihood = likelihood;
        Impact = impact;
        Score = RiskScoring.Score(likelihood, impact);
        _scoreHistory.Add(new RiskScoreChange(likelihood, impact, Score, byUserId, nowUtc));
        Touch(nowUtc);
        return true;
    }

    public RiskAction AddAction(string description, string ownerUserId, DateOnly dueOn, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerUserId);
        var action = new RiskAction(description.Trim(), ownerUserId, dueOn, nowUtc);
        _actions.Add(action);
        Touch(nowUtc);
        return action;
    }

    public void CompleteAction(int actionId, string byUserId, DateTime nowUtc)
    {
        var action = _actions.SingleOrDefault(a => a.Id == actionId) ?? throw new InvalidOperationException($"Risk {Id} has no action {actionId}.");
        action.Complete(byUserId, nowUtc);
        Touch(nowUtc);
    }

    private void Apply(RiskDetails d, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(d.Title);
        ArgumentException.ThrowIfNullOrWhiteSpace(d.OwnerUserId);
        if (!Enum.IsDefined(d.Level) || !Enum.IsDefined(d.Status) || !Enum.IsDefined(d.Proximity)) throw new ArgumentOutOfRangeException(nameof(d));
        if (d.Level == RiskLevel.Programme && d.ProgrammeId is null) throw new InvalidOperationException("A programme risk names its programme.");
        if (d.Level == RiskLevel.Release && d.ReleaseIds.Count == 0) throw new InvalidOperationException("A release risk names at least one release.");
        Level = d.Level;
        ProgrammeId = d.Level == RiskLevel.Programme ? d.ProgrammeId : null;
        Title = d.Title.Trim();
        Cause = d.Cause.Trim();
        Event = d.Event.Trim();
        Effect = d.Effect.Trim();
        OwnerUserId = d.OwnerUserId;
        Proximity = d.Proximity;
        Controls = d.Controls.Trim();
        ReviewOn = d.ReviewOn;
        Status = d.Status;
        _releases.RemoveAll(r => !d.ReleaseIds.Contains(r.ReleaseId));
        _releases.AddRange(d.ReleaseIds.Distinct().Where(id => _releases.All(r => r.ReleaseId != id)).Select(id => new RiskRelease(id)));
        _areas.RemoveAll(a => !d.AreaIds.Contains(a.BusinessAreaId));
        _areas.AddRange(d.AreaIds.Distinct().Where(id => _areas.All(a => a.BusinessAreaId != id)).Select(id => new RiskArea(id)));
        UpdatedAtUtc = nowUtc;
    }

    private void Touch(DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        Version++;
    }
}

/// <summary>Something done about a risk, by someone, by a date; done once, when its owner (or the risk's) says so.</summary>
public class RiskAction
{
    private RiskAction() { }

    internal RiskAction(string description, string ownerUserId, DateOnly dueOn, DateTime nowUtc)
    {
        Description = description;
        OwnerUserId = ownerUserId;
        DueOn = dueOn;
        CreatedAtUtc = nowUtc;
    }

    public int Id { get; private set; }
    public int RiskId { get; private set; }
    public string Description { get; private set; } = "";
    public string OwnerUserId { get; private set; } = "";
    public DateOnly DueOn { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? DoneAtUtc { get; private set; }
    public string? DoneByUserId { get; private set; }

    public bool IsDone => DoneAtUtc is not null;

    internal void Complete(string byUserId, DateTime nowUtc)
    {
        if (IsDone) throw new InvalidOperationException($"Action {Id} is already done.");
        DoneAtUtc = nowUtc;
        DoneByUserId = byUserId;
    }
}

/// <summary>One score a risk had, from when, set by whom: the register's history of score changes.</summary>
public class RiskScoreChange
{
    private RiskScoreChange() { }

    internal RiskScoreChange(int likelihood, int impact, int score, string byUserId, DateTime atUtc)
    {
        Likelihood = likelihood;
        Impact = impact;
        Score = score;
        ChangedByUserId = byUserId;
        ChangedAtUtc = atUtc;
    }

    public int Id { get; private set; }
    public int RiskId { get; private set; }
    public int Likelihood { get; private set; }
    public int Impact { get; private set; }
    public int Score { get; private set; }
    public string ChangedByUserId { get; private set; } = "";
    public DateTime ChangedAtUtc { get; private set; }
}

/// <summary>A release the risk bears on: its open high risks are part of that release's go / no-go pack.</summary>
public class RiskRelease
{
    private RiskRelease() { }

    internal RiskRelease(int releaseId) => ReleaseId = releaseId;

    public int RiskId { get; private set; }
    public int ReleaseId { get; private set; }
}

/// <summary>A business area the risk bears on.</summary>
public class RiskArea
{
    private RiskArea() { }

    internal RiskArea(int businessAreaId) => BusinessAreaId = businessAreaId;

    public int RiskId { get; private set; }
    public int BusinessAreaId { get; private set; }
}
