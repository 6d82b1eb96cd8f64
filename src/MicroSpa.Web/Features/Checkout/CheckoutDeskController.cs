using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>Where checkouts start: the desk's list, a visit from its appointment card, a walk-in's sale.</summary>
[Authorize(Policy = Policies.Checkout)]
public sealed class CheckoutDeskController : Controller
{
    [HttpGet("checkout")]
    public async Task<IActionResult> Index([FromServices] CheckoutDesk.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(cancellationToken));

    [HttpPost("front-desk/appointments/{id:guid}/checkout")]
    public async Task<IActionResult> Visit(Guid id, [FromServices] StartVisitCheckout.Handler handler, CancellationToken cancellationToken)
    {
        if (await handler.HandleAsync(id, cancellationToken) is not { } started)
        {
            return NotFound();
        }

        if (started.InvoiceId is { } invoiceId)
        {
            return RedirectToAction(nameof(InvoicesController.Invoice), "Invoices", new { id = invoiceId });
        }

        TempData[OutcomeAnswers.Problem] = OutcomeAnswers.Messages(started.Outcome);
        return Redirect($"/front-desk/appointments/{id}");
    }

    [Authorize(Policy = Policies.Admin)]
    [HttpPost("checkout/refund-permission")]
    public async Task<IActionResult> RefundPermission(
        SetRefundPermission.Command command, [FromServices] SetRefundPermission.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(await handler.HandleAsync(command, cancellationToken), () => RedirectToAction(nameof(Index)),
            notice: command.FrontDeskMayRefund ? "The front desk may now refund." : "Only the Admin refunds now.");

    [HttpPost("checkout/walk-in")]
    [FollowsMergedClient(nameof(StartWalkInSale.Command.ClientId))]
    public async Task<IActionResult> WalkIn(
        StartWalkInSale.Command command, [FromServices] StartWalkInSale.Handler handler, [FromServices] CheckoutDesk.Handler desk, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var started = await handler.HandleAsync(command, cancellationToken);
            if (started.InvoiceId is { } invoiceId)
            {
                return RedirectToAction(nameof(InvoicesController.Invoice), "Invoices", new { id = invoiceId });
            }

            ModelState.AddErrors(started.Outcome);
        }

        return View(nameof(Index), await desk.HandleAsync(cancellationToken));
    }
}
