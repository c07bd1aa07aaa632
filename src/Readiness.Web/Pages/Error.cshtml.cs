using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Readiness.Web.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Sorry, something went wrong";
    public string Message { get; private set; } = "The problem has been logged. Try again in a moment.";

    // No bound parameters: a POST re-executed here for a 413 carries a form that cannot be read again.
    public void OnGet() => Describe(Code());

    public void OnPost() => Describe(Code());

    private int? Code() => HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
        ? Response.StatusCode
        : int.TryParse(Request.Query["code"], out var code) ? code : null;

    private void Describe(int? code)
    {
        (Title, Message) = code switch
        {
            404 => ("Page not found", "The page does not exist, or you do not have access to it. Check the address, or start from your home page."),
            403 => ("You cannot open this page", "Your role does not allow it."),
            400 => ("The request could not be processed", "The form may have expired. Go back, reload the page and try again."),
            405 => ("That cannot be done here", "This page does not take that kind of request. Go back and use the page's own buttons."),
            413 => ("That was too large to take", "The text or file sent was over the size limit (a template up to 1 MB, a CSV of people up to 1 MB, of readings or measurements up to 4 MB; very long text belongs in a linked document). Nothing was saved: go back, make it smaller and try again."),
            429 => ("Too many attempts", "There have been too many attempts in a short time. Wait a few minutes, then try again."),
            _ => (Title, Message),
        };
    }
}
