using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// Configuration section "ForwardedHeaders": behind a reverse proxy or load balancer, take the client's address and
/// scheme from X-Forwarded-For / X-Forwarded-Proto — but only from the proxies named here, since anyone can send the
/// headers. The address goes into the audit log. (Links in emails never use the request's host: Approvals:PublicBaseUrl.)
/// </summary>
public sealed class ProxyHeadersOptions : IValidatableObject
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Read the forwarded headers at all. Off by default: the app then sees the proxy's address.</summary>
    public bool Enabled { get; set; }

    /// <summary>Addresses of trusted proxies (e.g. "10.0.0.5"). With neither list set, only a proxy on this host (loopback) is trusted.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Trusted proxy networks in CIDR form (e.g. "10.0.0.0/24").</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a chain to read back through.</summary>
    [Range(1, 10, ErrorMessage = "ForwardedHeaders:ForwardLimit must be between 1 and 10.")]
    public int ForwardLimit { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Length; i++)
            if (!IPAddress.TryParse(KnownProxies[i], out _))
                yield return new ValidationResult($"ForwardedHeaders:KnownProxies:{i} '{KnownProxies[i]}' is not an IP address, e.g. '10.0.0.5'.");
        for (var i = 0; i < KnownNetworks.Length; i++)
            if (!System.Net.IPNetwork.TryParse(KnownNetworks[i], out _))
                yield return new ValidationResult($"ForwardedHeaders:KnownNetworks:{i} '{KnownNetworks[i]}' is not a network in CIDR form, e.g. '10.0.0.0/24'.");
    }

    internal void ApplyTo(ForwardedHeadersOptions options)
    {
        // Off: the middleware stays in the pipeline and reads nothing (the options are checked at start, not while the
        // pipeline is built).
        options.ForwardedHeaders = Enabled ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
        options.ForwardLimit = ForwardLimit;
        if (KnownProxies.Length == 0 && KnownNetworks.Length == 0) return; // keep the loopback default
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in KnownProxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
        foreach (var network in KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
    }
}

public static class ProxyHeaders
{
    public static IServiceCollection AddReadinessProxyHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProxyHeadersOptions>().Bind(configuration.GetSection(ProxyHeadersOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyHeadersOptions>>((options, proxy) => proxy.Value.ApplyTo(options));
        return services;
    }

    /// <summary>First in the pipeline, so everything after it sees the client's address and scheme.</summary>
    public static WebApplication UseReadinessProxyHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }
}
