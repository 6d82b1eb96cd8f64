using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace MicroSpa.Web.Tests.Infrastructure;

/// <summary>
/// A browser-like client: keeps cookies, reads pages as HTML documents and posts forms the way a
/// browser would, with the antiforgery token the page rendered.
/// </summary>
public sealed class WebSession(HttpClient client) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client { get; } = client;

    public async Task<Page> GetAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html");
        var response = await Client.SendAsync(request);
        return await Page.ReadAsync(response);
    }

    /// <summary>Opens the page, fills the form (the first one, or the one posting to formAction) and submits it.</summary>
    public async Task<Page> SubmitAsync(string pageUrl, IDictionary<string, string> fields, string? formAction = null)
    {
        var page = await GetAsync(pageUrl);
        page.Status.ShouldBe(HttpStatusCode.OK, $"GET {pageUrl}");
        return await SubmitAsync(page, fields, formAction);
    }

    public async Task<Page> SubmitAsync(Page page, IDictionary<string, string> fields, string? formAction = null)
    {
        // The form a person would submit: posting forms only (search forms are GET), by action when given.
        var form = page.Document.QuerySelectorAll<IHtmlFormElement>("form")
            .Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase))
            .First(f => formAction is null ? !IsSignOut(f) : f.GetAttribute("action") == formAction);
        // What the page already holds (hidden fields, prefilled values), as a browser would send it.
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[name]"))
        {
            var skip = fields.ContainsKey(input.Name!)
                || input.Type is "password" or "submit" or "button"
                || (input.Type is "checkbox" or "radio" && !input.IsChecked);
            if (!skip)
            {
                values.Add(new(input.Name!, input.Value));
            }
        }

        values.AddRange(fields);
        using var request = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action"))
        {
            Content = new FormUrlEncodedContent(values),
        };
        request.Headers.Accept.ParseAdd("text/html");
        var response = await Client.SendAsync(request);
        return await Page.ReadAsync(response);
    }

    /// <summary>Posts to an address the page offers no form for (a crafted request), with the page's antiforgery token.</summary>
    public async Task<Page> PostAsync(Page from, string url, IDictionary<string, string>? fields = null)
    {
        var token = from.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var values = new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { ["__RequestVerificationToken"] = token };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(values) };
        request.Headers.Accept.ParseAdd("text/html");
        return await Page.ReadAsync(await Client.SendAsync(request));
    }

    /// <summary>Follows a redirect the way a browser would.</summary>
    public async Task<Page> FollowAsync(Page redirect)
    {
        redirect.Status.ShouldBe(HttpStatusCode.Redirect);
        return await GetAsync(redirect.Location!);
    }

    public void Dispose() => Client.Dispose();

    private static bool IsSignOut(IHtmlFormElement form) =>
        form.GetAttribute("action")?.EndsWith("/sign-out", StringComparison.Ordinal) == true;
}

public sealed record Page(HttpStatusCode Status, string? Location, string Html, IDocument Document)
{
    private static readonly HtmlParser Parser = new();

    public static async Task<Page> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return new Page(response.StatusCode, response.Headers.Location?.OriginalString, html, Parser.ParseDocument(html))
        {
            SetCookies = response.Headers.TryGetValues("Set-Cookie", out var cookies) ? [.. cookies] : [],
        };
    }

    /// <summary>The cookies the response set, as sent (with their flags).</summary>
    public IReadOnlyList<string> SetCookies { get; init; } = [];

    /// <summary>The message shown under a field, or null.</summary>
    public string? FieldMessage(string field) =>
        Document.GetElementById($"{field}-error")?.TextContent.Trim() is { Length: > 0 } text ? text : null;

    /// <summary>The form-level messages (validation summary).</summary>
    public string Summary => Document.QuerySelector(".validation-summary-errors")?.TextContent.Trim() ?? string.Empty;

    public string Text => Document.Body?.TextContent ?? string.Empty;
}
