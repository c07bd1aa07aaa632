using Microsoft.EntityFrameworkCore;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Core.Templates;
using Readiness.Core.Workflows;

namespace Readiness.Core.Assessments;

/// <summary>An answer the server would not store as typed, with the reason, so the form can show it beside the field.</summary>
public sealed record FieldProblem(int CriterionId, string CriterionCode, AnswerField Field, string Message);

/// <summary>A conflict named for people: who changed the answer, and when.</summary>
public sealed record NamedConflict(int CriterionId, string CriterionCode, AnswerContent Theirs, AnswerContent Yours, string TheirName, DateTime TheirTimeUtc);

public sealed record DraftSaved(int Applied, IReadOnlyList<NamedConflict> Conflicts, IReadOnlyList<FieldProblem> Problems);

/// <summary>Saving a draft and submitting a return: the team lead's two actions on a return.</summary>
public sealed class ReturnCommands(ReadinessDbContext db, UnitOfWork unitOfWork, ReturnAccess access, ReadinessClock clock, WorkflowEngine engine, WorkflowCatalog catalog,
    Reviews.ReviewTriggers reviews)
{

    /// <summary>
    /// Saves the answers the person changed. Malformed answers are not stored (they come back as problems);
    /// answers changed by someone else since the form was opened come back as conflicts. A lost race — on the row
    /// version, or two people giving the first answer to the same criterion at once (unique index) — re-runs the merge
    /// on fresh data, so both keep their answers or the loser sees the winner's beside their own.
    /// </summary>
    public Task<Result<DraftSaved>> SaveDraftAsync(Actor actor, int assessmentId, IReadOnlyList<AnswerChange> changes, CancellationToken ct) =>
        unitOfWork.RunAsync(c => SaveDraftNowAsync(actor, assessmentId, changes, c), ct,
            "The return is being saved by someone else right now. Save again in a moment: your answers are still in the form.");

    private async Task<Result<DraftSaved>> SaveDraftNowAsync(Actor actor, int assessmentId, IReadOnlyList<AnswerChange> changes, CancellationToken ct)
    {
        var loaded = await LoadEditableAsync(actor, assessmentId, ct);
        if (!loaded.Succeeded) return loaded.Failure!;
        var (assessment, criteria, goLive) = loaded.Value;

        var problems = new List<FieldProblem>();
        var accepted = new List<AnswerChange>();
        foreach (var change in changes)
        {
            if (!criteria.TryGetValue(change.CriterionId, out var criterion)) continue; // not on this template: ignore forged ids
            var content = change.Content with { Value = AnswerRules.Canonical(criterion.AnswerType, change.Content.Value) };
            var check = AnswerRules.Check(criterion, content, goLive);
            if (check.FormatProblems.Count > 0 && content.Fingerprint != change.BaseFingerprint)
            {
                problems.AddRange(check.FormatProblems.Select(p => new FieldProblem(criterion.Id, criterion.Code, p.Field, p.Message)));
                continue;
            }
            accepted.Add(change with { Content = content });
        }

        var outcome = assessment.SaveDraft(accepted, actor.UserId, clock.UtcNow);
        var conflicts = await NameConflictsAsync(outcome.Conflicts, criteria, ct);
        return Result<DraftSaved>.Ok(new DraftSaved(outcome.Applied, conflicts, problems));
    }

    /// <summary>
    /// Submits the return as last saved, if it is still the version the person checked and it passes the
    /// template's validation. Returns the score card; on validation failure nothing changes.
    /// </summary>
    public Task<Result<ScoreCard>> SubmitAsync(Actor actor, int assessmentId, int checkedVersion, CancellationToken ct) =>
        SubmitAsync(actor, assessmentId, checkedVersion, new Audit.RequestOrigin(null, null), ct);

    /// <summary>
    /// Submits the return as last saved, if it is still the version the person checked and it passes the
    /// template's validation, and moves its approval workflow on (submit, or resubmit after a return) in the same
    /// transaction, which also queues the BCM's email. On any failure nothing changes.
    /// </summary>
    public Task<Result<ScoreCard>> SubmitAsync(Actor actor, int assessmentId, int checkedVersion, Audit.RequestOrigin origin, CancellationToken ct) =>
        unitOfWork.RunAsync(c => SubmitNowAsync(actor, assessmentId, checkedVersion, origin, c), ct,
            "The return changed while you were submitting it. Check the answers again before you submit.");

    private async Task<Result<ScoreCard>> SubmitNowAsync(Actor actor, int assessmentId, int checkedVersion, Audit.RequestOrigin origin, CancellationToken ct)
    {
        var loaded = await LoadEditableAsync(actor, assessmentId, ct);
        if (!loaded.Succeeded) return loaded.Failure!;
        var (assessment, _, goLive) = loaded.Value;
        if (assessment.Version != checkedVersion)
            return Result<ScoreCard>.Fail(FailureKind.Conflict, "The return changed after you opened this page. Check the answers again before you submit.");

        var template = await LoadTemplateAsync(assessment.TemplateId, ct);
        var impact = await db.Impacts.AsNoTracking().FirstOrDefaultAsync(i => i.ReleaseId == assessment.ReleaseId && i.BusinessAreaId == assessment.BusinessAreaId, ct);
        var answers = assessment.Answers.ToDictionary(a => a.CriterionId, a => new AnswerContent(a.Value, a.EvidenceLink, a.Comment));
        var card = ScoreCard.Compute(template, answers, impact, goLive);
        if (card.Errors.Count > 0)
            return Result<ScoreCard>.Fail(FailureKind.Invalid, $"The return cannot be submitted yet: {card.Errors.Count} answer(s) need attention.");

        var resubmission = assessment.Status == AssessmentStatus.Returned;
        assessment.Submit(actor.UserId, clock.UtcNow, card);
        var gate = await db.Gates.SingleAsync(g => g.Id == assessment.GateId, ct);
        if (gate.Kind == Portfolio.GateKind.PostGoLiveReview)
        {
            // An area's post-go-live review has no approval of its own: the SRO decides on all of them once every area's is in.
            await reviews.ReviewSubmittedAsync(gate, ct);
            return Result<ScoreCard>.Ok(card);
        }
        var instance = await engine.EnsureStartedAsync(catalog.DefinitionIdFor(gate), SubjectKinds.AreaReturn, assessment.Id, ct);
        var fired = await engine.FireAsync(instance, new TriggerContext(resubmission ? "resubmit" : "submit", actor.UserId, actor.Roles,
            Channel: Audit.AuditChannel.Web, IpAddress: origin.IpAddress, UserAgent: origin.UserAgent), ct);
        if (!fired.Succeeded) return fired.Failure!;
        return Result<ScoreCard>.Ok(card);
    }

    private async Task<Result<(Assessment Assessment, Dictionary<int, Criterion> Criteria, DateOnly GoLive)>> LoadEditableAsync(Actor actor, int assessmentId, CancellationToken ct)
    {
        var assessment = await db.Assessments.Include(a => a.Answers).FirstOrDefaultAsync(a => a.Id == assessmentId, ct);
        if (assessment is null || !await access.CanViewAsync(actor, assessment.BusinessAreaId, assessment.ReleaseId, ct))
            return Failures.NotFound("The return");
        if (!await access.CanEditAsync(actor, assessment, ct))
            return Failures.Forbidden(await access.EditRefusalAsync(assessment, ct));
        if (!assessment.IsEditable)
            return Result<(Assessment, Dictionary<int, Criterion>, DateOnly)>.Fail(FailureKind.Conflict,
                $"This return was submitted on {assessment.SubmittedAtUtc:yyyy-MM-dd HH:mm} UTC and can no longer be changed.");
        var criteria = await db.Criteria.AsNoTracking()
            .Where(c => db.TemplateSections.Any(s => s.Id == c.SectionId && s.TemplateId == assessment.TemplateId))
            .ToDictionaryAsync(c => c.Id, ct);
        var goLive = await db.Releases.Where(r => r.Id == assessment.ReleaseId).Select(r => r.GoLive).FirstAsync(ct);
        return Result<(Assessment, Dictionary<int, Criterion>, DateOnly)>.Ok((assessment, criteria, goLive));
    }

    private Task<QuestionnaireTemplate> LoadTemplateAsync(int templateId, CancellationToken ct) =>
        db.Templates.AsNoTracking().AsSplitQuery().Include(t => t.Sections).ThenInclude(s => s.Criteria).FirstAsync(t => t.Id == templateId, ct);

    private async Task<IReadOnlyList<NamedConflict>> NameConflictsAsync(IReadOnlyList<AnswerConflict> conflicts, Dictionary<int, Criterion> criteria, CancellationToken ct)
    {
        if (conflicts.Count == 0) return [];
        var ids = conflicts.Select(c => c.TheirUserId).Distinct().ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return conflicts.Select(c => new NamedConflict(c.CriterionId, criteria[c.CriterionId].Code, c.Theirs, c.Yours,
            names.GetValueOrDefault(c.TheirUserId, "someone"), c.TheirTimeUtc)).ToList();
    }
}
