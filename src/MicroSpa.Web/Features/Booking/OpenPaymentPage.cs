using MicroSpa.Data;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Stripe.Checkout;

namespace MicroSpa.Web.Features.Booking;

/// <summary>
/// Opens Stripe's hosted page for a held booking (a Checkout Session: payment mode for a deposit, the card kept for a
/// later fee; setup mode when only a card is asked) and keeps it (online_checkouts). The page lives as long as the hold:
/// while it does, asking again gives the same page (the client tries another card there). The call's idempotency key
/// is the appointment and the hold's end, so a retry after a timeout gets the session Stripe may have made already.
/// </summary>
public static class OpenPaymentPage
{
    /// <summary>
    /// How long an online booking holds its time for the payment. The hosted page ends with the hold, and Stripe's
    /// shortest Checkout Session is 30 minutes from its creation: the five minutes more leave room to open the page
    /// again when the payment service did not answer the first time.
    /// </summary>
    public static readonly TimeSpan HoldFor = TimeSpan.FromMinutes(35);

    /// <summary>Stripe's shortest lifetime of a Checkout Session.</summary>
    private static readonly TimeSpan ShortestPage = TimeSpan.FromMinutes(30);

    public const string PurposeKey = "microspa_purpose";
    public const string AppointmentKey = "microspa_appointment_id";
    public const string Purpose = "booking";

    /// <summary>The package version of a series bought with the booking (issue 19), on the page's metadata.</summary>
    public const string SeriesKey = "microspa_series_version_id";

    /// <summary>The hosted page's address, or why there is none (the time stays held).</summary>
    public sealed record Result(string? Url, string? Problem);

    /// <summary>A held appointment waiting for its page: whose, for which service (the line Stripe shows), held until when.</summary>
    public sealed record Hold(Guid AppointmentId, Guid ClientId, string Service, DateTimeOffset Until);

