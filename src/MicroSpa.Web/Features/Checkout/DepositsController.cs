using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>Deposits paid online: used on a visit's invoice (the desk), what is still held given back through Stripe (the Refund policy).</summary>
public sealed class DepositsController : Controller
{
    [Authorize(Policy = Policies.Checkout)]
    [HttpPost("checkout/invoices/{id:guid}/deposit")]
    public Task<IActionResult> Use(
        Guid id, UseDeposit.Command command, [FromServices] UseDeposit.Handler handler, [FromServices] InvoicePage.Handler page, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken),
            () => RedirectToAction(nameof(InvoicesController.Invoice), "Invoices", new { id }),
            async () => await page.HandleAsync(id, cancellationToken) is { } invoice ? View("Invoice", invoice) : null,
            notice: "The deposit paid online is used on this invoice.");

    [Authorize(Policy = Policies.Refund)]
    [HttpPost("checkout/appointments/{id:guid}/deposit-refund")]
    public async Task<IActionResult> Refund(Guid id, RefundHeldDeposit.Command command, [FromServices] RefundHeldDeposit.Handler handler, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            TempData[OutcomeAnswers.Problem] = "The form is out of date: open the appointment again. Nothing was refunded.";
            return Back(id);
        }

        return this.Answer(await handler.HandleAsync(id, command, cancellationToken), _ => Back(id), notice => notice);
    }

    private RedirectResult Back(Guid appointmentId) => Redirect($"/front-desk/appointments/{appointmentId}");
}
