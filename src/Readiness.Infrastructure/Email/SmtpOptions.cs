using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using MailKit.Security;

namespace Readiness.Infrastructure.Email;

/// <summary>
/// Configuration section "Email". The default mode writes .eml files to a pickup folder, so the embedded
/// default needs no mail server; "Smtp" sends through a relay with MailKit.
/// </summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Email";
    public const string PickupMode = "Pickup";
    public const string SmtpMode = "Smtp";

    private static readonly string[] SecurityValues = ["Auto", "None", "StartTls", "SslOnConnect"];

    /// <summary>"Pickup" (default: .eml files in <see cref="PickupFolder"/>) or "Smtp".</summary>
    public string Mode { get; set; } = PickupMode;

    public string? Host { get; set; }

    [Range(1, 65535, ErrorMessage = "Email:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 587;

    /// <summary>"Auto", "None", "StartTls" or "SslOnConnect" (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "Auto";

    /// <summary>When set, the transport authenticates; when empty, it sends without AUTH (a trusted relay).</summary>
    public string? UserName { get; set; }
    public string? Password { get; set; }

    public string FromAddress { get; set; } = "readiness@readiness.demo";
    public string FromName { get; set; } = "Readiness";

    /// <summary>Folder for Pickup mode; a relative path is resolved against the app's content root.</summary>
    public string PickupFolder { get; set; } = "App_Data/mail";

    /// <summary>Right-hand side of the Message-IDs the app writes into outbox rows.</summary>
    public string MessageIdDomain { get; set; } = "readiness.local";

    /// <summary>Attempts before a message that keeps failing transiently is given up (with an incident).</summary>
    [Range(1, 100, ErrorMessage = "Email:MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait after the 1st, 2nd, ... failed attempt; the last delay repeats.</summary>
    public int[] RetryDelaysMinutes { get; set; } = [1, 5, 15, 60, 240];

    /// <summary>Shows the demo inbox (/Dev/Mail) outside Development, e.g. on a demo server.</summary>
    public bool ShowMailPage { get; set; }

    /// <summary>
    /// How long a batch of emails claimed by a dispatcher stays hidden from the others while it is sent. If the node dies
    /// mid-batch, another sends the batch after this (at most that batch is then sent twice).
    /// </summary>
    [Range(5, 3600, ErrorMessage = "Email:ClaimLeaseSeconds must be between 5 and 3600.")]
    public int ClaimLeaseSeconds { get; set; } = 600;

    /// <summary>
    /// Send queued email right after the commit that queued it, from this process (woken by the commit, no Hangfire
    /// needed); the outbox-dispatch job stays as the safety net. Off only where something else drives the dispatcher.
    /// </summary>
    public bool SendOnCommit { get; set; } = true;

    public bool IsSmtp => string.Equals(Mode, SmtpMode, StringComparison.OrdinalIgnoreCase);
    public bool IsPickup => string.Equals(Mode, PickupMode, StringComparison.OrdinalIgnoreCase);

    public SecureSocketOptions SocketOptions => Security.ToUpperInvariant() switch
    {
        "NONE" => SecureSocketOptions.None,
        "STARTTLS" => SecureSocketOptions.StartTls,
        "SSLONCONNECT" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    /// <summary>The wait before the next try after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan RetryDelayAfter(int attempt) =>
        TimeSpan.FromMinutes(RetryDelaysMinutes[Math.Clamp(attempt - 1, 0, RetryDelaysMinutes.Length - 1)]);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsSmtp && !IsPickup)
            yield return new ValidationResult($"Email:Mode '{Mode}' is not known. Use 'Pickup' (files, no mail server) or 'Smtp'.", [nameof(Mode)]);
        if (IsSmtp && string.IsNullOrWhiteSpace(Host))
            yield return new ValidationResult("Email:Host is required when Email:Mode is Smtp.", [nameof(Host)]);
        if (IsPickup && string.IsNullOrWhiteSpace(PickupFolder))
            yield return new ValidationResult("Email:PickupFolder is required when Email:Mode is Pickup, e.g. 'App_Data/mail'.", [nameof(PickupFolder)]);
        if (!SecurityValues.Contains(Security, StringComparer.OrdinalIgnoreCase))
            yield return new ValidationResult($"Email:Security '{Security}' is not known. Use one of {string.Join(", ", SecurityValues)}.", [nameof(Security)]);
        // Checked in both modes: every message carries it, and a bad one would fail every send.
        if (!IsPlainAddress(FromAddress))
            yield return new ValidationResult($"Email:FromAddress '{FromAddress}' is not a valid email address, e.g. 'readiness@force.police.uk'.", [nameof(FromAddress)]);
        if (string.IsNullOrWhiteSpace(MessageIdDomain) || MessageIdDomain.Any(c => c is '@' or '<' or '>' || char.IsWhiteSpace(c)))
            yield return new ValidationResult($"Email:MessageIdDomain '{MessageIdDomain}' must be a domain name such as 'readiness.local'.", [nameof(MessageIdDomain)]);
        if (RetryDelaysMinutes is not { Length: > 0 } || RetryDelaysMinutes.Any(d => d < 1))
            yield return new ValidationResult("Email:RetryDelaysMinutes must list at least one delay, each of 1 minute or more, e.g. [1, 5, 15, 60, 240].", [nameof(RetryDelaysMinutes)]);
    }

    private static bool IsPlainAddress(string? value) =>
        !string.IsNullOrWhiteSpace(value) && MailAddress.TryCreate(value, out var parsed) && parsed.Address == value.Trim() && string.IsNullOrEmpty(parsed.DisplayName);
}
