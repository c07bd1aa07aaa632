using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// A page read (GET or HEAD) holds one database connection from its handler through the layout's counts. EF Core
/// otherwise opens and closes the connection around each of a page's queries (the rows, the count, the filter choices,
/// the layout's badges), and on SQLite each open takes a pooled native connection and registers EF's SQL functions on it
/// again: a measurable share of a tracker page. An open connection outside a transaction holds no lock.
/// Writes are left to their unit of work, which owns its connection and transaction.
/// </summary>
public sealed class ReadConnectionFilter(ReadinessDbContext db) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        // Signed out, a page (sign-in, set password, error) reads little or nothing: it opens nothing in advance.
        if ((!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method)) || context.HttpContext.User.Identity?.IsAuthenticated != true)
        {
            await next();
            return;
        }
        await db.Database.OpenConnectionAsync(context.HttpContext.RequestAborted);
        try
        {
            await next();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
