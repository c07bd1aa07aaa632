using System.Globalization;
using Readiness.Core.Approvals;
using Readiness.Core.Notifications;

namespace Readiness.Core.Reminders;

/// <summary>
/// The daily digest: every item a person is reminded of today in one email, overdue first (most overdue at the
/// top), then due soon. Escalated items say so and name who has not acted.
/// </summary>
public static class ReminderDigestEmail
{
    public const string Kind = "Digest";

    public static Email Compose(string toAddress, string toName, IReadOnlyList<ReminderNotice> notices, Func<string, string> nameOf, string homeLink)
    {
        // Items under a heading of their own (the PMO's gates forecast short) are listed after the person's own work.
        var own = notices.Where(n => n.Item.Section is null).ToList();
        var sections = notices.Where(n => n.Item.Section is not null).GroupBy(n => n.Item.Section!)
            .Select(g => new EmailSection(g.Key, g.OrderBy(n => n.Item.DueOn).ThenBy(n => n.Item.Title, StringComparer.Ordinal).Select(n => Item(n, nameOf)).ToList()))
            .ToList();
        var overdue = own.Where(n => n.Item.Due.IsOverdue).OrderByDescending(n => n.Item.Due.OverdueWorkingDays).ThenBy(n => n.Item.Title, StringComparer.Ordinal).ToList();
        var soon = own.Where(n => !n.Item.Due.IsOverdue).OrderBy(n => n.Item.DueOn).ThenBy(n => n.Item.Title, StringComparer.Ordinal).ToList();
        var escalated = own.Count(n => n.Level > 0);

        var subject = $"Readiness: {Count(notices.Count, "item")} {(notices.Count == 1 ? "needs" : "need")} you" + (overdue.Count > 0 ? $" — {overdue.Count} overdue" : "");
        var intro = (overdue.Count, soon.Count) switch
        {
            (0, 0) => $"{Count(notices.Count, "item")} to look at today: see below.",
            (0, _) => $"{Count(own.Count, "readiness item")} {(own.Count == 1 ? "is" : "are")} due soon.",
            (_, 0) => $"{Count(own.Count, "readiness item")} {(own.Count == 1 ? "is" : "are")} overdue.",
            _ => $"{Count(own.Count, "readiness item")} need your attention: {overdue.Count} overdue (listed first) and {soon.Count} due soon.",
        };
        var items = overdue.Select(n => Item(n, nameOf)).Concat(soon.Select(n => Item(n, nameOf))).ToList();
        return new Email(Kind, toAddress, toName, subject, intro,
            [
                ("Overdue", overdue.Count.ToString(CultureInfo.InvariantCulture)),
                ("Due soon", soon.Count.ToString(CultureInfo.InvariantCulture)),
                ("Escalated to you", escalated > 0 ? escalated.ToString(CultureInfo.InvariantCulture) : ""),
                .. sections.Select(s => (s.Heading, s.Items.Count.ToString(CultureInfo.InvariantCulture))),
            ],
            [], "Open Readiness", homeLink,
            "You get at most one reminder email a day. An item stops appearing once it is done: a return submitted, a decision made, a risk reviewed or its action done, a gate forecast to have every return approved.",
            items, sections);
    }

    private static EmailItem Item(ReminderNotice n, Func<string, string> nameOf)
    {
        var item = n.Item;
        var when = item.Due.IsOverdue
            ? $"OVERDUE by {Count(item.Due.OverdueWorkingDays, "working day")} (due {ApprovalEmails.Day(item.DueOn)})"
            : item.Due.DaysUntilDue == 0 ? $"Due TODAY ({ApprovalEmails.Day(item.DueOn)})"
            : $"Due {ApprovalEmails.Day(item.DueOn)} (in {Count(item.Due.DaysUntilDue, "day")})";
        var line = $"{when}: {item.Title}.";
        if (n.Level > 0)
        {
            var late = item.LateUserIds.Count == 0 ? "nobody is assigned and it has not been " + item.Owed : $"{Names(item.LateUserIds.Select(nameOf).Order(StringComparer.Ordinal).ToList())} {(item.LateUserIds.Count == 1 ? "has" : "have")} not {item.Owed} it";
            line += $" Escalated to you as {n.AsRole}: {late}.";
        }
        return new EmailItem(line, n.Level > 0 ? "See who is holding it up" : "Open it", n.Level > 0 ? item.EscalationLink : item.Link);
    }

    private static string Names(List<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
