using System.Net;
using System.Net.Http.Headers;
using MicroSpa.Web.Tests.Infrastructure;

namespace MicroSpa.Web.Tests.Import;

/// <summary>An Admin's steps through the appointments import (decision 056), as a browser posts them.</summary>
public static class AppointmentImportFlows
{
    public static async Task<Page> UploadAsync(WebSession admin, byte[] file, string source = "Vagaro", string fileName = "appointments.csv")
    {
        using var content = await ImportFlows.FormAsync(admin, source);
        content.Add(new StringContent("Appointments"), "Form.Kind");
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "Form.File", fileName);
        return await ImportFlows.PostAsync(admin, content);
    }

    /// <summary>Uploads, accepts the proposed columns, maps the names as proposed with <paramref name="names"/> changed (by the file's name), opens the dry run.</summary>
    public static async Task<(string UploadUrl, Page Names, Page DryRun)> DryRunAsync(
        WebSession admin, byte[] file, string source = "Vagaro", IDictionary<string, string>? columns = null, IDictionary<string, Guid?>? names = null)
    {
        var uploaded = await UploadAsync(admin, file, source);
        uploaded.Status.ShouldBe(HttpStatusCode.Redirect, uploaded.Document.QuerySelector(".field-message")?.TextContent);
        var mappingUrl = uploaded.Location!;
        mappingUrl.ShouldEndWith("/appointments/mapping");
        var mapping = await admin.GetAsync(mappingUrl);
        var mapped = await admin.SubmitAsync(mapping, ImportFlows.Proposed(mapping, columns));
        mapped.Status.ShouldBe(HttpStatusCode.Redirect, mapped.Summary);
        var namesPage = await admin.FollowAsync(mapped);
        namesPage.Status.ShouldBe(HttpStatusCode.OK);
        var named = await admin.SubmitAsync(namesPage, Names(namesPage, names));
        named.Status.ShouldBe(HttpStatusCode.Redirect, named.Summary);
        var dryRun = await admin.FollowAsync(named);
        dryRun.Status.ShouldBe(HttpStatusCode.OK);
        return (mappingUrl[..mappingUrl.LastIndexOf("/appointments", StringComparison.Ordinal)], namesPage, dryRun);
    }

    /// <summary>The names page's choices as proposed, with some changed (by the name as the file writes it; null: not mapped).</summary>
    public static Dictionary<string, string> Names(Page page, IDictionary<string, Guid?>? changes = null)
    {
        var fields = new Dictionary<string, string>();
        foreach (var row in page.Document.QuerySelectorAll("form.import-names tr[data-name]"))
        {
            var select = row.QuerySelector("select")!;
            var name = row.GetAttribute("data-name")!;
            fields[select.GetAttribute("name")!] = changes is not null && changes.TryGetValue(name, out var changed)
                ? changed?.ToString() ?? string.Empty
                : select.QuerySelector("option[selected]")?.GetAttribute("value") ?? string.Empty;
        }

        return fields;
    }

    /// <summary>The dry run's row of a line of the file: (action, detail).</summary>
    public static (string Action, string Detail) Row(Page dryRun, int line)
    {
        var row = dryRun.Document.QuerySelector($"table.import-dry-run tr[data-line='{line}']")
            ?? throw new ShouldAssertException($"No dry-run row for line {line}");
        var cells = row.QuerySelectorAll("td");
        return (cells[1].TextContent.Trim(), cells[7].QuerySelector(".detail")!.TextContent.Trim());
    }
}
