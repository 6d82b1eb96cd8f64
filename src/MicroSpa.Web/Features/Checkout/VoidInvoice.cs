using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data.Billing;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>
/// Cancels an issued invoice with a reason: an unpaid one, or one paid today (its payments go back to their tenders and
/// its products back in stock). A payment of an earlier day is refunded instead. The void is an entry of its own. Giving
/// payments back is a refund: voiding a paid invoice needs the Refund policy, an unpaid one only the desk's Checkout.
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

    public sealed class Handler(Ledger ledger, Infrastructure.Actor actor, IAuthorizationService authorization, IHttpContextAccessor http)
    {
        /// <returns>Null when there is no such invoice.</returns>
        public async Task<Outcome?> HandleAsync(Guid invoiceId, Command command, CancellationToken cancellationToken)
        {
            var mayRefund = http.HttpContext is { } context && (await authorization.AuthorizeAsync(context.User, Policies.Refund)).Succeeded;
            return DraftInvoices.From(await ledger.VoidAsync(invoiceId, command.VoidReason!, mayRefund, actor.ForLedger, cancellationToken),
                new Dictionary<string, string> { [nameof(LedgerEntry.Reason)] = nameof(Command.VoidReason) });
        }
    }
}
