using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Plans;

/// <summary>Before and after photos: uploaded on a chart, shown only to clinicians and the client they show, compared side by side.</summary>
public sealed class PhotosController : Controller
{
    [Authorize(Policy = Policies.Clinical)]
    [HttpPost("/provider/charts/{id:guid}/photos")]
    [RequestSizeLimit(MicroSpa.Domain.Plans.Photo.MaxBytes + 1024 * 1024)]
    public async Task<IActionResult> Upload(
        Guid id, Guid areaId, MicroSpa.Domain.Plans.PhotoKind kind, IFormFile? file, [FromServices] UploadPhoto.Handler handler, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            TempData[OutcomeAnswers.Problem] = "Choose the area, before or after, and a photo.";
            return Redirect($"/provider/charts/{id}");
        }

        return this.Answer(
            await handler.HandleAsync(id, areaId, kind, file, cancellationToken), () => Redirect($"/provider/charts/{id}"),
            notice: "Photo saved (its metadata removed).");
    }

    /// <summary>A photo, only for clinicians and the client it shows (anyone else: not found).</summary>
    [Authorize(Policy = Policies.ClinicalOrClient)]
    [HttpGet("/photos/{id:guid}")]
    public async Task<IActionResult> Photo(Guid id, [FromServices] PhotoFile.Handler handler, CancellationToken cancellationToken)
    {
        if (await handler.HandleAsync(id, cancellationToken) is not { } photo)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";
        return File(photo.Bytes, photo.ContentType);
    }

    [Authorize(Policy = Policies.ClinicalOrClient)]
    [HttpGet("/photos/compare")]
    public async Task<IActionResult> Compare(Guid left, Guid right, [FromServices] PhotoComparison.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(left, right, cancellationToken) is { } pair ? View(new ComparePage(pair.Left, pair.Right)) : NotFound();
}

public sealed record ComparePage(ClientPhotos.Item Left, ClientPhotos.Item Right);
