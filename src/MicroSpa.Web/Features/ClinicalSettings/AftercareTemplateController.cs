using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.ClinicalSettings;

/// <summary>The aftercare template's lines (what every issued plan starts from), set by the medical director and the Admin.</summary>
[Authorize(Policy = Policies.ClinicalSettings)]
[Route("clinical-settings")]
public sealed class AftercareTemplateController : Controller
{
    private const string Notice = "Notice";

    [HttpGet("aftercare/new")]
    public IActionResult NewLine() => View("Line", new LinePage(null, new SaveAftercareLine.Command()));

    [HttpGet("aftercare/{id:guid}")]
    public async Task<IActionResult> EditLine(Guid id, [FromServices] AftercareLineForm.Handler forms, CancellationToken cancellationToken) =>
        await forms.HandleAsync(id, cancellationToken) is { } form ? View("Line", new LinePage(id, form)) : NotFound();

    [HttpPost("aftercare/new")]
    public Task<IActionResult> AddLine(
        [Bind(Prefix = "Form")] SaveAftercareLine.Command command, [FromServices] SaveAftercareLine.Handler handler, CancellationToken cancellationToken) =>
        SaveLineAsync(null, command, handler, cancellationToken);

    [HttpPost("aftercare/{id:guid}")]
    public Task<IActionResult> ChangeLine(
        Guid id, [Bind(Prefix = "Form")] SaveAftercareLine.Command command, [FromServices] SaveAftercareLine.Handler handler, CancellationToken cancellationToken) =>
        SaveLineAsync(id, command, handler, cancellationToken);

    [HttpPost("aftercare/{id:guid}/retire")]
    public async Task<IActionResult> RetireLine(Guid id, [FromServices] RetireAftercareLine.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, cancellationToken) ? RedirectToAction(nameof(ClinicalSettingsController.Index), "ClinicalSettings") : NotFound();

    private async Task<IActionResult> SaveLineAsync(Guid? id, SaveAftercareLine.Command command, SaveAftercareLine.Handler handler, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            if (await handler.HandleAsync(id, command, cancellationToken) is not { } outcome)
            {
                return NotFound();
            }

            if (outcome.Succeeded)
            {
                TempData[Notice] = "Aftercare line saved. Plans already issued keep their text.";
                return RedirectToAction(nameof(ClinicalSettingsController.Index), "ClinicalSettings");
            }

            ModelState.AddErrors(outcome, "Form");
        }

        return View("Line", new LinePage(id, command));
    }
}

public sealed record LinePage(Guid? Id, SaveAftercareLine.Command Form);
