using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;

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
        MicroSpaDbContext db, ClientBooking.Handler booking, BookingRetry retry, AppointmentEmails emails, Actor actor, ILogger<Handler> logger)
    {
        public Task<Result> HandleAsync(Command command, CancellationToken cancellationToken) =>
            retry.SaveAsync(
                ct => TryAsync(command, ct),
                _ => Task.FromResult(new Result(null, Outcome.Fail(BookingChecks.TakenMessage))),
                cancellationToken);

        private async Task<Result> TryAsync(Command command, CancellationToken cancellationToken)
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
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Appointment {AppointmentId} booked by the front desk", appointment.Id);
            return new Result(appointment.Id, Outcome.Success);
        }
    }
}
