using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.MyAppointments;

/// <summary>A client moves an appointment to another open time before the cutoff (same service, areas and provider choice).</summary>
public static class RescheduleMyAppointment
{
    public sealed record Target(Guid AppointmentId, Guid ServiceId, IReadOnlyList<Guid> AreaIds, Guid ProviderId, DateTimeOffset StartsAt);

    public sealed record Result(Outcome Outcome, IReadOnlyList<OpenSlot> Alternatives);

    public sealed class Handler(
        MicroSpaDbContext db, CurrentClient currentClient, OpenTimes.Handler openTimes, BookingChecks checks, BookingRetry retry,
        AppointmentEmails emails, Actor actor, ClinicTimeZone zone, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <summary>The appointment to move, if it is the client's and can still be changed online.</summary>
        public async Task<(Target? Target, Outcome Outcome)> FindAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            var clientId = await currentClient.IdAsync(cancellationToken);
            var appointment = await db.Appointments.AsNoTracking().Include(a => a.BodyAreas)
                .SingleOrDefaultAsync(a => a.Id == appointmentId && a.ClientId == clientId, cancellationToken);
            if (appointment is null)
            {
                return (null, Outcome.Success);
            }

            var policy = await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken);
            var target = new Target(appointment.Id, appointment.ServiceId, appointment.BodyAreas.Select(a => a.Id).ToList(), appointment.ProviderId, appointment.StartsAt);
            return appointment.CanBeChangedOnline(clock.GetUtcNow(), policy.CancellationCutoff)
                ? (target, Outcome.Success)
                : (target, Outcome.Fail("This appointment can no longer be changed online. Please call the clinic."));
        }

        /// <returns>Null when the appointment is not the signed-in client's.</returns>
        public async Task<Result?> HandleAsync(Guid appointmentId, DateTimeOffset start, CancellationToken cancellationToken)
        {
            var (target, allowed) = await FindAsync(appointmentId, cancellationToken);
            if (target is null)
            {
                return null;
            }

            if (!allowed.Succeeded)
            {
                return new Result(allowed, []);
            }

            var clientId = await currentClient.RequiredIdAsync(cancellationToken);
            var (outcome, alternatives) = await checks.CheckAsync(target.ServiceId, target.AreaIds, null, start, clientId, appointmentId, cancellationToken);
            if (!outcome.Succeeded)
            {
                return new Result(outcome, alternatives);
            }

            var policy = await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken);

            // Another booking may take the room or pen picked here at the same moment: pick again (a few times)
            // among what is left while a provider is still free.
            return await retry.SaveAsync(
                ct => TryAsync(appointmentId, start, target, policy, alternatives, ct),
                _ => Task.FromResult<Result?>(new Result(Outcome.Fail(BookingChecks.TakenMessage), [])),
                cancellationToken);
        }

        private async Task<Result?> TryAsync(
            Guid appointmentId, DateTimeOffset start, Target target, BookingPolicy policy, IReadOnlyList<OpenSlot> alternatives, CancellationToken cancellationToken)
        {
            var day = DateOnly.FromDateTime(zone.ToLocal(start));
            var times = await openTimes.HandleAsync(new OpenTimes.Query(target.ServiceId, day, day, null, appointmentId), cancellationToken);
            // Keep the same provider when they are free then; otherwise any qualified one.
            var assignment = AvailabilityCalculator.Assign(times!.Request, zone, start, target.ProviderId)
                ?? AvailabilityCalculator.Assign(times.Request, zone, start, null);
            if (assignment is null)
            {
                return new Result(Outcome.Fail(BookingChecks.TakenMessage), alternatives);
            }

            var appointment = await db.Appointments.Include(a => a.Service).SingleAsync(a => a.Id == appointmentId, cancellationToken);
            var provider = await db.Providers.SingleAsync(p => p.Id == assignment.ProviderId, cancellationToken);
            var room = await db.Rooms.SingleAsync(r => r.Id == assignment.RoomId, cancellationToken);
            var device = assignment.DeviceId is { } id ? await db.Devices.SingleAsync(d => d.Id == id, cancellationToken) : null;
            try
            {
                appointment.RescheduleByClient(provider, room, device, start, clock.GetUtcNow(), policy.CancellationCutoff, zone, actor.ChangedBy);
                await emails.QueueRescheduledAsync(appointment, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DomainException ex)
            {
                return new Result(Outcome.Fail(ex.Message), []);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Result(Outcome.Fail(BookingChecks.TakenMessage), []);
            }

            logger.LogInformation("Appointment {AppointmentId} rescheduled online by the client", appointmentId);
            return new Result(Outcome.Success, []);
        }
    }
}
