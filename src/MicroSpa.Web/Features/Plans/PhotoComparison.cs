using MicroSpa.Data;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Plans;

/// <summary>Two photos of the same area of one client side by side, for a clinician or for that client.</summary>
public static class PhotoComparison
{
    public sealed class Handler(
        MicroSpaDbContext db, ClientPhotos.Handler list, Actor actor, CurrentClient currentClient)
    {
        /// <summary>Two photos of the same area, for a side-by-side view.</summary>
        public async Task<(ClientPhotos.Item Left, ClientPhotos.Item Right)?> HandleAsync(Guid left, Guid right, CancellationToken cancellationToken)
        {
            var photos = await db.Photos.AsNoTracking().Where(p => p.Id == left || p.Id == right).ToListAsync(cancellationToken);
            if (photos.Count != 2 || photos[0].ClientId != photos[1].ClientId || photos[0].BodyAreaId != photos[1].BodyAreaId
                || !await PhotoFile.Handler.MaySeeAsync(actor, currentClient, photos[0].ClientId, cancellationToken))
            {
                return null;
            }

            var items = await list.ItemsAsync(db.Photos.Where(p => p.Id == left || p.Id == right), cancellationToken);
            return (items[0], items[1]);
        }
    }
}
