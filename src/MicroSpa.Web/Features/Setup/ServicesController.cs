using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Setup;

/// <summary>The services the clinic offers: add, change, retire (and whether each needs a medical clearance).</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/setup/services")]
public sealed class ServicesController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Services([FromServices] ServiceCatalog.Handler catalog, CancellationToken cancellationToken) =>
        View(await catalog.HandleAsync(cancellationToken));

    [HttpGet("new")]
    public async Task<IActionResult> NewService([FromServices] ServiceCatalog.Handler catalog, CancellationToken cancellationToken) =>
        View("Service", new ServicePage(null, new SaveService.Command(), (await catalog.HandleAsync(cancellationToken)).Areas));

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> EditService(Guid id, [FromServices] ServiceCatalog.Handler catalog, CancellationToken cancellationToken) =>
        await catalog.FormAsync(id, cancellationToken) is { } form
            ? View("Service", new ServicePage(id, form, (await catalog.HandleAsync(cancellationToken)).Areas))
            : NotFound();

    [HttpPost("new")]
    public Task<IActionResult> CreateService(
        [Bind(Prefix = "Form")] SaveService.Command command, [FromServices] SaveService.Handler handler, [FromServices] ServiceCatalog.Handler catalog,
        CancellationToken cancellationToken) =>
        SaveServiceAsync(null, command, handler, catalog, cancellationToken);

    [HttpPost("{id:guid}")]
    public Task<IActionResult> UpdateService(
        Guid id, [Bind(Prefix = "Form")] SaveService.Command command, [FromServices] SaveService.Handler handler,
        [FromServices] ServiceCatalog.Handler catalog, CancellationToken cancellationToken) =>
        SaveServiceAsync(id, command, handler, catalog, cancellationToken);

    [HttpPost("{id:guid}/active")]
    public async Task<IActionResult> ServiceActive(Guid id, bool active, [FromServices] RetireService.Handler handler, CancellationToken cancellationToken)
    {
        if (!await handler.HandleAsync(id, active, cancellationToken))
        {
            return NotFound();
        }

        TempData[OutcomeAnswers.Notice] = active ? "The service is offered again." : "The service is retired: it can no longer be booked and stays on past appointments.";
        return RedirectToAction(nameof(Services));
    }

    private Task<IActionResult> SaveServiceAsync(
        Guid? id, SaveService.Command command, SaveService.Handler handler, ServiceCatalog.Handler catalog, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken),
            _ => RedirectToAction(nameof(Services)),
            async () => View("Service", new ServicePage(id, command, (await catalog.HandleAsync(cancellationToken)).Areas)),
            prefix: "Form", notice: _ => $"{command.Name.Trim()} saved.");
}

public sealed record ServicePage(Guid? Id, SaveService.Command Form, IReadOnlyList<ServiceCatalog.Area> Areas);
