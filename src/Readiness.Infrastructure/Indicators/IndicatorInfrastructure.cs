using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Readiness.Core.Indicators;
using Readiness.Infrastructure.Scheduling;
using Readiness.Infrastructure.Seeding;

namespace Readiness.Infrastructure.Indicators;

public static class IndicatorInfrastructure
{
    public const string HttpClientName = "indicator-feed";

    /// <summary>Options ("Indicators"), the HTTP source reader, CSV import, the seeder and the check job.</summary>
    public static IServiceCollection AddReadinessIndicatorInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IndicatorOptions>().Bind(configuration.GetSection(IndicatorOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<IndicatorOptions>>().Value;
            return new IndicatorSettings(o.ConsecutiveAmberForRed, o.GreenReadingsForExit, o.MaxCsvRows, o.ReadingGraceDays);
        });
        services.AddHttpClient(HttpClientName, (sp, client) =>
            client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<IndicatorOptions>>().Value.HttpTimeoutSeconds));
        services.AddScoped<IReadingFeed, HttpReadingFeed>();
        services.AddScoped<CsvReadingImport>();
        services.AddScoped<Benefits.CsvMeasurementImport>();
        services.AddScoped<IndicatorSeeder>();
        services.AddTransient<IndicatorJob>();
        return services;
    }
}
