using System.Globalization;
using System.Net;
using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Waitlist;

/// <summary>
/// The email that offers a freed time to a waiting client, with the link that books it. It is queued with
/// the offer itself, so an offer never exists without its email (the link's secret is only in it).
/// </summary>
public sealed class WaitlistEmails(
    MicroSpaDbContext db, OutboxQueue outbox, ClinicTimeZone zone, IOptions<ClinicOptions> clinic, PublicLinks links)
{
    /// <summary>Queues the offer's email in the offer's unit of work (call before saving).</summary>
    public async Task QueueOfferAsync(WaitlistOffer waitlistOffer, Guid clientId, string token, CancellationToken cancellationToken)
    {
        var offer = await (
                from c in db.Clients.AsNoTracking()
                from s in db.Services
                from p in db.Providers
                where c.Id == clientId && s.Id == waitlistOffer.ServiceId && p.Id == waitlistOffer.ProviderId
                select new { c.Email, c.FirstName, Service = s.Name, Provider = p.DisplayName })
            .SingleAsync(cancellationToken);
        if (offer.Email is not { } to)
        {
            return;
        }

        var settings = clinic.Value;
        var culture = settings.CultureInfo;
        var local = zone.ToLocal(waitlistOffer.StartsAt);
        var when = local.ToString("dddd d MMMM yyyy, ", culture) + local.ToString("t", culture);
        var link = links.Action(nameof(WaitlistController.Offer), "Waitlist", new { token });
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Hello {offer.FirstName},\n\nA time you are waiting for has opened up:\n\n{offer.Service} with {offer.Provider}\n{when}\n\n"
            + $"Book it here: {link}\n\nWe offered this time to everyone waiting for it; the first to confirm gets it.\n\n{settings.Name}\n");
        var html = string.Create(CultureInfo.InvariantCulture,
            $"<p>Hello {E(offer.FirstName)},</p><p>A time you are waiting for has opened up:</p><p><strong>{E(offer.Service)}</strong> with {E(offer.Provider)}<br>{E(when)}</p>"
            + $"<p><a href=\"{E(link)}\">Book this time</a></p><p>We offered this time to everyone waiting for it; the first to confirm gets it.</p><p>{E(settings.Name)}</p>");
        outbox.Add($"waitlist-offer:{waitlistOffer.Id}", "waitlist-offer",
                new EmailMessage(to, $"{settings.Name}: a time opened up on {local.ToString("ddd d MMM", culture)}", text, html))
            .HoldsSecret();
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
