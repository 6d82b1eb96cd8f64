using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Setup;

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
        [Bind(Prefix = "NewDevice")] AddDevice.Command command, [FromServices] AddDevice.Handler handler,
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
    public async Task<IActionResult> DeviceService(Guid id, bool inService, [FromServices] ToggleDeviceService.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, inService, cancellationToken) ? RedirectToAction(nameof(Index)) : NotFound();

    [HttpGet("services")]
    public async Task<IActionResult> Services([FromServices] ServiceCatalog.Handler catalog, CancellationToken cancellationToken) =>
        View(await catalog.HandleAsync(cancellationToken));

    [HttpGet("services/new")]
    public async Task<IActionResult> NewService([FromServices] ServiceCatalog.Handler catalog, CancellationToken cancellationToken) =>
        View("Service", new ServicePage(null, new SaveService.Command(), (await catalog.HandleAsync(cancellationToken)).Areas));

    [HttpGet("services/{id:guid}")]
    public async Task<IActionResult> EditService(Guid id, [FromServices] ServiceCatalog.Handler catalog, CancellationToken cancellationToken) =>
        await catalog.FormAsync(id, cancellationToken) is { } form
            ? View("Service", new ServicePage(id, form, (await catalog.HandleAsync(cancellationToken)).Areas))
            : NotFound();

    [HttpPost("services/new")]
    public Task<IActionResult> CreateService(
        [Bind(Prefix = "Form")] SaveService.Command command, [FromServices] SaveService.Handler handler, [FromServices] ServiceCatalog.Handler catalog,
        CancellationToken cancellationToken) =>
        SaveServiceAsync(null, command, handler, catalog, cancellationToken);

    [HttpPost("services/{id:guid}")]
    public Task<IActionResult> UpdateService(
        Guid id, [Bind(Prefix = "Form")] SaveService.Command command, [FromServices] SaveService.Handler handler,
        [FromServices] ServiceCatalog.Handler catalog, CancellationToken cancellationToken) =>
        SaveServiceAsync(id, command, handler, catalog, cancellationToken);

    [HttpPost("services/{id:guid}/active")]
    public async Task<IActionResult> ServiceActive(Guid id, bool active, [FromServices] RetireService.Handler handler, CancellationToken cancellationToken)
    {
        if (!await handler.HandleAsync(id, active, cancellationToken))
        {
            return NotFound();
        }

        TempData["Notice"] = active ? "The service is offered again." : "The service is retired: it can no longer be booked and stays on past appointments.";
        return RedirectToAction(nameof(Services));
    }

    private async Task<IActionResult> SaveServiceAsync(
        Guid? id, SaveService.Command command, SaveService.Handler handler, ServiceCatalog.Handler catalog, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            if (await handler.HandleAsync(id, command, cancellationToken) is not { } result)
            {
                return NotFound();
            }

            if (result.Id is not null)
            {
                TempData["Notice"] = $"{command.Name.Trim()} saved.";
                return RedirectToAction(nameof(Services));
            }

            ModelState.AddErrors(result.Outcome, "Form");
        }

        return View("Service", new ServicePage(id, command, (await catalog.HandleAsync(cancellationToken)).Areas));
    }
}

public sealed record ServicePage(Guid? Id, SaveService.Command Form, IReadOnlyList<ServiceCatalog.Area> Areas);
