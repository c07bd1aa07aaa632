using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Common;
using Readiness.Core.Persistence;
using Readiness.Core.Workflows;

namespace Readiness.Core.Audit;

/// <summary>What the PMO searches the audit log by. Dates are calendar days in the configured time zone, inclusive.</summary>
public sealed record AuditFilter(string? Text = null, string? SubjectType = null, string? ActorEmail = null, DateOnly? From = null, DateOnly? To = null,
    string? Release = null, int Page = 1);

/// <summary>One audit entry for display; <see cref="Subject"/> names what it is about in words ("the Custody return for CONNECT-P1").</summary>
public sealed record AuditRow(long ChainIndex, DateTime AtUtc, string? Actor, string? OnBehalfOf, AuditChannel Channel, string Action,
    string SubjectType, string SubjectId, string Summary, string? IpAddress, string? Subject = null)
{
    /// <summary>The entry as a sentence ("Simon Fairweather approved the Custody return for CONNECT-P1").</summary>
    public string Sentence => ActivityWords.Entry(Action, Actor, OnBehalfOf, Subject, Summary);
}

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Page, int PageSize, int Total, IReadOnlyList<string> SubjectTypes, ChainCheck Chain)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Read models over the audit log: the PMO's search with the chain check, and a release's recent trail.</summary>
public sealed class AuditQueries(ReadinessDbContext db, AuditVerification verification, ReadinessClock clock)
{
    public const int PageSize = 50;
    public const string ApprovalRequestSubject = "ApprovalRequest";

    public async Task<AuditPage> SearchAsync(AuditFilter filter, CancellationToken ct)
    {
        var query = await FilteredAsync(filter, ct);
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var rows = await RowsAsync(query.OrderByDescending(e => e.ChainIndex).Skip((page - 1) * PageSize).Take(PageSize), ct);
        var types = await db.AuditEntries.Select(e => e.SubjectType).Distinct().OrderBy(t => t).ToListAsync(ct);
        var chain = await verification.CheckAsync(ct);
        return new AuditPage(rows, page, PageSize, total, types, chain);
    }

    /// <summary>
    /// Every entry matching the search, newest first, for the CSV export: one query and one look-up of names per
    /// batch, without the chain walk and count each page of <see cref="SearchAsync"/> makes.
    /// </summary>
    public async Task<IReadOnlyList<AuditRow>> ExportAsync(AuditFilter filter, CancellationToken ct)
    {
        var query = await FilteredAsync(filter, ct);
        var rows = new List<AuditRow>();
        // Keyset batches down the chain index: entries appended while exporting are not picked up half-way.
        var below = long.MaxValue;
        while (true)
        {
            var from = below;
            var some = await RowsAsync(query.Where(e => e.ChainIndex < from).OrderByDescending(e => e.ChainIndex).Take(ExportBatch), ct);
            rows.AddRange(some);
            if (some.Count < ExportBatch) return rows;
            below = some[^1].ChainIndex;
        }
    }

    private const int ExportBatch = 2000;

    private async Task<IQueryable<AuditEntry>> FilteredAsync(AuditFilter filter, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (Trimmed(filter.Text) is { } text)
        {
            var t = text.ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL upper(): a case-insensitive match the same on every provider.
            query = query.Where(e => e.Action.ToUpper().Contains(t) || e.Summary.ToUpper().Contains(t)
                || e.SubjectType.ToUpper().Contains(t) || e.SubjectId.ToUpper().Contains(t));
#pragma warning restore CA1304, CA1311, CA1862
        }
        if (Trimmed(filter.SubjectType) is { } type) query = query.Where(e => e.SubjectType == type);
        if (Trimmed(filter.ActorEmail) is { } email)
        {
            var e = email.ToUpperInvariant();
            // Identity keeps an upper-cased copy of every address for look-ups.
            var ids = await db.Users.Where(u => u.NormalizedEmail != null && u.NormalizedEmail.Contains(e)).Select(u => u.Id).ToListAsync(ct);
            query = query.Where(x => (x.ActorUserId != null && ids.Contains(x.ActorUserId)) || (x.OnBehalfOfUserId != null && ids.Contains(x.OnBehalfOfUserId)));
        }
        if (filter.From is { } from)
        {
            var fromUtc = clock.StartOfDayUtc(from);
            query = query.Where(e => e.AtUtc >= fromUtc);
        }
        if (filter.To is { } to)
        {
            var toUtc = clock.StartOfDayUtc(to.AddDays(1));
            query = query.Where(e => e.AtUtc < toUtc);
        }
        if (Trimmed(filter.Release) is { } release)
        {
            var releaseId = await db.Releases.Where(r => r.Code == release).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
            query = await ScopeToReleaseAsync(query, releaseId ?? 0, ct);
        }
        return query;
    }

    /// <summary>The newest entries about a release's gates, area returns and approval requests.</summary>
    public async Task<IReadOnlyList<AuditRow>> ForReleaseAsync(int releaseId, int take, CancellationToken ct)
    {
        var query = await ScopeToReleaseAsync(db.AuditEntries.AsNoTracking(), releaseId, ct);
        return await RowsAsync(query.OrderByDescending(e => e.ChainIndex).Take(take), ct);
    }

    private async Task<IQueryable<AuditEntry>> ScopeToReleaseAsync(IQueryable<AuditEntry> query, int releaseId, CancellationToken ct)
    {
        static List<string> Text(List<int> ids) => ids.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        var returns = Text(await db.Assessments.Where(a => a.ReleaseId == releaseId).Select(a => a.Id).ToListAsync(ct));
        var gates = Text(await db.Gates.Where(g => g.ReleaseId == releaseId).Select(g => g.Id).ToListAsync(ct));
        var requests = Text(await db.ApprovalRequests.Where(r => r.ReleaseId == releaseId).Select(r => r.Id).ToListAsync(ct));
        return query.Where(e => (e.SubjectType == SubjectKinds.AreaReturn && returns.Contains(e.SubjectId))
            || (e.SubjectType == SubjectKinds.Gate && gates.Contains(e.SubjectId))
            || (e.SubjectType == ApprovalRequestSubject && requests.Contains(e.SubjectId)));
    }

