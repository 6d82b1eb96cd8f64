using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data.Billing;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>
/// "Pay with a gift card": part or all of what is due, from the card whose code the client hands over (decision 048). A code that
/// is no card's, an expired or voided card, more than the card holds or than is due, or the last of it taken at another desk
/// meanwhile, is refused with the reason and nothing is taken.
/// </summary>
public static class UseGiftCard
{
    public sealed class Command
    {
        [Display(Name = "Gift card code")]
        public string? GiftCardCode { get; set; }

        [Display(Name = "Amount from the card")]
        public decimal? GiftCardAmount { get; set; }

        public Guid? SubmissionId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.GiftCardCode).NotEmpty().WithMessage("Enter the code on the gift card.")
                .MaximumLength(Domain.Wallet.GiftCardCode.InputLength).WithMessage("A gift card code is 20 letters and digits, as printed on the card.");
            RuleFor(c => c.GiftCardAmount).NotNull().WithMessage("Enter the amount to take from the card.")
                .GreaterThan(0m).WithMessage("Enter an amount above zero.");
            RuleFor(c => c.SubmissionId).NotNull().WithMessage("The form is out of date: open the invoice again.");
        }
    }

    private static readonly Dictionary<string, string> Fields = new() { ["Amount"] = nameof(Command.GiftCardAmount) };

    public sealed class Handler(Ledger ledger, Infrastructure.Actor actor)
    {
        /// <returns>Null when there is no such invoice.</returns>
        public async Task<Outcome?> HandleAsync(Guid invoiceId, Command command, CancellationToken cancellationToken) =>
            DraftInvoices.From(await ledger.UseGiftCardAsync(
                invoiceId, command.GiftCardCode, command.GiftCardAmount!.Value, command.SubmissionId!.Value, actor.ForLedger, cancellationToken), Fields);
    }
}
