using Microsoft.EntityFrameworkCore;
using Readiness.Core.Common;
using Readiness.Core.Persistence;

namespace Readiness.Core.Portfolio;

/// <summary>
/// What a programme box offers: every programme while there are few (<see cref="PortfolioChoices.InlineLimit"/>),
/// otherwise only the one chosen; <see cref="Total"/> says how many there are to search.
/// </summary>
public sealed record ProgrammeOffer(IReadOnlyList<PortfolioChoice> Offered, int Total)
{
    /// <summary>True when every programme is offered in the page itself; false when the box asks for suggestions as the person types.</summary>
    public bool Complete => Offered.Count == Total;
}

/// <summary>
/// The choices of the portfolio's filter boxes: business areas (a few dozen, always listed) and programmes (800 at ten
/// times the report's size, so a page that listed them all would cost the portfolio, not a page). The first
/// programmes and the areas come from the node's copy (<paramref name="lists"/>; one made for the call when none is given).
/// </summary>
public sealed class PortfolioChoices(ReadinessDbContext db, RequestReferenceLists? lists = null)
{
    private readonly RequestReferenceLists _lists = lists ?? new RequestReferenceLists();

    /// <summary>Up to this many programmes, a box carries them all: the browser suggests them with no script.</summary>
    public const int InlineLimit = 100;

    /// <summary>How many programmes one suggestion request returns.</summary>
    public const int SuggestionLimit = 20;

    public async Task<IReadOnlyList<PortfolioChoice>> AreasAsync(CancellationToken ct) => (await FirstProgrammesAndAreasAsync(ct)).Areas;

    /// <summary>The tracker's two boxes: programmes as <see cref="ProgrammesAsync"/> offers them, and every area, from the node's copy.</summary>
    public async Task<(ProgrammeOffer Programmes, IReadOnlyList<PortfolioChoice> Areas)> FilterChoicesAsync(string? typed, CancellationToken ct)
    {
        var (programmes, areas) = await FirstProgrammesAndAreasAsync(ct);
        return (programmes.Count <= InlineLimit ? new(programmes, programmes.Count) : await ManyAsync(typed, ct), areas);
    }

    /// <summary>
    /// The programmes a box offers with <paramref name="typed"/> in it (a code or a name, any case): all of them while
    /// there are few; otherwise the one whose code or name it is, looked up in SQL, so the page costs the same at any size.
    /// </summary>
    public async Task<ProgrammeOffer> ProgrammesAsync(string? typed, CancellationToken ct)
    {
        var (first, _) = await FirstProgrammesAndAreasAsync(ct);
        return first.Count <= InlineLimit ? new(first, first.Count) : await ManyAsync(typed, ct);
    }

    private async Task<(IReadOnlyList<PortfolioChoice> Programmes, IReadOnlyList<PortfolioChoice> Areas)> FirstProgrammesAndAreasAsync(CancellationToken ct)
    {
        var snapshot = await _lists.GetAsync(db, ct);
        return (snapshot.FirstProgrammes, snapshot.AreaChoices);
    }

    /// <summary>More programmes than a page carries: how many, and the one typed if it names one.</summary>
    private async Task<ProgrammeOffer> ManyAsync(string? typed, CancellationToken ct)
    {
        var total = await db.Programmes.CountAsync(ct);
        if (string.IsNullOrWhiteSpace(typed)) return new([], total);
        // A code wins over another programme's name, as in the box's own matching.
        var match = await NamedAsync(typed, p => p.Code, ct) ?? await NamedAsync(typed, p => p.Name, ct);
        return new(match is null ? [] : [match], total);
    }

    private async Task<PortfolioChoice?> NamedAsync(string typed, System.Linq.Expressions.Expression<Func<Programme, string>> field, CancellationToken ct) =>
        await db.Programmes.AsNoTracking().Named(typed, field).OrderBy(p => p.Code)
            .Select(p => new PortfolioChoice(p.Code, p.Name)).FirstOrDefaultAsync(ct);

    /// <summary>The first programmes by name whose code or name holds the words typed: the box's suggestions.</summary>
    public async Task<IReadOnlyList<PortfolioChoice>> SuggestProgrammesAsync(string? search, CancellationToken ct) =>
        await db.Programmes.AsNoTracking().Matching(search, p => p.Code, p => p.Name)
            .OrderBy(p => p.Name).ThenBy(p => p.Code).Take(SuggestionLimit)
            .Select(p => new PortfolioChoice(p.Code, p.Name)).ToListAsync(ct);
}
