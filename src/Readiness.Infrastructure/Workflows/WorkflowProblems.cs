using Readiness.Infrastructure.Startup;

namespace Readiness.Infrastructure.Workflows;

/// <summary>
/// Collects problems found in workflow definition files so that one start-up attempt reports all of them, each as
/// "file: JSON path: what is wrong and what to do".
/// </summary>
internal sealed class WorkflowProblems
{
    private const int Shown = 50;
    private readonly List<string> _items = [];

    public int Count => _items.Count;

    public void Add(string file, string path, string message) => _items.Add($"{file}: {path}: {message}");

    public void ThrowIfAny(string folder)
    {
        if (_items.Count == 0) return;
        var shown = _items.Take(Shown).Select(i => "  - " + i);
        var more = _items.Count > Shown ? $"\n  … and {_items.Count - Shown} more." : "";
        throw new StartupValidationException(
            $"The workflow definitions in '{folder}' have {_items.Count} problem(s); none was loaded. Fix them and start again:\n{string.Join('\n', shown)}{more}");
    }
}
