using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Charts;

/// <summary>The record of a consultation (no needling): assessment, findings and the recommended plan.</summary>
[Authorize(Policy = Policies.Clinical)]
[Route("provider/consultations")]
public sealed class ConsultationsController : Controller
{
    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Consultation(
        Guid id, [FromServices] ConsultationPage.Handler handler, [FromServices] ClinicalAudit audit, CancellationToken cancellationToken)
    {
        if (await handler.HandleAsync(id, cancellationToken) is not { } page)
        {
            return NotFound();
        }

        await audit.RecordReadAsync(page.ClientId, ClinicalAudit.ChartView, page.ChartId, cancellationToken);
        return View(page);
    }

    [HttpPost("{id:guid}")]
    public async Task<IActionResult> Save(
        Guid id, [Bind(Prefix = "Form")] SaveConsultation.Command command, [FromServices] SaveConsultation.Handler handler,
        [FromServices] ConsultationPage.Handler pages, CancellationToken cancellationToken)
    {
        SaveChart.Result? result = null;
        return await this.AnswerFormAsync(
            async () => (result = await handler.HandleAsync(id, command, cancellationToken))?.Outcome,
            () =>
            {
                TempData[OutcomeAnswers.Notice] = result!.Signed ? "Consultation record signed." : "Draft saved.";
                return RedirectToAction(nameof(Consultation), new { id });
            },
            async () =>
            {
                if (await pages.HandleAsync(id, cancellationToken) is not { } page)
                {
                    return null;
                }

                // What was typed stays on the page; the version is the current one, so saving again goes through.
                command.Version = page.Version;
                command.SaveId = Guid.CreateVersion7();
                return View(nameof(Consultation), page with { Form = command });
            },
            prefix: "Form");
    }
}
