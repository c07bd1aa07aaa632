namespace Readiness.Core.Portfolio;

/// <summary>
/// A change to the programmes or business areas, written in the unit of work that made it
/// (<see cref="Persistence.ReadinessDbContext"/> adds one to any save that touches them; the demo seed adds one per
/// run). How many rows there are is the version of the lists every filter box offers, so each node's copy of them
/// (<see cref="ReferenceLists"/>) learns with one small count whether it is current, whichever node made the change.
/// Not the highest id: PostgreSQL can commit a lower id after a higher one, which leaves the highest id unchanged.
/// Rows are only ever added: a counter row updated by every node would need an upsert per provider, and a row made by
/// the migrations would collide with the copy to PostgreSQL, which copies every table as it is.
/// </summary>
public class ReferenceChange
{
    private ReferenceChange() { }

    public ReferenceChange(string tables) => Tables = tables;

    public int Id { get; private set; }

    /// <summary>What changed ("Programmes", "BusinessAreas", or "seed"), for whoever reads the table.</summary>
    public string Tables { get; private set; } = "";

    /// <summary>Whether a changed row is one the lists show.</summary>
    public static bool Touches(object entity) => entity is Programme or BusinessAreas.BusinessArea;
}
