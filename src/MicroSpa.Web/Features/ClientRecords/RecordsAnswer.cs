using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace MicroSpa.Web.Features.ClientRecords;

/// <summary>Streams a records archive as the response: headers first, then the ZIP as it is written.</summary>
internal static class RecordsAnswer
{
    public static async Task<IActionResult> StreamAsync(ControllerBase controller, RecordsDownload download, CancellationToken cancellationToken)
    {
        var response = controller.Response;
        response.ContentType = RecordsDownload.ContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = download.FileName }.ToString();
        await download.WriteAsync(response.Body, cancellationToken);
        return new EmptyResult();
    }
}
