using System.Text.Json;
using System.Text.Json.Nodes;
using Readiness.Infrastructure.Seeding;
using Readiness.Infrastructure.Startup;

namespace Readiness.Infrastructure.Tests.TestData;

/// <summary>A private copy of the real seed-data/ in a temp folder, to break one thing in and read back.</summary>
internal sealed class SeedFolder : IDisposable
{
    public const string TemplateFile = "templates/business-readiness.v1.json";
    public const string ReviewTemplateFile = "templates/post-go-live-review.v1.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public SeedFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "readiness-seed-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(RealSeedData(), Root);
    }

    public string Root { get; }

    public string PathOf(string file) => Path.Combine(Root, file);

    /// <summary>Parses a copied file, lets the test change it, and writes it back.</summary>
    public void Edit(string file, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(File.ReadAllText(PathOf(file)))!;
        change(node);
        File.WriteAllText(PathOf(file), node.ToJsonString(Indented));
    }

    public void Write(string file, string text) => File.WriteAllText(PathOf(file), text);

    public void Delete(string file) => File.Delete(PathOf(file));

    public SeedSet Read() => SeedReader.Read(Root);

    /// <summary>Reads the folder, expecting it to be refused, and returns the message.</summary>
    public string ReadFails() => Assert.Throws<StartupValidationException>(Read).Message;

    /// <summary>The criterion with this code in the template, and its JSON path ("$.sections[i].criteria[j]").</summary>
    public static (JsonObject Criterion, string Path) FindCriterion(JsonNode template, string code)
    {
        var sections = template["sections"]!.AsArray();
        for (var i = 0; i < sections.Count; i++)
        {
            var criteria = sections[i]!["criteria"]!.AsArray();
            for (var j = 0; j < criteria.Count; j++)
                if ((string?)criteria[j]!["code"] == code) return (criteria[j]!.AsObject(), $"$.sections[{i}].criteria[{j}]");
        }
        throw new InvalidOperationException($"No criterion {code} in the template.");
    }

    public static JsonObject FirstRelease(JsonNode portfolio) => portfolio["programmes"]![0]!["releases"]![0]!.AsObject();

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }

    public static string RealSeedData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Readiness.sln"))) return Path.Combine(dir.FullName, "seed-data");
        throw new InvalidOperationException($"Readiness.sln not found above {AppContext.BaseDirectory}.");
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
