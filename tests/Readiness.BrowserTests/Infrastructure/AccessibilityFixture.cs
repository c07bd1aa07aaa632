using Microsoft.EntityFrameworkCore;

namespace Readiness.BrowserTests.Infrastructure;

/// <summary>
/// One served app for the accessibility and phone checks, with a return in every state the pages show: the MetCC
/// return of CRS-LAUNCH still a draft, and the Custody return of CONNECT-P1 submitted with its BCM's email sent.
/// </summary>
public sealed class AccessibilityFixture : IAsyncLifetime
{
    public const string DraftLead = "tl.metcc@readiness.demo";
    public const string SubmittedLead = "tl.custody@readiness.demo";
    public const string Bcm = "bcm.justice@readiness.demo";
    public const string Sro = "sro.connect@readiness.demo";
    public const string Pmo = "pmo@readiness.demo";

    /// <summary>Every page of the app, by the name the tests use (see <see cref="Page"/>).</summary>
    public static readonly IReadOnlyList<string> AllPages =
    [
        "sign-in", "home: team lead", "home: BCM", "home: SRO", "home: PMO", "my work", "return form", "check and submit",
        "read-only return", "submitted", "decision link", "inbox", "decide in the inbox", "delegations", "releases",
        "release", "release returns", "release pack", "release indicators", "release workflow", "release audit",
        "indicator", "indicator upload", "audit log", "gate tracker", "calendar feeds", "heatmap", "heatmap cell", "training", "training cell",
        "what if", "what if refused", "timeline",
        "stuck approvals", "incidents", "mail", "mail message", "admin", "admin release", "admin gates",
        "admin gate removal", "admin impacts", "admin area", "admin templates", "admin capacity", "admin area capacity",
        "admin programme", "admin dependencies", "admin indicators", "admin indicator edit", "admin gate kinds", "people", "person", "invite a person",
        "people import", "access denied", "not found",
        "benefits", "programme benefits", "benefit", "benefit upload", "benefit form", "release benefits", "release review", "review form",
        "risk register", "risk register filtered to a cell", "risk", "add a risk", "edit a risk", "release forecast",
    ];

    public ServedApp App { get; } = new(new Dictionary<string, string?> { ["Email:ShowMailPage"] = "true" });
    public int DraftReturnId { get; private set; }
    public int SubmittedReturnId { get; private set; }
    public int PendingRequestId { get; private set; }
    public int IndicatorId { get; private set; }
    public int GateId { get; private set; }
    public int MailId { get; private set; }
    public string DecisionLink { get; private set; } = "";
    public string PersonId { get; private set; } = "";
    public int RiskId { get; private set; }
    public int BenefitId { get; private set; }
    public int ReviewId { get; private set; }