    public sealed class Handler(
        MicroSpaDbContext db, BookingStripe stripe, PaymentStep.Handler step, SeriesOffers.Handler seriesOffers, CurrentClient currentClient, PublicLinks links, ClinicMoney money,
        ClinicTimeZone zone, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <summary>The signed-in client's held booking's page (the hold's page, "Pay the deposit").</summary>
        public async Task<Result?> HandleAsync(Guid appointmentId, CancellationToken cancellationToken) =>
            await HandleAsync(appointmentId, await currentClient.RequiredIdAsync(cancellationToken), cancellationToken);

        /// <returns>Null when the appointment is not the client's.</returns>
        public async Task<Result?> HandleAsync(Guid appointmentId, Guid clientId, CancellationToken cancellationToken)
        {
            var held = await db.Appointments.AsNoTracking().Where(a => a.Id == appointmentId && a.ClientId == clientId)
                .Select(a => new { a.Status, a.HeldUntil, a.ServiceId, Service = a.Service!.Name }).SingleOrDefaultAsync(cancellationToken);
            if (held is null)
            {
                return null;
            }

            if (held.Status != AppointmentStatus.Held || !stripe.On)
            {
                return new Result(null, "This booking is not waiting for a payment.");
            }

            var now = clock.GetUtcNow();
            var open = await db.OnlineCheckouts.AsNoTracking().Where(c => c.AppointmentId == appointmentId && c.ExpiresAt > now.AddMinutes(1))
                .OrderByDescending(c => c.CreatedAt).Select(c => c.Url).FirstOrDefaultAsync(cancellationToken);
            if (open is not null)
            {
                return new Result(open, null);
            }

            var until = held.HeldUntil!.Value;
            if (until - now < ShortestPage)
            {
                return new Result(null, $"The payment page can no longer be opened before your hold ends at {HeldUntil(until)}. Give the time up below and book again.");
            }

            // A series chosen with the booking is asked again as it was chosen (kept on the booking's draft).
            SeriesOffers.Offer? series = null;
            var chosen = await db.BookingDrafts.AsNoTracking().Where(d => d.AppointmentId == appointmentId).Select(d => d.SeriesVersionId).FirstOrDefaultAsync(cancellationToken);
            if (chosen is { } versionId && (series = await seriesOffers.FindAsync(held.ServiceId, versionId, cancellationToken)) is null)
            {
                return new Result(null, "The series you chose is no longer sold online: give the time up below and book again, or call the clinic.");
            }

            var payment = await step.HandleAsync(clientId, held.ServiceId, cancellationToken, words: false);
            if (payment is null && series is null)
            {
                return new Result(null, "This booking no longer asks for a payment online: please call the clinic.");
            }

            return await OpenAsync(new Hold(appointmentId, clientId, held.Service, until), payment, series, now, cancellationToken);
        }

        /// <summary>
        /// The page for a hold the confirm step has just made, with the payment step it worked out: nothing is read again
        /// (the deposit step's only added cost is Stripe's round trip, issue 18).
        /// </summary>
        public Task<Result> HandleNewAsync(Hold hold, PaymentStep.Result? payment, SeriesOffers.Offer? series, CancellationToken cancellationToken) =>
            OpenAsync(hold, payment, series, clock.GetUtcNow(), cancellationToken);

        private string HeldUntil(DateTimeOffset until) => zone.ToLocal(until).ToString("HH:mm", money.Culture);

        private async Task<Result> OpenAsync(Hold hold, PaymentStep.Result? payment, SeriesOffers.Offer? series, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var (appointmentId, clientId, service, until) = hold;
            var charged = series is not null || payment is { Deposit: true };
            try
            {
                var customer = await stripe.Customers.ForClientAsync(clientId, cancellationToken);
                var metadata = new Dictionary<string, string> { [PurposeKey] = Purpose, [AppointmentKey] = appointmentId.ToString() };
                if (series is not null)
                {
                    metadata[SeriesKey] = series.VersionId.ToString();
                }

                var options = new SessionCreateOptions
                {
                    Mode = charged ? "payment" : "setup",
                    Customer = customer,
                    ClientReferenceId = appointmentId.ToString(),
                    Metadata = metadata,
                    SuccessUrl = links.Action(nameof(HeldController.Paid), "Held", new { appointmentId }) + "?session_id={CHECKOUT_SESSION_ID}",
                    CancelUrl = links.Action(nameof(HeldController.Index), "Held", new { appointmentId }),
                    ExpiresAt = until.UtcDateTime,
                };
                if (series is not null)
                {
                    options.LineItems =
                    [
                        new SessionLineItemOptions
                        {
                            Quantity = 1,
                            PriceData = new SessionLineItemPriceDataOptions
                            {
                                Currency = series.Currency.ToLowerInvariant(),
                                UnitAmount = StripeAmounts.ToMinor(new Domain.Billing.Money(series.Price, series.Currency)),
                                ProductData = new SessionLineItemPriceDataProductDataOptions { Name = $"{series.Name}: {series.Sessions} sessions of {service}, this visit the first" },
                            },
                        },
                    ];

                    // The card is kept for a no-show or late-cancellation fee only when the clinic's policy asks it.
                    options.PaymentIntentData = new SessionPaymentIntentDataOptions { SetupFutureUsage = payment is null ? null : "off_session", Metadata = metadata };
                }
                else if (payment!.Deposit)
                {
                    options.LineItems =
                    [
                        new SessionLineItemOptions
                        {
                            Quantity = 1,
                            PriceData = new SessionLineItemPriceDataOptions
                            {
                                Currency = StripeAmounts.Currency(payment.Requirement.Amount),
                                UnitAmount = StripeAmounts.ToMinor(payment.Requirement.Amount),
                                ProductData = new SessionLineItemPriceDataProductDataOptions { Name = $"Deposit: {service}" },
                            },
                        },
                    ];

                    // The card paying the deposit is kept for a no-show or late-cancellation fee (the policy says so).
                    options.PaymentIntentData = new SessionPaymentIntentDataOptions { SetupFutureUsage = "off_session", Metadata = metadata };
                }
                else
                {
                    options.Currency = money.Currency.ToLowerInvariant();
                    options.SetupIntentData = new SessionSetupIntentDataOptions { Metadata = metadata };
                }

                var session = await new SessionService(stripe.Client).CreateAsync(
                    options, new RequestOptions { IdempotencyKey = $"microspa-booking-{appointmentId}-{until.ToUnixTimeSeconds()}" }, cancellationToken);
                if (!await db.OnlineCheckouts.AnyAsync(c => c.Id == session.Id, cancellationToken))
                {
                    db.OnlineCheckouts.Add(new OnlineCheckout(
                        session.Id, series is not null ? OnlinePurpose.Series : payment!.Deposit ? OnlinePurpose.Deposit : OnlinePurpose.SaveCard, clientId, appointmentId, null,
                        series is not null ? new Domain.Billing.Money(series.Price, series.Currency) : payment!.Deposit ? payment.Requirement.Amount : null,
                        money.Currency, session.Url, now, until));
                    await db.SaveChangesAsync(cancellationToken);
                }

                logger.LogInformation("Payment page {SessionId} opened for held appointment {AppointmentId}", session.Id, appointmentId);
                return new Result(session.Url, null);
            }
            catch (Exception e) when (BookingStripe.Unreachable(e) && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("The payment page for held appointment {AppointmentId} could not be opened: {Error}", appointmentId, e.GetType().Name);
                return new Result(null, $"The payment service did not answer just now. Your time is held until {HeldUntil(until)}: try again in a moment.");
            }
        }
    }
}
