namespace Readiness.Web.Tests.Security;

/// <summary>
/// Who may open each page of the app, kept beside <see cref="AuthorizationMatrixTests"/>: a page added without a line
/// here fails the test. "Opens" means authorization does not turn the person away (to sign in, or to access denied);
/// a page may still refuse a record that is not theirs (403, 404).
/// </summary>
public static class AuthorizationMatrix
{
    public const string Anonymous = "anonymous";
    public const string TeamLead = "team lead";
    public const string Bcm = "BCM";
    public const string Sro = "SRO";
    public const string Pmo = "PMO";

    public static readonly string[] Identities = [Anonymous, TeamLead, Bcm, Sro, Pmo];

    private static readonly string[] Everyone = Identities;
    private static readonly string[] SignedIn = [TeamLead, Bcm, Sro, Pmo];
    private static readonly string[] PmoOnly = [Pmo];
    private static readonly string[] Portfolio = [Bcm, Sro, Pmo];

    /// <summary>Route pattern → the identities it opens for.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Expected = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [""] = SignedIn,
        ["Error"] = Everyone,
        ["Account/SignIn"] = Everyone,
        ["Account/ExternalSignIn"] = Everyone,
        ["Account/SetPassword"] = Everyone,
        ["Account/AccessDenied"] = SignedIn,
        ["Account/SignOut"] = SignedIn,
        ["Decide/{token}"] = Everyone,                 // the token is the credential; a bad one gets the uniform refusal
        ["Decide/{id:int}/{token}"] = Everyone,
        ["Portfolio/Calendar.ics"] = Everyone,         // the feed token is the credential
        ["Admin"] = PmoOnly,
        ["Admin/Areas/{code?}"] = PmoOnly,
        ["Admin/Areas/{code}/Capacity"] = PmoOnly,
        ["Admin/Capacity"] = PmoOnly,
        ["Admin/GateKinds"] = PmoOnly,
        ["Admin/Programmes/{code?}"] = PmoOnly,
        ["Admin/Releases/{code}/Dependencies"] = PmoOnly,
        ["Admin/Releases/{code}/Indicators"] = PmoOnly,
        ["Admin/Releases/{code?}"] = PmoOnly,
        ["Admin/Releases/{code}/Gates"] = PmoOnly,
        ["Admin/Releases/{code}/Gates/{id:int}/Remove"] = PmoOnly,
        ["Admin/Releases/{code}/Impacts"] = PmoOnly,
        ["Admin/Templates"] = PmoOnly,
        ["Admin/People"] = PmoOnly,
        ["Admin/People/Invite"] = PmoOnly,
        ["Admin/People/Import"] = PmoOnly,
        ["Admin/People/{id}"] = PmoOnly,
        ["Audit"] = PmoOnly,
        ["Incidents"] = PmoOnly,
        ["Portfolio/Approvals"] = PmoOnly,
        ["Portfolio/Tracker"] = Portfolio,
        ["Portfolio/Feeds"] = Portfolio,
        // The programme boxes' suggestions: the releases list, open to everyone signed in, has a programme box too.
        ["Portfolio/ProgrammeSuggestions"] = SignedIn,
        ["Portfolio/Heatmap"] = Portfolio,
        ["Portfolio/Heatmap/Cell"] = Portfolio,
        ["Portfolio/Training"] = Portfolio,
        ["Portfolio/Training/Cell"] = Portfolio,
        ["Portfolio/Timeline"] = Portfolio,
        ["Approvals"] = SignedIn,
        ["Approvals/Decide/{id:int}"] = SignedIn,
        ["Approvals/Delegations"] = [Bcm, Sro],
        ["Conditions/{id:int}"] = SignedIn,
        ["Assessments"] = [TeamLead],
        ["Assessments/Edit/{id:int}"] = SignedIn,
        ["Assessments/Submit/{id:int}"] = SignedIn,
        ["Assessments/Submitted/{id:int}"] = SignedIn,
        ["Assessments/View/{id:int}"] = SignedIn,
        ["Indicators/{id:int}"] = SignedIn,
        ["Indicators/{id:int}/Upload"] = PmoOnly,    // and the release's SRO and the area's BCMs, none of whom own indicator 1
        ["Risks"] = SignedIn,
        ["Risks/Add"] = SignedIn,                  // the page refuses (403) all but the PMO and SROs
        ["Risks/{id:int}"] = SignedIn,
        ["Risks/{id:int}/Edit"] = SignedIn,        // the page refuses (403) all but the PMO and the risk's owner
        ["Benefits"] = SignedIn,
        ["Benefits/Programme/{code}"] = SignedIn,
        ["Benefits/{id:int}"] = SignedIn,
        ["Benefits/{id:int}/Upload"] = PmoOnly,       // and benefit 1's owner, a BCM other than the one signed in here
        ["Benefits/Edit/{id:int?}"] = PmoOnly,        // likewise; a BCM may also add a benefit they own (Benefits/Edit)
        ["Releases"] = SignedIn,
        ["Releases/{code}/{tab?}"] = SignedIn,
        ["Releases/{code}/WhatIf"] = SignedIn,
        ["Dev/Mail"] = SignedIn,
        ["Dev/Mail/{id:int}"] = SignedIn,
    };
}
