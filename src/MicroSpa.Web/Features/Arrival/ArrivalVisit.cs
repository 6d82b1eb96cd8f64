using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Arrival;

/// <summary>
/// The one appointment an "I'm here" link names (<see cref="Shared.ArrivalLinks"/>): found only while the token is
/// genuine and unexpired and the appointment still starts when the link said; anything else is no visit at all.
/// </summary>
internal static class ArrivalVisit
{
    public static async Task<Appointment?> FindAsync(
        MicroSpaDbContext db, Shared.ArrivalLinks links, string token, DateTimeOffset now, bool tracked, CancellationToken cancellationToken)
    {
        if (links.Read(token, now) is not { } claim)
        {
            return null;
        }

        var query = db.Appointments.Include(a => a.Service).Include(a => a.Provider).Where(a => a.Id == claim.AppointmentId);
        var appointment = await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(cancellationToken);
        return appointment is not null && appointment.StartsAt == claim.StartsAt ? appointment : null;
    }

    /// <summary>The provider as the client knows them: the first word of the name the clinic shows.</summary>
    public static string FirstName(Provider provider) => provider.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
}
