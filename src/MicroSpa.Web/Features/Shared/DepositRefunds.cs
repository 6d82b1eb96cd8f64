using System.Globalization;
using System.Net;
using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Domain;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// The deposits held for an appointment given back through Stripe: on their own when the appointment is cancelled in
/// time (<see cref="DepositOnCancellation"/>: the cancel handlers call <see cref="AfterCancellationAsync"/> after their
/// own save), and by hand by the desk with the Refund permission. Each deposit is refunded in a transaction of its
/// own under its payment intent's lock, its held amount read again there, so a double tap, a cancellation and the
/// desk at once give back no more than is held. The client is emailed what went back to which card.
/// </summary>
public sealed class DepositRefunds(
    MicroSpaDbContext db, DepositsHeld deposits, StripeRefunds stripe, OutboxQueue outbox, ClinicMoney money, IOptions<ClinicOptions> clinic,
    PublicLinks links, TimeProvider clock, ILogger<DepositRefunds> logger)
{
    /// <summary>One deposit given back: how much, to which card.</summary>
    public sealed record Refunded(string RefundId, Money Amount, string? CardBrand, string? CardLastFour);

    /// <summary>How far back <see cref="RetryOwedAsync"/> looks: a cancellation older than this is the desk's to settle by hand.</summary>
    public static readonly TimeSpan RetryWindow = TimeSpan.FromDays(30);

    /// <summary>
    /// After an appointment was cancelled and saved: its deposits go back when the cancellation was in time (or the
    /// clinic's). A refund that fails (Stripe out of reach, or the app stopped in between) is logged and the deposit
    /// stays held; the background worker tries it again (<see cref="RetryOwedAsync"/>) and the desk may give it back by
    /// hand meanwhile. The cancellation stands either way.
    /// </summary>
    public async Task<IReadOnlyList<Refunded>> AfterCancellationAsync(Guid appointmentId, CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments.AsNoTracking().Where(a => a.Id == appointmentId)
            .Select(a => new { a.Status, a.CancellationReason, a.StatusChangedAt, a.StartsAt }).SingleOrDefaultAsync(cancellationToken);
        if (appointment is not { Status: AppointmentStatus.Cancelled, CancellationReason: { } reason })
        {
            return [];
        }

        var cutoff = await db.BookingPolicies.AsNoTracking().Select(p => p.CancellationCutoffHours).SingleAsync(cancellationToken);
        if (!DepositOnCancellation.GoesBack(reason, appointment.StatusChangedAt, appointment.StartsAt, TimeSpan.FromHours(cutoff)))
        {
            return [];
        }

        try
        {
            return await RefundAsync(appointmentId, OnlineRefundReason.CancelledInTime, null, $"microspa-cancel-{appointmentId}", cancellationToken, withAmountInKey: true);
        }
        catch (DomainException e)
        {
            logger.LogWarning("The deposit of cancelled appointment {AppointmentId} stays held: {Reason}", appointmentId, e.Message);
            return [];
        }
    }

    /// <summary>
    /// The deposits that cancellations in time owe back and that are still held, given back now: run by the background
    /// worker every few minutes on every instance. Safe at once on several: each refund runs under its payment intent's
    /// lock with its held amount read again, and with the first try's idempotency key (the appointment, the payment
    /// intent and the amount), so a first try that reached Stripe but was never recorded is recorded, not made twice.
    /// Returns how many deposits went back.
    /// </summary>
    public async Task<int> RetryOwedAsync(CancellationToken cancellationToken)
    {
        if (stripe.Provider is null)
        {
            return 0;
        }

        var since = clock.GetUtcNow() - RetryWindow;
        // Cancelled lately with a deposit paid that Stripe has not given back in full: the few to look at again.
        var owed = await db.Appointments.AsNoTracking()
            .Where(a => a.Status == AppointmentStatus.Cancelled && a.StatusChangedAt >= since)
            .Where(a => db.OnlinePayments.Any(p => p.AppointmentId == a.Id && p.Purpose == OnlinePurpose.Deposit
                && p.Amount > (db.OnlineRefunds.Where(r => r.PaymentIntentId == p.PaymentIntentId).Sum(r => (decimal?)r.Amount) ?? 0m)))
            .OrderBy(a => a.StatusChangedAt)
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
        var given = 0;
        foreach (var appointmentId in owed)
        {
            var refunded = await AfterCancellationAsync(appointmentId, cancellationToken);
            if (refunded.Count > 0)
            {
                given += refunded.Count;
                logger.LogInformation("Deposit of cancelled appointment {AppointmentId} given back on a later try", appointmentId);
            }
        }

        return given;
    }

    /// <summary>The desk gives back what is held for the appointment (a late cancellation, a no-show, what a checkout left over).</summary>
    public async Task<IReadOnlyList<Refunded>> ByStaffAsync(Guid appointmentId, Guid submissionId, Data.Billing.Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await RefundAsync(appointmentId, OnlineRefundReason.ByStaff, actor, $"microspa-deposit-refund-{submissionId}", cancellationToken);
    }

    private async Task<IReadOnlyList<Refunded>> RefundAsync(
        Guid appointmentId, OnlineRefundReason reason, Data.Billing.Actor? actor, string keyBase, CancellationToken cancellationToken, bool withAmountInKey = false)
    {
        var intents = (await deposits.ForAppointmentAsync(appointmentId, cancellationToken)).Where(d => d.Held > 0m).Select(d => d.PaymentIntentId).ToList();
        if (intents.Count == 0)
        {
            return [];
        }

        if (stripe.Provider is not { } provider)
        {
            throw new DomainException("Online payments are off: give the deposit back in Stripe's dashboard.");
        }

        var refunded = new List<Refunded>();
        foreach (var intent in intents)
        {
            if (await RefundOneAsync(intent, reason, actor, $"{keyBase}-{intent}", withAmountInKey, provider, cancellationToken) is { } one)
            {
                refunded.Add(one);
            }
        }

        return refunded;
    }

    /// <remarks>
    /// <paramref name="withAmountInKey"/>: the held amount (in cents) ends the idempotency key, so a later try for the same
    /// amount is the same request at Stripe, and one after the desk gave part back by hand is a new request for the rest
    /// (Stripe refuses a key used again with other parameters).
    /// </remarks>
    private Task<Refunded?> RefundOneAsync(
        string intent, OnlineRefundReason reason, Data.Billing.Actor? actor, string idempotencyKey, bool withAmountInKey, ProviderRefund provider,
        CancellationToken cancellationToken) =>
        db.InTransactionAsync<Refunded?>(
            async token =>
            {
                await deposits.LockAsync(intent, token);
                if (await deposits.ForPaymentIntentAsync(intent, token) is not { Held: > 0m } deposit)
                {
                    return null;
                }

                var now = clock.GetUtcNow();
                var key = withAmountInKey ? string.Create(CultureInfo.InvariantCulture, $"{idempotencyKey}-{decimal.ToInt64(deposit.Held * 100m)}") : idempotencyKey;
                var refundId = await provider(intent, deposit.HeldMoney, key, token);
                if (!await db.OnlineRefunds.AnyAsync(r => r.Id == refundId, token))
                {
                    db.OnlineRefunds.Add(new OnlineRefund(refundId, intent, deposit.HeldMoney, reason, actor?.UserId, now));
                }

                db.AuditEntries.Add(new AuditEntry(actor?.UserId, actor?.UserName ?? "System", deposit.ClientId, "money.deposit-refund", deposit.AppointmentId, now,
                    $"deposit {intent}: {deposit.Held:0.00} {deposit.Currency} back through Stripe ({reason}, {refundId})", actor?.Address));
                var done = new Refunded(refundId, deposit.HeldMoney, deposit.CardBrand, deposit.CardLastFour);
                await QueueEmailAsync(deposit, done, token);
                await db.SaveChangesAsync(token);
                logger.LogInformation("Deposit {PaymentIntentId} of appointment {AppointmentId} refunded through Stripe ({Reason})", intent, deposit.AppointmentId, reason);
                return done;
            },
            null,
            cancellationToken);

    private async Task QueueEmailAsync(DepositHeld deposit, Refunded refunded, CancellationToken cancellationToken)
    {
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == deposit.ClientId).Select(c => new { c.Email, c.FirstName }).SingleAsync(cancellationToken);
        if (client.Email is not { } to)
        {
            return;
        }

        var settings = clinic.Value;
        var card = Card(refunded.CardBrand, refunded.CardLastFour);
        var line = $"Your deposit of {money.Format(refunded.Amount)} is on its way back to {card}. Your bank may take 5 to 10 days to show it.";
        var myAppointments = links.Action("Index", "MyAppointments");
        var text = string.Create(CultureInfo.InvariantCulture, $"Hello {client.FirstName},\n\n{line}\n\nYour appointments: {myAppointments}\n\n{settings.Name}\n");
        var html = string.Create(CultureInfo.InvariantCulture,
            $"<p>Hello {WebUtility.HtmlEncode(client.FirstName)},</p><p>{WebUtility.HtmlEncode(line)}</p><p><a href=\"{WebUtility.HtmlEncode(myAppointments)}\">Your appointments</a></p>");
        outbox.Add($"deposit-refund:{refunded.RefundId}", "deposit-refunded", new EmailMessage(to, $"{settings.Name}: your deposit is refunded", text, html));
    }

    /// <summary>"your Visa card ending 4242", or "your card" when the provider did not say.</summary>
    public static string Card(string? brand, string? lastFour) => lastFour is null
        ? "your card"
        : $"your {(string.IsNullOrEmpty(brand) ? "card" : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(brand))} card ending {lastFour}";
}

/// <summary>What the appointment card shows of its deposits (Views/_DepositHeld), with the refund form for who may refund.</summary>
public sealed record DepositHeldCard(Guid AppointmentId, IReadOnlyList<DepositHeld> Deposits);
