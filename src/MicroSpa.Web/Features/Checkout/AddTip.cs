using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>The client's tip, split evenly between the providers chosen to the cent (the odd cents to the first named); untaxed.</summary>
public static class AddTip
{
    public sealed class Command
    {
        [Display(Name = "Tip")]
        public decimal? Tip { get; set; }

        [Display(Name = "Split between")]
        public List<Guid> TipProviders { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Tip).NotNull().WithMessage("Give the tip.");
            RuleFor(c => c.TipProviders).NotEmpty().WithMessage("Choose who shares the tip.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db)
    {
        /// <returns>Null when there is no such invoice.</returns>
        public async Task<Outcome?> HandleAsync(Guid invoiceId, Command command, CancellationToken cancellationToken)
        {
            var chosen = command.TipProviders.Distinct().ToList();
            var known = await db.Providers.Where(p => chosen.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
            if (known.Count != chosen.Count)
            {
                return await db.Invoices.AnyAsync(i => i.Id == invoiceId, cancellationToken)
                    ? Outcome.Fail(nameof(Command.TipProviders), "Choose providers from the list.")
                    : null;
            }

            return await DraftInvoices.EditAsync(db, invoiceId, invoice =>
            {
                if (invoice.Lines.Any(l => l.Kind == Domain.Billing.LineKind.Tip))
                {
                    throw new DomainException("This invoice has a tip already: remove its lines to change it.", nameof(Command.Tip));
                }

                invoice.AddTip(command.Tip!.Value, chosen);
                return Task.CompletedTask;
            }, null, cancellationToken);
        }
    }
}
