using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Readiness.Web.Tests.Infrastructure;

/// <summary>
/// A small browser over HttpClient: gets pages, parses them with AngleSharp, and submits forms the way a
/// browser would (every named field with its current value, checked radios only, the real antiforgery token).
/// </summary>
public sealed class Browser(HttpClient client)
{
    public const string Password = "Readiness-Demo-2026!";

    public HttpClient Client => client;

    public async Task<IDocument> GetAsync(string url)
    {
        var response = await client.GetAsync(url);
        return await ParseAsync(response, url);
    }

    public async Task<HttpResponseMessage> GetRawAsync(string url) => await client.GetAsync(url);

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response, string url)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        var doc = await context.OpenAsync(r => r.Content(html).Address("http://localhost" + url));
        return doc;
    }

    public async Task SignInAsync(string email, string password = Password)
    {
        var page = await GetAsync("/Account/SignIn");
        var response = await SubmitAsync(page.Forms.First(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase) && f.QuerySelector("#Email") is not null),
            new() { ["Email"] = email, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}");
    }

    /// <summary>Submits a form with its current values, overridden by <paramref name="values"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(IHtmlFormElement form, Dictionary<string, string> values, string? submitName = null, string? submitValue = null)
    {
        var fields = FormFields(form);
        foreach (var (k, v) in values)
        {
            fields.RemoveAll(f => f.Key == k);
            fields.Add(new(k, v));
        }
        if (submitName is not null) fields.Add(new(submitName, submitValue ?? ""));
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : new Uri(form.BaseUri).PathAndQuery;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public static List<KeyValuePair<string, string>> FormFields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name)) continue;
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "radio" or "checkbox":
                    if (input.IsChecked) fields.Add(new(name, input.Value));
                    break;
                case IHtmlInputElement input when input.Type is "submit" or "button":
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement textArea:
                    fields.Add(new(name, textArea.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, select.Value ?? ""));
                    break;
            }
        }
        return fields;
    }
}
