using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.FrontDesk;

[Authorize(Policy = Policies.FrontDesk)]
[Route("front-desk")]
public sealed class FrontDeskController(ClinicTimeZone zone, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Day(DateOnly? date, string? view, [FromServices] DaySchedule.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(new DaySchedule.Query(date ?? zone.Today(clock.GetUtcNow()), view == "rooms"), cancellationToken));

    [HttpGet("appointments/{id:guid}")]
    public async Task<IActionResult> Appointment(Guid id, [FromServices] AppointmentCard.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, cancellationToken) is { } card ? View(card) : NotFound();

    [HttpPost("appointments/{id:guid}/status")]
    public async Task<IActionResult> ChangeStatus(
        Guid id, ChangeAppointmentStatus.Command command, [FromServices] ChangeAppointmentStatus.Handler handler,
        [FromServices] AppointmentCard.Handler card, CancellationToken cancellationToken)
    {
        var status = StatusCodes.Status400BadRequest;
        if (ModelState.IsValid)
        {
            status = StatusCodes.Status409Conflict;
            var outcome = await handler.HandleAsync(id, command, cancellationToken);
            if (outcome is null)
            {
                return NotFound();
            }

            if (outcome.Succeeded)
            {
                return RedirectToAction(nameof(Appointment), new { id });
            }

            ModelState.AddErrors(outcome);
        }

        if (await card.HandleAsync(id, cancellationToken) is not { } current)
        {
            return NotFound();
        }

        Response.StatusCode = status;
        return View(nameof(Appointment), current);
    }
}
