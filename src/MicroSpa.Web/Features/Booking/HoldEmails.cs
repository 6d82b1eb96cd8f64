using System.Globalization;
using System.Net;
using MicroSpa.Data;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Booking;

/// <summary>
/// The email that tells a client a payment came after the hold was released: nothing was booked and the money is on its
/// way back. Queued in the outbox with the refund it announces (saved together), once per payment.
/// </summary>
public sealed class HoldEmails(MicroSpaDbContext db, OutboxQueue outbox, ClinicTimeZone zone, IOptions<ClinicOptions> clinic, PublicLinks links, ClinicMoney money)
{
    public const string RefundedSubject = "Nothing was booked: your payment is on its way back";

    public async Task QueueRefundedAsync(Appointment released, string paymentIntentId, Money amount, CancellationToken cancellationToken)
    {
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == released.ClientId).Select(c => new { c.Email, c.FirstName }).SingleAsync(cancellationToken);
        if (client.Email is not { } to)
        {
            return;
        }

        var settings = clinic.Value;
        var service = await db.Services.AsNoTracking().Where(s => s.Id == released.ServiceId).Select(s => s.Name).SingleAsync(cancellationToken);
        var when = zone.ToLocal(released.StartsAt).ToString("dddd d MMMM, HH:mm", settings.CultureInfo);
        var lines = new[]
        {
            $"Your payment for {service} on {when} arrived after the time we held for you had been released, so nothing was booked.",
            $"The {money.Format(amount)} you paid is on its way back to your card. Refunds take 5 to 10 business days to appear on your statement.",
            "You are welcome to book again:",
        };
        var book = links.Action("Index", "Home");
        var text = $"Hello {client.FirstName},\n\n{string.Join("\n\n", lines)} {book}\n\n{settings.Name}\n";
        var html = string.Create(CultureInfo.InvariantCulture, $"<p>Hello {E(client.FirstName)},</p>{string.Concat(lines.Select(l => $"<p>{E(l)}</p>"))}<p><a href=\"{E(book)}\">Book again</a></p>");
        outbox.Add($"hold-refunded:{paymentIntentId}", "hold-refunded", new EmailMessage(to, $"{settings.Name}: {RefundedSubject}", text, html));
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
