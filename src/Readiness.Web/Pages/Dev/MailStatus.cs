namespace Readiness.Web.Pages.Dev;

/// <summary>How an outbox row's delivery state reads on the demo inbox pages (words first, colour second).</summary>
public static class MailStatus
{
    public static string Text(DateTime? sentAtUtc, DateTime? failedAtUtc) =>
        sentAtUtc is not null ? "Sent" : failedAtUtc is not null ? "Failed" : "Pending";

    public static string Colour(DateTime? sentAtUtc, DateTime? failedAtUtc) =>
        sentAtUtc is not null ? "green" : failedAtUtc is not null ? "red" : "blue";

    public static string Attempts(int attempts) => attempts == 1 ? "1 attempt" : $"{attempts} attempts";
}
