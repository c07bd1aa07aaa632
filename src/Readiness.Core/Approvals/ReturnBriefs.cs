using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Core.Persistence;

namespace Readiness.Core.Approvals;

/// <summary>The short form of a return an approver decides on: who submitted, the score card, what is missing.</summary>
public sealed record ReturnBrief(int AssessmentId, string AreaName, string ReleaseCode, string ReleaseName, string? SubmittedBy, DateTime? SubmittedAtUtc, ScoreCard Card, DateOnly GoLive)
{
    /// <summary>The criteria below their minimum pass, with the team lead's answers and comments.</summary>
    public IReadOnlyList<FailingCriterion> Failing => FailureRule.Of(Card);
}

public sealed class ReturnBriefs(ReadinessDbContext db)
{
    public async Task<ReturnBrief> ForAsync(int assessmentId, CancellationToken ct)
    {
        var a = await db.Assessments.AsNoTracking().Include(x => x.Answers).SingleAsync(x => x.Id == assessmentId, ct);
        var template = await db.Templates.AsNoTracking().AsSplitQuery().Include(t => t.Sections).ThenInclude(s => s.Criteria).SingleAsync(t => t.Id == a.TemplateId, ct);
        var impact = await db.Impacts.AsNoTracking().FirstOrDefaultAsync(i => i.ReleaseId == a.ReleaseId && i.BusinessAreaId == a.BusinessAreaId, ct);
        var release = await db.Releases.AsNoTracking().SingleAsync(r => r.Id == a.ReleaseId, ct);
        var area = await db.BusinessAreas.Where(x => x.Id == a.BusinessAreaId).Select(x => x.Name).SingleAsync(ct);
        var submitter = await db.Users.Where(u => u.Id == a.SubmittedByUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        var answers = a.Answers.ToDictionary(x => x.CriterionId, x => new AnswerContent(x.Value, x.EvidenceLink, x.Comment));
        return new ReturnBrief(a.Id, area, release.Code, release.Name, submitter, a.SubmittedAtUtc, ScoreCard.Compute(template, answers, impact, release.GoLive), release.GoLive);
    }
}
