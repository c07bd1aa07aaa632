using MailKit.Net.Smtp;
using MimeKit;

namespace Readiness.Infrastructure.Email;

/// <summary>
/// What a failed send means. A 5xx reply is the server's final word (retrying cannot help); a 4xx reply or a
/// connection problem (refused, dropped, timed out, TLS or login trouble) usually passes, so it is retried.
/// Anything unexpected is retried too: the retry limit still turns it into an incident, so nothing is lost.
/// </summary>
/// <param name="Unreachable">Not an answer about this message but the way to the server failing (no connection, dropped,
/// timed out, refused login, a pickup folder that cannot be written): the next message would likely fail the same way.</param>
public sealed record SendFailure(bool Permanent, string Description, bool Unreachable = false)
{
    public static SendFailure Classify(Exception error) => error switch
    {
        SmtpCommandException smtp when (int)smtp.StatusCode >= 500 => new(true, $"{(int)smtp.StatusCode} {smtp.Message}"),
        SmtpCommandException smtp => new(false, $"{(int)smtp.StatusCode} {smtp.Message}"),
        // An address in the row that cannot be parsed will not parse next time either.
        ParseException => new(true, $"Invalid message: {error.Message}"),
        _ => new(false, $"{error.GetType().Name}: {error.Message}", Unreachable: true),
    };
}
