namespace Readiness.Core.Portfolio;

/// <summary>
/// The standard gate of one kind (portfolio.json's "gateKinds"): its name, its offset from T0 and, for a readiness gate,
/// the questionnaire template its returns answer. A release's standard gates are made from these; each gate then keeps
/// its own name and offset, so changing a kind here changes the gates added from then on, not existing ones.
/// </summary>
public class GateKindDefinition
{
    private GateKindDefinition() { }

    public GateKindDefinition(GateKind kind, string name, int offsetDays, string? templateKey)
    {
        Kind = kind;
        TemplateKey = templateKey;
        Edit(name, offsetDays);
    }

    public int Id { get; private set; }
    public GateKind Kind { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Days from T0: negative is before go-live (T-28 is -28).</summary>
    public int OffsetDays { get; private set; }

    /// <summary>The template key a readiness gate's returns answer (its latest version); null for kinds without returns.</summary>
    public string? TemplateKey { get; private set; }

    public void Edit(string name, int offsetDays)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        OffsetDays = offsetDays;
    }
}
