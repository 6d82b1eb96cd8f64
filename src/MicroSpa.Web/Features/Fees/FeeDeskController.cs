using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Fees;

/// <summary>
/// The no-show or late-cancellation fee of one appointment, at the desk (and the Admin): the confirmation page, the charge
/// to the saved card, the link emailed to pay. Only with online payments, and only when the policy sets a fee.
/// </summary>
[Authorize(Policy = Policies.FrontDesk)]
[OnlinePaymentsOnly]
[Route("front-desk/appointments/{id:guid}/fee")]
public sealed class FeeDeskController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Fee(Guid id, Guid? repeat, [FromServices] FeePage.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, repeat, cancellationToken) is { } page ? View(page) : NotFound();

    [HttpPost("charge")]
    public async Task<IActionResult> Charge(Guid id, ChargeFee.Command command, [FromServices] ChargeFee.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(await handler.HandleAsync(id, command, cancellationToken), charged => RedirectToAction(nameof(Fee), new { id, repeat = charged?.Repeat }),
            notice: charged => charged.Notice!);

    [HttpPost("link")]
    public async Task<IActionResult> Link(Guid id, Guid? submissionId, [FromServices] SendFeeLink.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(await handler.HandleAsync(id, submissionId, cancellationToken), _ => RedirectToAction(nameof(Fee), new { id }), notice: done => done);
}
