namespace Readiness.Core.Templates;

public class TemplateSection
{
    private TemplateSection() { }

    public TemplateSection(int order, string code, string title, string description)
    {
        Order = order;
        Code = code;
        Title = title;
        Description = description;
    }

    public int Id { get; private set; }
    public int TemplateId { get; private set; }
    public int Order { get; private set; }
    public string Code { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public List<Criterion> Criteria { get; private set; } = [];
}
