using Microsoft.Extensions.Options;
using Readiness.Core;
using Readiness.Infrastructure;
using Readiness.Infrastructure.Startup;
using Readiness.Web;

try
{
    // `-- audit verify`, `-- backup <file>`, `-- copy-to-postgres "<connection string>"`: a command instead of the web app.
    if (await Readiness.Web.CommandLine.Commands.TryRunAsync(args, Build) is { } exitCode) return exitCode;
    var app = Build(args);
    // The database's start-up work needs no request pipeline: it runs while the pipeline is built (the cold start).
    _ = app.Services.BeginStartupWork(); // awaited by the host's start, which reports its failure
    app.UseReadinessWeb();
    var stopping = app.Lifetime.ApplicationStopping; // taken now: RunAsync disposes the host (and its services) as it ends
    try
    {
        await app.RunAsync();
    }
    catch (OperationCanceledException) when (stopping.IsCancellationRequested)
    {
        // Ctrl+C (or a service stop) during the start-up work, e.g. a new database's seeding: a stop asked for, not a
        // failure. Each step of that work is idempotent, so the next start carries on where this one stopped.
        Console.WriteLine("Readiness stopped before it finished starting. The next start carries on from where this one stopped.");
    }
    return 0;
}
catch (Exception ex) when (ex is StartupValidationException or OptionsValidationException)
{
    // Bad configuration or data: say what to fix, without a stack trace.
    Console.Error.WriteLine($"Readiness could not start.\n{ex.Message}");
    return 1;
}
catch (IOException ex) when (Readiness.Web.Infrastructure.AddressInUse.Is(ex))
{
    Console.Error.WriteLine($"Readiness could not start.\n{Readiness.Web.Infrastructure.AddressInUse.Explain(ex)}");
    return 1;
}

static WebApplication Build(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);
    Readiness.Infrastructure.Persistence.DatabaseProvider.PrepareModel(builder.Configuration); // on the second core
    builder.Services
        .AddReadinessCore()
        .AddReadinessInfrastructure(builder.Configuration, builder.Environment.ContentRootPath)
        .AddReadinessWeb(builder.Configuration, builder.Environment);
    return builder.Build();
}

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
