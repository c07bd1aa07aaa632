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
}
