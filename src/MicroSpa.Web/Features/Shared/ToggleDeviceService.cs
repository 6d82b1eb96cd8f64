using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>Takes a device out of service until further notice (broken, sent for repair) or returns it.</summary>
public static class ToggleDeviceService
{
    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<bool> HandleAsync(Guid deviceId, bool inService, CancellationToken cancellationToken)
        {
            var device = await db.Devices.SingleOrDefaultAsync(d => d.Id == deviceId, cancellationToken);
            if (device is null)
            {
                return false;
            }

            if (inService)
            {
                device.ReturnToService();
            }
            else
            {
                device.TakeOutOfService();
            }

            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
