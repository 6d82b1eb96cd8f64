using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>Provider schedules at the desk: working hours, extra shifts and time off.</summary>
[Authorize(Policy = Policies.FrontDesk)]
[Route("front-desk/providers")]
public sealed class ProviderSchedulesController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Providers([FromServices] ProviderSchedule.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.ProvidersAsync(cancellationToken));

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Provider(Guid id, [FromServices] ProviderSchedule.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, cancellationToken) is { } schedule ? View(schedule) : NotFound();

    [HttpPost("{id:guid}/hours")]
    public Task<IActionResult> SetHours(
        Guid id, SetWorkingHours.Command command, [FromServices] SetWorkingHours.Handler handler,
        [FromServices] ProviderSchedule.Handler schedules, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken), () => RedirectToAction(nameof(Provider), new { id }),
            () => ProviderPageAsync(id, schedules, null, cancellationToken), notice: "Working hours saved.");

    [HttpPost("{id:guid}/time-off")]
    public Task<IActionResult> AddTimeOff(
        Guid id, AddTimeOff.Command command, [FromServices] AddTimeOff.Handler handler,
        [FromServices] ProviderSchedule.Handler schedules, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken), () => RedirectToAction(nameof(Provider), new { id }),
            () => ProviderPageAsync(id, schedules, null, cancellationToken), notice: "Time off added.");

    [HttpPost("{id:guid}/extra-shifts")]
    public Task<IActionResult> AddExtraShift(
        Guid id, [Bind(Prefix = "NewShift")] AddExtraShift.Command command, [FromServices] AddExtraShift.Handler handler,
        [FromServices] ProviderSchedule.Handler schedules, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken), () => RedirectToAction(nameof(Provider), new { id }),
            () => ProviderPageAsync(id, schedules, command, cancellationToken), prefix: "NewShift", notice: "Extra shift added.");

    [HttpPost("{id:guid}/extra-shifts/{shiftId:guid}/delete")]
    public async Task<IActionResult> RemoveExtraShift(Guid id, Guid shiftId, [FromServices] RemoveExtraShift.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, shiftId, cancellationToken) ? RedirectToAction(nameof(Provider), new { id }) : NotFound();

    [HttpPost("{id:guid}/time-off/{timeOffId:guid}/delete")]
    public async Task<IActionResult> RemoveTimeOff(Guid id, Guid timeOffId, [FromServices] RemoveTimeOff.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, timeOffId, cancellationToken) ? RedirectToAction(nameof(Provider), new { id }) : NotFound();

    /// <summary>The provider's page shown again with what was typed (the extra-shift form keeps its entries).</summary>
    private async Task<IActionResult?> ProviderPageAsync(Guid id, ProviderSchedule.Handler schedules, AddExtraShift.Command? newShift, CancellationToken cancellationToken) =>
        await schedules.HandleAsync(id, cancellationToken) is { } schedule
            ? View(nameof(Provider), newShift is null ? schedule : schedule with { NewShift = newShift })
            : null;
}
