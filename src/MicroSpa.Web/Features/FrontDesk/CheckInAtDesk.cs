using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>The front desk checks a client in: only on the appointment's day, from the clinic's window before its start.</summary>
public static class CheckInAtDesk
{
    public sealed class Handler(MicroSpaDbContext db, Actor actor, ClinicTimeZone zone, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such appointment.</returns>
        public async Task<Outcome?> HandleAsync(Guid id, uint version, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var outcome = await AppointmentStatusChange.ApplyAsync(db, id, version, async appointment =>
            {
                (await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken)).EnsureCheckInOpen(appointment.StartsAt, now, zone);
                appointment.CheckIn(now, actor.ChangedBy);
            }, cancellationToken);
            if (outcome is { Succeeded: true })
            {
                logger.LogInformation("Appointment {AppointmentId}: {Action} by account {UserId}", id, ChangeAppointmentStatus.CheckIn, actor.UserId);
            }

            return outcome;
        }
    }
}
