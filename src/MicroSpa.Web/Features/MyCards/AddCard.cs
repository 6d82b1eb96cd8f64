using MicroSpa.Data;
using MicroSpa.Domain.Payments;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Payments;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Stripe.Checkout;

namespace MicroSpa.Web.Features.MyCards;

/// <summary>
/// "Add a card": a Stripe Checkout Session in setup mode for the client's customer (the card is typed on Stripe's page,
/// never on MicroSpa's), kept as an OnlineCheckout (purpose SaveCard). The form's submission id makes the idempotency
/// key, so a double tap opens one page.
/// </summary>
public static class AddCard
{
    public const string Unreachable = "We cannot reach our card service just now. Nothing was saved: try again in a few minutes.";

    public sealed class Handler(
        MicroSpaDbContext db, CurrentClient currentClient, PaymentCustomers customers, IStripeClient stripe, PublicLinks links, ClinicMoney money,
        TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>The hosted page's address to send the client to.</returns>
        public async Task<Outcome<string>> HandleAsync(Guid? submissionId, CancellationToken cancellationToken)
        {
            if (submissionId is not { } submission || submission == Guid.Empty)
            {
                return Outcome.Fail("This page is out of date: open it again.");
            }

            var clientId = await currentClient.RequiredIdAsync(cancellationToken);
            Session session;
            try
            {
                var customer = await customers.ForClientAsync(clientId, cancellationToken);
                session = await new SessionService(stripe).CreateAsync(
                    new SessionCreateOptions
                    {
                        Mode = "setup",
                        Customer = customer,
                        Currency = StripeAmounts.Currency(money.Of(0m)),
                        // Stripe puts the session's id in place of {CHECKOUT_SESSION_ID}: the braces must reach it unescaped.
                        SuccessUrl = links.Action(nameof(MyCardsController.Saved), "MyCards") + "?session_id={CHECKOUT_SESSION_ID}",
                        CancelUrl = links.Action(nameof(MyCardsController.Index), "MyCards"),
                        Metadata = new Dictionary<string, string> { ["microspa_purpose"] = "save_card", ["microspa_client_id"] = clientId.ToString() },
                        SetupIntentData = new SessionSetupIntentDataOptions { Metadata = new Dictionary<string, string> { ["microspa_client_id"] = clientId.ToString() } },
                    },
                    new RequestOptions { IdempotencyKey = $"microspa-save-card-{clientId}-{submission}" },
                    cancellationToken);
            }
            catch (Exception e) when (StripeFailures.IsFailure(e, cancellationToken))
            {
                logger.LogWarning("A card-saving page for client {ClientId} could not be opened at Stripe: {Error}", clientId, e.GetType().Name);
                return Outcome.Fail(Unreachable);
            }

            var now = clock.GetUtcNow();
            var checkout = new OnlineCheckout(session.Id, OnlinePurpose.SaveCard, clientId, null, null, null, money.Currency, session.Url, now,
                new DateTimeOffset(DateTime.SpecifyKind(session.ExpiresAt, DateTimeKind.Utc)));
            // A double tap gets Stripe's first session again (same key): it is kept once.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO online_checkouts (id, purpose, client_id, appointment_id, invoice_id, amount, currency, url, created_at, expires_at)
                VALUES ({checkout.Id}, {checkout.Purpose.ToString()}, {checkout.ClientId}, NULL, NULL, NULL, {checkout.Currency}, {checkout.Url}, {checkout.CreatedAt}, {checkout.ExpiresAt})
                ON CONFLICT (id) DO NOTHING
                """, cancellationToken);
            logger.LogInformation("Card-saving page {SessionId} opened for client {ClientId}", session.Id, clientId);
            return Outcome<string>.Done(session.Url);
        }
    }
}
