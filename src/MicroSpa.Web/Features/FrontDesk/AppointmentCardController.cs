using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>One appointment at the desk: its card, its status changes, moving it to another time.</summary>
[Authorize(Policy = Policies.FrontDesk)]
[Route("front-desk/appointments/{id:guid}")]
public sealed class AppointmentCardController(ClinicTimeZone zone) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Appointment(Guid id, [FromServices] AppointmentCard.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, cancellationToken) is { } card ? View(card) : NotFound();

    /// <summary>Every refusal of a status change is a conflict with the appointment's current state (409); a form that cannot be read is 400.</summary>
    [HttpPost("status")]
    public Task<IActionResult> ChangeStatus(
        Guid id, ChangeAppointmentStatus.Command command, [FromServices] ChangeAppointmentStatus.Handler handler,
        [FromServices] AppointmentCard.Handler cards, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            async () => (await handler.HandleAsync(id, command, cancellationToken))?.AsConflict(),
            () => RedirectToAction(nameof(Appointment), new { id }),
            async () => await cards.HandleAsync(id, cancellationToken) is { } card ? View(nameof(Appointment), card) : null,
            invalidStatus: StatusCodes.Status400BadRequest);

    [HttpGet("reschedule")]
    public async Task<IActionResult> Reschedule(
        Guid id, DateOnly? date, Guid? providerId, Guid? roomId, [FromServices] ReschedulingPage.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(new ReschedulingPage.Query(id, date, providerId, roomId), cancellationToken) is { } page ? View(page) : NotFound();

    [HttpPost("reschedule")]
    public async Task<IActionResult> ReschedulePost(
        Guid id, RescheduleAppointment.Command command, [FromServices] RescheduleAppointment.Handler handler, CancellationToken cancellationToken) =>
        !ModelState.IsValid
            ? BadRequest()
            : this.Answer(
                await handler.HandleAsync(id, command, cancellationToken),
                () => RedirectToAction(nameof(Appointment), new { id }),
                refused: () => RedirectToAction(nameof(Reschedule), new
                {
                    id, providerId = command.ProviderId, roomId = command.RoomId,
                    date = DateOnly.FromDateTime(zone.ToLocal(command.Start)).ToString("yyyy-MM-dd"),
                }));

    /// <summary>
    /// The card dropped on the day grid (site.js): the reschedule above, answered as problem details for the script;
    /// a refusal is the reschedule form's message (409) and the card stays where it was.
    /// </summary>
    [HttpPost("move")]
    public Task<IActionResult> Move(Guid id, MoveOnGrid.Command command, [FromServices] MoveOnGrid.Handler handler, CancellationToken cancellationToken) =>
        this.AnswerScriptAsync(() => handler.HandleAsync(id, command, cancellationToken), "The appointment is moved.");
}
