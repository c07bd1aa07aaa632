using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Approvals;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;
using Readiness.Core.Workflows;

namespace Readiness.Web.Pages.Releases;

/// <summary>The release's recent audit entries, with a link to the full log for the PMO.</summary>
public sealed record AuditTrail(string ReleaseCode, IReadOnlyList<AuditRow> Rows, bool CanOpenLog);

/// <summary>
/// The release page: its gates with due dates, impacted areas and each area's return status and RAG, the go / no-go
/// pack, every workflow with its journal and diagram, and the recent audit trail.
/// </summary>
public class DetailsModel(
    ReleaseQueries releases, GatePackQueries packs, ApprovalQueries approvals, WorkflowJournalQueries workflows, AuditQueries audit,
    Actor actor, ReadinessClock clock, HeatmapQueries heatmap) : PageModel
{
    public const int AuditTrailSize = 20;

    public ReleaseDetail Release { get; private set; } = null!;
    public GatePack? Pack { get; private set; }

    /// <summary>The signed-in person's own pending go-live request for this release, if any.</summary>
    public int? MyPendingDecisionId { get; private set; }
    public ReleaseWorkflows Workflows { get; private set; } = null!;
    public AuditTrail Trail { get; private set; } = null!;
    public ChangeLoadWarning? ChangeLoad { get; private set; }
    public DateOnly Today => clock.Today;
    public Core.Indicators.ReleaseIndicators Indicators { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var result = await releases.GetAsync(code, ct);
        if (!result.Succeeded) return NotFound();
        Release = result.Value!;
        Pack = await packs.ForReleaseAsync(Release.Id, ct);
        ChangeLoad = await heatmap.WarningAsync(Release.Id, ct);
        if (Pack?.PendingSroRequestId is { } pending && await approvals.IsApproverAsync(pending, actor.UserId, ct))
            MyPendingDecisionId = pending;
        Workflows = await workflows.ForReleaseAsync(Release.Id, ct);
        Indicators = await HttpContext.RequestServices.GetRequiredService<Core.Indicators.IndicatorQueries>().ForReleaseAsync(Release.Id, ct);
        Trail = new AuditTrail(Release.Code, await audit.ForReleaseAsync(Release.Id, AuditTrailSize, ct), actor.IsIn(Roles.Pmo));
        return Page();
    }
}
