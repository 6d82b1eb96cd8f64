using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Packages;

/// <summary>The prepaid series the desk sells (decision 047): define, change (a new version), retire, offer again.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/packages")]
public sealed class PackagesController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Packages([FromServices] PackageCatalog.Handler catalog, CancellationToken cancellationToken) =>
        View(await catalog.ListAsync(cancellationToken));

    [HttpGet("new")]
    public async Task<IActionResult> NewPackage([FromServices] PackageCatalog.Handler catalog, CancellationToken cancellationToken) =>
        View("Package", new PackagePage(null, new SavePackage.Command { Sessions = 3, ValidityMonths = 12 }, await catalog.ServicesAsync(cancellationToken)));

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> EditPackage(Guid id, [FromServices] PackageCatalog.Handler catalog, CancellationToken cancellationToken) =>
        await catalog.FormAsync(id, cancellationToken) is { } form
            ? View("Package", new PackagePage(id, form, await catalog.ServicesAsync(cancellationToken)))
            : NotFound();

    [HttpPost("new")]
    public Task<IActionResult> CreatePackage(
        [Bind(Prefix = "Form")] SavePackage.Command command, [FromServices] SavePackage.Handler handler, [FromServices] PackageCatalog.Handler catalog,
        CancellationToken cancellationToken) =>
        SaveAsync(null, command, handler, catalog, cancellationToken);

    [HttpPost("{id:guid}")]
    public Task<IActionResult> UpdatePackage(
        Guid id, [Bind(Prefix = "Form")] SavePackage.Command command, [FromServices] SavePackage.Handler handler, [FromServices] PackageCatalog.Handler catalog,
        CancellationToken cancellationToken) =>
        SaveAsync(id, command, handler, catalog, cancellationToken);

    [HttpPost("{id:guid}/active")]
    public async Task<IActionResult> PackageActive(Guid id, bool active, [FromServices] RetirePackage.Handler handler, CancellationToken cancellationToken)
    {
        if (!await handler.HandleAsync(id, retire: !active, cancellationToken))
        {
            return NotFound();
        }

        TempData[OutcomeAnswers.Notice] = active ? "The package is sold again." : "The package is retired: it is no longer sold; credits sold stay good until they expire.";
        return RedirectToAction(nameof(Packages));
    }

    private Task<IActionResult> SaveAsync(
        Guid? id, SavePackage.Command command, SavePackage.Handler handler, PackageCatalog.Handler catalog, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken),
            _ => RedirectToAction(nameof(Packages)),
            async () => View("Package", new PackagePage(id, command, await catalog.ServicesAsync(cancellationToken))),
            prefix: "Form", notice: _ => $"{command.Name.Trim()} saved.");
}

public sealed record PackagePage(Guid? Id, SavePackage.Command Form, IReadOnlyList<PackageCatalog.ServiceChoice> Services);
