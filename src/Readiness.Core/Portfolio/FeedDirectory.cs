using Microsoft.EntityFrameworkCore;
using Readiness.Core.Common;
using Readiness.Core.Persistence;

namespace Readiness.Core.Portfolio;

public sealed record FeedDirectoryPage(IReadOnlyList<PortfolioChoice> Programmes, int ProgrammeTotal, int PageNumber, int PageCount, IReadOnlyList<PortfolioChoice> Areas);

/// <summary>
/// What the calendar feeds page lists: the programmes matching a search, a page at a time by name (800 of them at ten
/// times the report's size), and every business area (a few dozen).
/// </summary>
public sealed class FeedDirectory(ReadinessDbContext db, PortfolioChoices choices)
{
    public const int PageSize = 100;

    public async Task<FeedDirectoryPage> PageAsync(string? search, int pageNumber, CancellationToken ct)
    {
        var programmes = db.Programmes.AsNoTracking().Matching(search, p => p.Code, p => p.Name);
        var total = await programmes.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var number = Math.Clamp(pageNumber, 1, pageCount);
        var page = await programmes.OrderBy(p => p.Name).ThenBy(p => p.Code).Skip((number - 1) * PageSize).Take(PageSize)
            .Select(p => new PortfolioChoice(p.Code, p.Name)).ToListAsync(ct);
        return new FeedDirectoryPage(page, total, number, pageCount, await choices.AreasAsync(ct));
    }
}
