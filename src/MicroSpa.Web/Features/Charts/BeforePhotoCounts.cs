using MicroSpa.Data;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Treatments;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Charts;

/// <summary>
/// The before-photos rule applied to one chart, from the records: the clinic's setting, whether the consent
/// signed for the visit includes photos, and the chart's before photos per area. The chart page shows it;
/// the signature is refused on it.
/// </summary>
public static class BeforePhotoCounts
{
    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<BeforePhotos> ForAsync(TreatmentRecord record, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(record);
            var perArea = await db.BookingPolicies.AsNoTracking().Select(p => p.BeforePhotosPerArea).SingleAsync(cancellationToken);
            var photoConsent = await (from a in db.Appointments
                                      where a.Id == record.AppointmentId
                                      join c in db.ConsentSignatures on a.ConsentSignatureId equals c.Id
                                      where c.ClientId == record.ClientId
                                      select (bool?)c.PhotoConsent).SingleOrDefaultAsync(cancellationToken) == true;
            var photos = await db.Photos.AsNoTracking().Where(p => p.TreatmentRecordId == record.Id && p.Kind == PhotoKind.Before).ToListAsync(cancellationToken);
            return BeforePhotos.For(perArea, photoConsent, record, photos);
        }
    }
}
