using MicroSpa.Web.Infrastructure.Csv;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace MicroSpa.Web.Features.Import;

/// <summary>
/// An upload that says (Content-Length) it is larger than a file to import may be is answered at once, 413 with the
/// upload form and its message on the file field, before the antiforgery check reads the body. An upload that does not
/// say its length is stopped by the request size limit instead (a 4xx, never a 500).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RefuseLargeUploadAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>Room for the form's other fields and the multipart boundaries.</summary>
    public const long FormAllowance = 64 * 1024;

    public const long RequestLimit = ImportFile.MaxBytes + FormAllowance;

    /// <summary>Before the antiforgery filter (order 1000), which reads the whole form.</summary>
    public int Order => 0;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (http.Request.ContentLength is not { } length || length <= RequestLimit)
        {
            return;
        }

        var page = await http.RequestServices.GetRequiredService<UploadPage.Handler>().HandleAsync(new UploadClients.Command(), http.RequestAborted);
        var modelState = new ModelStateDictionary();
        modelState.AddModelError("Form." + nameof(UploadClients.Command.File), ImportFile.TooLarge);
        context.Result = new ViewResult
        {
            ViewName = "Upload",
            StatusCode = StatusCodes.Status413PayloadTooLarge,
            ViewData = new ViewDataDictionary(http.RequestServices.GetRequiredService<IModelMetadataProvider>(), modelState) { Model = page },
        };
    }
}
