using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data.Billing;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>
/// A card on the clinic's terminal, recorded from its slip: the amount (never more than is due), the brand, the
/// last four digits and the approval code. No card number is ever typed or kept.
/// </summary>
public static class TakeCardPayment
{
    public sealed class Command
    {
        [Display(Name = "Amount on the card")]
        public decimal? CardAmount { get; set; }

        [Display(Name = "Card brand")]
        public string? CardBrand { get; set; }

        [Display(Name = "Last four digits")]
        public string? CardLastFour { get; set; }

        [Display(Name = "Approval code")]
        public string? ApprovalCode { get; set; }

        public Guid? SubmissionId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CardAmount).NotNull().WithMessage("Give the amount the terminal took.");
            RuleFor(c => c.CardBrand).NotEmpty().WithMessage("Give the card brand the terminal printed.");
            RuleFor(c => c.CardLastFour).NotEmpty().WithMessage("Give the card's last four digits.");
            RuleFor(c => c.ApprovalCode).NotEmpty().WithMessage("Give the terminal's approval code.");
            RuleFor(c => c.SubmissionId).NotNull().WithMessage("The form is out of date: open the invoice again.");
        }
    }

    private static readonly Dictionary<string, string> Fields = new()
    {
        ["Amount"] = nameof(Command.CardAmount),
        [nameof(CardDetails.Brand)] = nameof(Command.CardBrand),
        [nameof(CardDetails.LastFour)] = nameof(Command.CardLastFour),
        [nameof(CardDetails.ApprovalCode)] = nameof(Command.ApprovalCode),
    };

    public sealed class Handler(Ledger ledger, Infrastructure.Actor actor)
    {
        /// <returns>Null when there is no such invoice.</returns>
        public async Task<Outcome?> HandleAsync(Guid invoiceId, Command command, CancellationToken cancellationToken) =>
            DraftInvoices.From(await ledger.TakePaymentAsync(
                invoiceId, new TenderInput(Tender.Card, command.CardAmount!.Value, command.CardBrand, command.CardLastFour, command.ApprovalCode),
                command.SubmissionId!.Value, actor.ForLedger, cancellationToken), Fields);
    }
}
