using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>Money in for one invoice: cash (with the change to give), cards on the clinic's terminal, a package credit, a gift card; as many tenders as it takes.</summary>
[Authorize(Policy = Policies.Checkout)]
[Route("checkout/invoices/{id:guid}")]
public sealed class PaymentsController(ClinicMoney money) : Controller
{
    [HttpPost("cash")]
    public async Task<IActionResult> Cash(
        Guid id, TakeCashPayment.Command command, [FromServices] TakeCashPayment.Handler handler, [FromServices] InvoicePage.Handler page, CancellationToken cancellationToken)
    {
        TakeCashPayment.Result? taken = null;
        return await this.AnswerFormAsync(
            async () => (taken = await handler.HandleAsync(id, command, cancellationToken))?.Outcome,
            () =>
            {
                TempData[OutcomeAnswers.Notice] = taken!.Change > 0m
                    ? $"Cash taken: {money.Format(taken.Kept)}. Change due: {money.Format(taken.Change)}."
                    : $"Cash taken: {money.Format(taken.Kept)}.";
                return Back(id);
            },
            async () => await page.HandleAsync(id, cancellationToken) is { } invoice ? View("Invoice", invoice) : null);
    }

    [HttpPost("card")]
    public Task<IActionResult> Card(
        Guid id, TakeCardPayment.Command command, [FromServices] TakeCardPayment.Handler handler, [FromServices] InvoicePage.Handler page, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken),
            () => Back(id),
            async () => await page.HandleAsync(id, cancellationToken) is { } invoice ? View("Invoice", invoice) : null,
            notice: "Card payment recorded.");

    [HttpPost("credit")]
    public Task<IActionResult> Credit(
        Guid id, UseCredit.Command command, [FromServices] UseCredit.Handler handler, [FromServices] InvoicePage.Handler page, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken),
            () => Back(id),
            async () => await page.HandleAsync(id, cancellationToken) is { } invoice ? View("Invoice", invoice) : null,
            notice: "One package credit used.");

    [HttpPost("gift-card")]
    public Task<IActionResult> GiftCard(
        Guid id, UseGiftCard.Command command, [FromServices] UseGiftCard.Handler handler, [FromServices] InvoicePage.Handler page, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken),
            () => Back(id),
            async () => await page.HandleAsync(id, cancellationToken) is { } invoice ? View("Invoice", invoice) : null,
            notice: "Gift card payment taken.");

    private RedirectToActionResult Back(Guid id) => RedirectToAction(nameof(InvoicesController.Invoice), "Invoices", new { id });
}
