using System.ComponentModel.DataAnnotations;

namespace Readiness.Infrastructure.Startup;

/// <summary>Configuration section "Time".</summary>
public sealed class TimeOptions : IValidatableObject
{
    public const string Section = "Time";

    /// <summary>IANA time zone used for "today", due dates and the times shown to people.</summary>
    public string TimeZone { get; set; } = "Europe/London";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
            yield return new ValidationResult($"Time:TimeZone '{TimeZone}' is not a known time zone. Use an IANA id such as 'Europe/London'.", [nameof(TimeZone)]);
    }
}
