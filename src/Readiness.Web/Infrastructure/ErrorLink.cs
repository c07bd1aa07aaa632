namespace Readiness.Web.Infrastructure;

/// <summary>One line of an error summary: the message and the link to the field it is about.</summary>
public sealed record ErrorLink(string Message, string Href);
