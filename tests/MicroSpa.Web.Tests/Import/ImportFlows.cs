using System.Net;
using System.Net.Http.Headers;
using MicroSpa.Web.Tests.Infrastructure;

namespace MicroSpa.Web.Tests.Import;

/// <summary>An Admin's steps through the import, as a browser posts them (the upload as multipart with the page's antiforgery token).</summary>
public static class ImportFlows
{
    public static async Task<Page> UploadAsync(WebSession admin, byte[] file, string source = "Old spreadsheet", string fileName = "clients.csv")
    {
        using var content = await FormAsync(admin, source);
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "Form.File", fileName);
        return await PostAsync(admin, content);
    }

    /// <summary>The upload form with its token and source, for a test to add its own file part.</summary>
    public static async Task<MultipartFormDataContent> FormAsync(WebSession admin, string source = "Old spreadsheet")
    {
        var page = await admin.GetAsync("/admin/import");
        page.Status.ShouldBe(HttpStatusCode.OK);
        var token = page.Document.QuerySelector("form.import-upload input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        return new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(source), "Form.SourceName" },
        };
    }

    public static async Task<Page> PostAsync(WebSession admin, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/import") { Content = content };
        request.Headers.Accept.ParseAdd("text/html");
        return await Page.ReadAsync(await admin.Client.SendAsync(request));
    }

    /// <summary>Uploads the file, accepts the mapping as proposed (with <paramref name="changes"/>), and opens the dry run.</summary>
    public static async Task<(string UploadUrl, Page DryRun)> DryRunAsync(
        WebSession admin, byte[] file, string source = "Old spreadsheet", IDictionary<string, string>? changes = null)
    {
        var uploaded = await UploadAsync(admin, file, source);
        uploaded.Status.ShouldBe(HttpStatusCode.Redirect, uploaded.Document.QuerySelector(".field-message")?.TextContent);
        var mappingUrl = uploaded.Location!;
        var mapping = await admin.GetAsync(mappingUrl);
        var mapped = await admin.SubmitAsync(mapping, Proposed(mapping, changes));
        mapped.Status.ShouldBe(HttpStatusCode.Redirect, mapped.Summary);
        return (mappingUrl[..mappingUrl.LastIndexOf('/')], await admin.FollowAsync(mapped));
    }

    /// <summary>The fields the mapping page proposes, by column (Fields[i]), with some changed.</summary>
    public static Dictionary<string, string> Proposed(Page mapping, IDictionary<string, string>? changes = null)
    {
        var fields = mapping.Document.QuerySelectorAll("form.import-mapping select").ToDictionary(
            s => s.GetAttribute("name")!, s => s.QuerySelector("option[selected]")?.GetAttribute("value") ?? "None");
        fields["DayFirst"] = mapping.Document.QuerySelector("input[name='DayFirst'][checked]")?.GetAttribute("value") ?? "false";
        foreach (var (name, value) in changes ?? new Dictionary<string, string>())
        {
            fields[name] = value;
        }

        return fields;
    }

    /// <summary>The dry run's row of a line of the file: (action, detail).</summary>
    public static (string Action, string Detail) Row(Page dryRun, int line)
    {
        var row = dryRun.Document.QuerySelector($"table.import-dry-run tr[data-line='{line}']")
            ?? throw new ShouldAssertException($"No dry-run row for line {line}");
        var cells = row.QuerySelectorAll("td");
        return (cells[1].TextContent.Trim(), cells[6].QuerySelector(".detail")!.TextContent.Trim());
    }

    /// <summary>
    /// The confirm's choices, as the Admin clicks them on the page: the possible duplicates of <paramref name="merge"/>
    /// merged into the client offered, those of <paramref name="create"/> created as new, every other one skipped.
    /// </summary>
    public static Dictionary<string, string> Choices(Page dryRun, int[]? merge = null, int[]? create = null)
    {
        var fields = new Dictionary<string, string>();
        foreach (var row in dryRun.Document.QuerySelectorAll("table.import-dry-run tr[data-action='PossibleDuplicate']"))
        {
            var line = int.Parse(row.GetAttribute("data-line")!, System.Globalization.CultureInfo.InvariantCulture);
            var choice = merge?.Contains(line) == true ? "merge" : create?.Contains(line) == true ? "create" : "skip";
            var radio = row.QuerySelector($"input[type='radio'][data-choice='{choice}']")
                ?? throw new ShouldAssertException($"No '{choice}' choice on line {line}");
            fields[radio.GetAttribute("name")!] = radio.GetAttribute("value")!;
        }

        return fields;
    }
}
