using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>The front desk moves an appointment to another time, provider or room, with the same availability checks as online booking.</summary>
public static class RescheduleAppointment
{
    public sealed class Command
    {
        public DateTimeOffset Start { get; set; }
        public Guid? ProviderId { get; set; }
        public Guid? RoomId { get; set; }
        public uint Version { get; set; }
    }

    public sealed class Handler(
        MicroSpaDbContext db, OpenTimes.Handler openTimes, AppointmentEmails emails, Actor actor, ClinicTimeZone zone, TimeProvider clock,
        ILogger<Handler> logger)
    {
        /// <summary>Attempts when another booking takes the room or pen picked for this move at the same moment.</summary>
        private const int Attempts = 5;

        /// <returns>Null when there is no such appointment.</returns>
        public async Task<Outcome?> HandleAsync(Guid id, Command command, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                var (outcome, again) = await TryAsync(id, command, lastAttempt: attempt == Attempts, cancellationToken);
                if (!again)
                {
                    return outcome;
                }

                // Another desk took the room or pen picked for this move a moment ago: pick again among what is left.
                db.ChangeTracker.Clear();
            }
        }

        private async Task<(Outcome? Outcome, bool Again)> TryAsync(Guid id, Command command, bool lastAttempt, CancellationToken cancellationToken)
        {
            var appointment = await db.Appointments.Include(a => a.Service).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (appointment is null)
            {
                return (null, false);
            }

            if (appointment.Version != command.Version)
            {
                return (Outcome.Fail(ChangeAppointmentStatus.StaleMessage), false);
            }

            var day = DateOnly.FromDateTime(zone.ToLocal(command.Start));
            var times = await openTimes.HandleAsync(
                new OpenTimes.Query(appointment.ServiceId, day, day, command.ProviderId, id, ByStaff: true), cancellationToken);
            if (times is null || AvailabilityCalculator.Assign(times.Request, zone, command.Start, command.ProviderId, command.RoomId) is not { } assignment)
            {
                return (Outcome.Fail("That time is not open with this provider and room. Choose another."), false);
            }

            var provider = await db.Providers.SingleAsync(p => p.Id == assignment.ProviderId, cancellationToken);
            var room = await db.Rooms.SingleAsync(r => r.Id == assignment.RoomId, cancellationToken);
            var device = assignment.DeviceId is { } deviceId ? await db.Devices.SingleAsync(d => d.Id == deviceId, cancellationToken) : null;
            db.Entry(appointment).Property(a => a.Version).OriginalValue = command.Version;
            try
            {
                appointment.Reschedule(provider, room, device, command.Start, clock.GetUtcNow(), zone, actor.ChangedBy);
            }
            catch (DomainException ex)
            {
                return (Outcome.Fail(ex.Message), false);
            }

            await emails.QueueRescheduledAsync(appointment, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return (Outcome.Fail(ChangeAppointmentStatus.StaleMessage), false);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation })
            {
                return lastAttempt ? (Outcome.Fail(BookingChecks.TakenMessage), false) : (null, true);
            }

            logger.LogInformation("Appointment {AppointmentId} moved by the front desk", id);
            return (Outcome.Success, false);
        }
    }
}
