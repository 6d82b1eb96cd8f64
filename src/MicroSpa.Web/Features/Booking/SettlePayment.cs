using MicroSpa.Data;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Stripe.Checkout;

namespace MicroSpa.Web.Features.Booking;

/// <summary>
/// What a held booking's hosted page came to, as Stripe itself says (the session is always fetched from Stripe, never
/// read from the browser's address or trusted from an event's copy): paid (or the card saved), the appointment is booked
/// with its payment kept and the confirmation queued; expired, the hold is released; paid after the hold was released,
/// the money goes back at once (a refund through Stripe, idempotent) and the client is told. The browser's return, the
/// webhook and the lapse job all come here; under the appointment's row lock whichever is first acts and the others find
/// it done, so each amount is kept once (online_payments is unique by payment intent) in any order of arrival.
/// </summary>
public static class SettlePayment
{
    public enum State
    {
        /// <summary>Not a hosted page of an online booking (a fee's, or one MicroSpa never opened).</summary>
        NotOurs,

        /// <summary>Still open: the client has not paid yet.</summary>
        Waiting,

        Booked,

        /// <summary>The hold was released and nothing was paid.</summary>
        Released,

        /// <summary>Paid after the hold was released: refunded.</summary>
        Refunded,
    }

    /// <summary>Who wrote the history lines of a payment's news (Stripe's, whichever way it arrived).</summary>
    public static readonly ChangedBy ByPayment = new(null, "Online payment");

    public sealed class Handler(
        MicroSpaDbContext db, BookingStripe stripe, AppointmentEmails emails, HoldEmails holdEmails, SellSeries.Handler sell, ClinicMoney money, TimeProvider clock,
        ILogger<Handler> logger)
    {
        /// <summary>Settles the session <paramref name="sessionId"/> (in the caller's transaction when there is one, the webhook's).</summary>
        public async Task<State> HandleAsync(string sessionId, CancellationToken cancellationToken)
        {
            var checkout = await db.OnlineCheckouts.AsNoTracking()
                .Where(c => c.Id == sessionId && c.AppointmentId != null
                    && (c.Purpose == OnlinePurpose.Deposit || c.Purpose == OnlinePurpose.SaveCard || c.Purpose == OnlinePurpose.Series))
                .Select(c => new { AppointmentId = c.AppointmentId!.Value, c.ClientId, c.Purpose }).SingleOrDefaultAsync(cancellationToken);
            if (checkout is null)
            {
                return State.NotOurs;
            }

            var session = await new SessionService(stripe.Client).GetAsync(
                sessionId, new SessionGetOptions { Expand = ["payment_intent"] }, null, cancellationToken);
            if (session.Metadata?.GetValueOrDefault(OpenPaymentPage.AppointmentKey) != checkout.AppointmentId.ToString())
            {
                logger.LogWarning("Checkout session {SessionId} does not name appointment {AppointmentId}: left alone", sessionId, checkout.AppointmentId);
                return State.NotOurs;
            }

            return db.Database.CurrentTransaction is null
                ? await db.InTransactionAsync(ct => SettleAsync(checkout.AppointmentId, checkout.ClientId, checkout.Purpose, session, ct), null, cancellationToken)
                : await SettleAsync(checkout.AppointmentId, checkout.ClientId, checkout.Purpose, session, cancellationToken);
        }

        /// <summary>Releases a held appointment that has no page to settle (never opened, or Stripe not answering at the hold's end).</summary>
        public async Task<State> ReleaseAsync(Guid appointmentId, string why, ChangedBy by, CancellationToken cancellationToken) =>
            await db.InTransactionAsync(
                async ct =>
                {
                    var appointment = await LockedAsync(appointmentId, ct);
                    if (appointment.Status != AppointmentStatus.Held)
                    {
                        return await StateOfAsync(appointment, ct);
                    }

                    appointment.ReleaseHold(why, clock.GetUtcNow(), by);
                    await db.SaveChangesAsync(ct);
                    logger.LogInformation("Hold of appointment {AppointmentId} released", appointmentId);
                    return State.Released;
                },
                null,
                cancellationToken);

        private async Task<Appointment> LockedAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            // The return, the webhook and the lapse job may settle one appointment at once: one at a time, each re-reading it.
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM appointments WHERE id = {appointmentId} FOR UPDATE", cancellationToken);
            var appointment = await db.Appointments.SingleAsync(a => a.Id == appointmentId, cancellationToken);
            await db.Entry(appointment).ReloadAsync(cancellationToken);
            return appointment;
        }

