using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Core.Common;
using Readiness.Core.Persistence;
using Readiness.Core.Templates;

namespace Readiness.Core.Approvals;

/// <summary>
/// The ratings of a release's returns, for <see cref="RatingDivergence"/>: each submitted return's computed RAG, its BCM's
/// decision and the team lead's own overall rating. That rating is the template's overall judgement — its last criterion,
/// when it is answered Red / Amber / Green (business-readiness WA-07: "Overall, is the area willing and able to change on
/// the planned go-live date?") — so no template needs a new field.
/// </summary>
public static class PackRatings
{
    public static async Task<IReadOnlyList<Divergence>> DivergencesAsync(ReadinessDbContext db, IReadOnlyList<PackArea> areas, Dca? sro, CancellationToken ct)
    {
        var submitted = areas.Where(a => a.Status is AssessmentStatus.Submitted or AssessmentStatus.Approved or AssessmentStatus.ApprovedWithConditions).ToList();
        var ids = submitted.Select(a => a.AssessmentId).ToList();
        var own = await TeamLeadRatingsAsync(db, ids, ct);
        var ratings = submitted.Select(a => new AreaRatings(a.AreaCode, a.AreaName, own.GetValueOrDefault(a.AssessmentId), a.Rag, a.Decision)).ToList();
        return RatingDivergence.Of(sro, ratings);
    }

    /// <summary>The team lead's overall rating of each return that has one, by return id.</summary>
    public static async Task<IReadOnlyDictionary<int, Rag?>> TeamLeadRatingsAsync(ReadinessDbContext db, IReadOnlyCollection<int> assessmentIds, CancellationToken ct)
    {
        if (assessmentIds.Count == 0) return new Dictionary<int, Rag?>();
        var templates = await db.Assessments.Where(a => assessmentIds.Contains(a.Id)).Select(a => a.TemplateId).Distinct().ToListAsync(ct);
        var criteria = await (from c in db.Criteria
                              join s in db.TemplateSections on c.SectionId equals s.Id
                              where templates.Contains(s.TemplateId)
                              select new { s.TemplateId, SectionOrder = s.Order, c.Order, c.Id, c.AnswerType }).ToListAsync(ct);
        var overall = criteria.GroupBy(c => c.TemplateId).Select(g => g.OrderBy(c => c.SectionOrder).ThenBy(c => c.Order).Last())
            .Where(c => c.AnswerType == AnswerType.Rag).Select(c => c.Id).ToList();
        var answers = await db.Answers.AsNoTracking().Where(a => assessmentIds.Contains(a.AssessmentId) && overall.Contains(a.CriterionId))
            .Select(a => new { a.AssessmentId, a.Value }).ToListAsync(ct);
        return answers.ToDictionary(a => a.AssessmentId, a => Enum.TryParse<Rag>(a.Value, out var rag) ? rag : (Rag?)null);
    }
}
