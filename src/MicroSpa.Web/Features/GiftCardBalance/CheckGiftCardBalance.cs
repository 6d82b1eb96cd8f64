using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data.Billing;
using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Web.Features.GiftCardBalance;

/// <summary>
/// Anyone holding a gift card's code reads what is left on it (decision 048). A code that is no card's and one that cannot be a
/// code get the same answer, so a wrong guess says nothing about other codes; the page is rate limited per address.
/// </summary>
public static class CheckGiftCardBalance
{
    public const string NotFound = "No gift card matches that code: check it against the card or the email.";

    public sealed class Query
    {
        [Display(Name = "Gift card code")]
        public string? Code { get; set; }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Code).NotEmpty().WithMessage("Enter the code on the gift card.")
            .MaximumLength(Domain.Wallet.GiftCardCode.InputLength).WithMessage(NotFound);
    }

    /// <summary>What is left on the card named "ending 7K3Q", and until when (none: it never expires).</summary>
    public sealed record Result(string Card, decimal Left, DateOnly? ExpiresOn, bool Expired);

    public sealed class Handler(GiftCards cards, TimeProvider clock, ClinicTimeZone zone)
    {
        /// <returns>Null when no card has the code.</returns>
        public async Task<Result?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            if (await cards.FindAsync(query.Code, cancellationToken) is not { } card
                || await cards.BalanceAsync(card.Id, cancellationToken) is not { } balance)
            {
                return null;
            }

            var expired = balance.ExpiredOn(zone.Today(clock.GetUtcNow()));
            return new Result(card.Display, expired ? 0m : Math.Max(0m, balance.Left), card.ExpiresOn, expired);
        }
    }
}
