using Readiness.Core.Notifications;
using Readiness.Core.Reminders;

namespace Readiness.Core.Tests.Reminders;

public sealed class ReminderDigestEmailTests
{
    private static ReminderNotice Notice(int id, string title, int month, int day, ReminderDue due, int level = 0, string asRole = "", IReadOnlyList<string>? late = null) =>
        new("u1", level, new ReminderItem("Return", id, title, new DateOnly(2026, month, day), due, $"https://readiness.example/Assessments/Edit/{id}", late ?? ["tl1", "tl2"], "submitted", $"https://readiness.example/Assessments/View/{id}"), asRole);

    private static string NameOf(string id) => id switch { "tl1" => "Priya Shah", "tl2" => "Liam O'Connor", _ => id };

    [Fact]
    public void One_email_lists_every_item_overdue_first_with_a_subject_that_counts_them()
    {
        var email = ReminderDigestEmail.Compose("bcm@readiness.demo", "Simon", [
            Notice(1, "LD-WAVE1 Custody – Business readiness return", 3, 5, new ReminderDue([0], 0, 3)),
            Notice(2, "CONNECT-P1 Custody – Business readiness return", 2, 26, new ReminderDue([0, 1], 2, -4), 1, "the area's BCM"),
            Notice(3, "CC-REPLACE Custody – Business readiness return", 3, 9, new ReminderDue([0], 0, 7)),
        ], NameOf, "https://readiness.example/");

        Assert.Equal("Readiness: 3 items need you — 1 overdue", email.Subject);
        Assert.Equal(3, email.Items!.Count);
        Assert.StartsWith("OVERDUE by 2 working days (due Thu 26 Feb 2026): CONNECT-P1 Custody", email.Items![0].Text, StringComparison.Ordinal);
        Assert.StartsWith("Due Thu 5 Mar 2026 (in 3 days): LD-WAVE1", email.Items![1].Text, StringComparison.Ordinal);
        Assert.StartsWith("Due Mon 9 Mar 2026 (in 7 days): CC-REPLACE", email.Items![2].Text, StringComparison.Ordinal);
        Assert.Equal(ReminderDigestEmail.Kind, email.Kind);
        Assert.Equal(new EmailItem(email.Items![1].Text, "Open it", "https://readiness.example/Assessments/Edit/1"), email.Items![1]);
        Assert.Empty(email.Lines);
    }

    [Fact]
    public void An_escalated_item_says_so_and_names_who_has_not_acted()
    {
        var email = ReminderDigestEmail.Compose("sro@readiness.demo", "Rachel", [
            Notice(2, "CONNECT-P1 Custody – Business readiness return", 2, 26, new ReminderDue([0, 1, 2], 5, -7), 2, "the release's SRO"),
        ], NameOf, "https://readiness.example/");

        Assert.Equal("Readiness: 1 item needs you — 1 overdue", email.Subject);
        Assert.Contains("Escalated to you as the release's SRO: Liam O'Connor and Priya Shah have not submitted it.", email.Items![0].Text, StringComparison.Ordinal);
        // The SRO cannot edit a team lead's return: an escalation links to where they can see it.
        Assert.Equal("https://readiness.example/Assessments/View/2", email.Items![0].Url);
        Assert.Equal("See who is holding it up", email.Items![0].LinkText);
    }

    [Fact]
    public void A_digest_with_nothing_overdue_says_only_how_many_are_due()
    {
        var email = ReminderDigestEmail.Compose("tl@readiness.demo", "Priya", [Notice(1, "LD-WAVE1 Custody – return", 3, 5, new ReminderDue([0], 0, 3))], NameOf, "https://readiness.example/");

        Assert.Equal("Readiness: 1 item needs you", email.Subject);
        Assert.DoesNotContain("Escalated", email.Items![0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Items_with_a_section_are_listed_under_its_heading_after_the_own_work_of_the_person()
    {
        var forecast = new ReminderNotice("u1", 0, new ReminderItem("ForecastShort", 9, "LD-WAVE1 Business readiness: forecast 0 of 5", new DateOnly(2026, 3, 5),
            new ReminderDue([0], 0, 3), "https://readiness.example/Releases/LD-WAVE1", [], "approved", "https://readiness.example/Releases/LD-WAVE1", "Gates forecast short"), "PMO");

        var email = ReminderDigestEmail.Compose("pmo@readiness.demo", "Helen", [forecast, Notice(1, "CC-REPLACE – return", 3, 9, new ReminderDue([0], 0, 7))], NameOf, "https://readiness.example/");

        var item = Assert.Single(email.Items!);
        Assert.StartsWith("Due Mon 9 Mar 2026 (in 7 days): CC-REPLACE", item.Text, StringComparison.Ordinal);
        var section = Assert.Single(email.Sections!);
        Assert.Equal("Gates forecast short", section.Heading);
        Assert.Equal("Due Thu 5 Mar 2026 (in 3 days): LD-WAVE1 Business readiness: forecast 0 of 5.", Assert.Single(section.Items).Text);
        Assert.Contains(("Gates forecast short", "1"), email.Facts);
        Assert.Equal("Readiness: 2 items need you", email.Subject);
    }
}
