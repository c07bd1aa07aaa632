using Readiness.Core.Audit;

namespace Readiness.Web.Pages.Audit;

/// <summary>How audit values read on the page.</summary>
public static class AuditWords
{
    public static string Channel(AuditChannel channel) => channel switch
    {
        AuditChannel.EmailLink => "Email link",
        AuditChannel.System => "System",
        _ => "Web",
    };
}
