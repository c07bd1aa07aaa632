using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Readiness.Core.Reminders;

namespace Readiness.Infrastructure.Reminders;

public static class ReminderServiceCollectionExtensions
{
    /// <summary>
    /// Reminder options (validated at start, bank-holiday file included), the working calendar and the schedules
    /// per gate kind for <see cref="ReminderSweep"/>. The sweep's cron (Scheduling:ReminderCron) is bound with the other schedules.
    /// </summary>
    public static IServiceCollection AddReadinessReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection(ReminderOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReminderOptions>, ReminderOptionsValidator>();

        // Built once: the file is read at start, and a PMO update to the list takes effect on the next restart.
        services.AddSingleton(sp => ReminderConfiguration.Build(sp.GetRequiredService<IOptions<ReminderOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<ReminderSetup>().Calendar);
        services.AddSingleton(sp => sp.GetRequiredService<ReminderSetup>().Settings);
        return services;
    }
}

/// <summary>Stops start-up with every reminder configuration problem, each naming its key or file and line.</summary>
internal sealed class ReminderOptionsValidator : IValidateOptions<ReminderOptions>
{
    public ValidateOptionsResult Validate(string? name, ReminderOptions options)
    {
        var problems = ReminderConfiguration.Build(options).Problems;
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
