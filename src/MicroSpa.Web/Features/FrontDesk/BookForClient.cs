using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>
/// The front desk books a client by phone or as a walk-in (<see cref="ClientBooking"/>: the same availability as online booking
/// without the online notice and horizon). Screening and consent can be done at check-in.
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

    public const string IntervalField = ClientBooking.IntervalField;

    public sealed record Result(Guid? AppointmentId, Outcome Outcome);

    public sealed class Handler(
        MicroSpaDbContext db, ClientBooking.Handler booking, AppointmentEmails emails, Actor actor, ILogger<Handler> logger)
    {
        /// <summary>Attempts when another booking takes the room or device picked for this one at the same moment.</summary>
        private const int Attempts = 5;

        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                var (appointment, outcome) = await booking.PrepareAsync(
                    new ClientBooking.Request(command.ClientId, command.ServiceId, command.AreaIds, command.ProviderId, command.Start, command.OverrideInterval),
                    BookingSource.FrontDesk, actor.ChangedBy, cancellationToken);
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
                    if (attempt < Attempts && overlap.ConstraintName != ClientBooking.ProviderOverlap)
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
    }
}
