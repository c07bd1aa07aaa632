using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
using Readiness.Core.Audit;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Core.Templates;
using Readiness.Infrastructure.Startup;

namespace Readiness.Infrastructure.Seeding;

public sealed record DemoActivityDocument(IReadOnlyList<DemoReturnEntry> Returns);

public sealed record DemoConditionEntry(string Description, string Owner, string Due);

/// <summary>A failed criterion the BCM waives with the decision, by code, expiring some days after the decision.</summary>
public sealed record DemoWaiverEntry(string Criterion, string Reason, int ExpiresInDays);

/// <summary>
/// One return to play through the real use cases: "draft" only saves answers; "pass"/"mixed" also submit; a decision has
/// the BCM decide. <see cref="Gate"/> "PostGoLiveReview" plays an area's post-go-live review instead, as the area's BCM. <see cref="SubmittedDaysAgo"/> and <see cref="DecidedDaysAgo"/> place them in the past (working hours,
/// London time), so the demo reads like last week's activity.
/// </summary>
public sealed record DemoReturnEntry(string Release, string Area, string Answers, string? Decision = null, string? Comment = null,
    IReadOnlyList<DemoConditionEntry>? Conditions = null, int SubmittedDaysAgo = 0, int? DecidedDaysAgo = null, IReadOnlyList<DemoWaiverEntry>? Waivers = null,
    string? Gate = null)
{
    public bool IsReview => Gate == nameof(GateKind.PostGoLiveReview);
}

/// <summary>
/// Plays seed-data/demo-activity.json through the real use cases (save, submit, BCM decision), once, so the demo
/// opens mid-flight: approvals waiting, a return sent back, a release one approval away from its SRO decision.
/// Everything it creates went through the workflow runtime, so journals, audit and emails are real.
/// </summary>
public sealed class DemoActivitySeeder(ReadinessDbContext db, ReturnCommands returns, ApprovalDecisions decisions, ReadinessClock clock, RewindableTimeProvider time)
{
    public const string File = "demo-activity.json";
    private const string RunName = "demo-activity";

    public static DemoActivityDocument? Read(string folder)
    {
        var path = Path.Combine(folder, File);
        if (!System.IO.File.Exists(path)) return null;
        try
        {
            var doc = JsonSerializer.Deserialize<DemoActivityDocument>(System.IO.File.ReadAllText(path), SeedReader.Json);
            if (doc is not null) Validate(doc);
            return doc;
        }
        catch (JsonException ex)
        {
            throw new StartupValidationException($"{File}: {ex.Path} (line {ex.LineNumber + 1}): {ex.Message.Split(" Path:")[0]}");
        }
    }

    /// <summary>The checks that need no database, so a bad file stops start-up before anything is written.</summary>
    private static void Validate(DemoActivityDocument doc)
    {
        for (var i = 0; i < doc.Returns.Count; i++)
        {
            var (entry, path) = (doc.Returns[i], $"$.returns[{i}]");
            if (entry.SubmittedDaysAgo < 0)
                throw new StartupValidationException($"{File}: {path}.submittedDaysAgo: {entry.SubmittedDaysAgo} is in the future. Use 0 (today) or more.");
            if (entry.Gate is { } gate && !entry.IsReview)
                throw new StartupValidationException($"{File}: {path}.gate: '{gate}' is not a gate an entry can play. Leave it out (a readiness return) or use PostGoLiveReview.");
            if (entry.IsReview && entry.Decision is not null)
                throw new StartupValidationException($"{File}: {path}.decision: a post-go-live review has no BCM decision (the SRO decides once every area's review is in). Remove it.");
            if (entry.DecidedDaysAgo is { } d && (entry.Decision is null || d < 0 || d > entry.SubmittedDaysAgo))
                throw new StartupValidationException($"{File}: {path}.decidedDaysAgo: {d} needs a decision, and must be between 0 and submittedDaysAgo ({entry.SubmittedDaysAgo}).");
        }
    }

    public async Task ApplyAsync(DemoActivityDocument doc, CancellationToken ct)
    {
        if (await db.SeedRuns.AnyAsync(r => r.Name == RunName, ct)) return;
        // Every step at its own past moment, played in time order so journals and the audit chain read forwards.
        var steps = doc.Returns.SelectMany((entry, i) => Steps(entry, $"$.returns[{i}]", i)).OrderBy(s => s.At).ToList();
        foreach (var step in steps)
        {
            db.ChangeTracker.Clear();
            using (time.RewindTo(step.At))
                await step.Run(ct);
        }
        db.ChangeTracker.Clear();
        db.SeedRuns.Add(new SeedRun(RunName, clock.Today, clock.UtcNow));
        await db.SaveChangesAsync(ct);
    }

