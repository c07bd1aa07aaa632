using System.ComponentModel.DataAnnotations;

namespace Readiness.Infrastructure.Approvals;

/// <summary>Configuration section "Approvals".</summary>
public sealed class ApprovalOptions : IValidatableObject
{
    public const string Section = "Approvals";

    /// <summary>
    /// The address people reach the app at, used to build the links in emails. Never taken from the request's
    /// Host header (DESIGN §6), so a forged Host cannot redirect a decision link.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080/";

    /// <summary>How long a decision link stays valid (never past the end of the decision's due day).</summary>
    public int TokenLifetimeHours { get; set; } = 72;

    /// <summary>
    /// Working days an approver always has from being asked: a return submitted late is due this long after submission
    /// rather than on its gate's (past) due date, so it does not arrive overdue and escalate at once.
    /// </summary>
    public int MinimumDecisionWorkingDays { get; set; } = 2;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            yield return new ValidationResult($"Approvals:PublicBaseUrl '{PublicBaseUrl}' must be an absolute http(s) address, e.g. https://readiness.example.org/.", [nameof(PublicBaseUrl)]);
        if (TokenLifetimeHours is < 1 or > 24 * 30)
            yield return new ValidationResult("Approvals:TokenLifetimeHours must be from 1 to 720.", [nameof(TokenLifetimeHours)]);
        if (MinimumDecisionWorkingDays is < 0 or > 20)
            yield return new ValidationResult("Approvals:MinimumDecisionWorkingDays must be from 0 to 20 working days.", [nameof(MinimumDecisionWorkingDays)]);
    }

    /// <summary>The base URL with a trailing slash, so relative links append rather than replace the last segment.</summary>
    public Uri BaseUri => new(PublicBaseUrl.EndsWith('/') ? PublicBaseUrl : PublicBaseUrl + "/");
}
