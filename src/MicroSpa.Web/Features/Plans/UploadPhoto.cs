using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Plans;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Plans;

/// <summary>
/// A clinician uploads a before or after photo of an area of a session, or a consultation's before photo of any area of the
/// clinic's list, when the client agreed to photos; the image is checked and re-encoded before it is stored (audited).
/// </summary>
public static class UploadPhoto
{
    public const string UploadAction = "photo.upload";

    public sealed class Handler(
        MicroSpaDbContext db, IPhotoStore store, ClinicalAudit audit, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such chart.</returns>
        public async Task<Outcome?> HandleAsync(Guid chartId, Guid areaId, PhotoKind kind, IFormFile? file, CancellationToken cancellationToken)
        {
            var record = await db.TreatmentRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Id == chartId, cancellationToken);
            if (record is null)
            {
                return null;
            }

            var consent = await (from a in db.Appointments
                                 where a.Id == record.AppointmentId
                                 join c in db.ConsentSignatures on a.ConsentSignatureId equals c.Id
                                 select (bool?)c.PhotoConsent).SingleOrDefaultAsync(cancellationToken);
            if (consent != true)
            {
                return Outcome.Fail("File", "The client has not agreed to photos for this visit.");
            }

            // A consultation has no charted areas: its photos show any area of the clinic's list, where the client starts.
            var area = record.IsConsultation
                ? await db.BodyAreas.AsNoTracking().Where(a => a.Id == areaId && !a.NeverTreat).Select(a => new { BodyAreaId = a.Id, AreaName = a.Name })
                    .SingleOrDefaultAsync(cancellationToken)
                : record.Areas.Where(a => a.BodyAreaId == areaId).Select(a => new { a.BodyAreaId, a.AreaName }).FirstOrDefault();
            if (area is null)
            {
                return Outcome.Fail("AreaId", record.IsConsultation ? "Choose an area from the list." : "Choose an area of this session.");
            }

            if (!Enum.IsDefined(kind))
            {
                return Outcome.Fail("Kind", "Choose before or after.");
            }

            if (record.IsConsultation && kind != PhotoKind.Before)
            {
                return Outcome.Fail("Kind", "A consultation's photos show where the client starts: upload them as before photos.");
            }

            if (file is null || file.Length == 0)
            {
                return Outcome.Fail("File", "Choose a photo to upload.");
            }

            if (file.Length > Photo.MaxBytes)
            {
                return Outcome.Fail("File", $"A photo is at most {Photo.MaxBytes / 1024 / 1024} MB.");
            }

            byte[] bytes;
            await using (var stream = file.OpenReadStream())
            using (var buffer = new MemoryStream())
            {
                await stream.CopyToAsync(buffer, cancellationToken);
                bytes = buffer.ToArray();
            }

            // Judged from the header first: a file declaring an enormous image is refused before it is decoded.
            if (PhotoImages.Refusal(bytes) is { } refusal)
            {
                return Outcome.Fail("File", refusal);
            }

            if (PhotoImages.Reencode(bytes) is not { } clean)
            {
                return Outcome.Fail("File", PhotoImages.NotAnImage);
            }

            Photo photo;
            try
            {
                photo = Photo.Record(record.ClientId, record.Id, area.BodyAreaId, area.AreaName, kind, clean.ContentType, clean.Width, clean.Height,
                    clean.Bytes.Length, actor.UserId, actor.Name, clock.GetUtcNow());
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field ?? "File", ex.Message);
            }

            db.Photos.Add(photo);
            store.Add(photo.Id, clean.Bytes);
            audit.Add(record.ClientId, UploadAction, photo.Id);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Photo {PhotoId} stored for chart {ChartId} ({Bytes} bytes after cleaning)", photo.Id, chartId, clean.Bytes.Length);
            return Outcome.Success;
        }
    }
}
