using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Readiness.Core.Admin;

/// <summary>A problem with one field of an admin form; <see cref="Field"/> is the input's name (the page links to it).</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// Outcome of an admin change: done (with a word for the flash message), invalid (field errors, nothing changed),
/// stale (someone else changed it since the form was shown) or not found.
/// </summary>
public sealed record AdminOutcome(bool Succeeded, string Message, IReadOnlyList<FieldError> Errors, bool Stale = false, bool NotFound = false, int? Id = null)
{
    public const string StaleMessage = "This was changed by someone else while you were editing. Their change is shown below: check it and make your change again.";

    public static AdminOutcome Done(string message, int? id = null) => new(true, message, [], Id: id);
    public static AdminOutcome Invalid(IReadOnlyList<FieldError> errors) => new(false, "", errors);
    public static AdminOutcome Invalid(string field, string message) => new(false, "", [new FieldError(field, message)]);
    public static AdminOutcome Conflict() => new(false, StaleMessage, [], Stale: true);
    public static AdminOutcome Missing(string what) => new(false, $"{what} was not found.", [], NotFound: true);
}

/// <summary>
/// App-managed concurrency for the PMO's edits without a schema change: a form carries the stamp of what it showed
/// (a hash of the row's editable values); a save whose stamp no longer matches the row is refused as stale.
/// The check and the write run in one transaction, and SQLite serialises writers, so two saves cannot both pass.
/// </summary>
public static class Stamp
{
    public static string Of(params object?[] values)
    {
        var text = string.Join('\u001f', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
