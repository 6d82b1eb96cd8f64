using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Resources;

/// <summary>Rooms and devices out of service for a period, run by the front desk (and the Admin).</summary>
[Authorize(Policy = Policies.FrontDesk)]
[Route("front-desk/resources")]
public sealed class ResourcesController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ResourceSchedule.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(cancellationToken));

    [HttpPost("out-of-service")]
    public async Task<IActionResult> TakeOut(
        [Bind(Prefix = "Form")] TakeOutOfService.Command command, [FromServices] TakeOutOfService.Handler handler,
        [FromServices] ResourceSchedule.Handler page, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await handler.HandleAsync(command, cancellationToken);
            if (outcome is null)
            {
                return NotFound();
            }

            if (outcome.Succeeded)
            {
                TempData["Notice"] = "Out-of-service period added. Appointments booked in it are listed to move.";
                return RedirectToAction(nameof(Index));
            }

            ModelState.AddErrors(outcome, "Form");
        }

        return View(nameof(Index), await page.HandleAsync(cancellationToken) with { Form = command });
    }

    [HttpPost("out-of-service/{id:guid}/delete")]
    public async Task<IActionResult> Return(Guid id, [FromServices] ReturnToService.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, cancellationToken) ? RedirectToAction(nameof(Index)) : NotFound();
}
