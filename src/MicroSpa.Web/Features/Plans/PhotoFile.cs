using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Plans;

/// <summary>One photo's image, for a clinician or for the client it shows (audited); anyone else is told it does not exist.</summary>
public static class PhotoFile
{
    public const string ViewAction = "photo.view";

    public sealed class Handler(
        MicroSpaDbContext db, IPhotoStore store, ClinicalAudit audit, Actor actor, CurrentClient currentClient)
    {
        /// <summary>A photo for a clinician, or for the client it shows; anyone else is told it does not exist.</summary>
        public async Task<(byte[] Bytes, string ContentType)?> HandleAsync(Guid photoId, CancellationToken cancellationToken)
        {
            var photo = await db.Photos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == photoId, cancellationToken);
            if (photo is null || !await MaySeeAsync(actor, currentClient, photo.ClientId, cancellationToken))
            {
                return null;
            }

            var bytes = await store.ReadAsync(photoId, cancellationToken);
            if (bytes is null)
            {
                return null;
            }

            await audit.RecordReadAsync(photo.ClientId, ViewAction, photo.Id, cancellationToken);
            return (bytes, photo.ContentType);
        }

        /// <summary>Clinicians see every client's photos; a client sees their own.</summary>
        internal static async Task<bool> MaySeeAsync(Actor actor, CurrentClient currentClient, Guid clientId, CancellationToken cancellationToken) =>
            Roles.Clinical.Any(actor.IsInRole)
            || (actor.IsInRole(Roles.Client) && await currentClient.IdAsync(cancellationToken) == clientId);
    }
}