    /// <summary>The BCM of TDIU, whose post-go-live review of THRIVE-BCU is theirs to fill in.</summary>
    public const string ReviewBcm = "bcm.contact@readiness.demo";

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        DraftReturnId = await App.ReturnIdAsync("CRS-LAUNCH", "METCC");
        SubmittedReturnId = await App.ReturnIdAsync("CONNECT-P1", "CUSTODY");
        await (await new People(App).SubmitReturnAsync(SubmittedLead, "CONNECT-P1")).Context.CloseAsync();
        await App.Driver.DispatchAsync();
        DecisionLink = App.EmailedLink(Bcm);
        PendingRequestId = await App.Factory.WithDbAsync(db => (from r in db.ApprovalRequests
                                                                 join u in db.Users on r.ApproverUserId equals u.Id
                                                                 where r.Kind == Readiness.Core.Approvals.ApprovalKind.AreaReturn && r.SubjectId == SubmittedReturnId && u.Email == Bcm
                                                                 select r.Id).FirstAsync());
        IndicatorId = await App.Factory.WithDbAsync(db => db.LeadIndicators.Where(i => i.Code == "CALL-101").Select(i => i.Id).FirstAsync());
        GateId = await App.Factory.WithDbAsync(db => db.Gates.Where(g => g.Release!.Code == "CRS-LAUNCH").OrderByDescending(g => g.DueOffsetDays).Select(g => g.Id).FirstAsync());
        MailId = await App.Factory.WithDbAsync(db => db.Outbox.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync());
        PersonId = await App.Factory.WithDbAsync(db => db.Users.Where(u => u.Email == Bcm).Select(u => u.Id).FirstAsync());
        RiskId = await App.Factory.WithDbAsync(db => db.Risks.Where(r => r.Title == "Custody and case records are not fully migrated at cutover").Select(r => r.Id).FirstAsync());
        BenefitId = await App.Factory.WithDbAsync(db => db.Benefits.Where(b => b.Code == "THRIVE-TDIU-SHARE").Select(b => b.Id).FirstAsync());
        ReviewId = await App.Factory.WithDbAsync(db => (from a in db.Assessments
                                                        join g in db.Gates on a.GateId equals g.Id
                                                        join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
                                                        where g.Kind == Readiness.Core.Portfolio.GateKind.PostGoLiveReview && area.Code == "TDIU"
                                                        select a.Id).FirstAsync());
    }

    public Task DisposeAsync() => App.DisposeAsync();

    /// <summary>Who looks at each page, and where it is.</summary>
    public (string? User, string Url) Page(string name) => name switch
    {
        "sign-in" => (null, "/Account/SignIn"),
        "home: team lead" => (DraftLead, "/"),
        "home: BCM" => (Bcm, "/"),
        "home: SRO" => (Sro, "/"),
        "home: PMO" => (Pmo, "/"),
        "my work" => (DraftLead, "/Assessments"),
        "return form" => (DraftLead, $"/Assessments/Edit/{DraftReturnId}"),
        "check and submit" => (DraftLead, $"/Assessments/Submit/{DraftReturnId}"),
        "read-only return" => (SubmittedLead, $"/Assessments/View/{SubmittedReturnId}"),
        "submitted" => (SubmittedLead, $"/Assessments/Submitted/{SubmittedReturnId}"),
        "decision link" => (null, DecisionLink),
        "inbox" => (Bcm, "/Approvals"),
        "decide in the inbox" => (Bcm, $"/Approvals/Decide/{PendingRequestId}"),
        "delegations" => (Bcm, "/Approvals/Delegations"),
        "releases" => (Pmo, "/Releases"),
        "release" => (Pmo, "/Releases/CRS-LAUNCH"),
        "release returns" => (Pmo, "/Releases/CONNECT-P1/Returns"),
        "release pack" => (Sro, "/Releases/CONNECT-P1/Pack"),
        "release indicators" => (Pmo, "/Releases/THRIVE-BCU/Indicators"),
        "release workflow" => (Pmo, "/Releases/CONNECT-P1/Workflow"),
        "release audit" => (Pmo, "/Releases/CONNECT-P1/Audit"),
        "indicator" => (Pmo, $"/Indicators/{IndicatorId}"),
        "indicator upload" => (Pmo, $"/Indicators/{IndicatorId}/Upload"),
        "audit log" => (Pmo, "/Audit"),
        "gate tracker" => (Pmo, "/Portfolio/Tracker"),
        "calendar feeds" => (Pmo, "/Portfolio/Feeds"),
        "heatmap" => (Pmo, "/Portfolio/Heatmap"),
        "heatmap cell" => (Pmo, "/Portfolio/Heatmap/Cell?area=CUSTODY&week=2026-03-23"),
        "training" => (Pmo, "/Portfolio/Training?from=2026-05-04"),
        "training cell" => (Bcm, "/Portfolio/Training/Cell?area=METCC&week=2026-05-18"),
        "what if" => (Sro, "/Releases/CRS-LAUNCH/WhatIf?weeks=2"),
        "what if refused" => (Sro, "/Releases/CRS-LAUNCH/WhatIf?weeks=99"),
        "timeline" => (Pmo, "/Portfolio/Timeline"),
        "stuck approvals" => (Pmo, "/Portfolio/Approvals"),
        "incidents" => (Pmo, "/Incidents"),
        "mail" => (Pmo, "/Dev/Mail"),
        "mail message" => (Pmo, $"/Dev/Mail/{MailId}"),
        "admin" => (Pmo, "/Admin"),
        "admin release" => (Pmo, "/Admin/Releases/CRS-LAUNCH"),
        "admin gates" => (Pmo, "/Admin/Releases/CRS-LAUNCH/Gates"),
        "admin gate removal" => (Pmo, $"/Admin/Releases/CRS-LAUNCH/Gates/{GateId}/Remove"),
        "admin impacts" => (Pmo, "/Admin/Releases/CRS-LAUNCH/Impacts"),
        "admin area" => (Pmo, "/Admin/Areas/CUSTODY"),
        "admin templates" => (Pmo, "/Admin/Templates"),
        "admin capacity" => (Pmo, "/Admin/Capacity"),
        "admin area capacity" => (Pmo, "/Admin/Areas/METCC/Capacity"),
        "admin programme" => (Pmo, "/Admin/Programmes/CONNECT"),
        "admin dependencies" => (Pmo, "/Admin/Releases/LD-WAVE2/Dependencies"),
        "admin indicators" => (Pmo, "/Admin/Releases/THRIVE-BCU/Indicators"),
        "admin indicator edit" => (Pmo, $"/Admin/Releases/THRIVE-BCU/Indicators?edit={IndicatorId}"),
        "admin gate kinds" => (Pmo, "/Admin/GateKinds?edit=GoNoGo"),
        "people" => (Pmo, "/Admin/People"),
        "person" => (Pmo, $"/Admin/People/{PersonId}"),
        "invite a person" => (Pmo, "/Admin/People/Invite"),
        "people import" => (Pmo, "/Admin/People/Import"),
        "access denied" => (DraftLead, "/Account/AccessDenied"),
        "not found" => (Pmo, "/Releases/NO-SUCH-RELEASE"),
        "risk register" => (Pmo, "/Risks"),
        "risk register filtered to a cell" => (Sro, "/Risks?L=4&I=5&Release=CONNECT-P1"),
        "risk" => (Sro, $"/Risks/{RiskId}"),
        "add a risk" => (Pmo, "/Risks/Add?release=CONNECT-P1"),
        "edit a risk" => (Sro, $"/Risks/{RiskId}/Edit"),
        "release forecast" => (Pmo, "/Releases/LD-WAVE1"),
        "benefits" => (DraftLead, "/Benefits"),
        "programme benefits" => (Sro, "/Benefits/Programme/THRIVE"),
        "benefit" => (ReviewBcm, $"/Benefits/{BenefitId}"),
        "benefit upload" => (ReviewBcm, $"/Benefits/{BenefitId}/Upload"),
        "benefit form" => (Pmo, $"/Benefits/Edit/{BenefitId}"),
        "release benefits" => (Pmo, "/Releases/THRIVE-BCU/Benefits"),
        "release review" => (Sro, "/Releases/THRIVE-BCU/Review"),
        "review form" => (ReviewBcm, $"/Assessments/Edit/{ReviewId}"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such page in the accessibility list."),
    };
}