        private async Task<State> SettleAsync(Guid appointmentId, Guid clientId, OnlinePurpose purpose, Session session, CancellationToken cancellationToken)
        {
            var appointment = await LockedAsync(appointmentId, cancellationToken);
            var now = clock.GetUtcNow();
            var paid = session.Status == "complete" && (session.Mode == "setup" || session.PaymentStatus == "paid");
            if (paid && session.Mode == "payment")
            {
                var intent = session.PaymentIntent ?? throw new InvalidOperationException($"Checkout session {session.Id} is paid without a payment intent.");
                var amount = StripeAmounts.FromMinor(session.AmountTotal ?? intent.Amount, session.Currency ?? intent.Currency);
                if (purpose == OnlinePurpose.Series)
                {
                    return await SettleSeriesAsync(appointment, intent, session, clientId, amount, now, cancellationToken);
                }

                if (appointment.Status == AppointmentStatus.Held)
                {
                    var card = await KeepPaymentAsync(intent, session.Id, clientId, appointmentId, amount, now, cancellationToken);
                    appointment.ConfirmPayment($"deposit of {money.Format(amount)} paid", now, ByPayment);
                    await emails.QueueConfirmationAsync(
                        appointment, $"Deposit paid: {money.Format(amount)}{(card is null ? string.Empty : $" ({card})")}. It counts toward your visit.", cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    logger.LogInformation("Appointment {AppointmentId} booked by its deposit {PaymentIntentId}", appointmentId, intent.Id);
                    return State.Booked;
                }

                if (appointment.Status == AppointmentStatus.Cancelled)
                {
                    return await RefundAsync(appointment, intent, session.Id, amount, now, cancellationToken);
                }

                return State.Booked;
            }

            if (paid)
            {
                // Setup mode: the card is saved at Stripe, nothing was charged.
                if (appointment.Status == AppointmentStatus.Held)
                {
                    appointment.ConfirmPayment("card saved, nothing charged", now, ByPayment);
                    await emails.QueueConfirmationAsync(appointment, Domain.Billing.BookingRequirement.CardSummary, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    logger.LogInformation("Appointment {AppointmentId} booked with a card saved", appointmentId);
                    return State.Booked;
                }

                return await StateOfAsync(appointment, cancellationToken);
            }

            if (session.Status == "expired" && appointment.Status == AppointmentStatus.Held)
            {
                appointment.ReleaseHold("the payment page expired before it was paid", now, ByPayment);
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Hold of appointment {AppointmentId} released: its payment page expired", appointmentId);
                return State.Released;
            }

            return await StateOfAsync(appointment, cancellationToken);
        }

        /// <summary>
        /// A series bought with the booking (issue 19) is paid: the booking is confirmed, the payment kept, and the series sold
        /// (its credits in the wallet, <see cref="SellSeries"/>); a later settle of the same page sells it if it waited for the
        /// next clinic day. Paid after the hold was released, it is refunded like a deposit.
        /// </summary>
        private async Task<State> SettleSeriesAsync(
            Appointment appointment, PaymentIntent intent, Session session, Guid clientId, Domain.Billing.Money amount, DateTimeOffset now, CancellationToken cancellationToken)
        {
            if (appointment.Status == AppointmentStatus.Cancelled)
            {
                return await RefundAsync(appointment, intent, session.Id, amount, now, cancellationToken, OnlinePurpose.Series);
            }

            if (appointment.Status == AppointmentStatus.Held)
            {
                var card = await KeepPaymentAsync(intent, session.Id, clientId, appointment.Id, amount, now, cancellationToken, OnlinePurpose.Series);
                await db.SaveChangesAsync(cancellationToken);
                var sold = await sell.SellAsync(appointment.Id, cancellationToken);
                appointment.ConfirmPayment($"series paid online: {money.Format(amount)}", now, ByPayment);
                await emails.QueueConfirmationAsync(
                    appointment,
                    $"Series paid: {money.Format(amount)}{(card is null ? string.Empty : $" ({card})")}. This visit is its first session; "
                    + (sold == SellSeries.Result.DayClosed ? "its sessions are in your wallet from tomorrow." : "its sessions are in your wallet (My wallet)."),
                    cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Appointment {AppointmentId} booked with a series paid by {PaymentIntentId} ({Sale})", appointment.Id, intent.Id, sold);
                return State.Booked;
            }

            if (await db.OnlinePayments.AnyAsync(p => p.PaymentIntentId == intent.Id, cancellationToken))
            {
                await sell.SellAsync(appointment.Id, cancellationToken);
            }

            return await StateOfAsync(appointment, cancellationToken);
        }

        /// <summary>Money taken for a hold already released: back through Stripe (once: the key is the payment intent), kept, and the client told.</summary>
        private async Task<State> RefundAsync(
            Appointment released, PaymentIntent intent, string sessionId, Domain.Billing.Money amount, DateTimeOffset now, CancellationToken cancellationToken,
            OnlinePurpose purpose = OnlinePurpose.Deposit)
        {
            if (await db.OnlineRefunds.AnyAsync(r => r.PaymentIntentId == intent.Id, cancellationToken))
            {
                return State.Refunded;
            }

            await KeepPaymentAsync(intent, sessionId, released.ClientId, released.Id, amount, now, cancellationToken, purpose);
            await db.SaveChangesAsync(cancellationToken);
            var refund = await new RefundService(stripe.Client).CreateAsync(
                new RefundCreateOptions
                {
                    PaymentIntent = intent.Id,
                    Reason = "requested_by_customer",
                    Metadata = new Dictionary<string, string> { [OpenPaymentPage.PurposeKey] = "booking-hold-expired", [OpenPaymentPage.AppointmentKey] = released.Id.ToString() },
                },
                new RequestOptions { IdempotencyKey = $"microspa-hold-refund-{intent.Id}" },
                cancellationToken);
            if (!await db.OnlineRefunds.AnyAsync(r => r.Id == refund.Id, cancellationToken))
            {
                db.OnlineRefunds.Add(new OnlineRefund(refund.Id, intent.Id, StripeAmounts.FromMinor(refund.Amount, refund.Currency), OnlineRefundReason.HoldExpired, null, now));
            }

            await holdEmails.QueueRefundedAsync(released, intent.Id, amount, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogWarning("Payment {PaymentIntentId} arrived for released appointment {AppointmentId}: refunded as {RefundId}", intent.Id, released.Id, refund.Id);
            return State.Refunded;
        }

        /// <summary>Keeps the payment once (by its payment intent) with the card it came from; returns the card in words ("Visa ending 4242").</summary>
        private async Task<string?> KeepPaymentAsync(
            PaymentIntent intent, string sessionId, Guid clientId, Guid appointmentId, Domain.Billing.Money amount, DateTimeOffset now, CancellationToken cancellationToken,
            OnlinePurpose purpose = OnlinePurpose.Deposit)
        {
            string? brand = null, last4 = null;
            if (intent.LatestChargeId is { } chargeId)
            {
                var charge = await new ChargeService(stripe.Client).GetAsync(chargeId, null, null, cancellationToken);
                brand = charge.PaymentMethodDetails?.Card?.Brand;
                last4 = charge.PaymentMethodDetails?.Card?.Last4;
            }

            if (!await db.OnlinePayments.AnyAsync(p => p.PaymentIntentId == intent.Id, cancellationToken))
            {
                db.OnlinePayments.Add(new Domain.Payments.OnlinePayment(
                    intent.Id, purpose, clientId, appointmentId, null, amount, sessionId, intent.LatestChargeId, brand, last4, now));
            }

            return brand is null || last4 is null ? null : $"{char.ToUpperInvariant(brand[0])}{brand[1..]} ending {last4}";
        }

        private async Task<State> StateOfAsync(Appointment appointment, CancellationToken cancellationToken) => appointment.Status switch
        {
            AppointmentStatus.Held => State.Waiting,
            AppointmentStatus.Cancelled => await db.OnlineRefunds.AnyAsync(
                r => db.OnlinePayments.Any(p => p.AppointmentId == appointment.Id && p.PaymentIntentId == r.PaymentIntentId), cancellationToken)
                ? State.Refunded : State.Released,
            _ => State.Booked,
        };
    }
}
