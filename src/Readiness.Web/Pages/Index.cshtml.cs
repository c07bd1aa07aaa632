using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Identity;

namespace Readiness.Web.Pages;

/// <summary>The start page sends each person to where their work is.</summary>
public class IndexModel : PageModel
{
    public IActionResult OnGet() => User.IsInRole(Roles.TeamLead) ? Redirect("/Assessments") : Redirect("/Releases");
}
