using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>A retail product on the invoice (a serum, a sunscreen), at its price and the retail tax rate; a retired product is refused.</summary>
public static class AddRetailLine
{
    public sealed class Command
    {
        [Display(Name = "Product")]
        public Guid? RetailItemId { get; set; }

        [Display(Name = "Quantity")]
        public int? Quantity { get; set; } = 1;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RetailItemId).NotNull().WithMessage("Choose a product.");
            RuleFor(c => c.Quantity).NotNull().WithMessage("Give the quantity.")
                .InclusiveBetween(1, InvoiceLine.MaxQuantity).WithMessage($"The quantity is 1 to {InvoiceLine.MaxQuantity}.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db)
    {
        /// <returns>Null when there is no such invoice.</returns>
        public async Task<Outcome?> HandleAsync(Guid invoiceId, Command command, CancellationToken cancellationToken)
        {
            var item = await db.RetailItems.AsNoTracking().SingleOrDefaultAsync(r => r.Id == command.RetailItemId, cancellationToken);
            if (item is null)
            {
                return await db.Invoices.AnyAsync(i => i.Id == invoiceId, cancellationToken)
                    ? Outcome.Fail(nameof(Command.RetailItemId), "Choose a product from the list.")
                    : null;
            }

            var tax = await db.TaxClasses.AsNoTracking().SingleAsync(t => t.Kind == item.TaxKind, cancellationToken);
            return await DraftInvoices.EditAsync(db, invoiceId, invoice =>
            {
                var provider = invoice.Lines.FirstOrDefault(l => l.Kind == LineKind.Service)?.ProviderId;
                invoice.AddRetail(item, command.Quantity!.Value, tax, provider);
                return Task.CompletedTask;
            }, null, cancellationToken);
        }
    }
}
