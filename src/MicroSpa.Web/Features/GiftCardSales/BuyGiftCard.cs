using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Wallet;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Payments;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace MicroSpa.Web.Features.GiftCardSales;

/// <summary>
/// A visitor or a signed-in client buys a gift card online (issue 19, decision 048): the value within the clinic's smallest and
/// largest, who buys it, for whom, a message and the day the recipient is emailed. The order is kept and Stripe's hosted page
/// opened (a Checkout Session in payment mode); nothing is sold until Stripe's signed webhook confirms the payment
/// (<see cref="RecordGiftCardPayment"/>).
/// </summary>
public static class BuyGiftCard
{
    public const string PurposeKey = "microspa_purpose";
    public const string Purpose = "gift-card";
    public const string OrderKey = "microspa_gift_card_order_id";
    public const string BuyerKey = "microspa_buyer_client_id";

    /// <summary>How long the hosted page stays open (Stripe's shortest is 30 minutes).</summary>
    public static readonly TimeSpan PageLasts = TimeSpan.FromMinutes(60);

    public sealed class Command
    {
        [Display(Name = "Gift card value")]
        public decimal? Amount { get; set; }

        [Display(Name = "Your name")]
        public string? BuyerName { get; set; }

        [Display(Name = "Your email")]
        public string? BuyerEmail { get; set; }

        [Display(Name = "Recipient's name")]
        public string? RecipientName { get; set; }

        [Display(Name = "Recipient's email")]
        public string? RecipientEmail { get; set; }

        [Display(Name = "Message (optional)")]
        public string? Message { get; set; }

        [Display(Name = "Send it on")]
        public DateOnly? SendOn { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            // The clinic's smallest and largest are the handler's to check (an Admin's setting); the shape is checked here.
            RuleFor(c => c.Amount).NotNull().WithMessage("Enter the gift card's value.")
                .InclusiveBetween(0.01m, BillingSettings.MaxGiftCardValueLimit)
                .WithMessage($"A gift card is worth at most {BillingSettings.MaxGiftCardValueLimit:0}, in whole cents.")
                .Must(a => a is null || Money.Round(a.Value) == a).WithMessage("Enter the value in whole cents.");
            Name(RuleFor(c => c.BuyerName), "Enter your name.");
            Name(RuleFor(c => c.RecipientName), "Enter the recipient's name.");
            Email(RuleFor(c => c.BuyerEmail), "Enter your email address, for the receipt.");
            Email(RuleFor(c => c.RecipientEmail), "Enter the recipient's email address: the code is sent there.");
            RuleFor(c => c.Message).MaximumLength(GiftCardOrder.MessageLength)
                .WithMessage($"A message can be at most {GiftCardOrder.MessageLength} characters.");
            RuleFor(c => c.SendOn).NotNull().WithMessage("Choose the day the recipient gets the email.");
        }

        private static void Email(IRuleBuilderInitial<Command, string?> rule, string missing) =>
            rule.Cascade(CascadeMode.Stop).NotEmpty().WithMessage(missing)
                .MaximumLength(FieldLengths.Email).WithMessage($"An email address can be at most {FieldLengths.Email} characters.")
                .Must(BeAnEmailAddress).WithMessage("Enter an email address like name@example.com.");

        private static bool BeAnEmailAddress(string? value)
        {
            var trimmed = value?.Trim();
            return trimmed is not null
                && System.Net.Mail.MailAddress.TryCreate(trimmed, out var parsed)
                && parsed.Address == trimmed
                && trimmed.IndexOf('@', StringComparison.Ordinal) is > 0 and var at
                && trimmed[(at + 1)..].Contains('.', StringComparison.Ordinal);
        }

        private static void Name(IRuleBuilderInitial<Command, string?> rule, string missing) =>
            rule.Cascade(CascadeMode.Stop).NotEmpty().WithMessage(missing)
                .MaximumLength(FieldLengths.PersonName).WithMessage($"A name can be at most {FieldLengths.PersonName} characters.");
    }

    /// <summary>What the form shows: the clinic's range, today and the last send date (the clinic's time zone), the buyer prefilled.</summary>
    public sealed record Form(Command Command, decimal Min, decimal Max, DateOnly Today, DateOnly Latest, bool SellsOnline);

