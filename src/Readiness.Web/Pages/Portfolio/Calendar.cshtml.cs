using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>
/// The iCalendar feed of gates and go-lives for one programme or one business area. Calendar clients cannot sign in,
/// so the feed is anonymous but needs the person's token (see <see cref="CalendarTokens"/>).
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public class CalendarModel(PortfolioCalendar calendar, CalendarTokens tokens, UserManager<ReadinessUser> users, ReadinessClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Programme { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true, Name = "u")] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Response.ForTokenPage();
        // A deactivated person's feed stops with their access: the URL sits in calendars the force no longer controls.
        if (!tokens.IsValid(UserId, Token) || await users.FindByIdAsync(UserId!) is not { IsActive: true })
            return StatusCode(StatusCodes.Status403Forbidden);
        var items = await calendar.ItemsAsync(Programme, Area, ct);
        var name = Programme ?? Area ?? "portfolio";
        return this.Download(System.Text.Encoding.UTF8.GetBytes(Serialize(items, name)), "text/calendar; charset=utf-8", $"readiness-{name}.ics");
    }

    private string Serialize(IEnumerable<CalendarItem> items, string name)
    {
        var cal = new Calendar { ProductId = "-//Readiness//Gates and go-lives//EN", Method = "PUBLISH" };
        cal.AddProperty("X-PUBLISHED-TTL", "PT6H"); // how often Outlook should refresh a subscribed feed
        cal.AddProperty("X-WR-CALNAME", $"Readiness: {name}");
        cal.AddProperty("X-WR-TIMEZONE", clock.Zone.Id);
        var stamp = new CalDateTime(clock.UtcNow, "UTC");
        foreach (var i in items)
        {
            cal.Events.Add(new CalendarEvent
            {
                Uid = i.Uid,
                Summary = i.Summary,
                Description = i.Description,
                DtStart = new CalDateTime(i.Day),
                DtEnd = new CalDateTime(i.Day.AddDays(1)),
                DtStamp = stamp,
                Transparency = TransparencyType.Transparent,
            });
        }
        return new CalendarSerializer().SerializeToString(cal) ?? "";
    }
}