    private async Task<List<AuditRow>> RowsAsync(IQueryable<AuditEntry> query, CancellationToken ct)
    {
        var entries = await query
            .Select(e => new { e.ChainIndex, e.AtUtc, e.ActorUserId, e.OnBehalfOfUserId, e.Channel, e.Action, e.SubjectType, e.SubjectId, e.Summary, e.IpAddress })
            .ToListAsync(ct);
        var userIds = entries.Select(e => e.ActorUserId).Concat(entries.Select(e => e.OnBehalfOfUserId)).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string? Name(string? id) => id is null ? null : names.GetValueOrDefault(id, "(unknown user)");
        var subjects = await SubjectsAsync(entries.Select(e => (e.SubjectType, e.SubjectId)).Distinct().ToList(), ct);
        return entries.Select(e => new AuditRow(e.ChainIndex, e.AtUtc, Name(e.ActorUserId), Name(e.OnBehalfOfUserId), e.Channel, e.Action,
            e.SubjectType, e.SubjectId, e.Summary, e.IpAddress, subjects.GetValueOrDefault((e.SubjectType, e.SubjectId)))).ToList();
    }

    /// <summary>
    /// What each entry is about, in words: one query per kind of subject in the batch (returns, gates, approval
    /// requests, areas, indicators), whatever the number of entries. Kinds without a better name keep their id.
    /// </summary>
    private async Task<Dictionary<(string, string), string>> SubjectsAsync(List<(string Type, string Id)> keys, CancellationToken ct)
    {
        static List<int> Ints(IEnumerable<(string Type, string Id)> ks, string type) =>
            ks.Where(k => k.Type == type).Select(k => int.TryParse(k.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1).Where(i => i > 0).ToList();
        static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);
        var labels = new Dictionary<(string, string), string>();
        var requestIds = Ints(keys, ApprovalRequestSubject);
        var requests = await db.ApprovalRequests.AsNoTracking().Where(r => requestIds.Contains(r.Id))
            .Select(r => new { r.Id, r.Kind, r.SubjectId, r.ReleaseId }).ToListAsync(ct);
        var returnIds = Ints(keys, SubjectKinds.AreaReturn).Concat(requests.Where(r => r.Kind == Approvals.ApprovalKind.AreaReturn).Select(r => r.SubjectId)).Distinct().ToList();
        var returns = await (from a in db.Assessments
                             join b in db.BusinessAreas on a.BusinessAreaId equals b.Id
                             join r in db.Releases on a.ReleaseId equals r.Id
                             where returnIds.Contains(a.Id)
                             select new { a.Id, Area = b.Name, r.Code }).ToDictionaryAsync(x => x.Id, x => $"the {x.Area} return for {x.Code}", ct);
        foreach (var (id, label) in returns) labels[(SubjectKinds.AreaReturn, Key(id))] = label;
        var gateIds = Ints(keys, SubjectKinds.Gate);
        foreach (var g in await db.Gates.AsNoTracking().Where(g => gateIds.Contains(g.Id)).Select(g => new { g.Id, g.Name, g.Release!.Code }).ToListAsync(ct))
            labels[(SubjectKinds.Gate, Key(g.Id))] = $"the {g.Name} gate of {g.Code}";
        var releaseIds = requests.Select(q => q.ReleaseId).Distinct().ToList();
        var releaseCodes = await db.Releases.AsNoTracking().Where(r => releaseIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Code, ct);
        foreach (var r in requests)
            labels[(ApprovalRequestSubject, Key(r.Id))] = r.Kind == Approvals.ApprovalKind.AreaReturn
                ? returns.GetValueOrDefault(r.SubjectId, "a return")
                : $"the go / no-go decision for {releaseCodes.GetValueOrDefault(r.ReleaseId, "the release")}";
        var areaCodes = keys.Where(k => k.Type == "BusinessArea").Select(k => k.Id).ToList();
        foreach (var a in await db.BusinessAreas.AsNoTracking().Where(a => areaCodes.Contains(a.Code)).Select(a => new { a.Code, a.Name }).ToListAsync(ct))
            labels[("BusinessArea", a.Code)] = a.Name;
        var alertIds = Ints(keys, "IndicatorAlert");
        var alerts = await db.IndicatorAlerts.AsNoTracking().Where(a => alertIds.Contains(a.Id)).Select(a => new { a.Id, a.IndicatorId }).ToListAsync(ct);
        var indicatorIds = Ints(keys, "LeadIndicator").Concat(alerts.Select(a => a.IndicatorId)).Distinct().ToList();
        var indicators = await (from i in db.LeadIndicators
                                join r in db.Releases on i.ReleaseId equals r.Id
                                where indicatorIds.Contains(i.Id)
                                select new { i.Id, i.Name, r.Code }).ToDictionaryAsync(x => x.Id, x => $"{x.Name} ({x.Code})", ct);
        foreach (var (id, label) in indicators) labels[("LeadIndicator", Key(id))] = label;
        foreach (var a in alerts) labels[("IndicatorAlert", Key(a.Id))] = indicators.GetValueOrDefault(a.IndicatorId, "an indicator");
        foreach (var k in keys.Where(k => k.Type is "Release" or "QuestionnaireTemplate")) labels[k] = k.Id;
        return labels;
    }

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
