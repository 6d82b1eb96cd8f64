using System.Net;
using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Payments;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Email;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace MicroSpa.Web.Features.Disputes;

/// <summary>
/// A client's bank disputed a charge (Stripe's charge.dispute.created): the case is recorded once by its dp_ id, with the
/// client and the appointment of the online payment it was taken for (found by its charge or its payment intent; a
/// charge MicroSpa does not know is still recorded, with no client), and every active Admin is told by email through
/// the outbox, in the webhook's transaction. What Stripe announces later about the dispute (updated, closed) is read
/// from payment_events when the case is shown; nothing here changes.
/// </summary>
public sealed class RecordDispute(
    MicroSpaDbContext db, UserManager<ApplicationUser> users, OutboxQueue outbox, PublicLinks links, ClinicMoney money,
    Domain.Scheduling.ClinicTimeZone zone, TimeProvider clock, ILogger<RecordDispute> logger) : IStripeEventAction
{
    public const string Created = "charge.dispute.created";

    public IReadOnlyCollection<string> Types { get; } = [Created];

    public async Task ActAsync(Event stripeEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        if (stripeEvent.Data?.Object is not Dispute { Id: { Length: > 0 } disputeId } dispute
            || !disputeId.StartsWith("dp_", StringComparison.Ordinal) || dispute.ChargeId is not { Length: > 0 } chargeId
            || !chargeId.StartsWith("ch_", StringComparison.Ordinal))
        {
            // Not a dispute as Stripe makes them: recorded in payment_events, nothing to open.
            logger.LogWarning("Stripe event {EventId} ({EventType}) carries no dispute of a charge; no case opened", stripeEvent.Id, stripeEvent.Type);
            return;
        }

        if (await db.PaymentDisputes.AnyAsync(d => d.Id == disputeId, cancellationToken))
        {
            return;
        }

        var paymentIntentId = dispute.PaymentIntentId is { Length: > 0 } pi && pi.StartsWith("pi_", StringComparison.Ordinal) ? pi : null;
        var payment = await db.OnlinePayments.AsNoTracking()
            .Where(p => p.ChargeId == chargeId || (paymentIntentId != null && p.PaymentIntentId == paymentIntentId))
            .Select(p => new { p.ClientId, p.AppointmentId })
            .FirstOrDefaultAsync(cancellationToken);
        var amount = StripeAmounts.FromMinor(dispute.Amount, string.IsNullOrEmpty(dispute.Currency) ? money.Currency : dispute.Currency);
        var opened = dispute.Created == default ? clock.GetUtcNow() : new DateTimeOffset(DateTime.SpecifyKind(dispute.Created, DateTimeKind.Utc));
        var record = new PaymentDispute(disputeId, chargeId, paymentIntentId, payment?.ClientId, payment?.AppointmentId, amount, dispute.Reason, opened);
        db.PaymentDisputes.Add(record);

        var dueBy = DisputeStatus.DueBy(dispute);
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        foreach (var admin in admins.Where(a => a is { EmailConfirmed: true, Deactivated: false, Email.Length: > 0 }))
        {
            outbox.Add($"dispute:{disputeId}:{admin.Id}", "dispute-opened", Email(admin.Email!, record, dueBy));
        }

        await db.SaveChangesAsync(cancellationToken);
        // Ids only: the dispute names a client.
        logger.LogInformation("Dispute {DisputeId} on charge {ChargeId} recorded (payment known: {Known}, appointment {AppointmentId})",
            disputeId, chargeId, payment is not null, payment?.AppointmentId);
    }

    /// <summary>The Admin's email: no client's name (it waits in the outbox and the mail server), the amount, the reason and the link to the case.</summary>
    private EmailMessage Email(string to, PaymentDispute dispute, DateTimeOffset? dueBy)
    {
        var link = links.Action(nameof(DisputesController.Case), "Disputes", new { id = dispute.Id });
        var amount = money.Format(dispute.Money);
        var reason = DisputeStatus.Reason(dispute.Reason);
        var respond = dueBy is { } due
            ? $"Stripe takes your evidence until {zone.ToLocal(due).ToString("dddd d MMMM yyyy, HH:mm", money.Culture)}."
            : "Answer it soon: the bank decides on what it has.";
        var text = $"A client's bank disputed a payment of {amount} taken online (reason: {reason})." + Environment.NewLine
            + respond + Environment.NewLine + Environment.NewLine
            + $"Open the case and its evidence packet: {link}" + Environment.NewLine;
        var html = $"<p>A client's bank disputed a payment of <strong>{E(amount)}</strong> taken online (reason: {E(reason)}).</p>"
            + $"<p>{E(respond)}</p><p><a href=\"{E(link)}\">Open the case and its evidence packet</a></p>";
        return new EmailMessage(to, $"A payment of {amount} is disputed", text, html);
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
