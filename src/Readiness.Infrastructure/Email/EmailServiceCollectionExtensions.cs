using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Readiness.Infrastructure.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// Email options (validated at start), the transport chosen by Email:Mode, the outbox dispatcher with its sender
    /// woken after each commit that queued mail, and the demo inbox queries. <paramref name="contentRoot"/> anchors a relative pickup folder.
    /// </summary>
    public static IServiceCollection AddReadinessEmail(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var section = configuration.GetSection(SmtpOptions.Section);
        services.AddOptions<SmtpOptions>()
            .Bind(section)
            // The binder appends configured array items to the defaults; configured delays must replace them.
            .Configure(o =>
            {
                var delays = section.GetSection(nameof(SmtpOptions.RetryDelaysMinutes));
                if (delays.Exists()) o.RetryDelaysMinutes = delays.Get<int[]>() ?? [];
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<MimeMessageFactory>();
        services.AddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SmtpOptions>>();
            var factory = sp.GetRequiredService<MimeMessageFactory>();
            return options.Value.IsSmtp
                ? new SmtpMailTransport(factory, options)
                : new PickupFolderTransport(factory, Path.Combine(contentRoot, options.Value.PickupFolder));
        });
        services.AddScoped<OutboxDispatcher>();
        services.AddSingleton<OutboxWakeUp>();
        services.AddScoped<Core.Persistence.ICommitObserver, OutboxCommitObserver>();
        services.AddHostedService<OutboxSender>();
        services.AddScoped<OutboxQueries>();
        services.AddSingleton<MailPageAvailability>();
        return services;
    }
}
