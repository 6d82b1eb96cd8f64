using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>
/// Sells a gift card at the desk (decision 048): one untaxed line of the card's value (a walk-in may buy one). Its code is made
/// when the invoice is paid in full and shown once on the page that took the last payment.
/// </summary>
public static class AddGiftCardLine
{
    public sealed class Command
    {
        [Display(Name = "Gift card value")]
        public decimal? GiftCardValue { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        // The clinic's smallest and largest (Admin's setting) are the domain's to check, with their message.
        public Validator() => RuleFor(c => c.GiftCardValue).NotNull().WithMessage("Enter the gift card's value.")
            .InclusiveBetween(0.01m, BillingSettings.MaxGiftCardValueLimit)
            .WithMessage($"A gift card is worth at most {BillingSettings.MaxGiftCardValueLimit:0}, in whole cents.");
    }

    public sealed class Handler(MicroSpaDbContext db)
    {
        /// <returns>Null when there is no such invoice.</returns>
        public async Task<Outcome?> HandleAsync(Guid invoiceId, Command command, CancellationToken cancellationToken)
        {
            var settings = await db.BillingSettings.AsNoTracking().SingleAsync(cancellationToken);
            return await DraftInvoices.EditAsync(db, invoiceId, invoice =>
            {
                invoice.AddGiftCard(command.GiftCardValue!.Value, settings);
                return Task.CompletedTask;
            }, null, cancellationToken);
        }
    }
}
