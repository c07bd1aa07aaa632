using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// Every export and feed goes out through here: as an attachment, and never stored by a browser or proxy cache
/// (they hold people's names, comments and, in the audit export, IP addresses).
/// </summary>
public static class Downloads
{
    public const string Csv = "text/csv; charset=utf-8";
    public const string Excel = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static FileContentResult Download(this PageModel page, byte[] content, string contentType, string fileName)
    {
        page.Response.Headers.CacheControl = "no-store";
        page.Response.Headers.Pragma = "no-cache";
        return page.File(content, contentType, fileName);
    }
}
