using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data.Billing;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>
/// Cash at the desk: the client may hand over more than is due (the change is shown and recorded; the drawer keeps
/// what was due). The form's submission id makes a double-tapped button take nothing twice.
/// </summary>
public static class TakeCashPayment
{
    public sealed class Command
    {
        [Display(Name = "Cash handed over")]
        public decimal? CashTendered { get; set; }

        public Guid? SubmissionId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CashTendered).NotNull().WithMessage("Give the cash handed over.");
            RuleFor(c => c.SubmissionId).NotNull().WithMessage("The form is out of date: open the invoice again.");
        }
    }

    /// <summary>What the drawer kept, and the change to hand back (what was handed over less what was kept).</summary>
    public sealed record Result(Outcome Outcome, decimal Kept, decimal Change);

    public sealed class Handler(Ledger ledger, Infrastructure.Actor actor)
    {
        /// <returns>Null when there is no such invoice.</returns>
        public async Task<Result?> HandleAsync(Guid invoiceId, Command command, CancellationToken cancellationToken)
        {
            var result = await ledger.TakePaymentAsync(invoiceId, new TenderInput(Tender.Cash, command.CashTendered!.Value), command.SubmissionId!.Value,
                actor.ForLedger, cancellationToken);
            if (DraftInvoices.From(result) is not { } outcome)
            {
                return null;
            }

            var entry = result.Entries.FirstOrDefault();
            return new Result(outcome, entry?.Amount ?? 0m, entry?.ChangeGiven ?? 0m);
        }
    }
}
