using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>The desk's views of the schedule: the day (by provider or room), a week, the run sheet.</summary>
[Authorize(Policy = Policies.FrontDesk)]
[Route("front-desk")]
public sealed class ScheduleController(ClinicTimeZone zone, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Day(DateOnly? date, string? view, [FromServices] DaySchedule.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(new DaySchedule.Query(date ?? zone.Today(clock.GetUtcNow()), view == "rooms"), cancellationToken));

    [HttpGet("week")]
    public async Task<IActionResult> Week(
        Guid? providerId, Guid? roomId, DateOnly? date, [FromServices] DaySchedule.Handler handler, CancellationToken cancellationToken)
    {
        if (providerId is null == roomId is null)
        {
            return BadRequest();
        }

        var week = await handler.WeekAsync(providerId, roomId, date ?? zone.Today(clock.GetUtcNow()), cancellationToken);
        return week is { } found ? View(new WeekPage(found.Week, found.Title, providerId, roomId)) : NotFound();
    }

    [HttpGet("run-sheet")]
    public async Task<IActionResult> RunSheet(DateOnly? date, [FromServices] RunSheet.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(date ?? zone.Today(clock.GetUtcNow()), cancellationToken));
}

public sealed record WeekPage(DaySchedule.Result Week, string Title, Guid? ProviderId, Guid? RoomId);
