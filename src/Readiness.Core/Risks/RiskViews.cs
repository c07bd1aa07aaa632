using Microsoft.EntityFrameworkCore;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Risks;

public sealed record RiskActionView(int Id, string Description, string OwnerName, DateOnly DueOn, bool Done, DateTime? DoneAtUtc, string? DoneBy, bool Overdue, bool CanComplete);

public sealed record RiskScoreView(DateTime AtUtc, string By, int Likelihood, int Impact, int Score);

/// <summary>One risk as its page shows it, with what the signed-in person may do to it.</summary>
public sealed record RiskView(
    int Id, RiskLevel Level, PortfolioChoice? Programme, string Title, string Cause, string Event, string Effect, string OwnerUserId, string OwnerName,
    int Likelihood, int Impact, int Score, RiskProximity Proximity, string Controls, RiskStatus Status, DateOnly ReviewOn, bool ReviewOverdue,
    IReadOnlyList<PortfolioChoice> Releases, IReadOnlyList<PortfolioChoice> Areas, IReadOnlyList<RiskActionView> Actions, IReadOnlyList<RiskScoreView> History,
    int Version, bool CanEdit, string CreatedBy, DateTime CreatedAtUtc)
{
    public string Reference => RiskScoring.Reference(Id);
    public RiskBand Band => RiskScoring.Band(Score);
}

/// <summary>A person to choose as an owner: "Helen Whitaker (pmo@readiness.demo)".</summary>
public sealed record PersonChoice(string UserId, string Text);

public sealed record RiskChoices(IReadOnlyList<PersonChoice> People, IReadOnlyList<PortfolioChoice> Programmes, IReadOnlyList<PortfolioChoice> Releases, IReadOnlyList<PortfolioChoice> Areas);

/// <summary>Read models of one risk (its page and its edit form) and the form's choices.</summary>
public sealed class RiskViews(ReadinessDbContext db, ReadinessClock clock)
{
    public async Task<RiskView?> ForAsync(Actor actor, int id, CancellationToken ct)
    {
        var risk = await db.Risks.AsNoTracking().Include(r => r.Actions).Include(r => r.ScoreHistory).Include(r => r.Releases).Include(r => r.Areas)
            .AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (risk is null) return null;
        var userIds = risk.Actions.SelectMany(a => new[] { a.OwnerUserId, a.DoneByUserId }).Concat(risk.ScoreHistory.Select(h => h.ChangedByUserId))
            .Append(risk.OwnerUserId).Append(risk.CreatedByUserId).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string Name(string? userId) => userId is null ? "" : names.GetValueOrDefault(userId, "");
        var releaseIds = risk.Releases.Select(r => r.ReleaseId).ToList();
        var areaIds = risk.Areas.Select(a => a.BusinessAreaId).ToList();
        var releases = await db.Releases.AsNoTracking().Where(r => releaseIds.Contains(r.Id)).OrderBy(r => r.Code).Select(r => new PortfolioChoice(r.Code, r.Name)).ToListAsync(ct);
        var areas = await db.BusinessAreas.AsNoTracking().Where(a => areaIds.Contains(a.Id)).OrderBy(a => a.Name).Select(a => new PortfolioChoice(a.Code, a.Name)).ToListAsync(ct);
        var programme = risk.ProgrammeId is { } p ? await db.Programmes.AsNoTracking().Where(x => x.Id == p).Select(x => new PortfolioChoice(x.Code, x.Name)).FirstOrDefaultAsync(ct) : null;
        var today = clock.Today;
        var actions = risk.Actions.OrderBy(a => a.IsDone).ThenBy(a => a.DueOn).Select(a => new RiskActionView(a.Id, a.Description, Name(a.OwnerUserId), a.DueOn, a.IsDone,
            a.DoneAtUtc, a.DoneByUserId is null ? null : Name(a.DoneByUserId), !a.IsDone && a.DueOn < today,
            !a.IsDone && RiskAccess.CanComplete(actor, risk.OwnerUserId, a.OwnerUserId))).ToList();
        var history = risk.ScoreHistory.OrderByDescending(h => h.ChangedAtUtc).ThenByDescending(h => h.Id)
            .Select(h => new RiskScoreView(h.ChangedAtUtc, Name(h.ChangedByUserId), h.Likelihood, h.Impact, h.Score)).ToList();
        return new RiskView(risk.Id, risk.Level, programme, risk.Title, risk.Cause, risk.Event, risk.Effect, risk.OwnerUserId, Name(risk.OwnerUserId),
            risk.Likelihood, risk.Impact, risk.Score, risk.Proximity, risk.Controls, risk.Status, risk.ReviewOn,
            risk.Status != RiskStatus.Closed && risk.ReviewOn < today, releases, areas, actions, history, risk.Version,
            RiskAccess.CanEdit(actor, risk.OwnerUserId), Name(risk.CreatedByUserId), risk.CreatedAtUtc);
    }

    /// <summary>The form's edited values for a risk (codes as the form takes them).</summary>
    public static RiskInput InputOf(RiskView v) => new(v.Level, v.Programme?.Code, v.Title, v.Cause, v.Event, v.Effect, v.OwnerUserId, v.Likelihood, v.Impact,
        v.Proximity, v.Controls, v.ReviewOn, v.Status, string.Join(", ", v.Releases.Select(r => r.Code)), string.Join(", ", v.Areas.Select(a => a.Code)));

    /// <summary>
    /// What the register's filter boxes offer: the releases some risk is linked to, the only ones a release filter can
    /// find (every release, 3,000 at ten times the report's size, would make each register page heavy), and every area.
    /// </summary>
    public async Task<(IReadOnlyList<PortfolioChoice> Releases, IReadOnlyList<PortfolioChoice> Areas)> FilterChoicesAsync(CancellationToken ct)
    {
        var releases = await db.Releases.AsNoTracking().Where(r => db.RiskReleases.Any(l => l.ReleaseId == r.Id))
            .OrderBy(r => r.Code).Select(r => new PortfolioChoice(r.Code, r.Name)).ToListAsync(ct);
        var areas = await db.BusinessAreas.AsNoTracking().OrderBy(a => a.Name).Select(a => new PortfolioChoice(a.Code, a.Name)).ToListAsync(ct);
        return (releases, areas);
    }

    public async Task<RiskChoices> ChoicesAsync(CancellationToken ct)
    {
        var people = await db.Users.AsNoTracking().Where(u => u.DeactivatedAtUtc == null).OrderBy(u => u.DisplayName)
            .Select(u => new PersonChoice(u.Id, u.DisplayName + " (" + u.Email + ")")).ToListAsync(ct);
        var programmes = await db.Programmes.AsNoTracking().OrderBy(p => p.Name).Select(p => new PortfolioChoice(p.Code, p.Name)).ToListAsync(ct);
        var releases = await db.Releases.AsNoTracking().OrderBy(r => r.Code).Select(r => new PortfolioChoice(r.Code, r.Name)).ToListAsync(ct);
        var areas = await db.BusinessAreas.AsNoTracking().OrderBy(a => a.Name).Select(a => new PortfolioChoice(a.Code, a.Name)).ToListAsync(ct);
        return new RiskChoices(people, programmes, releases, areas);
    }
}
