using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Readiness.Infrastructure;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// Renders the sign-in page once, in the process and on the second core, while the start-up work seeds the database.
/// A page's first request after a start pays for ASP.NET Core's first use of the pipeline: the route table, the Razor
/// page's activation and model metadata, the tag helpers, the antiforgery token and the key ring behind it. That was a
/// quarter of a second of every start on the one busy core, after the seeding, and the first visitor waited for it. The
/// sign-in page is where every visitor starts, and what it warms (the layout, the pipeline) every other page shares.
/// </summary>
/// <remarks>
/// It waits for the start-up work's <c>Prepared</c> (the schema and the first key exist), so it neither makes a key of
/// its own nor reads a database being migrated; the page reads no data. The request goes through the app's pipeline
/// with no connection: nothing is sent, logged as a request, or written. A failure is logged and changes nothing else.
/// </remarks>
public sealed class FirstRequestWarmUp(IHttpContextFactory contexts, ILogger<FirstRequestWarmUp> logger)
{
    public const string PagePath = "/Account/SignIn";

    private readonly TaskCompletionSource<int> _rendered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The page's status code once rendered; cancelled when the start-up work did not get far enough.</summary>
    public Task<int> Rendered => _rendered.Task;

    /// <summary>Begins the warm-up; <paramref name="app"/>'s pipeline is complete (its endpoints included).</summary>
    public static void Begin(WebApplication app)
    {
        var warmUp = app.Services.GetRequiredService<FirstRequestWarmUp>();
        var prepared = app.Services.StartupPrepared();
        _ = Task.Run(() => warmUp.RunAsync(app, prepared));
    }

    private async Task RunAsync(IApplicationBuilder app, Task prepared)
    {
        try
        {
            await prepared;
        }
        catch (OperationCanceledException)
        {
            _rendered.TrySetCanceled(); // the start-up work failed or stopped: it reports that itself
            return;
        }
        var watch = Stopwatch.StartNew();
        try
        {
            // The app's own pipeline, built a second time (the server builds its copy when it starts).
            var pipeline = app.Build();
            var context = contexts.Create(Features());
            try
            {
                await pipeline(context);
                _rendered.TrySetResult(context.Response.StatusCode);
                logger.LogInformation("Sign-in page rendered while the database was seeded ({Status} in {Milliseconds} ms): the first visitor does not wait for its first render",
                    context.Response.StatusCode, watch.ElapsedMilliseconds);
            }
            finally
            {
                contexts.Dispose(context);
            }
        }
        catch (Exception e)
        {
            // The first real request meets the same failure and reports it to whoever made it.
            logger.LogWarning(e, "Rendering the sign-in page ahead of the first visitor failed");
            _rendered.TrySetException(e);
        }
    }

    private static FeatureCollection Features()
    {
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Method = HttpMethods.Get,
            Scheme = "https", // outside Development the antiforgery cookie is Secure: the page refuses plain HTTP
            Path = PagePath,
            Headers = new HeaderDictionary { ["Host"] = "localhost" },
        });
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        return features;
    }
}
