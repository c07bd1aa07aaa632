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

    /// <summary>How the action was taken, as the end of a sentence: "from an email link".</summary>
    public static string Via(AuditChannel channel) => channel switch
    {
        AuditChannel.EmailLink => "From an email link",
        AuditChannel.System => "By Readiness itself",
        _ => "On the web",
    };
}
