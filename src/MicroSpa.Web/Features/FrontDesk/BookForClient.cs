using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>
/// The front desk books a client by phone or as a walk-in, with the same availability as online booking
/// (one implementation) but without the online notice and horizon. Screening and consent can be done at check-in.
/// </summary>
public static class BookForClient
{
    public sealed class Command
    {
        public Guid ClientId { get; set; }
        public Guid ServiceId { get; set; }
        public List<Guid> AreaIds { get; set; } = [];
        public Guid? ProviderId { get; set; }
        public DateTimeOffset Start { get; set; }

        /// <summary>A provider approved a session inside the protocol interval (recorded in the history).</summary>
        public bool OverrideInterval { get; set; }
    }

    public const string IntervalField = "Interval";

    public sealed record Result(Guid? AppointmentId, Outcome Outcome);

    public sealed class Handler(
        MicroSpaDbContext db, OpenTimes.Handler openTimes, ClientSessions sessions, AppointmentEmails emails, Actor actor, ClinicTimeZone zone,
        TimeProvider clock, ILogger<Handler> logger)
    {
        /// <summary>Attempts when another booking takes the room or device picked for this one at the same moment.</summary>
        private const int Attempts = 5;

        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                var (appointment, outcome) = await PrepareAsync(command, BookingSource.FrontDesk, actor.ChangedBy, cancellationToken);
                if (appointment is null)
                {
                    return new Result(null, outcome);
                }

                db.Appointments.Add(appointment);
                await emails.QueueConfirmationAsync(appointment, cancellationToken);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation } overlap)
                {
                    // Two desks booking the same quarter hour with different providers both picked the first free
                    // room (or pen); PostgreSQL kept one. The provider is still free: pick again among what is left.
                    if (attempt < Attempts && overlap.ConstraintName != ProviderOverlap)
                    {
                        db.ChangeTracker.Clear();
                        continue;
                    }

                    return new Result(null, Outcome.Fail(BookingChecks.TakenMessage));
                }
                catch (RetryLimitExceededException ex) when (attempt < Attempts && Infrastructure.Errors.DatabaseFailure.IsContention(ex))
                {
                    // Concurrent bookings of overlapping rooms or pens can deadlock in PostgreSQL's overlap checks;
                    // when that outlasts the execution strategy's retries, look at the time again and pick anew.
                    db.ChangeTracker.Clear();
                    continue;
                }

                logger.LogInformation("Appointment {AppointmentId} booked by the front desk", appointment.Id);
                return new Result(appointment.Id, Outcome.Success);
            }
        }

        /// <summary>The constraint that refuses a provider's overlapping appointments (a room or pen can be picked again; a provider cannot).</summary>
        public const string ProviderOverlap = "ex_appointments_provider_overlap";

        /// <summary>
        /// Checks the time with the one availability implementation and builds the appointment, unsaved, so a
        /// caller can save it together with what else the booking changes (a waitlist offer taken).
        /// </summary>
        public async Task<(Appointment? Appointment, Outcome Outcome)> PrepareAsync(
            Command command, BookingSource source, ChangedBy by, CancellationToken cancellationToken)
        {
            var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == command.ClientId, cancellationToken);
            if (client is null)
            {
                return (null, Outcome.Fail("This client no longer exists."));
            }

            var day = DateOnly.FromDateTime(zone.ToLocal(command.Start));
            var times = await openTimes.HandleAsync(new OpenTimes.Query(command.ServiceId, day, day, command.ProviderId, ByStaff: true), cancellationToken);
            if (times is null)
            {
                return (null, Outcome.Fail("This service can no longer be booked."));
            }

            if (AvailabilityCalculator.Assign(times.Request, zone, command.Start, command.ProviderId) is not { } assignment)
            {
                return (null, Outcome.Fail(BookingChecks.TakenMessage));
            }

            // The same protocol interval as online booking; the front desk may book inside it when a provider approved.
            if (!command.OverrideInterval
                && await sessions.CheckIntervalAsync(client.Id, command.Start, command.AreaIds, null, cancellationToken) is { } conflict)
            {
                return (null, Outcome.Fail(IntervalField,
                    $"Too soon: {conflict.Area.Name} needs {conflict.Area.MinimumIntervalDays} days between sessions and the client has one on "
                    + $"{zone.ToLocal(conflict.OtherSessionStartsAt):ddd d MMM}. The earliest by protocol is {zone.ToLocal(conflict.EarliestAllowed):ddd d MMM}."));
            }

            var service = await db.Services.Include(s => s.BodyAreas).SingleAsync(s => s.Id == command.ServiceId, cancellationToken);
            var provider = await db.Providers.SingleAsync(p => p.Id == assignment.ProviderId, cancellationToken);
            var room = await db.Rooms.SingleAsync(r => r.Id == assignment.RoomId, cancellationToken);
            var device = assignment.DeviceId is { } id ? await db.Devices.SingleAsync(d => d.Id == id, cancellationToken) : null;
            try
            {
                return (Appointment.Book(client, service, provider, room, device,
                    service.BodyAreas.Where(a => command.AreaIds.Contains(a.Id)), command.Start, source, clock.GetUtcNow(), by, command.OverrideInterval),
                    Outcome.Success);
            }
            catch (DomainException ex)
            {
                return (null, Outcome.Fail(ex.Field ?? string.Empty, ex.Message));
            }
        }
    }
}
