using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Readiness.Web.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Sorry, something went wrong";
    public string Message { get; private set; } = "The problem has been logged. Try again in a moment.";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        (Title, Message) = code switch
        {
            404 => ("Page not found", "The page does not exist, or you do not have access to it. Check the address, or start from your home page."),
            403 => ("You cannot open this page", "Your role does not allow it."),
            400 => ("The request could not be processed", "The form may have expired. Go back, reload the page and try again."),
            _ => (Title, Message),
        };
    }
}
