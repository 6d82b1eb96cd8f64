using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Charts;

/// <summary>The treatment room: the provider's day and the chart of each session. Estheticians, nurses and the medical director only.</summary>
[Authorize(Policy = Policies.Clinical)]
[Route("provider")]
public sealed class ChartsController(ClinicTimeZone zone, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Day(DateOnly? date, [FromServices] ProviderDay.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(date ?? zone.Today(clock.GetUtcNow()), cancellationToken));

    /// <summary>The depth rules for one depth, as the provider types it (the chart form shows the answer live).</summary>
    [HttpGet("depth-check")]
    public async Task<IActionResult> DepthCheck(
        Guid? areaId, Guid? deviceId, decimal? depth, MicroSpa.Domain.Treatments.FitzpatrickType? skinType, [FromServices] DepthCheck.Handler handler,
        CancellationToken cancellationToken)
    {
        // The depth is read as the chart form reads it (DecimalInput): the live hint never shows another number.
        if (ModelState.TryGetValue(nameof(depth), out var typed) && typed.Errors.Count > 0)
        {
            return Problem(title: typed.Errors[0].ErrorMessage, statusCode: StatusCodes.Status400BadRequest);
        }

        if (areaId is null || deviceId is null || depth is null || !ModelState.IsValid)
        {
            return Problem(title: "Give an area, a device and a depth.", statusCode: StatusCodes.Status400BadRequest);
        }

        return await handler.HandleAsync(areaId.Value, deviceId.Value, depth.Value, skinType, cancellationToken) is { } verdict
            ? Ok(new { refusal = verdict.Refusal, warnings = verdict.Warnings })
            : Problem(title: "No such area or device.", statusCode: StatusCodes.Status404NotFound);
    }

    [HttpPost("appointments/{id:guid}/chart")]
    public async Task<IActionResult> Open(Guid id, [FromServices] OpenChart.Handler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(id, cancellationToken);
        return this.Answer(result?.Outcome, () => RedirectToAction(nameof(Chart), new { id = result?.ChartId }), refused: () => RedirectToAction(nameof(Day)));
    }

    [HttpGet("charts/{id:guid}")]
    public async Task<IActionResult> Chart(Guid id, [FromServices] ChartPage.Handler handler, [FromServices] ClinicalAudit audit, CancellationToken cancellationToken)
    {
        if (await handler.HandleAsync(id, cancellationToken) is not { } page)
        {
            return NotFound();
        }

        if (page.IsConsultation)
        {
            return RedirectToAction(nameof(ConsultationsController.Consultation), "Consultations", new { id });
        }

        await audit.RecordReadAsync(page.ClientId, ClinicalAudit.ChartView, page.ChartId, cancellationToken);
        return View(page);
    }

    [HttpPost("charts/{id:guid}")]
    public async Task<IActionResult> Save(
        Guid id, [Bind(Prefix = "Form")] SaveChart.Command command, [FromServices] SaveChart.Handler handler, [FromServices] ChartPage.Handler pages,
        CancellationToken cancellationToken)
    {
        SaveChart.Result? result = null;
        return await this.AnswerFormAsync(
            async () => (result = await handler.HandleAsync(id, command, cancellationToken))?.Outcome,
            () =>
            {
                TempData[OutcomeAnswers.Notice] = result!.Signed ? "Chart signed. The client's aftercare plan is issued and emailed."
                    : result.RemovedArea is { } removed ? $"{removed} taken off the chart; draft saved." : "Draft saved.";
                return RedirectToAction(nameof(Chart), new { id });
            },
            () => ChartAgainAsync(id, command, pages, cancellationToken),
            prefix: "Form");
    }

    [Authorize(Policy = Policies.MedicalDirector)]
    [HttpGet("co-sign")]
    public async Task<IActionResult> CoSignQueue([FromServices] ChartsToCoSign.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(cancellationToken));

    [Authorize(Policy = Policies.MedicalDirector)]
    [HttpPost("charts/{id:guid}/co-sign")]
    public async Task<IActionResult> CoSign(Guid id, [FromServices] CoSignChart.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(await handler.HandleAsync(id, cancellationToken), () => RedirectToAction(nameof(Chart), new { id }), notice: "Chart co-signed.");

    [HttpPost("charts/{id:guid}/addenda")]
    public async Task<IActionResult> Addendum(Guid id, string? text, [FromServices] AddAddendum.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(await handler.HandleAsync(id, text, cancellationToken), () => RedirectToAction(nameof(Chart), new { id }), notice: "Addendum added.");

    /// <summary>The chart again after a refused save: what was typed stays, with the current version so saving again goes through.</summary>
    private async Task<IActionResult?> ChartAgainAsync(Guid id, SaveChart.Command command, ChartPage.Handler pages, CancellationToken cancellationToken)
    {
        if (await pages.HandleAsync(id, cancellationToken) is not { } page)
        {
            return null;
        }

        if (page.IsConsultation)
        {
            TempData[OutcomeAnswers.Problem] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return RedirectToAction(nameof(ConsultationsController.Consultation), "Consultations", new { id });
        }

        command.Version = page.Version;
        command.SaveId = Guid.CreateVersion7();
        return View(nameof(Chart), page with { Form = command });
    }
}
