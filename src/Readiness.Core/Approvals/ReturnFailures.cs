using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Core.Persistence;

namespace Readiness.Core.Approvals;

/// <summary>
/// The failing criteria of many returns at once, scored from their answers (the source of truth) with the same
/// <see cref="ScoreCard"/> the return pages use: one query per kind of row (returns, answers, templates, impacts), whatever
/// the number of returns. Used by the decision pack and its content hash.
/// </summary>
public static class ReturnFailures
{
    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<FailingCriterion>>> ForAsync(ReadinessDbContext db, IReadOnlyCollection<int> assessmentIds, CancellationToken ct)
    {
        if (assessmentIds.Count == 0) return new Dictionary<int, IReadOnlyList<FailingCriterion>>();
        var returns = await db.Assessments.AsNoTracking().Where(a => assessmentIds.Contains(a.Id))
            .Select(a => new { a.Id, a.ReleaseId, a.BusinessAreaId, a.TemplateId }).ToListAsync(ct);
        var answers = (await db.Answers.AsNoTracking().Where(x => assessmentIds.Contains(x.AssessmentId))
            .Select(x => new { x.AssessmentId, x.CriterionId, x.Value, x.EvidenceLink, x.Comment }).ToListAsync(ct)).ToLookup(x => x.AssessmentId);
        var templateIds = returns.Select(r => r.TemplateId).Distinct().ToList();
        var templates = await db.Templates.AsNoTracking().AsSplitQuery().Include(t => t.Sections).ThenInclude(s => s.Criteria)
            .Where(t => templateIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var releaseIds = returns.Select(r => r.ReleaseId).Distinct().ToList();
        var goLives = await db.Releases.AsNoTracking().Where(r => releaseIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.GoLive, ct);
        var impacts = (await db.Impacts.AsNoTracking().Where(i => releaseIds.Contains(i.ReleaseId)).ToListAsync(ct))
            .ToDictionary(i => (i.ReleaseId, i.BusinessAreaId));

        return returns.ToDictionary(r => r.Id, r =>
        {
            var given = answers[r.Id].ToDictionary(x => x.CriterionId, x => new AnswerContent(x.Value, x.EvidenceLink, x.Comment));
            var card = ScoreCard.Compute(templates[r.TemplateId], given, impacts.GetValueOrDefault((r.ReleaseId, r.BusinessAreaId)), goLives[r.ReleaseId]);
            return FailureRule.Of(card);
        });
    }
}
