using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// What a request that the app cannot take gets instead of an error page: 405 for a method no page handles (TRACE,
/// PUT, PATCH, DELETE …, or a POST to a page without a POST handler), and 413 with a message for a body or form over
/// the limits. Nothing is written in either case.
/// </summary>
public static class RequestGuards
{
    public static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post];

    /// <summary>Largest request body the app reads (a 1 MB template or a 20,000-row CSV fits many times over).</summary>
    public const long MaxBodyBytes = 8 * 1024 * 1024;

    public static IApplicationBuilder UseRequestGuards(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!Methods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = string.Join(", ", Methods);
            return;
        }
        try
        {
            await next();
        }
        catch (Exception ex) when (IsTooLarge(ex) && !context.Response.HasStarted)
        {
            // The status code pages then show the message; the handler never ran, so nothing was saved.
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        }
    });

    internal static bool IsTooLarge(Exception ex) => ex switch
    {
        BadHttpRequestException b => b.StatusCode == StatusCodes.Status413PayloadTooLarge,
        InvalidDataException d => d.Message.Contains("limit", StringComparison.OrdinalIgnoreCase), // form value, key or count over FormOptions
        _ => ex.InnerException is { } inner && IsTooLarge(inner),
    };
}

/// <summary>A page asked with a method it has no handler for answers 405, instead of rendering without its data.</summary>
public sealed class MethodNotAllowedPageFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context) { }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.HttpContext.Response.Headers.Allow = "GET, HEAD";
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context) { }
}

/// <summary>
/// Reads the form once, after a page's own <c>[RequestFormLimits]</c> (order 900) and before antiforgery (order 1000):
/// antiforgery would otherwise meet the over-limit form first and answer a bare 400, hiding that the file or form was
/// simply too large. The form is cached on the request, so nothing reads it twice.
/// </summary>
public sealed class FormLimitsFilter : IAsyncAuthorizationFilter, IOrderedFilter
{
    public int Order => 950;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType) return;
        // The error page, re-executed for the 413 itself, must not meet the same form again.
        if (context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null) return;
        try
        {
            await request.ReadFormAsync(context.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (RequestGuards.IsTooLarge(ex))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }
    }
}
