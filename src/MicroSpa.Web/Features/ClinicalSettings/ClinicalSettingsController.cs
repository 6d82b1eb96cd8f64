using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.ClinicalSettings;

/// <summary>The clinical rules, set by the medical director (and the Admin): areas, products, devices, co-signature, before photos (the aftercare template: <see cref="AftercareTemplateController"/>).</summary>
[Authorize(Policy = Policies.ClinicalSettings)]
[Route("clinical-settings")]
public sealed class ClinicalSettingsController : Controller
{
    private const string Notice = "Notice";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ClinicalCatalog.Handler catalog, CancellationToken cancellationToken) =>
        View(await catalog.HandleAsync(cancellationToken));

    [HttpPost("areas/{id:guid}")]
    public async Task<IActionResult> AreaRules(
        Guid id, [Bind(Prefix = "Area")] SetAreaRules.Command command, [FromServices] SetAreaRules.Handler handler,
        [FromServices] ClinicalCatalog.Handler catalog, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            if (await handler.HandleAsync(id, command, cancellationToken) is not { } outcome)
            {
                return NotFound();
            }

            if (outcome.Succeeded)
            {
                TempData[Notice] = "Area rules saved. New charts use them; signed charts keep theirs.";
                return RedirectToAction(nameof(Index));
            }

            ModelState.AddErrors(outcome, "Area");
        }

        return View(nameof(Index), await catalog.HandleAsync(cancellationToken) with { FailedAreaId = id, FailedArea = command });
    }

    [HttpPost("areas")]
    public async Task<IActionResult> AddArea(
        [Bind(Prefix = "NewArea")] AddArea.Command command, [FromServices] AddArea.Handler handler, [FromServices] ClinicalCatalog.Handler catalog,
        CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await handler.HandleAsync(command, cancellationToken);
            if (outcome.Succeeded)
            {
                TempData[Notice] = "Area added. Set its band before it can be charted.";
                return RedirectToAction(nameof(Index));
            }

            ModelState.AddErrors(outcome, "NewArea");
        }

        return View(nameof(Index), await catalog.HandleAsync(cancellationToken) with { NewArea = command });
    }

    [HttpPost("products")]
    public async Task<IActionResult> AddProduct(
        [Bind(Prefix = "NewProduct")] AddProduct.Command command, [FromServices] AddProduct.Handler handler, [FromServices] ClinicalCatalog.Handler catalog,
        CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await handler.HandleAsync(command, cancellationToken);
            if (outcome.Succeeded)
            {
                TempData[Notice] = "Product added.";
                return RedirectToAction(nameof(Index));
            }

            ModelState.AddErrors(outcome, "NewProduct");
        }

        return View(nameof(Index), await catalog.HandleAsync(cancellationToken) with { NewProduct = command });
    }

    [HttpPost("products/{id:guid}")]
    public async Task<IActionResult> ChangeProduct(
        Guid id, bool? active, bool? notForNeedledSkin, [FromServices] ChangeProduct.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, active, notForNeedledSkin, cancellationToken) ? RedirectToAction(nameof(Index)) : NotFound();

    [HttpPost("devices")]
    public async Task<IActionResult> AddDevice(
        [Bind(Prefix = "NewDevice")] Shared.AddDevice.Command command, [FromServices] Shared.AddDevice.Handler handler,
        [FromServices] ClinicalCatalog.Handler catalog, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await handler.HandleAsync(command, cancellationToken);
            if (outcome.Succeeded)
            {
                TempData[Notice] = "Device added.";
                return RedirectToAction(nameof(Index));
            }

            ModelState.AddErrors(outcome, "NewDevice");
        }

        return View(nameof(Index), await catalog.HandleAsync(cancellationToken) with { NewDevice = command });
    }

    [HttpPost("devices/{id:guid}/service")]
    public async Task<IActionResult> DeviceService(Guid id, bool inService, [FromServices] Shared.ToggleDeviceService.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, inService, cancellationToken) ? RedirectToAction(nameof(Index)) : NotFound();

    [HttpPost("co-signature")]
    public async Task<IActionResult> CoSignature(bool required, [FromServices] SetCoSignatureRule.Handler handler, CancellationToken cancellationToken)
    {
        await handler.HandleAsync(required, cancellationToken);
        TempData[Notice] = required ? "Charts by estheticians and nurses now wait for the medical director's co-signature." : "Co-signature is no longer required.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("before-photos")]
    public async Task<IActionResult> BeforePhotos(
        [Bind(Prefix = "BeforePhotos")] SetBeforePhotosRule.Command command, [FromServices] SetBeforePhotosRule.Handler handler,
        [FromServices] ClinicalCatalog.Handler catalog, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await handler.HandleAsync(command, cancellationToken);
            if (outcome.Succeeded)
            {
                TempData[Notice] = command.PerArea == 0
                    ? "Charts no longer need before photos to be signed."
                    : $"Signing a chart now needs {command.PerArea} before photos of every area (when the client agreed to photos).";
                return RedirectToAction(nameof(Index));
            }

            ModelState.AddErrors(outcome, "BeforePhotos");
        }

        return View(nameof(Index), await catalog.HandleAsync(cancellationToken) with { BeforePhotos = command });
    }
}
