using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

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
        MicroSpaDbContext db, OpenTimes.Handler openTimes, BookingRetry retry, AppointmentEmails emails, Actor actor, ClinicTimeZone zone, TimeProvider clock,
        ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such appointment.</returns>
        public Task<Outcome?> HandleAsync(Guid id, Command command, CancellationToken cancellationToken) =>
            retry.SaveAsync(ct => TryAsync(id, command, ct), _ => Task.FromResult<Outcome?>(Outcome.Fail(BookingChecks.TakenMessage)), cancellationToken);

        private async Task<Outcome?> TryAsync(Guid id, Command command, CancellationToken cancellationToken)
        {
            var appointment = await db.Appointments.Include(a => a.Service).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (appointment is null)
            {
                return null;
            }

            if (appointment.Version != command.Version)
            {
                return Outcome.Fail(ChangeAppointmentStatus.StaleMessage);
            }

            var day = DateOnly.FromDateTime(zone.ToLocal(command.Start));
            var times = await openTimes.HandleAsync(
                new OpenTimes.Query(appointment.ServiceId, day, day, command.ProviderId, id, ByStaff: true), cancellationToken);
            if (times is null || AvailabilityCalculator.Assign(times.Request, zone, command.Start, command.ProviderId, command.RoomId) is not { } assignment)
            {
                return Outcome.Fail("That time is not open with this provider and room. Choose another.");
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
                return Outcome.Fail(ex.Message);
            }

            await emails.QueueRescheduledAsync(appointment, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome.Fail(ChangeAppointmentStatus.StaleMessage);
            }

            logger.LogInformation("Appointment {AppointmentId} moved by the front desk", id);
            return Outcome.Success;
        }
    }
}
