using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.ResponseCompression;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// Brotli and gzip for HTML, CSV, JSON, SVG and iCalendar, over HTTPS too (decision, 2026-12-04). BREACH needs a
/// secret that is the same in every response beside text the attacker chooses: the antiforgery token in forms is
/// encrypted afresh for every response, so it never repeats; the pages that show a secret that does repeat — a decision
/// link's token, a set-password token, the demo mailbox's links — opt out with <see cref="DoNotCompressAttribute"/>.
/// Fastest level: on a small server the CPU matters more than the last few per cent.
/// </summary>
public static class Compression
{
    public static IServiceCollection AddReadinessCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["text/csv", "image/svg+xml", "text/calendar"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }
}

/// <summary>A page whose responses carry a secret that repeats from one response to the next: never compressed (BREACH).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DoNotCompressAttribute : Attribute, IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
        if (context.HttpContext.Features.Get<IHttpsCompressionFeature>() is { } feature) feature.Mode = HttpsCompressionMode.DoNotCompress;
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context) { }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context) { }
}
