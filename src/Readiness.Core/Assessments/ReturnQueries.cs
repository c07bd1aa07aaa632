using Microsoft.EntityFrameworkCore;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.Assessments;

/// <summary>Loads a return for the form and the read-only page, enforcing who may see it.</summary>
public sealed class ReturnQueries(ReadinessDbContext db, ReturnAccess access)
{
    public async Task<Result<ReturnView>> GetAsync(Actor actor, int assessmentId, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().Include(a => a.Answers).FirstOrDefaultAsync(a => a.Id == assessmentId, ct);
        if (assessment is null || !await access.CanViewAsync(actor, assessment.BusinessAreaId, assessment.ReleaseId, ct))
            return Failures.NotFound("The return");

        var release = await db.Releases.AsNoTracking().FirstAsync(r => r.Id == assessment.ReleaseId, ct);
        var gate = await db.Gates.AsNoTracking().FirstAsync(g => g.Id == assessment.GateId, ct);
        var area = await db.BusinessAreas.AsNoTracking().FirstAsync(a => a.Id == assessment.BusinessAreaId, ct);
        var impact = await db.Impacts.AsNoTracking().FirstOrDefaultAsync(i => i.ReleaseId == release.Id && i.BusinessAreaId == area.Id, ct);
        var template = await db.Templates.AsNoTracking().AsSplitQuery()
            .Include(t => t.Sections).ThenInclude(s => s.Criteria)
            .FirstAsync(t => t.Id == assessment.TemplateId, ct);
        template.Sections.Sort((a, b) => a.Order.CompareTo(b.Order));
        foreach (var s in template.Sections) s.Criteria.Sort((a, b) => a.Order.CompareTo(b.Order));

        var userIds = assessment.Answers.Select(a => a.AnsweredByUserId)
            .Append(assessment.SubmittedByUserId).Append(assessment.LastSavedByUserId).OfType<string>().Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string? NameOf(string? id) => id is null ? null : names.GetValueOrDefault(id, "someone");

        var answers = assessment.Answers.ToDictionary(a => a.CriterionId,
            a => new AnswerState(new AnswerContent(a.Value, a.EvidenceLink, a.Comment), a.Revision, NameOf(a.AnsweredByUserId), a.AnsweredAtUtc));
        var card = ScoreCard.Compute(template, answers.ToDictionary(kv => kv.Key, kv => kv.Value.Content), impact, release.GoLive);
        var canEdit = assessment.IsEditable && await access.CanEditAsync(actor, assessment, ct);

        return Result<ReturnView>.Ok(new ReturnView(
            assessment.Id, assessment.Version, assessment.Status, release.Id, release.Code, release.Name, release.GoLive,
            gate.Name, gate.DueOn(release.GoLive), area.Name, template, answers, card, canEdit,
            NameOf(assessment.SubmittedByUserId), assessment.SubmittedAtUtc, NameOf(assessment.LastSavedByUserId), assessment.LastSavedAtUtc));
    }
}
