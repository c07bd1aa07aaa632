using System.Collections.Immutable;
using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Running;

namespace Readiness.Benchmarks;

/// <summary>
/// Runs each benchmark at every value of its parameters before the next benchmark: the tracker at scale 1, then at
/// scale 10, then the filtered tracker at both, and so on. BenchmarkDotNet's own order runs every benchmark at scale 1,
/// then every one at scale 10, so a page's two results were six minutes apart and its growth carried the machine's
/// drift over them: the sign-in page, the same work at both scales, took 0.47 ms in the first half of a run and 0.60 ms
/// in the second. Only the order of running changes; the summary still groups by scale, each with its own baseline.
/// </summary>
public sealed class ScalesSideBySide : DefaultOrderer
{
    public override IEnumerable<BenchmarkCase> GetExecutionOrder(ImmutableArray<BenchmarkCase> benchmarkCases, IEnumerable<BenchmarkLogicalGroupRule>? order = null)
    {
        var ordered = base.GetExecutionOrder(benchmarkCases, order).ToList();
        // Each benchmark where it first comes in BenchmarkDotNet's order (its declared order), its cases kept in theirs.
        var first = new Dictionary<MethodInfo, int>();
        foreach (var c in ordered) first.TryAdd(c.Descriptor.WorkloadMethod, first.Count);
        return ordered.OrderBy(c => first[c.Descriptor.WorkloadMethod]).ToList();
    }
}
