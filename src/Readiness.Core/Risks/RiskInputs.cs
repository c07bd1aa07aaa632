using Microsoft.EntityFrameworkCore;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.Risks;

/// <summary>The add / edit form as posted. Releases and areas are codes separated by commas (the portfolio has hundreds).</summary>
public sealed record RiskInput(
    RiskLevel? Level, string? Programme, string? Title, string? Cause, string? Event, string? Effect, string? OwnerUserId,
    int? Likelihood, int? Impact, RiskProximity? Proximity, string? Controls, DateOnly? ReviewOn, RiskStatus? Status, string? Releases, string? Areas);

/// <summary>A new action on a risk: what, who, by when.</summary>
public sealed record RiskActionInput(string? Description, string? OwnerUserId, DateOnly? DueOn);

/// <summary>Who may do what to the register: everyone signed in reads it; the PMO and SROs add; the PMO edits every risk, an owner theirs.</summary>
public static class RiskAccess
{
    public static bool CanAdd(Actor actor) => actor.IsIn(Roles.Pmo) || actor.IsIn(Roles.Sro);

    public static bool CanEdit(Actor actor, string ownerUserId) => actor.IsIn(Roles.Pmo) || actor.UserId == ownerUserId;

    /// <summary>An action is marked done by whoever may edit the risk, or by the action's own owner.</summary>
    public static bool CanComplete(Actor actor, string riskOwnerUserId, string actionOwnerUserId) =>
        CanEdit(actor, riskOwnerUserId) || actor.UserId == actionOwnerUserId;

    public const string NotAllowedToAdd = "Only the PMO and SROs can add risks to the register.";
    public const string NotAllowedToEdit = "Only the PMO and the risk's owner can change this risk.";
}

/// <summary>
/// Checks a <see cref="RiskInput"/> against the database (owner, programme, release and area codes) and turns it into
/// <see cref="RiskDetails"/>; every problem is reported on its field, and nothing is written.
/// </summary>
public sealed class RiskInputCheck(ReadinessDbContext db, ReadinessClock clock)
{
    public const int TitleLimit = 200;

    public async Task<(RiskDetails? Details, List<FieldError> Errors)> CheckAsync(RiskInput input, DateOnly? currentReviewOn, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        void Text(string field, string? value, int limit, string missing, string name)
        {
            if (string.IsNullOrWhiteSpace(value)) errors.Add(new(field, missing));
            else if (TextLimits.TooLong(value, limit, name) is { } tooLong) errors.Add(new(field, tooLong));
        }
        Text("Title", input.Title, TitleLimit, "Enter a short title for the risk.", "The title");
        Text("Cause", input.Cause, TextLimits.Comment, "Say what could cause the risk (the cause).", "The cause");
        Text("Event", input.Event, TextLimits.Comment, "Say what could happen (the event).", "The event");
        Text("Effect", input.Effect, TextLimits.Comment, "Say what it would do to delivery or operations (the effect).", "The effect");
        if (TextLimits.TooLong(input.Controls, TextLimits.Comment, "The controls") is { } longControls) errors.Add(new("Controls", longControls));
        if (input.Level is not { } level || !Enum.IsDefined(level)) errors.Add(new("Level", "Choose the level: portfolio, programme or release."));
        if (input.Status is not { } status || !Enum.IsDefined(status)) errors.Add(new("Status", "Choose the status."));
        if (input.Proximity is not { } proximity || !Enum.IsDefined(proximity)) errors.Add(new("Proximity", "Choose how soon the risk could strike (proximity)."));
        if (input.Likelihood is not { } l || !RiskScoring.IsRating(l)) errors.Add(new("Likelihood", "Choose the likelihood, 1 (rare) to 5 (almost certain)."));
        if (input.Impact is not { } i || !RiskScoring.IsRating(i)) errors.Add(new("Impact", "Choose the impact, 1 (minimal) to 5 (severe)."));
        var today = clock.Today;
        if (input.ReviewOn is not { } review) errors.Add(new("ReviewOn", "Enter the date of the next review."));
        else if (review < today && review != currentReviewOn) errors.Add(new("ReviewOn", "The next review must be today or later."));
        if (string.IsNullOrWhiteSpace(input.OwnerUserId) || !await db.Users.AnyAsync(u => u.Id == input.OwnerUserId && u.DeactivatedAtUtc == null, ct))
            errors.Add(new("OwnerUserId", "Choose the risk's owner from the list."));

        int? programmeId = null;
        if (input.Level == RiskLevel.Programme)
        {
            var code = input.Programme?.Trim() ?? "";
            programmeId = await db.Programmes.Where(p => p.Code == code).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
            if (programmeId is null) errors.Add(new("Programme", "A programme risk needs its programme: choose one from the list."));
        }
        var releases = await ResolveAsync(input.Releases, "Releases", "release", () => db.Releases.Select(r => new { r.Code, r.Id }).ToDictionaryAsync(r => r.Code, r => r.Id, ct), errors);
        var areas = await ResolveAsync(input.Areas, "Areas", "business area", () => db.BusinessAreas.Select(a => new { a.Code, a.Id }).ToDictionaryAsync(a => a.Code, a => a.Id, ct), errors);
        if (input.Level == RiskLevel.Release && releases.Count == 0 && !errors.Any(e => e.Field == "Releases"))
            errors.Add(new("Releases", "A release risk needs at least one release: enter its code, e.g. CONNECT-P1."));
        if (errors.Count > 0) return (null, errors);
        return (new RiskDetails(input.Level!.Value, programmeId, input.Title!, input.Cause!, input.Event!, input.Effect!, input.OwnerUserId!, input.Proximity!.Value,
            input.Controls ?? "", input.ReviewOn!.Value, input.Status!.Value, releases, areas), errors);
    }

    public async Task<List<FieldError>> CheckActionAsync(RiskActionInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.Description)) errors.Add(new("Description", "Say what the action is."));
        else if (TextLimits.TooLong(input.Description, TextLimits.Comment, "The action") is { } tooLong) errors.Add(new("Description", tooLong));
        if (string.IsNullOrWhiteSpace(input.OwnerUserId) || !await db.Users.AnyAsync(u => u.Id == input.OwnerUserId && u.DeactivatedAtUtc == null, ct))
            errors.Add(new("OwnerUserId", "Choose who owns the action from the list."));
        if (input.DueOn is not { } due) errors.Add(new("DueOn", "Enter the date the action is due."));
        else if (due < clock.Today) errors.Add(new("DueOn", "The action's due date must be today or later."));
        return errors;
    }

    /// <summary>Codes separated by commas (or spaces), each one known; the unknown ones are named on the field.</summary>
    private static async Task<List<int>> ResolveAsync(string? text, string field, string what, Func<Task<Dictionary<string, int>>> known, List<FieldError> errors)
    {
        var codes = (text ?? "").Split([',', ' ', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToUpperInvariant()).Distinct().ToList();
        if (codes.Count == 0) return [];
        var byCode = await known();
        var unknown = codes.Where(c => !byCode.ContainsKey(c)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add(new(field, $"No {what} has the code {string.Join(", ", unknown)}. Use codes as the portfolio shows them, separated by commas."));
            return [];
        }
        return codes.Select(c => byCode[c]).ToList();
    }
}
