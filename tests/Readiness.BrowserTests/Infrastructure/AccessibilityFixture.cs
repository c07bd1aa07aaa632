namespace Readiness.BrowserTests.Infrastructure;

/// <summary>
/// One served app for the accessibility checks, with a return in every state the pages show: the MetCC return of
/// CRS-LAUNCH still a draft, and the Custody return of CONNECT-P1 submitted with its BCM's email sent.
/// </summary>
public sealed class AccessibilityFixture : IAsyncLifetime
{
    public const string DraftLead = "tl.metcc@readiness.demo";
    public const string SubmittedLead = "tl.custody@readiness.demo";
    public const string Bcm = "bcm.justice@readiness.demo";
    public const string Pmo = "pmo@readiness.demo";

    public ServedApp App { get; } = new();
    public int DraftReturnId { get; private set; }
    public int SubmittedReturnId { get; private set; }
    public string DecisionLink { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        DraftReturnId = await App.ReturnIdAsync("CRS-LAUNCH", "METCC");
        SubmittedReturnId = await App.ReturnIdAsync("CONNECT-P1", "CUSTODY");
        await (await new People(App).SubmitReturnAsync(SubmittedLead, "CONNECT-P1")).Context.CloseAsync();
        await App.Driver.DispatchAsync();
        DecisionLink = App.EmailedLink(Bcm);
    }

    public Task DisposeAsync() => App.DisposeAsync();

    /// <summary>Who looks at each page, and where it is.</summary>
    public (string? User, string Url) Page(string name) => name switch
    {
        "sign-in" => (null, "/Account/SignIn"),
        "my work" => (DraftLead, "/Assessments"),
        "return form" => (DraftLead, $"/Assessments/Edit/{DraftReturnId}"),
        "check and submit" => (DraftLead, $"/Assessments/Submit/{DraftReturnId}"),
        "read-only return" => (SubmittedLead, $"/Assessments/View/{SubmittedReturnId}"),
        "decision link" => (null, DecisionLink),
        "inbox" => (Bcm, "/Approvals"),
        "release" => (Pmo, "/Releases/CRS-LAUNCH"),
        "releases" => (Pmo, "/Releases"),
        "audit log" => (Pmo, "/Audit"),
        "gate tracker" => (Pmo, "/Portfolio/Tracker"),
        "heatmap" => (Pmo, "/Portfolio/Heatmap"),
        "stuck approvals" => (Pmo, "/Portfolio/Approvals"),
        "admin" => (Pmo, "/Admin"),
        "admin gates" => (Pmo, "/Admin/Releases/CRS-LAUNCH/Gates"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such page in the accessibility list."),
    };
}
