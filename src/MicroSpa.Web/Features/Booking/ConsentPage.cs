using MicroSpa.Data;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Booking;

public static class ConsentPage
{
    public sealed record Page(
        Guid DraftId,
        int Version,
        string Title,
        string Body,
        string ClientName,
        [property: System.ComponentModel.DataAnnotations.Display(Name = "Type your full name to sign")] string TypedName,
        bool PhotoConsent);

    public sealed class Handler(MicroSpaDbContext db, CurrentClient currentClient)
    {
        public async Task<Page?> HandleAsync(Guid draftId, SignConsent.Command form, CancellationToken cancellationToken)
        {
            var clientId = await currentClient.RequiredIdAsync(cancellationToken);
            var exists = await db.BookingDrafts.AnyAsync(d => d.Id == draftId && d.ClientId == clientId && d.AppointmentId == null, cancellationToken);
            if (!exists)
            {
                return null;
            }

            var consent = await db.ConsentForms.AsNoTracking().OrderByDescending(f => f.Version).FirstAsync(cancellationToken);
            var name = await db.Clients.Where(c => c.Id == clientId).Select(c => c.FirstName + " " + c.LastName).SingleAsync(cancellationToken);
            return new Page(draftId, consent.Version, consent.Title, consent.Body, name, form.TypedName, form.PhotoConsent);
        }
    }
}