    public sealed class Handler(
        MicroSpaDbContext db, IOptions<StripeOptions> stripe, IServiceProvider services, CurrentClient currentClient, PublicLinks links, ClinicMoney money,
        ClinicTimeZone zone, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<Form> FormAsync(Command? command, CancellationToken cancellationToken)
        {
            var settings = await db.BillingSettings.AsNoTracking().SingleAsync(cancellationToken);
            var today = zone.Today(clock.GetUtcNow());
            if (command is null)
            {
                command = new Command { SendOn = today };
                if (await currentClient.IdAsync(cancellationToken) is { } clientId
                    && await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { c.FirstName, c.LastName, c.Email }).SingleOrDefaultAsync(cancellationToken) is { } client)
                {
                    command.BuyerName = $"{client.FirstName} {client.LastName}".Trim();
                    command.BuyerEmail = client.Email;
                }
            }

            return new Form(command, settings.GiftCardMinValue, settings.GiftCardMaxValue, today, today.AddDays(GiftCardOrder.LatestSendDays), stripe.Value.TakesOnlinePayments);
        }

        /// <returns>The hosted page's address to send the browser to, or the messages for the form.</returns>
        public async Task<Outcome<string>> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (!stripe.Value.TakesOnlinePayments)
            {
                return Outcome.Fail("This clinic does not sell gift cards online: ask at the desk.");
            }

            var settings = await db.BillingSettings.AsNoTracking().SingleAsync(cancellationToken);
            var amount = command.Amount!.Value;
            if (amount < settings.GiftCardMinValue || amount > settings.GiftCardMaxValue)
            {
                return Outcome.Fail(nameof(Command.Amount), Domain.Billing.Invoice.GiftCardValueMessage(settings));
            }

            var now = clock.GetUtcNow();
            GiftCardOrder order;
            try
            {
                order = GiftCardOrder.Place(amount, money.Currency, command.BuyerName!.Trim(), command.BuyerEmail!.Trim(), command.RecipientName!.Trim(),
                    command.RecipientEmail!.Trim(), command.Message?.Trim(), command.SendOn!.Value, zone.Today(now), now);
            }
            catch (DomainException e)
            {
                return Outcome.Fail(e.Field ?? string.Empty, e.Message);
            }

            db.GiftCardOrders.Add(order);
            await db.SaveChangesAsync(cancellationToken);
            var buyer = await currentClient.IdAsync(cancellationToken);
            try
            {
                var metadata = new Dictionary<string, string> { [PurposeKey] = Purpose, [OrderKey] = order.Id.ToString() };
                if (buyer is { } clientId)
                {
                    metadata[BuyerKey] = clientId.ToString();
                }

                var value = money.Of(amount);
                var session = await new SessionService(services.GetRequiredService<IStripeClient>()).CreateAsync(
                    new SessionCreateOptions
                    {
                        Mode = "payment",
                        CustomerEmail = order.BuyerEmail,
                        ClientReferenceId = order.Id.ToString(),
                        Metadata = metadata,
                        PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata },
                        LineItems =
                        [
                            new SessionLineItemOptions
                            {
                                Quantity = 1,
                                PriceData = new SessionLineItemPriceDataOptions
                                {
                                    Currency = StripeAmounts.Currency(value),
                                    UnitAmount = StripeAmounts.ToMinor(value),
                                    ProductData = new SessionLineItemPriceDataProductDataOptions { Name = "Gift card" },
                                },
                            },
                        ],
                        SuccessUrl = links.Action(nameof(GiftCardShopController.Bought), "GiftCardShop", new { orderId = order.Id }) + "?session_id={CHECKOUT_SESSION_ID}",
                        CancelUrl = links.Action(nameof(GiftCardShopController.Index), "GiftCardShop"),
                        ExpiresAt = (now + PageLasts).UtcDateTime,
                    },
                    new RequestOptions { IdempotencyKey = $"microspa-gift-card-{order.Id}" },
                    cancellationToken);
                order.OpenedAt(session.Id);
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Gift card order {OrderId} opened payment page {SessionId}", order.Id, session.Id);
                return Outcome<string>.Done(session.Url);
            }
            catch (Exception e) when (e is StripeException or HttpRequestException or TimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("The payment page for gift card order {OrderId} could not be opened: {Error}", order.Id, e.GetType().Name);
                return Outcome.Fail("The payment service did not answer just now: nothing was charged. Try again in a moment.");
            }
        }
    }
}
