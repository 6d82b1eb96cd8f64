using MicroSpa.Data;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// A client's photos as a list, in session order, each with the day of the session it belongs to: shown on the chart and on
/// the plans' progress pages (uploading, viewing and comparing are the plans' use cases).
/// </summary>
public static class ClientPhotos
{
    /// <summary>A photo listed with the day of the session it belongs to (what a comparison is about).</summary>
    public sealed record Item(Guid Id, Guid AreaId, string Area, PhotoKind Kind, DateTime LocalTakenAt, DateOnly SessionDate);

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone)
    {
        public Task<IReadOnlyList<Item>> ForClientAsync(Guid clientId, CancellationToken cancellationToken) =>
            ItemsAsync(db.Photos.Where(p => p.ClientId == clientId), cancellationToken);

        public Task<IReadOnlyList<Item>> ForChartAsync(Guid chartId, CancellationToken cancellationToken) =>
            ItemsAsync(db.Photos.Where(p => p.TreatmentRecordId == chartId), cancellationToken);

        /// <summary>Photos in session order (then upload order), each with its session's date.</summary>
        public async Task<IReadOnlyList<Item>> ItemsAsync(IQueryable<Photo> photos, CancellationToken cancellationToken)
        {
            var rows = await (
                    from p in photos.AsNoTracking()
                    join r in db.TreatmentRecords on p.TreatmentRecordId equals r.Id
                    join a in db.Appointments on r.AppointmentId equals a.Id
                    orderby a.StartsAt, p.TakenAt
                    select new { p.Id, p.BodyAreaId, p.AreaName, p.Kind, p.TakenAt, a.StartsAt })
                .ToListAsync(cancellationToken);
            return rows.Select(p => new Item(p.Id, p.BodyAreaId, p.AreaName, p.Kind, zone.ToLocal(p.TakenAt), DateOnly.FromDateTime(zone.ToLocal(p.StartsAt)))).ToList();
        }
    }
}
