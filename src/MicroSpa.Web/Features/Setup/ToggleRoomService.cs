using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Setup;

/// <summary>Takes a room out of service (no times are offered in it) or returns it.</summary>
public static class ToggleRoomService
{
    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<bool> HandleAsync(Guid roomId, bool inService, CancellationToken cancellationToken)
        {
            var room = await db.Rooms.SingleOrDefaultAsync(r => r.Id == roomId, cancellationToken);
            if (room is null)
            {
                return false;
            }

            if (inService)
            {
                room.ReturnToService();
            }
            else
            {
                room.TakeOutOfService();
            }

            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
