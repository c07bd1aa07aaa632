using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Audit;
using Readiness.Core.Identity;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Audit;

/// <summary>The PMO's view of the append-only audit log: search, page through, and see whether the hash chain is intact.</summary>
[Authorize(Roles = Roles.Pmo)]
public class IndexModel(AuditQueries audit, Readiness.Core.Common.ReadinessClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Text { get; set; }
    [BindProperty(SupportsGet = true)] public string? SubjectType { get; set; }
    [BindProperty(SupportsGet = true)] public string? ActorEmail { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Release { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public AuditPage Result { get; private set; } = null!;
    public Readiness.Core.Common.ReadinessClock Clock => clock;

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await audit.SearchAsync(new AuditFilter(Text, SubjectType, ActorEmail, From, To, Release, PageNumber), ct);

    /// <summary>Every entry matching this search (all pages), newest first, as CSV.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var rows = await audit.ExportAsync(new AuditFilter(Text, SubjectType, ActorEmail, From, To, Release), ct);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var csv = CsvFile.Write(["#", $"Time ({clock.Zone.Id})", "Actor", "On behalf of", "Channel", "Action", "Subject type", "Subject id", "Summary", "IP address"],
            rows.Select(e => new[] { e.ChainIndex.ToString(inv), clock.ToLocal(e.AtUtc).ToString("yyyy-MM-dd HH:mm:ss", inv), e.Actor ?? "System",
                e.OnBehalfOf ?? "", AuditWords.Channel(e.Channel), e.Action, e.SubjectType, e.SubjectId, e.Summary, e.IpAddress ?? "" }));
        return this.Download(csv, Downloads.Csv, "audit-log.csv");
    }

    /// <summary>Passed to <see cref="PageUrl"/> for the CSV export of every page of this search.</summary>
    public const int ExportAll = 0;

    /// <summary>This search's query string for another page of results (or, with <see cref="ExportAll"/>, its CSV export).</summary>
    public string PageUrl(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["Text"] = Text, ["SubjectType"] = SubjectType, ["ActorEmail"] = ActorEmail,
            ["From"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["To"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Release"] = Release, ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (page == ExportAll) (query["p"], query["handler"]) = (null, "Csv");
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Audit", query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
