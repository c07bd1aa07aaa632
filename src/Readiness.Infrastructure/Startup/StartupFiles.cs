using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Readiness.Infrastructure.Seeding;
using Readiness.Infrastructure.Workflows;

namespace Readiness.Infrastructure.Startup;

/// <summary>
/// Everything start-up reads before it touches the database, checked: the configuration, the workflow definitions and
/// the seed files (null documents when seeding is off or a file is absent). A problem in any of them is a
/// <see cref="StartupValidationException"/> naming the file and the line, thrown before the database is opened.
/// </summary>
internal sealed record StartupFiles(
    IReadOnlyList<LoadedDefinition> Workflows,
    SeedSet? Seed,
    DemoActivityDocument? Activity,
    IndicatorsDocument? Indicators,
    RisksDocument? Risks,
    BenefitsDocument? Benefits)
{
    /// <summary>
    /// The three reads share nothing (the options and secrets; the workflows, which need the registered guards and
    /// actions; the seed files), so the workflows and the seed files are read on other threads while the options are
    /// checked: on two cores that is a few hundred milliseconds less before the migrations. The problems are reported
    /// in the order the reads were written in, as when they ran one after another, so a start with two bad files names
    /// the same one first as it always did.
    /// </summary>
    public static async Task<StartupFiles> ReadAsync(IServiceProvider services, IServiceProvider scoped, SeedOptions seed, WorkflowOptions workflowOptions)
    {
        var workflows = Task.Run(() =>
        {
            var (guards, actions) = Core.CoreServiceCollectionExtensions.WorkflowHandlerNames(scoped);
            var loaded = WorkflowDefinitionLoader.Load(workflowOptions.ResolvedPath, guards, actions);
            workflowOptions.ValidateDefaults(loaded);
            return loaded;
        });
        var seedSet = Task.Run(() => seed.Enabled ? SeedReader.Read(seed.ResolvedPath, seed.Generated) : null);
        try
        {
            // Begun early, the work runs before the host validates the options (ValidateOnStart): validate them first,
            // so bad configuration still stops start-up before the database is touched.
            services.GetService<IStartupValidator>()?.Validate();
            var secrets = DemoSecrets.Problems(scoped.GetRequiredService<IConfiguration>(), scoped.GetRequiredService<IHostEnvironment>());
            if (secrets.Count > 0) throw new StartupValidationException(string.Join(Environment.NewLine, secrets));
            var definitions = await workflows;
            var set = await seedSet;
            if (set is null) return new StartupFiles(definitions, null, null, null, null, null);
            SeedWorkflowCheck.Validate(set, definitions);
            var activity = seed.DemoActivity ? DemoActivitySeeder.Read(seed.ResolvedPath) : null;
            var indicators = IndicatorSeeder.Read(seed.ResolvedPath, set);
            var risks = RiskSeeder.Read(seed.ResolvedPath, set);
            return new StartupFiles(definitions, set, activity, indicators, risks, BenefitSeeder.Read(seed.ResolvedPath, set, indicators));
        }
        finally
        {
            // Not left running past a problem found first: each is awaited (its own problem, if any, is not the one reported).
            await Task.WhenAll(workflows, seedSet).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