    private sealed record Step(DateTimeOffset At, Func<CancellationToken, Task> Run);

    private List<Step> Steps(DemoReturnEntry entry, string path, int index)
    {
        var steps = new List<Step>();
        // Mornings for the team leads, afternoons for the BCMs, a few minutes apart so the order is the file's.
        steps.Add(new Step(At(entry.SubmittedDaysAgo, new TimeOnly(9, 30).AddMinutes(7 * index)), ct => SubmitAsync(entry, path, ct)));
        if (entry.Decision is not null && entry.Answers != "draft")
            steps.Add(new Step(At(entry.DecidedDaysAgo ?? entry.SubmittedDaysAgo, new TimeOnly(14, 0).AddMinutes(5 * index)), ct => DecideAsync(entry, path, ct)));
        return steps;
    }

    private DateTimeOffset At(int daysAgo, TimeOnly localTime)
    {
        var local = clock.Today.AddDays(-daysAgo).ToDateTime(localTime, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, clock.Zone), TimeSpan.Zero);
    }

    private async Task<(int Id, AssessmentStatus Status, int TemplateId, int BusinessAreaId, DateOnly GoLive)> TargetAsync(DemoReturnEntry entry, string path, CancellationToken ct)
    {
        var target = await (from a in db.Assessments
                            join r in db.Releases on a.ReleaseId equals r.Id
                            join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
                            join g in db.Gates on a.GateId equals g.Id
                            where r.Code == entry.Release && area.Code == entry.Area && (g.Kind == GateKind.PostGoLiveReview) == entry.IsReview
                            select new { a.Id, a.Status, a.TemplateId, a.BusinessAreaId, r.GoLive }).FirstOrDefaultAsync(ct)
            ?? throw new StartupValidationException($"{File}: {path}: no {(entry.IsReview ? "post-go-live review (is the release live?)" : "readiness return")} for release '{entry.Release}' and area '{entry.Area}'.");
        return (target.Id, target.Status, target.TemplateId, target.BusinessAreaId, target.GoLive);
    }

    private async Task SubmitAsync(DemoReturnEntry entry, string path, CancellationToken ct)
    {
        var target = await TargetAsync(entry, path, ct);
        if (target.Status != AssessmentStatus.NotStarted) return; // played before an interrupted start: skip
        var lead = await ActorAsync(entry.IsReview ? AreaRole.Bcm : AreaRole.TeamLead, target.BusinessAreaId, path, ct);
        var criteria = await db.Criteria.AsNoTracking().Where(c => db.TemplateSections.Any(s => s.Id == c.SectionId && s.TemplateId == target.TemplateId))
            .OrderBy(c => c.Order).ToListAsync(ct);
        var answered = entry.Answers == "draft" ? criteria.Take(8) : criteria;
        var changes = answered.Select(c => new AnswerChange(c.Id, Answer(c, entry, target.GoLive), 0, AnswerContent.Empty.Fingerprint)).ToList();
        Check(await returns.SaveDraftAsync(lead, target.Id, changes, ct), path);
        if (entry.Answers == "draft") return;

        var version = await db.Assessments.Where(a => a.Id == target.Id).Select(a => a.Version).SingleAsync(ct);
        Check(await returns.SubmitAsync(lead, target.Id, version, ct), path);
    }

    private async Task DecideAsync(DemoReturnEntry entry, string path, CancellationToken ct)
    {
        var target = await TargetAsync(entry, path, ct);
        var request = await db.ApprovalRequests.AsNoTracking().Where(r => r.SubjectId == target.Id && r.Kind == ApprovalKind.AreaReturn && r.Status == ApprovalStatus.Pending)
            .OrderBy(r => r.Id).FirstOrDefaultAsync(ct);
        if (request is null) return; // decided before an interrupted start: skip
        if (!Enum.TryParse<Decision>(entry.Decision, out var decision))
            throw new StartupValidationException($"{File}: {path}.decision: '{entry.Decision}' is not a decision. Use Approve, ApproveWithConditions or Return.");
        var conditions = (entry.Conditions ?? []).Select((c, k) => AnswerRules.TryParseOffset(c.Due, out var days)
            ? new ConditionInput(c.Description, c.Owner, days)
            : throw new StartupValidationException($"{File}: {path}.conditions[{k}].due: '{c.Due}' is not a day relative to go-live, like T-7.")).ToList();
        var waivers = new List<WaiverInput>();
        foreach (var (w, k) in (entry.Waivers ?? []).Select((w, k) => (w, k)))
        {
            var criterionId = await db.Criteria.Where(c => c.Code == w.Criterion && db.TemplateSections.Any(s => s.Id == c.SectionId && s.TemplateId == target.TemplateId))
                .Select(c => (int?)c.Id).FirstOrDefaultAsync(ct)
                ?? throw new StartupValidationException($"{File}: {path}.waivers[{k}].criterion: '{w.Criterion}' is not a criterion of the return's template.");
            waivers.Add(new WaiverInput(criterionId, w.Reason, clock.Today.AddDays(w.ExpiresInDays)));
        }
        var outcome = await decisions.DecideAsWebUserAsync(request.Id, request.ApproverUserId, new DecisionInput(decision, entry.Comment ?? "", conditions, Waivers: waivers),
            new DecisionOrigin(AuditChannel.System, null, "demo seed"), ct);
        if (!outcome.Succeeded) throw new StartupValidationException($"{File}: {path}: the decision was not recorded: {outcome.Failure!.Message}");
    }

    /// <summary>The best answers, or for "mixed" some Partial/Amber/80% answers on non-blocking criteria (with the team lead's comment) so RAGs vary and some criteria fail.</summary>
    private static AnswerContent Answer(Criterion c, DemoReturnEntry entry, DateOnly goLive)
    {
        var weaker = entry.Answers == "mixed" && !c.Blocking && c.Order % 3 == 0;
        var evidence = $"https://sharepoint.readiness.demo/{entry.Release}/{entry.Area}/{c.Code}";
        var value = c.AnswerType switch
        {
            AnswerType.YesNoPartial or AnswerType.Rag => AnswerRules.ChoicesFor(c.AnswerType)[weaker ? 1 : 0],
            AnswerType.YesNo => "Yes",
            // A passing percentage meets the criterion's own minimum (98% for devices), not a round number below it.
            AnswerType.Percentage => weaker ? "80" : Math.Max(96m, decimal.TryParse(c.MinimumPass, NumberStyles.Number, CultureInfo.InvariantCulture, out var least) ? least : 0m).ToString(CultureInfo.InvariantCulture),
            AnswerType.Number => (c.RangeMax is { } max && decimal.TryParse(c.MinimumPass, NumberStyles.Number, CultureInfo.InvariantCulture, out var min) ? Math.Min(max, min + 2) : decimal.Parse(c.MinimumPass ?? "1", CultureInfo.InvariantCulture) + 2).ToString(CultureInfo.InvariantCulture),
            AnswerType.Date => goLive.AddDays(-21).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            AnswerType.EvidenceLink => evidence,
            _ => "Agreed with the local change network; no open concerns.",
        };
        // A weaker answer says why, as a team lead would: the BCM and the SRO read it beside the failure.
        var comment = weaker && c.AnswerType is not (AnswerType.YesNo or AnswerType.Number or AnswerType.EvidenceLink)
            ? "Not all there yet: the remaining work is booked for the fortnight before go-live and tracked in the area's action log." : "";
        return new AnswerContent(value, c.AnswerType == AnswerType.Text ? "" : evidence, comment);
    }

    private async Task<Actor> ActorAsync(AreaRole role, int areaId, string path, CancellationToken ct)
    {
        var userId = await db.AreaMemberships.Where(m => m.BusinessAreaId == areaId && m.Role == role)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.Email }).OrderBy(u => u.Email).Select(u => u.Id).FirstOrDefaultAsync(ct)
            ?? throw new StartupValidationException($"{File}: {path}.area: the area has no {role} in users.json to act in the demo.");
        var roles = await db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToListAsync(ct);
        return new Actor(userId, roles.ToHashSet());
    }

    private static void Check<T>(Result<T> result, string path)
    {
        if (!result.Succeeded) throw new StartupValidationException($"{File}: {path}: {result.Failure!.Message}");
    }
}
