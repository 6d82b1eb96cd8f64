using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>An area added to the booked service at the visit (the neck after the face), at the price the desk enters, taxed as a service.</summary>
public static class AddAreaLine
{
    public sealed class Command
    {
        [Display(Name = "Area")]
        public string? Area { get; set; }

        [Display(Name = "Price")]
        public decimal? AreaPrice { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Area).NotEmpty().WithMessage("Name the area added.")
                .MaximumLength(InvoiceLine.DescriptionLength).WithMessage($"At most {InvoiceLine.DescriptionLength} characters.");
            RuleFor(c => c.AreaPrice).NotNull().WithMessage("Give the area's price.");
        }
    }

    private static readonly Dictionary<string, string> Fields = new()
    {
        [nameof(InvoiceLine.UnitPrice)] = nameof(Command.AreaPrice),
        [nameof(InvoiceLine.Description)] = nameof(Command.Area),
    };

    public sealed class Handler(MicroSpaDbContext db)
    {
        /// <returns>Null when there is no such invoice.</returns>
        public async Task<Outcome?> HandleAsync(Guid invoiceId, Command command, CancellationToken cancellationToken)
        {
            var tax = await db.TaxClasses.AsNoTracking().SingleAsync(t => t.Kind == TaxKind.Services, cancellationToken);
            return await DraftInvoices.EditAsync(db, invoiceId, invoice =>
            {
                var provider = invoice.Lines.FirstOrDefault(l => l.Kind == LineKind.Service)?.ProviderId
                    ?? throw new DomainException("Areas are added to a visit's invoice; a walk-in sale has no treatment.", nameof(Command.Area));
                invoice.AddAreas($"Added area: {command.Area!.Trim()}", command.AreaPrice!.Value, provider, tax);
                return Task.CompletedTask;
            }, Fields, cancellationToken);
        }
    }
}
