using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data.Billing;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>
/// Money back to the tender of one payment (cash back, a refund on the card terminal), in part or in full, never more
/// than that payment took less what went back to it before; for a product, some of it may go back in stock. Taken
/// on a closed day too, dated on the day it happens. Who may refund is the Refund policy (the Admin; the desk when
/// the clinic grants it). A payment taken online (a deposit used, a fee Stripe charged) goes back through Stripe
/// first: only Stripe's yes writes the refund (and its online refund, reason ByStaff); its no is shown and nothing is written.
/// </summary>
public static class RefundPayment
{
    public sealed class Command
    {
        public Guid? PaymentId { get; set; }

        [Display(Name = "Amount to refund")]
        public decimal? RefundAmount { get; set; }

        [Display(Name = "Reason")]
        public string? RefundReason { get; set; }

        [Display(Name = "For the line")]
        public Guid? RefundLineId { get; set; }

        [Display(Name = "Back in stock")]
        public int? ReturnToStock { get; set; }

        public Guid? SubmissionId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PaymentId).NotNull().WithMessage("Choose the payment to refund.");
            RuleFor(c => c.RefundAmount).NotNull().WithMessage("Give the amount to refund.");
            RuleFor(c => c.RefundReason).NotEmpty().WithMessage("Give the refund's reason.")
                .MaximumLength(LedgerEntry.ReasonLength).WithMessage($"At most {LedgerEntry.ReasonLength} characters.");
            RuleFor(c => c.ReturnToStock).InclusiveBetween(0, InvoiceLine.MaxQuantity).WithMessage($"Put back 0 to {InvoiceLine.MaxQuantity}.");
            RuleFor(c => c.SubmissionId).NotNull().WithMessage("The form is out of date: open the invoice again.");
        }
    }

    private static readonly Dictionary<string, string> Fields = new()
    {
        ["Amount"] = nameof(Command.RefundAmount),
        [nameof(LedgerEntry.Reason)] = nameof(Command.RefundReason),
        ["LineId"] = nameof(Command.RefundLineId),
        ["PaymentId"] = string.Empty,
    };

    public sealed class Handler(Ledger ledger, Shared.StripeRefunds stripe, Infrastructure.Actor actor)
    {
        /// <returns>Null when there is no such invoice.</returns>
        public async Task<Outcome?> HandleAsync(Guid invoiceId, Command command, CancellationToken cancellationToken) =>
            DraftInvoices.From(await ledger.RefundAsync(
                invoiceId, command.PaymentId!.Value, command.RefundAmount!.Value, command.RefundReason!, command.RefundLineId, command.ReturnToStock ?? 0,
                command.SubmissionId!.Value, actor.ForLedger, cancellationToken, stripe.Provider), Fields);
    }
}
