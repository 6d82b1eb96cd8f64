using MicroSpa.Web.Infrastructure.Validation;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Plans;

/// <summary>Treatment series: started from a chart by a clinician; the front desk sees who is due.</summary>
public sealed class PlansController : Controller
{
    [Authorize(Policy = Policies.Clinical)]
    [HttpPost("/provider/charts/{id:guid}/plan")]
    public async Task<IActionResult> Start(Guid id, [Bind(Prefix = "Plan")] StartPlan.Command command, [FromServices] StartPlan.Handler handler, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            TempData["Problem"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return Redirect($"/provider/charts/{id}");
        }

        if (await handler.HandleAsync(id, command, cancellationToken) is not { } outcome)
        {
            return NotFound();
        }

        TempData[outcome.Succeeded ? "Notice" : "Problem"] = outcome.Succeeded ? "This session counts in the client's plan." : string.Join(" ", outcome.Errors.Select(e => e.Message));
        return Redirect($"/provider/charts/{id}");
    }

    /// <summary>One click on a consultation record: the plan it recommends starts, prefilled from it.</summary>
    [Authorize(Policy = Policies.Clinical)]
    [HttpPost("/provider/consultations/{id:guid}/plan")]
    public async Task<IActionResult> StartFromConsultation(Guid id, [FromServices] StartPlanFromConsultation.Handler handler, CancellationToken cancellationToken)
    {
        if (await handler.HandleAsync(id, cancellationToken) is not { } result)
        {
            return NotFound();
        }

        if (result.Outcome.Succeeded)
        {
            TempData["Notice"] = "Treatment plan started from the consultation's recommendation.";
            return Redirect($"/provider/plans/{result.PlanId}");
        }

        TempData["Problem"] = string.Join(" ", result.Outcome.Errors.Select(e => e.Message));
        return Redirect($"/provider/consultations/{id}");
    }

    [Authorize(Policy = Policies.Clinical)]
    [HttpGet("/provider/plans/{id:guid}")]
    public async Task<IActionResult> Plan(Guid id, [FromServices] ManagePlan.Handler handler, CancellationToken cancellationToken) =>
        await handler.PageAsync(id, cancellationToken) is { } page ? View(page) : NotFound();

    [Authorize(Policy = Policies.Clinical)]
    [HttpPost("/provider/plans/{id:guid}")]
    public async Task<IActionResult> ChangePlan(
        Guid id, [Bind(Prefix = "Form")] ManagePlan.ChangeForm form, [FromServices] ManagePlan.Handler handler, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            if (await handler.ChangeAsync(id, form, cancellationToken) is not { } outcome)
            {
                return NotFound();
            }

            if (outcome.Succeeded)
            {
                TempData["Notice"] = "Plan saved.";
                return Redirect($"/provider/plans/{id}");
            }

            ModelState.AddErrors(outcome, "Form");
        }

