using Microsoft.Extensions.Options;
using Readiness.Core.Indicators;

namespace Readiness.Infrastructure.Indicators;

/// <summary>GETs an indicator's JSON endpoint (timeout: Indicators:HttpTimeoutSeconds) and reads it with <see cref="ReadingJson"/>.</summary>
public sealed class HttpReadingFeed(IHttpClientFactory clients, IOptions<IndicatorOptions> options) : IReadingFeed
{
    private const int MaxBytes = 8 * 1024 * 1024;

    public async Task<FeedResult> FetchAsync(string url, string unit, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return FeedResult.Fail("The source URL is not an absolute http(s) address.");
        try
        {
            var client = clients.CreateClient(IndicatorInfrastructure.HttpClientName);
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode) return FeedResult.Fail($"The source answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            if (response.Content.Headers.ContentLength > MaxBytes) return FeedResult.Fail("The response is larger than 8 MB.");
            var body = await response.Content.ReadAsStringAsync(ct);
            return ReadingJson.Parse(body, unit, options.Value.MaxCsvRows);
        }
        catch (HttpRequestException ex)
        {
            return FeedResult.Fail($"The source could not be reached: {ex.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return FeedResult.Fail($"The source did not answer within {options.Value.HttpTimeoutSeconds} seconds.");
        }
    }
}
