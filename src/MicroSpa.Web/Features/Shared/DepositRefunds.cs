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

    /// <summary>
    /// After an appointment was cancelled and saved: its deposits go back when the cancellation was in time (or the
    /// clinic's). A refund that fails (Stripe out of reach) is logged and the deposit stays held, for the desk to give
    /// back by hand; the cancellation stands either way.
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
            return await RefundAsync(appointmentId, OnlineRefundReason.CancelledInTime, null, $"microspa-cancel-{appointmentId}", cancellationToken);
        }
        catch (DomainException e)
        {
            logger.LogWarning("The deposit of cancelled appointment {AppointmentId} stays held: {Reason}", appointmentId, e.Message);
            return [];
        }
    }

    /// <summary>The desk gives back what is held for the appointment (a late cancellation, a no-show, what a checkout left over).</summary>
    public async Task<IReadOnlyList<Refunded>> ByStaffAsync(Guid appointmentId, Guid submissionId, Data.Billing.Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await RefundAsync(appointmentId, OnlineRefundReason.ByStaff, actor, $"microspa-deposit-refund-{submissionId}", cancellationToken);
    }

    private async Task<IReadOnlyList<Refunded>> RefundAsync(
        Guid appointmentId, OnlineRefundReason reason, Data.Billing.Actor? actor, string keyBase, CancellationToken cancellationToken)
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
            if (await RefundOneAsync(intent, reason, actor, $"{keyBase}-{intent}", provider, cancellationToken) is { } one)
            {
                refunded.Add(one);
            }
        }

        return refunded;
    }

    private Task<Refunded?> RefundOneAsync(
        string intent, OnlineRefundReason reason, Data.Billing.Actor? actor, string idempotencyKey, ProviderRefund provider, CancellationToken cancellationToken) =>
        db.InTransactionAsync<Refunded?>(
            async token =>
            {
                await deposits.LockAsync(intent, token);
                if (await deposits.ForPaymentIntentAsync(intent, token) is not { Held: > 0m } deposit)
                {
                    return null;
                }

                var now = clock.GetUtcNow();
                var refundId = await provider(intent, deposit.HeldMoney, idempotencyKey, token);
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
