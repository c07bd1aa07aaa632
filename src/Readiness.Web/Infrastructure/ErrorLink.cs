using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Readiness.Web.Infrastructure;

/// <summary>One line of an error summary: the message and the link to the field it is about (none for a form-wide message without a form id).</summary>
public sealed record ErrorLink(string Message, string? Href)
{
    /// <summary>
    /// The error summary of a form's model state: each message links to its field (key "Gate.Name" → #Gate_Name, the id
    /// the tag helpers give that input); form-wide messages (empty key) link to <paramref name="formId"/>, if any;
    /// <paramref name="linkFor"/> may send a key elsewhere (a field on another page).
    /// </summary>
    public static IReadOnlyList<ErrorLink> From(ModelStateDictionary modelState, string? formId = null, Func<string, string?>? linkFor = null) =>
        modelState.Where(kv => kv.Value!.Errors.Count > 0)
            .SelectMany(kv => kv.Value!.Errors.Select(e => new ErrorLink(e.ErrorMessage,
                linkFor?.Invoke(kv.Key) ?? (kv.Key.Length > 0 ? "#" + IdOf(kv.Key) : formId is null ? null : "#" + formId))))
            .ToList();

    /// <summary>The id the tag helpers give the input named <paramref name="name"/> ("Answers[2].Value" → "Answers_2__Value").</summary>
    public static string IdOf(string name) => TagBuilder.CreateSanitizedId(name, "_");

    public static string? FirstError(ModelStateDictionary modelState, string name) =>
        modelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
