using System.ComponentModel.DataAnnotations;

namespace Readiness.Infrastructure.Reminders;

/// <summary>Configuration section "Reminders": schedules per gate kind and the bank holidays that are not working days.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>
    /// England and Wales bank holidays in gov.uk's own JSON format (https://www.gov.uk/bank-holidays.json), so the PMO
    /// can replace the file with a fresh download. Relative paths are resolved against the application's base
    /// directory, where the build copies seed-data/. Empty: no file, only <see cref="BankHolidays"/>.
    /// </summary>
    public string BankHolidaysPath { get; set; } = "seed-data/bank-holidays.json";

    /// <summary>Extra non-working days (yyyy-MM-dd) on top of the file, e.g. a one-off national holiday.</summary>
    public string[]? BankHolidays { get; set; }

    /// <summary>Schedules keyed by gate kind (Readiness, GoNoGo, PostGoLiveReview); a kind left out uses the defaults.</summary>
    public Dictionary<string, GateReminderOptions> Gates { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string? ResolvedBankHolidaysPath => string.IsNullOrWhiteSpace(BankHolidaysPath) ? null
        : Path.IsPathRooted(BankHolidaysPath) ? BankHolidaysPath : Path.Combine(AppContext.BaseDirectory, BankHolidaysPath);
}

/// <summary>"Reminders:Gates:&lt;GateKind&gt;". Arrays default to null so configured values replace the defaults rather than append to them.</summary>
public sealed class GateReminderOptions
{
    /// <summary>Calendar days before a return's due date to remind its team leads; default [7, 3, 1].</summary>
    public int[]? DaysBefore { get; set; }

    public int EscalateToBcmAfterOverdueWorkingDays { get; set; } = 2;
    public int EscalateToSroAfterOverdueWorkingDays { get; set; } = 5;

    /// <summary>Calendar days before an approval request's due date to remind the approver; default [2, 1].</summary>
    public int[]? ApprovalDaysBefore { get; set; }

    /// <summary>Overdue working days after which a BCM approval goes to the SRO, and an SRO decision to the PMO.</summary>
    public int EscalateApprovalAfterOverdueWorkingDays { get; set; } = 2;
}

/// <summary>The reminder sweep's cron, kept with the other schedules in "Scheduling" (read in Time:TimeZone, not UTC).</summary>
public sealed class ReminderSchedulingOptions
{
    [Required(ErrorMessage = "Scheduling:ReminderCron is required, e.g. '0 7 * * *' (07:00 every day).")]
    public string ReminderCron { get; set; } = "0 7 * * *";
}
