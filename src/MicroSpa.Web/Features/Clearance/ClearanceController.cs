using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Clearance;

/// <summary>The medical director's clearance queue and good-faith exam records.</summary>
[Authorize(Policy = Policies.MedicalDirector)]
[Route("clearances")]
public sealed class ClearanceController : Controller
{
    private const string ClearancePath = "/clearances/clients/{0}";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ClearanceQueue.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(cancellationToken));

    [HttpGet("clients/{id:guid}")]
    [FollowsMergedClient("id", Link = ClearancePath)]
    public async Task<IActionResult> Client(Guid id, [FromServices] ClearancePage.Handler pages, CancellationToken cancellationToken) =>
        await pages.OpenAsync(id, cancellationToken) is { } page ? View(page) : NotFound();

    [HttpPost("clients/{id:guid}")]
    [FollowsMergedClient("id", Link = ClearancePath)]
    public Task<IActionResult> Record(
        Guid id, [Bind(Prefix = "Form")] RecordClearance.Command command, [FromServices] RecordClearance.Handler handler,
        [FromServices] ClearancePage.Handler pages, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken),
            () => RedirectToAction(nameof(Client), new { id }),
            async () => await pages.HandleAsync(id, cancellationToken) is { } page ? View(nameof(Client), page with { Form = command }) : null,
            prefix: "Form", notice: command.Decision == RecordClearance.Clear ? "Clearance recorded." : "Exam recorded as declined.");
}
