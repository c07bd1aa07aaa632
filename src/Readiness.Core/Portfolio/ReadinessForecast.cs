using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Readiness.Core.Assessments;
using Readiness.Core.Common;
using Readiness.Core.Reminders;

namespace Readiness.Core.Portfolio;

/// <summary>Configuration section "Forecast": how far back the burn-up is read, and from when a gate forecast short is flagged.</summary>
public sealed class ForecastOptions
{
    public const string Section = "Forecast";

    /// <summary>The recent burn-up the rates come from, in working days ending today.</summary>
    [Range(1, 60, ErrorMessage = "Forecast:WindowWorkingDays must be between 1 and 60 (working days of recent burn-up).")]
    public int WindowWorkingDays { get; set; } = 10;

    /// <summary>A gate forecast short is flagged from this many calendar days before its due date (T-14 of the gate).</summary>
    [Range(1, 90, ErrorMessage = "Forecast:FlagFromDays must be between 1 and 90 (calendar days before a gate's due date).")]
    public int FlagFromDays { get; set; } = 14;
}

public enum ForecastOutcome
{
    /// <summary>At the recent rates every return is approved by the due date.</summary>
    OnTrack,

    /// <summary>At the recent rates some returns are still not approved on the due date.</summary>
    FallsShort,

    /// <summary>No return was submitted or approved in the window: nothing to project, so today's count stands.</summary>
    NoData,
}

/// <summary>
/// The returns a gate is decided on: how many there are, and the day (in the configured time zone) each was submitted
/// and approved. A return counts as submitted while it is submitted or approved, and as approved once, on its latest
/// approval — the SRO's burn-up counts them the same way.
/// </summary>
public sealed record ReturnActivity(int Total, IReadOnlyList<DateOnly> SubmittedDays, IReadOnlyList<DateOnly> ApprovedDays)
{
    public static ReturnActivity Of(IReadOnlyCollection<(int Id, AssessmentStatus Status, DateTime? SubmittedAtUtc)> returns,
        ILookup<int, DateTime> approvedAtBySubject, Func<DateTime, DateOnly> day, DateOnly today)
    {
        static bool Approved(AssessmentStatus s) => s is AssessmentStatus.Approved or AssessmentStatus.ApprovedWithConditions;
        var submitted = returns.Where(a => a.SubmittedAtUtc is not null && (a.Status == AssessmentStatus.Submitted || Approved(a.Status)))
            .Select(a => day(a.SubmittedAtUtc!.Value)).ToList();
        // A return approved, returned and approved again counts once, on its latest approval.
        var approved = returns.Where(a => Approved(a.Status))
            .Select(a => approvedAtBySubject[a.Id].Select(day).DefaultIfEmpty(today).Max()).ToList();
        return new ReturnActivity(returns.Count, submitted, approved);
    }
}

/// <summary>
/// One gate's forecast: the expected number of approved returns on its due date. <see cref="ExpectedApproved"/> is
/// the projection; <see cref="Expected"/> the whole returns it promises (rounded down: a return is approved or not).
/// </summary>
public sealed record GateForecast(
    int GateId, DateOnly DueOn, int Total, int Submitted, int Approved, int WindowWorkingDays, int SubmittedInWindow, int ApprovedInWindow,
    int WorkingDaysLeft, decimal ExpectedSubmitted, decimal ExpectedApproved, ForecastOutcome Outcome, bool Flagged)
{
    public int Expected => (int)Math.Floor(ExpectedApproved);
    public int ShortBy => Total - Expected;
    public decimal SubmittedPerDay => (decimal)SubmittedInWindow / WindowWorkingDays;
    public decimal ApprovedPerDay => (decimal)ApprovedInWindow / WindowWorkingDays;
}

/// <summary>
/// Projects a gate's approved returns to its due date from the recent burn-up. Over the last N working days (the
/// window, ending today) s returns a working day were submitted and a approved; over the D working days after today up
/// to the due date, submissions reach min(total, submitted + s·D) and approvals min(that, approved + a·D) — a return
/// cannot be approved before it is submitted. Working days come from <see cref="WorkingCalendar"/> (weekends and bank
/// holidays off). Linear on purpose: the PMO can check it by hand, and the page says how it is made.
/// </summary>
public sealed class ForecastModel(ReadinessClock clock, WorkingCalendar calendar, IOptions<ForecastOptions> options)
{
    public int WindowWorkingDays => options.Value.WindowWorkingDays;
    public int FlagFromDays => options.Value.FlagFromDays;

    /// <summary>The first day of the window: the N working days ending today (today included when it is one).</summary>
    public DateOnly WindowStart(DateOnly today)
    {
        var day = today;
        for (var counted = calendar.IsWorkingDay(today) ? 1 : 0; counted < WindowWorkingDays;)
        {
            day = day.AddDays(-1);
            if (calendar.IsWorkingDay(day)) counted++;
        }
        return day;
    }

    public GateForecast For(int gateId, DateOnly dueOn, ReturnActivity activity)
    {
        var today = clock.Today;
        var from = WindowStart(today);
        int InWindow(IEnumerable<DateOnly> days) => days.Count(d => d >= from && d <= today);
        var (submittedIn, approvedIn) = (InWindow(activity.SubmittedDays), InWindow(activity.ApprovedDays));
        var (submitted, approved) = (activity.SubmittedDays.Count, activity.ApprovedDays.Count);
        var left = calendar.WorkingDaysAfter(today, dueOn);
        var (expectedSubmitted, expectedApproved) = Project(activity.Total, submitted, approved, submittedIn, approvedIn, left);
        var outcome = approved >= activity.Total ? ForecastOutcome.OnTrack
            : submittedIn == 0 && approvedIn == 0 ? ForecastOutcome.NoData
            : Math.Floor(expectedApproved) >= activity.Total ? ForecastOutcome.OnTrack
            : ForecastOutcome.FallsShort;
        // A gate with nothing moving is as short as one moving too slowly: both are flagged once the due date is near.
        var flagged = Math.Floor(expectedApproved) < activity.Total && dueOn >= today && dueOn.DayNumber - today.DayNumber <= FlagFromDays;
        return new GateForecast(gateId, dueOn, activity.Total, submitted, approved, WindowWorkingDays, submittedIn, approvedIn, left,
            expectedSubmitted, expectedApproved, outcome, flagged);
    }

    /// <summary>Submitted and approved returns expected after <paramref name="workingDays"/> more working days at the window's rates.</summary>
    public (decimal Submitted, decimal Approved) Project(int total, int submitted, int approved, int submittedInWindow, int approvedInWindow, int workingDays)
    {
        var s = Math.Min(total, submitted + (decimal)submittedInWindow / WindowWorkingDays * workingDays);
        var a = Math.Min(s, approved + (decimal)approvedInWindow / WindowWorkingDays * workingDays);
        return (s, Math.Max(a, approved));
    }

    /// <summary>The projected approvals on each day from today to the due date (the chart's forecast line).</summary>
    public IReadOnlyList<(DateOnly Day, decimal Approved)> Line(GateForecast f)
    {
        var today = clock.Today;
        var line = new List<(DateOnly, decimal)>();
        for (var d = today; d <= f.DueOn; d = d.AddDays(1))
            line.Add((d, Project(f.Total, f.Submitted, f.Approved, f.SubmittedInWindow, f.ApprovedInWindow, calendar.WorkingDaysAfter(today, d)).Approved));
        return line;
    }
}
