using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Readiness.Infrastructure.Email;

namespace Readiness.Infrastructure.Tests.Email;

/// <summary>The "Email" section as AddReadinessEmail binds and validates it.</summary>
public sealed class SmtpOptionsTests
{
    private static SmtpOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddReadinessEmail(configuration, "/app").BuildServiceProvider();
        return services.GetRequiredService<IOptions<SmtpOptions>>().Value;
    }

    [Fact]
    public void The_defaults_write_to_a_pickup_folder_and_retry_five_times_over_about_five_hours()
    {
        var options = Bind([]);

        Assert.True(options.IsPickup);
        Assert.Equal(("App_Data/mail", 587, 6), (options.PickupFolder, options.Port, options.MaxAttempts));
        Assert.Equal([1, 5, 15, 60, 240], options.RetryDelaysMinutes);
    }

    [Fact]
    public void Configured_retry_delays_replace_the_defaults_and_the_last_one_repeats()
    {
        var options = Bind(new() { ["Email:RetryDelaysMinutes:0"] = "2", ["Email:RetryDelaysMinutes:1"] = "30" });

        Assert.Equal([2, 30], options.RetryDelaysMinutes);
        Assert.Equal(TimeSpan.FromMinutes(30), options.RetryDelayAfter(5));
    }

    [Fact]
    public void Smtp_mode_without_a_host_stops_start_up_naming_the_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Email:Mode"] = "Smtp" }));

        Assert.Contains("Email:Host is required when Email:Mode is Smtp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_from_address_stops_start_up_naming_the_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            Bind(new() { ["Email:Mode"] = "Smtp", ["Email:Host"] = "smtp.example", ["Email:FromAddress"] = "not an address" }));

        Assert.Contains("Email:FromAddress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_security_mode_stops_start_up_listing_the_valid_ones()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Email:Security"] = "Tls" }));

        Assert.Contains("Auto, None, StartTls, SslOnConnect", error.Message, StringComparison.Ordinal);
    }
}