        return await handler.PageAsync(id, cancellationToken) is { } page ? View(nameof(Plan), page with { Form = form }) : NotFound();
    }

    [Authorize(Policy = Policies.Clinical)]
    [HttpPost("/provider/plans/{id:guid}/end")]
    public async Task<IActionResult> EndPlan(
        Guid id, [Bind(Prefix = "End")] ManagePlan.EndForm form, [FromServices] ManagePlan.Handler handler, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            if (await handler.EndAsync(id, form, cancellationToken) is not { } outcome)
            {
                return NotFound();
            }

            if (outcome.Succeeded)
            {
                TempData["Notice"] = "Plan ended: nothing is due from it and no reminders go out.";
                return Redirect($"/provider/plans/{id}");
            }

            ModelState.AddErrors(outcome, "End");
        }

        return await handler.PageAsync(id, cancellationToken) is { } page ? View(nameof(Plan), page with { End = form }) : NotFound();
    }

    [Authorize(Policy = Policies.Clinical)]
    [HttpPost("/provider/plans/{id:guid}/reopen")]
    public async Task<IActionResult> ReopenPlan(Guid id, [FromServices] ManagePlan.Handler handler, CancellationToken cancellationToken)
    {
        if (await handler.ReopenAsync(id, cancellationToken) is not { } outcome)
        {
            return NotFound();
        }

        TempData[outcome.Succeeded ? "Notice" : "Problem"] = outcome.Succeeded ? "Plan reopened." : string.Join(" ", outcome.Errors.Select(e => e.Message));
        return Redirect($"/provider/plans/{id}");
    }

    [Authorize(Policy = Policies.Clinical)]
    [HttpPost("/provider/charts/{id:guid}/progress")]
    public async Task<IActionResult> Score(Guid id, Dictionary<Guid, int?> scores, [FromServices] Progress.Handler handler, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            TempData["Problem"] = "Choose a score from the list for each area.";
            return Redirect($"/provider/charts/{id}");
        }

        if (await handler.ScoreAsync(id, Given(scores), cancellationToken) is not { } outcome)
        {
            return NotFound();
        }

        TempData[outcome.Succeeded ? "Notice" : "Problem"] = outcome.Succeeded ? "Progress saved." : string.Join(" ", outcome.Errors.Select(e => e.Message));
        return Redirect($"/provider/charts/{id}");
    }

    [Authorize(Policy = Policies.Clinical)]
    [HttpGet("/provider/charts/{id:guid}/progress")]
    public async Task<IActionResult> History(
        Guid id, [FromServices] Charts.ChartPage.Handler charts, [FromServices] Progress.Handler handler, [FromServices] Photos.Handler photos,
        [FromServices] Charts.ClinicalAudit audit,
        CancellationToken cancellationToken)
    {
        if (await charts.HandleAsync(id, cancellationToken) is not { } chart)
        {
            return NotFound();
        }

        await audit.RecordReadAsync(chart.ClientId, "progress.view", chart.ChartId, cancellationToken);
        return View(new HistoryPage(chart.Client, $"/provider/charts/{id}", await handler.HistoryAsync(chart.ClientId, cancellationToken))
        {
            Photos = await photos.ForClientAsync(chart.ClientId, cancellationToken),
        });
    }

    [Authorize(Policy = Policies.Client)]
    [HttpGet("/my/progress")]
    public async Task<IActionResult> MyProgress(
        [FromServices] CurrentClient client, [FromServices] Progress.Handler handler, [FromServices] Photos.Handler photos, CancellationToken cancellationToken)
    {
        var clientId = await client.RequiredIdAsync(cancellationToken);
        return View(nameof(History), new HistoryPage(null, "/my/appointments", await handler.HistoryAsync(clientId, cancellationToken))
        {
            Photos = await photos.ForClientAsync(clientId, cancellationToken),
        });
    }

    [Authorize(Policy = Policies.Client)]
    [HttpPost("/my/appointments/{id:guid}/progress")]
    public async Task<IActionResult> Rate(
        Guid id, Dictionary<Guid, int?> ratings, [FromServices] CurrentClient client, [FromServices] Progress.Handler handler, CancellationToken cancellationToken)
    {
        // Someone else's visit is not found, whatever was posted.
        var clientId = await client.RequiredIdAsync(cancellationToken);
        if (!await handler.MayRateAsync(id, clientId, cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            TempData["Problem"] = "Choose a rating from the list for each area.";
            return Redirect($"/my/appointments/{id}/aftercare");
        }

        if (await handler.RateAsync(id, clientId, Given(ratings), cancellationToken) is not { } outcome)
        {
            return NotFound();
        }

        TempData[outcome.Succeeded ? "Notice" : "Problem"] = outcome.Succeeded ? "Thank you: your rating is saved." : string.Join(" ", outcome.Errors.Select(e => e.Message));
        return Redirect($"/my/appointments/{id}/aftercare");
    }

    /// <summary>The areas that were given a value ("not scored" leaves an area as it is).</summary>
    private static Dictionary<Guid, int> Given(Dictionary<Guid, int?> values) =>
        values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!.Value);

    [Authorize(Policy = Policies.Clinical)]
    [HttpPost("/provider/charts/{id:guid}/photos")]
    [RequestSizeLimit(MicroSpa.Domain.Plans.Photo.MaxBytes + 1024 * 1024)]
    public async Task<IActionResult> Upload(
        Guid id, Guid areaId, MicroSpa.Domain.Plans.PhotoKind kind, IFormFile? file, [FromServices] Photos.Handler handler, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            TempData["Problem"] = "Choose the area, before or after, and a photo.";
            return Redirect($"/provider/charts/{id}");
        }

        if (await handler.UploadAsync(id, areaId, kind, file, cancellationToken) is not { } outcome)
        {
            return NotFound();
        }

        TempData[outcome.Succeeded ? "Notice" : "Problem"] = outcome.Succeeded ? "Photo saved (its metadata removed)." : string.Join(" ", outcome.Errors.Select(e => e.Message));

        // A consultation record's address sends the provider back to its own page.
        return Redirect($"/provider/charts/{id}");
    }

    /// <summary>A photo, only for clinicians and the client it shows (anyone else: not found).</summary>
    [Authorize(Policy = Policies.ClinicalOrClient)]
    [HttpGet("/photos/{id:guid}")]
    public async Task<IActionResult> Photo(Guid id, [FromServices] Photos.Handler handler, CancellationToken cancellationToken)
    {
        if (await handler.ReadAsync(id, cancellationToken) is not { } photo)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";
        return File(photo.Bytes, photo.ContentType);
    }

    [Authorize(Policy = Policies.ClinicalOrClient)]
    [HttpGet("/photos/compare")]
    public async Task<IActionResult> Compare(Guid left, Guid right, [FromServices] Photos.Handler handler, CancellationToken cancellationToken) =>
        await handler.CompareAsync(left, right, cancellationToken) is { } pair ? View(new ComparePage(pair.Left, pair.Right)) : NotFound();

    [Authorize(Policy = Policies.FrontDesk)]
    [HttpGet("/front-desk/due")]
    public async Task<IActionResult> Due([FromServices] PlanOverview.Handler plans, CancellationToken cancellationToken) =>
        View(await plans.DueAsync(cancellationToken));
}

public sealed record HistoryPage(string? Client, string Back, IReadOnlyList<Progress.AreaHistory> Areas)
{
    public IReadOnlyList<Photos.Item> Photos { get; init; } = [];
}

public sealed record ComparePage(Photos.Item Left, Photos.Item Right);


