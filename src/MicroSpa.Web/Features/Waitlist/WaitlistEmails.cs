using System.Globalization;
using System.Net;
using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Waitlist;

/// <summary>The email that offers a freed time to a waiting client, with the link that books it.</summary>
public sealed class WaitlistEmails(
    MicroSpaDbContext db, IEmailSender sender, ClinicTimeZone zone, IOptions<ClinicOptions> clinic, LinkGenerator links,
    IHttpContextAccessor http, ILogger<WaitlistEmails> logger)
{
    public async Task SendOfferAsync(Guid offerId, string token, CancellationToken cancellationToken)
    {
        var offer = await (
                from o in db.WaitlistOffers.AsNoTracking()
                join e in db.WaitlistEntries on o.EntryId equals e.Id
                join c in db.Clients on e.ClientId equals c.Id
                join s in db.Services on o.ServiceId equals s.Id
                join p in db.Providers on o.ProviderId equals p.Id
                where o.Id == offerId
                select new { c.Email, c.FirstName, Service = s.Name, Provider = p.DisplayName, o.StartsAt })
            .SingleAsync(cancellationToken);
        if (offer.Email is not { } to)
        {
            return;
        }

        var settings = clinic.Value;
        var culture = settings.CultureInfo;
        var local = zone.ToLocal(offer.StartsAt);
        var when = local.ToString("dddd d MMMM yyyy, ", culture) + local.ToString("t", culture);
        var link = http.HttpContext is { } context
            ? links.GetUriByAction(context, nameof(WaitlistController.Offer), "Waitlist", new { token }) ?? string.Empty
            : string.Empty;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Hello {offer.FirstName},\n\nA time you are waiting for has opened up:\n\n{offer.Service} with {offer.Provider}\n{when}\n\n"
            + $"Book it here: {link}\n\nWe offered this time to everyone waiting for it; the first to confirm gets it.\n\n{settings.Name}\n");
        var html = string.Create(CultureInfo.InvariantCulture,
            $"<p>Hello {E(offer.FirstName)},</p><p>A time you are waiting for has opened up:</p><p><strong>{E(offer.Service)}</strong> with {E(offer.Provider)}<br>{E(when)}</p>"
            + $"<p><a href=\"{E(link)}\">Book this time</a></p><p>We offered this time to everyone waiting for it; the first to confirm gets it.</p><p>{E(settings.Name)}</p>");
        try
        {
            await sender.SendAsync(new EmailMessage(to, $"{settings.Name}: a time opened up on {local.ToString("ddd d MMM", culture)}", text, html),
                cancellationToken);
            logger.LogInformation("Sent waitlist offer {OfferId}", offerId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not send waitlist offer {OfferId}", offerId);
        }
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
