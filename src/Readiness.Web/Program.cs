using Microsoft.Extensions.Options;
using Readiness.Core;
using Readiness.Infrastructure;
using Readiness.Infrastructure.Startup;
using Readiness.Web;

var builder = WebApplication.CreateBuilder(args);
builder.Services
    .AddReadinessCore()
    .AddReadinessInfrastructure(builder.Configuration, builder.Environment.ContentRootPath)
    .AddReadinessWeb(builder.Configuration, builder.Environment);

var app = builder.Build();

try
{
    if (await Readiness.Web.CommandLine.Commands.TryRunAsync(app, args) is { } exitCode) return exitCode;
    app.UseReadinessWeb();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is StartupValidationException or OptionsValidationException)
{
    // Bad configuration or data: say what to fix, without a stack trace.
    Console.Error.WriteLine($"Readiness could not start.\n{ex.Message}");
    return 1;
}

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
