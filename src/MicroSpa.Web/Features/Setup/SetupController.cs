using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Setup;

/// <summary>The clinic's setup: booking policy, opening hours, rooms, devices, taxes and the discount limit, deposit rules and fees.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/setup")]
public sealed class SetupController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ClinicSetup.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(null, null, cancellationToken));

    [HttpPost("policy")]
    public Task<IActionResult> Policy(
        [Bind(Prefix = "Policy")] ChangeBookingPolicy.Command command, [FromServices] ChangeBookingPolicy.Handler handler,
        [FromServices] ClinicSetup.Handler page, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            async () => await handler.HandleAsync(command, cancellationToken),
            () => RedirectToAction(nameof(Index)),
            async () => View(nameof(Index), await page.HandleAsync(command, null, cancellationToken)),
            prefix: "Policy", notice: "Booking policy saved.");

    [HttpPost("rooms")]
    public Task<IActionResult> AddRoom(
        [Bind(Prefix = "NewRoom")] AddRoom.Command command, [FromServices] AddRoom.Handler handler,
        [FromServices] ClinicSetup.Handler page, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            async () => await handler.HandleAsync(command, cancellationToken),
            () => RedirectToAction(nameof(Index)),
            async () => View(nameof(Index), await page.HandleAsync(null, command, cancellationToken)),
            prefix: "NewRoom", notice: $"Room {command.Name?.Trim()} added.");

    [HttpPost("rooms/{id:guid}/service")]
    public async Task<IActionResult> RoomService(Guid id, bool inService, [FromServices] ToggleRoomService.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, inService, cancellationToken) ? RedirectToAction(nameof(Index)) : NotFound();

    [HttpPost("hours")]
    public Task<IActionResult> OpeningHours(
        [Bind(Prefix = "Hours")] SetOpeningHours.Command command, [FromServices] SetOpeningHours.Handler handler,
        [FromServices] ClinicSetup.Handler page, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            async () => await handler.HandleAsync(command, cancellationToken),
            () => RedirectToAction(nameof(Index)),
            async () => View(nameof(Index), await page.HandleAsync(null, null, cancellationToken) with { Hours = command }),
            prefix: "Hours", notice: "Opening hours saved.");

    [HttpPost("devices")]
    public Task<IActionResult> AddDevice(
        [Bind(Prefix = "NewDevice")] Shared.AddDevice.Command command, [FromServices] Shared.AddDevice.Handler handler,
        [FromServices] ClinicSetup.Handler page, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            async () => await handler.HandleAsync(command, cancellationToken),
            () => RedirectToAction(nameof(Index)),
            async () => View(nameof(Index), await page.HandleAsync(null, null, cancellationToken) with { NewDevice = command }),
            prefix: "NewDevice", notice: $"Device {command.Name?.Trim()} added.");

    [HttpPost("money")]
    public Task<IActionResult> Money(
        [Bind(Prefix = "Money")] ChangeMoneySettings.Command command, [FromServices] ChangeMoneySettings.Handler handler,
        [FromServices] ClinicSetup.Handler page, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            async () => await handler.HandleAsync(command, cancellationToken),
            () => RedirectToAction(nameof(Index)),
            async () => View(nameof(Index), await page.HandleAsync(null, null, cancellationToken) with { Money = command }),
            prefix: "Money",
            notice: "Taxes and discount limit saved.");

    [HttpPost("payments")]
    public Task<IActionResult> Payments(
        [Bind(Prefix = "Payments")] ChangePaymentRules.Command command, [FromServices] ChangePaymentRules.Handler handler,
        [FromServices] ClinicSetup.Handler page, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            async () => await handler.HandleAsync(command, cancellationToken),
            () => RedirectToAction(nameof(Index)),
            async () => View(nameof(Index), await page.HandleAsync(null, null, cancellationToken) with { Payments = command }),
            prefix: "Payments",
            notice: "Deposit rules and fees saved.");

    [HttpPost("calendar-feeds")]
    public async Task<IActionResult> CalendarFeeds(bool showNames, [FromServices] SetCalendarFeedNames.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(await handler.HandleAsync(showNames, cancellationToken), () => RedirectToAction(nameof(Index)),
            notice: showNames ? "Providers' calendar feeds now name clients." : "Providers' calendar feeds show clients' initials only.");

    [HttpPost("devices/{id:guid}/service")]
    public async Task<IActionResult> DeviceService(Guid id, bool inService, [FromServices] Shared.ToggleDeviceService.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, inService, cancellationToken) ? RedirectToAction(nameof(Index)) : NotFound();
}
