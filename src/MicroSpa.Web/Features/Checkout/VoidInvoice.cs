using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data.Billing;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>
/// Cancels an issued invoice with a reason: an unpaid one, or one paid today (its payments go back to their tenders and
/// its products back in stock). A payment of an earlier day is refunded instead. The void is an entry of its own.
/// </summary>
public static class VoidInvoice
{
    public sealed class Command
    {
        [Display(Name = "Why void it")]
        public string? VoidReason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.VoidReason).NotEmpty().WithMessage("Say why the invoice is voided.")
                .MaximumLength(LedgerEntry.ReasonLength).WithMessage($"At most {LedgerEntry.ReasonLength} characters.");
    }

    public sealed class Handler(Ledger ledger, Infrastructure.Actor actor)
    {
        /// <returns>Null when there is no such invoice.</returns>
        public async Task<Outcome?> HandleAsync(Guid invoiceId, Command command, CancellationToken cancellationToken) =>
            DraftInvoices.From(await ledger.VoidAsync(invoiceId, command.VoidReason!, actor.ForLedger, cancellationToken),
                new Dictionary<string, string> { [nameof(LedgerEntry.Reason)] = nameof(Command.VoidReason) });
    }
}
