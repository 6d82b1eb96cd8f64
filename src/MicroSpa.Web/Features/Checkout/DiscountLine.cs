using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>
/// A discount on one line, fixed or percent (rounded once to the cent), with a reason. Above the clinic's limit
/// only the Admin may give one (the DiscountAboveLimit policy); every discount is in the audit trail.
/// </summary>
public static class DiscountLine
{
    public const string AuditAction = "money.discount";

    public sealed class Command
    {
        [Display(Name = "Line")]
        public Guid? DiscountLineId { get; set; }

        [Display(Name = "Kind")]
        public DiscountKind? DiscountKind { get; set; }

        [Display(Name = "Discount")]
        public decimal? DiscountValue { get; set; }

        [Display(Name = "Reason")]
        public string? DiscountReason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DiscountLineId).NotNull().WithMessage("Choose the line to discount.");
            RuleFor(c => c.DiscountKind).NotNull().WithMessage("Choose an amount or a percent.");
            RuleFor(c => c.DiscountValue).NotNull().WithMessage("Give the discount.");
            RuleFor(c => c.DiscountReason).NotEmpty().WithMessage("Give the discount's reason.")
                .MaximumLength(LedgerEntry.ReasonLength).WithMessage($"At most {LedgerEntry.ReasonLength} characters.");
        }
    }

    private static readonly Dictionary<string, string> Fields = new() { ["LineId"] = nameof(Command.DiscountLineId) };

    public sealed class Handler(MicroSpaDbContext db, IAuthorizationService authorization, IHttpContextAccessor http, Shared.ClinicalAudit audit)
    {
        /// <returns>Null when there is no such invoice.</returns>
        public async Task<Outcome?> HandleAsync(Guid invoiceId, Command command, CancellationToken cancellationToken)
        {
            var settings = await db.BillingSettings.AsNoTracking().SingleAsync(cancellationToken);
            var mayExceed = http.HttpContext is { } context
                && (await authorization.AuthorizeAsync(context.User, Policies.DiscountAboveLimit)).Succeeded;
            return await DraftInvoices.EditAsync(db, invoiceId, invoice =>
            {
                invoice.Discount(command.DiscountLineId!.Value, command.DiscountKind!.Value, command.DiscountValue!.Value, command.DiscountReason!, settings, mayExceed);
                var line = invoice.Lines.Single(l => l.Id == command.DiscountLineId);
                audit.Add(invoice.ClientId, AuditAction, invoice.Id,
                    $"invoice {invoice.Number}: {line.DiscountKind} {line.DiscountValue:0.##} on line {line.Id} = {line.DiscountAmount:0.00} {invoice.Currency}");
                return Task.CompletedTask;
            }, Fields, cancellationToken);
        }
    }
}
