using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Setup;

/// <summary>The clinic's setup: booking policy, opening hours, rooms and devices.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/setup")]
public sealed class SetupController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ClinicSetup.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(null, null, cancellationToken));

    [HttpPost("policy")]
    public async Task<IActionResult> Policy(
        [Bind(Prefix = "Policy")] ChangeBookingPolicy.Command command, [FromServices] ChangeBookingPolicy.Handler handler,
        [FromServices] ClinicSetup.Handler page, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await handler.HandleAsync(command, cancellationToken);
            if (outcome.Succeeded)
            {
                TempData["Notice"] = "Booking policy saved.";
                return RedirectToAction(nameof(Index));
            }

            foreach (var error in outcome.Errors)
            {
                ModelState.AddModelError(error.Field.Length > 0 ? $"Policy.{error.Field}" : string.Empty, error.Message);
            }
        }

        return View(nameof(Index), await page.HandleAsync(command, null, cancellationToken));
    }

    [HttpPost("rooms")]
    public async Task<IActionResult> AddRoom(
        [Bind(Prefix = "NewRoom")] AddRoom.Command command, [FromServices] AddRoom.Handler handler,
        [FromServices] ClinicSetup.Handler page, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await handler.HandleAsync(command, cancellationToken);
            if (outcome.Succeeded)
            {
                TempData["Notice"] = $"Room {command.Name.Trim()} added.";
                return RedirectToAction(nameof(Index));
            }

            foreach (var error in outcome.Errors)
            {
                ModelState.AddModelError($"NewRoom.{error.Field}", error.Message);
            }
        }

        return View(nameof(Index), await page.HandleAsync(null, command, cancellationToken));
    }

    [HttpPost("rooms/{id:guid}/service")]
    public async Task<IActionResult> RoomService(Guid id, bool inService, [FromServices] ToggleRoomService.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, inService, cancellationToken) ? RedirectToAction(nameof(Index)) : NotFound();

    [HttpPost("hours")]
    public async Task<IActionResult> OpeningHours(
        [Bind(Prefix = "Hours")] SetOpeningHours.Command command, [FromServices] SetOpeningHours.Handler handler,
        [FromServices] ClinicSetup.Handler page, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await handler.HandleAsync(command, cancellationToken);
            if (outcome.Succeeded)
            {
                TempData["Notice"] = "Opening hours saved.";
                return RedirectToAction(nameof(Index));
            }

            ModelState.AddErrors(outcome, "Hours");
        }

        return View(nameof(Index), await page.HandleAsync(null, null, cancellationToken) with { Hours = command });
    }

    [HttpPost("devices")]
    public async Task<IActionResult> AddDevice(
        [Bind(Prefix = "NewDevice")] Shared.AddDevice.Command command, [FromServices] Shared.AddDevice.Handler handler,
        [FromServices] ClinicSetup.Handler page, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await handler.HandleAsync(command, cancellationToken);
            if (outcome.Succeeded)
            {
                TempData["Notice"] = $"Device {command.Name.Trim()} added.";
                return RedirectToAction(nameof(Index));
            }

            ModelState.AddErrors(outcome, "NewDevice");
        }

        return View(nameof(Index), await page.HandleAsync(null, null, cancellationToken) with { NewDevice = command });
    }

    [HttpPost("devices/{id:guid}/service")]
    public async Task<IActionResult> DeviceService(Guid id, bool inService, [FromServices] Shared.ToggleDeviceService.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, inService, cancellationToken) ? RedirectToAction(nameof(Index)) : NotFound();
}
