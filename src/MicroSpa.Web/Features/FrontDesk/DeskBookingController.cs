using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>The desk books a client (by phone or in person): service, areas, provider, then a time.</summary>
[Authorize(Policy = Policies.FrontDesk)]
[Route("front-desk/book")]
[FollowsMergedClient("clientId")]
public sealed class DeskBookingController(ClinicTimeZone zone) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Book(
        Guid clientId, Guid? serviceId, [FromQuery] List<Guid> areaIds, Guid? providerId, DateOnly? date, bool intervalRefused, bool overrideInterval,
        [FromServices] DeskBookingPage.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(
            new DeskBookingPage.Query(clientId, serviceId, areaIds, providerId, date, intervalRefused, overrideInterval), cancellationToken) is { } page
            ? View(page)
            : NotFound();

    [HttpPost("")]
    public async Task<IActionResult> BookPost(BookForClient.Command command, [FromServices] BookForClient.Handler handler, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var result = await handler.HandleAsync(command, cancellationToken);
        return this.Answer(
            result.Outcome,
            () => RedirectToAction(nameof(AppointmentCardController.Appointment), "AppointmentCard", new { id = result.AppointmentId }),
            refused: () => RedirectToAction(nameof(Book), new
            {
                clientId = command.ClientId, serviceId = command.ServiceId, areaIds = command.AreaIds, providerId = command.ProviderId,
                date = DateOnly.FromDateTime(zone.ToLocal(command.Start)).ToString("yyyy-MM-dd"),
                intervalRefused = result.Outcome.Errors.Any(e => e.Field == BookForClient.IntervalField) ? true : (bool?)null,
                overrideInterval = command.OverrideInterval ? true : (bool?)null,
            }));
    }
}
