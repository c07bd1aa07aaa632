using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Readiness.Web.Infrastructure;

/// <summary>One line of an error summary: the message and the link to the field it is about.</summary>
public sealed record ErrorLink(string Message, string Href)
{
    /// <summary>
    /// The error summary of a form's model state: each message links to its field ("Gate.Name" → #Gate_Name, the id
    /// the tag helpers give it); form-wide messages link to <paramref name="formId"/>.
    /// </summary>
    public static IReadOnlyList<ErrorLink> From(ModelStateDictionary modelState, string formId = "main") =>
        modelState.Where(kv => kv.Value!.Errors.Count > 0)
            .SelectMany(kv => kv.Value!.Errors.Select(e => new ErrorLink(e.ErrorMessage, "#" + (kv.Key.Length == 0 ? formId : kv.Key.Replace('.', '_')))))
            .ToList();
}
