using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Common;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// The one mapping of a use case's <see cref="Failure"/> to the web (DESIGN §3): a status code per kind, the same on
/// every page, and each field error on its input in ModelState, so the page's error summary links to it.
/// </summary>
public static class ResultPages
{
    public static int StatusCodeOf(FailureKind kind) => kind switch
    {
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Forbidden => StatusCodes.Status403Forbidden,
        FailureKind.Invalid => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status409Conflict, // Conflict and Stale: someone else got there first, or what was shown changed
    };

    /// <summary>
    /// Puts <paramref name="failure"/> on the page: the status code, each field error on its input (the use case's field
    /// name under <paramref name="prefix"/>, e.g. "Form" + "Comment" → "Form.Comment"; "" is the whole form), or the
    /// message on the form when no field is named. Returns the 404 result when there is nothing to show, else null
    /// and the page renders itself with the errors.
    /// </summary>
    public static IActionResult? Show(this PageModel page, Failure failure, string? prefix = null)
    {
        if (failure.Kind == FailureKind.NotFound) return page.NotFound();
        page.Response.StatusCode = StatusCodeOf(failure.Kind);
        if (failure.Fields.Count == 0) page.ModelState.AddModelError("", failure.Message);
        foreach (var e in failure.Fields) page.ModelState.AddModelError(Key(prefix, e.Field), e.Message);
        return null;
    }

    /// <summary>
    /// For failures a page has nothing to show for (not found, or not this person's to do): the bare status code.
    /// Null for any other failure (or none), which the page then shows with <see cref="Show"/>.
    /// </summary>
    public static IActionResult? Refusal(this PageModel page, Failure? failure) =>
        failure is { Kind: FailureKind.NotFound or FailureKind.Forbidden } f ? page.StatusCode(StatusCodeOf(f.Kind)) : null;

    public static string Key(string? prefix, string field) =>
        field.Length == 0 ? "" : string.IsNullOrEmpty(prefix) ? field : $"{prefix}.{field}";
}
