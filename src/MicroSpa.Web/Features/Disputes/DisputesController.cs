using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Disputes;

/// <summary>Chargebacks opened by clients' banks (Stripe's disputes): the Admin's list, one case with its evidence packet to print or download.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/disputes")]
public sealed class DisputesController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] DisputeList.Handler list, CancellationToken cancellationToken) =>
        View(await list.HandleAsync(cancellationToken));

    [HttpGet("{id}")]
    public async Task<IActionResult> Case(string id, [FromServices] DisputeCase.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, DisputeCase.ViewAction, cancellationToken) is { } found ? View(found) : NotFound();

    [HttpGet("{id}/evidence.pdf")]
    public async Task<IActionResult> EvidencePdf(string id, [FromServices] EvidencePdf.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, cancellationToken) is var (content, name) ? File(content, "application/pdf", name) : NotFound();
}
