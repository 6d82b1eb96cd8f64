using MicroSpa.Web.Infrastructure;
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
    public Task<IActionResult> TakeOut(
        [Bind(Prefix = "Form")] TakeOutOfService.Command command, [FromServices] TakeOutOfService.Handler handler,
        [FromServices] ResourceSchedule.Handler page, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(command, cancellationToken),
            () => RedirectToAction(nameof(Index)),
            async () => View(nameof(Index), await page.HandleAsync(cancellationToken) with { Form = command }),
            prefix: "Form", notice: "Out-of-service period added. Appointments booked in it are listed to move.");

    [HttpPost("out-of-service/{id:guid}/delete")]
    public async Task<IActionResult> Return(Guid id, [FromServices] ReturnToService.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, cancellationToken) ? RedirectToAction(nameof(Index)) : NotFound();
}
