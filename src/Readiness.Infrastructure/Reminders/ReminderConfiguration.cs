using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Readiness.Core.Portfolio;
using Readiness.Core.Reminders;

namespace Readiness.Infrastructure.Reminders;

/// <summary>The calendar and schedules built from configuration, with any problems found building them.</summary>
public sealed record ReminderSetup(WorkingCalendar Calendar, ReminderSettings Settings, IReadOnlyList<string> Problems);

/// <summary>
/// Turns <see cref="ReminderOptions"/> into the working calendar and the schedules, collecting every problem with
/// the key (or file, JSON path and line) that holds it, so one start-up message lists all the fixes.
/// </summary>
public static class ReminderConfiguration
{
    private const string Prefix = ReminderOptions.Section;

    public static ReminderSetup Build(ReminderOptions options)
    {
        var problems = new List<string>();
        var holidays = new List<DateOnly>();
        if (options.ResolvedBankHolidaysPath is { } path) holidays.AddRange(ReadFile(path, options.BankHolidaysPath, problems));
        foreach (var (text, i) in (options.BankHolidays ?? []).Select((t, i) => (t, i)))
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) holidays.Add(day);
            else problems.Add($"{Prefix}:BankHolidays:{i} '{text}' is not a date. Write it as yyyy-MM-dd, e.g. 2026-12-28.");
        }

        var byKind = new Dictionary<GateKind, GateReminders>();
        foreach (var (key, gate) in options.Gates)
        {
            if (!Enum.TryParse<GateKind>(key, ignoreCase: true, out var kind) || int.TryParse(key, out _))
            {
                problems.Add($"{Prefix}:Gates:{key} is not a gate kind. Use one of: {string.Join(", ", Enum.GetNames<GateKind>())}.");
                continue;
            }
            var at = $"{Prefix}:Gates:{key}";
            var returnsBefore = Days(gate.DaysBefore, [7, 3, 1], $"{at}:DaysBefore", problems);
            var approvalsBefore = Days(gate.ApprovalDaysBefore, [2, 1], $"{at}:ApprovalDaysBefore", problems);
            if (gate.EscalateToBcmAfterOverdueWorkingDays is < 1 or > 60)
                problems.Add($"{at}:EscalateToBcmAfterOverdueWorkingDays must be from 1 to 60 (working days overdue), not {gate.EscalateToBcmAfterOverdueWorkingDays}.");
            if (gate.EscalateToSroAfterOverdueWorkingDays <= gate.EscalateToBcmAfterOverdueWorkingDays || gate.EscalateToSroAfterOverdueWorkingDays > 60)
                problems.Add($"{at}:EscalateToSroAfterOverdueWorkingDays must be more than EscalateToBcmAfterOverdueWorkingDays ({gate.EscalateToBcmAfterOverdueWorkingDays}) and at most 60, not {gate.EscalateToSroAfterOverdueWorkingDays}.");
            if (gate.EscalateApprovalAfterOverdueWorkingDays is < 1 or > 60)
                problems.Add($"{at}:EscalateApprovalAfterOverdueWorkingDays must be from 1 to 60 (working days overdue), not {gate.EscalateApprovalAfterOverdueWorkingDays}.");
            byKind[kind] = new GateReminders(
                new ReminderSchedule(returnsBefore, [gate.EscalateToBcmAfterOverdueWorkingDays, gate.EscalateToSroAfterOverdueWorkingDays]),
                new ReminderSchedule(approvalsBefore, [gate.EscalateApprovalAfterOverdueWorkingDays]));
        }
        return new ReminderSetup(new WorkingCalendar(holidays), new ReminderSettings(byKind), problems);
    }

    private static int[] Days(int[]? configured, int[] fallback, string key, List<string> problems)
    {
        var days = configured ?? fallback;
        if (days.Any(d => d is < 1 or > 90) || days.Distinct().Count() != days.Length)
            problems.Add($"{key} must list distinct whole days from 1 to 90 before the due date, e.g. [7, 3, 1]; got [{string.Join(", ", days)}].");
        return days;
    }

    /// <summary>Reads gov.uk's bank-holidays.json shape, England and Wales division only.</summary>
    private static List<DateOnly> ReadFile(string path, string configured, List<string> problems)
    {
        var at = $"{Prefix}:BankHolidaysPath '{configured}'";
        if (!File.Exists(path))
        {
            problems.Add($"{at}: file not found at {path}. Point it at a copy of https://www.gov.uk/bank-holidays.json, or set it to \"\" and list dates in {Prefix}:BankHolidays.");
            return [];
        }
        try
        {
            var doc = JsonSerializer.Deserialize<BankHolidayFile>(File.ReadAllText(path));
            var events = doc?.EnglandAndWales?.Events;
            if (events is null)
            {
                problems.Add($"{at}: no \"england-and-wales\".\"events\" list found; the file must have gov.uk's bank-holidays.json shape.");
                return [];
            }
            var missing = events.Select((e, i) => (e, i)).Where(x => x.e.Date is null).Select(x => $"$['england-and-wales'].events[{x.i}].date").ToList();
            if (missing.Count > 0) problems.Add($"{at}: {string.Join(", ", missing)} missing; every event needs a date (yyyy-MM-dd).");
            return events.Where(e => e.Date is not null).Select(e => e.Date!.Value).ToList();
        }
        catch (JsonException ex)
        {
            // The serializer names the JSON path and (zero-based) line of the bad value, e.g. a date "2026-13-01".
            problems.Add($"{at}: line {(ex.LineNumber ?? 0) + 1}, {ex.Path}: not a valid entry; dates are written yyyy-MM-dd, e.g. \"2026-12-28\".");
            return [];
        }
    }

    private sealed record BankHolidayFile([property: JsonPropertyName("england-and-wales")] BankHolidayDivision? EnglandAndWales);

    private sealed record BankHolidayDivision([property: JsonPropertyName("events")] List<BankHolidayEvent>? Events);

    private sealed record BankHolidayEvent([property: JsonPropertyName("title")] string? Title, [property: JsonPropertyName("date")] DateOnly? Date);
}
