using Readiness.Core.Risks;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Risks;

/// <summary>The register as CSV (the shared writer) and Excel (ClosedXML): the page's columns and words, and each risk's texts.</summary>
public static class RiskExports
{
    public static readonly IReadOnlyList<string> Headers =
    [
        "Risk", "Title", "Level", "Programme", "Releases", "Business areas", "Cause", "Event", "Effect", "Owner", "Likelihood", "Impact", "Score", "Band",
        "Proximity", "Controls", "Status", "Review on", "Review overdue", "Open actions", "Overdue actions",
    ];

    private static object[] Cells(RiskExportRow e)
    {
        var r = e.Row;
        return
        [
            r.Reference, r.Title, RiskScoring.Words(r.Level), r.Programme ?? "", string.Join(", ", r.Releases), string.Join(", ", e.Areas), e.Cause, e.Event, e.Effect,
            r.OwnerName, r.Likelihood, r.Impact, r.Score, RiskScoring.Words(r.Band), RiskScoring.Words(r.Proximity), e.Controls, RiskScoring.Words(r.Status),
            r.ReviewOn, r.ReviewOverdue ? "Yes" : "No", r.OpenActions, r.OverdueActions,
        ];
    }

    public static byte[] Csv(IEnumerable<RiskExportRow> rows) => CsvFile.Write(Headers, rows.Select(r => Spreadsheet.CsvCells(Cells(r))));

    public static byte[] Excel(IEnumerable<RiskExportRow> rows) =>
        Spreadsheet.Excel("Risk register", Headers, rows.Select(Cells), c => c is 2 or 7 or 8 or 9 or 16 ? 40 : 14);
}
