namespace Readiness.Core.Portfolio;

/// <summary>A programme of the portfolio, e.g. CONNECT. Has releases.</summary>
public class Programme
{
    private Programme() { }

    public Programme(string code, string name, string description)
    {
        Code = code;
        Name = name;
        Description = description;
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    public List<Release> Releases { get; private set; } = [];

    /// <summary>Renames the programme or changes its description; the code never changes (releases and seed files name it).</summary>
    public void Edit(string name, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        Description = description.Trim();
    }
}
