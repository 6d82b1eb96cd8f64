using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>The protocol-interval check: is a start far enough from the client's other sessions on the same areas?</summary>
public sealed class ProtocolIntervalCheck(MicroSpaDbContext db)
{
    public async Task<IntervalConflict?> CheckIntervalAsync(
        Guid clientId, DateTimeOffset start, IReadOnlyCollection<Guid> areaIds, Guid? ignoreAppointmentId, CancellationToken cancellationToken)
    {
        if (areaIds.Count == 0)
        {
            return null;
        }

        var areas = await db.BodyAreas.AsNoTracking().Where(a => areaIds.Contains(a.Id)).ToListAsync(cancellationToken);
        var sessions = await db.Appointments.AsNoTracking()
            .Where(a => a.ClientId == clientId && a.Id != ignoreAppointmentId
                && a.Status != AppointmentStatus.Cancelled && a.Status != AppointmentStatus.NoShow
                && a.BodyAreas.Any(b => areaIds.Contains(b.Id)))
            .Select(a => new AreaSession(a.StartsAt, a.BodyAreas.Select(b => b.Id).ToList()))
            .ToListAsync(cancellationToken);
        return ProtocolInterval.Check(start, areas, sessions);
    }
}
