using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Charts;

/// <summary>The record of a consultation (no needling): assessment, findings and the recommended plan.</summary>
[Authorize(Policy = Policies.Clinical)]
[Route("provider/consultations")]
public sealed class ConsultationsController : Controller
{
    /// <summary>The page lives with the charts it belongs to (views are found by controller name otherwise).</summary>
    private const string PageView = "~/Features/Charts/Views/Consultation.cshtml";

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Consultation(
        Guid id, [FromServices] ConsultationPage.Handler handler, [FromServices] ClinicalAudit audit, CancellationToken cancellationToken)
    {
        if (await handler.HandleAsync(id, cancellationToken) is not { } page)
        {
            return NotFound();
        }

        await audit.RecordReadAsync(page.ClientId, ClinicalAudit.ChartView, page.ChartId, cancellationToken);
        return View(PageView, page);
    }

    [HttpPost("{id:guid}")]
    public async Task<IActionResult> Save(
        Guid id, [Bind(Prefix = "Form")] SaveConsultation.Command command, [FromServices] SaveConsultation.Handler handler,
        [FromServices] ConsultationPage.Handler pages, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            if (await handler.HandleAsync(id, command, cancellationToken) is not { } result)
            {
                return NotFound();
            }

            if (result.Outcome.Succeeded)
            {
                TempData["Notice"] = result.Signed ? "Consultation record signed." : "Draft saved.";
                return RedirectToAction(nameof(Consultation), new { id });
            }

            ModelState.AddErrors(result.Outcome, "Form");
            if (result.Outcome.Errors.Any(e => e.Message is SaveChart.StaleMessage or SaveChart.SignedMessage))
            {
                Response.StatusCode = StatusCodes.Status409Conflict;
            }
        }

        if (await pages.HandleAsync(id, cancellationToken) is not { } page)
        {
            return NotFound();
        }

        // What was typed stays on the page; the version is the current one, so saving again goes through.
        command.Version = page.Version;
        command.SaveId = Guid.CreateVersion7();
        return View(PageView, page with { Form = command });
    }
}
