namespace Readiness.Core.BusinessAreas;

public enum BusinessAreaKind
{
    Directorate = 0,
    Command = 1,
    Bcu = 2,
    Unit = 3,
}

/// <summary>An operational unit (a BCU, MetCC, Custody, …). Areas nest through <see cref="ParentId"/>.</summary>
public class BusinessArea
{
    private BusinessArea() { }

    public BusinessArea(string code, string name, BusinessAreaKind kind, int? parentId)
    {
        Code = code;
        Name = name;
        Kind = kind;
        ParentId = parentId;
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public BusinessAreaKind Kind { get; private set; }
    public int? ParentId { get; private set; }
    public BusinessArea? Parent { get; private set; }
    public List<AreaMembership> Members { get; private set; } = [];

    /// <summary>
    /// The area's own weekly change tolerance for the heatmap (person-hours of change), set by the PMO; null means the
    /// configured one (<c>Heatmap:AreaTolerances:&lt;code&gt;</c>, else <c>Heatmap:Tolerance</c>).
    /// </summary>
    public decimal? ChangeTolerance { get; private set; }

    public void SetChangeTolerance(decimal? tolerance)
    {
        if (tolerance is <= 0) throw new ArgumentOutOfRangeException(nameof(tolerance), "A tolerance is above 0.");
        ChangeTolerance = tolerance;
    }

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    /// <summary>
    /// Moves the area under <paramref name="parentId"/> (null: to the top). <paramref name="parentOf"/> gives each area's
    /// current parent, so a move that would make the area its own ancestor is refused.
    /// </summary>
    public bool MoveUnder(int? parentId, IReadOnlyDictionary<int, int?> parentOf)
    {
        var seen = new HashSet<int>();
        for (var current = parentId; current is { } id; current = parentOf.GetValueOrDefault(id))
            if (id == Id || !seen.Add(id)) return false;
        ParentId = parentId;
        return true;
    }
}
