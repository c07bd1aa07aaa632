using Readiness.Core.Risks;

namespace Readiness.Web.Pages.Risks;

/// <summary>The add / edit form as posted (fields under "Form."), and the risk's version it was shown at.</summary>
public sealed class RiskForm
{
    public RiskLevel? Level { get; set; }
    public string? Programme { get; set; }
    public string? Title { get; set; }
    public string? Cause { get; set; }
    public string? Event { get; set; }
    public string? Effect { get; set; }
    public string? OwnerUserId { get; set; }
    public int? Likelihood { get; set; }
    public int? Impact { get; set; }
    public RiskProximity? Proximity { get; set; }
    public string? Controls { get; set; }
    public DateOnly? ReviewOn { get; set; }
    public RiskStatus? Status { get; set; }
    public string? Releases { get; set; }
    public string? Areas { get; set; }
    public int Version { get; set; }

    public RiskInput ToInput() => new(Level, Programme, Title, Cause, Event, Effect, OwnerUserId, Likelihood, Impact, Proximity, Controls, ReviewOn, Status, Releases, Areas);

    public static RiskForm From(RiskInput i, int version) => new()
    {
        Level = i.Level, Programme = i.Programme, Title = i.Title, Cause = i.Cause, Event = i.Event, Effect = i.Effect, OwnerUserId = i.OwnerUserId,
        Likelihood = i.Likelihood, Impact = i.Impact, Proximity = i.Proximity, Controls = i.Controls, ReviewOn = i.ReviewOn, Status = i.Status,
        Releases = i.Releases, Areas = i.Areas, Version = version,
    };
}
