using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>
/// The desk drops an appointment's card on the day grid: the clinic-local day and wall-clock time under the drop,
/// the column's provider or room. Read as an instant in the clinic's zone, it is the reschedule form's move
/// (<see cref="RescheduleAppointment"/>): the same open-time checks, domain rules, messages and email.
/// </summary>
public static class MoveOnGrid
{
    public const string NoSuchTimeMessage = "That time does not exist on this day: the clocks change then. Choose another.";

    public sealed class Command
    {
        public DateOnly? Date { get; set; }
        public TimeOnly? Time { get; set; }
        public Guid? ProviderId { get; set; }
        public Guid? RoomId { get; set; }
        public uint? Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Date).NotNull().WithMessage("Give the day to move the appointment to.");
            RuleFor(c => c.Time).NotNull().WithMessage("Give the time to move the appointment to.");
            RuleFor(c => c.Version).NotNull().WithMessage("The schedule is out of date: open it again.");
        }
    }

    public sealed class Handler(RescheduleAppointment.Handler reschedule, MicroSpaDbContext db, ClinicTimeZone zone)
    {
        /// <returns>Null when there is no such appointment.</returns>
        public async Task<Outcome?> HandleAsync(Guid id, Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (zone.ToInstant(command.Date!.Value, command.Time!.Value) is not { } start)
            {
                return Outcome.Fail(nameof(Command.Time), NoSuchTimeMessage);
            }

            // A card let go where it was picked up (a wobble that snaps back to its own quarter hour) moves nothing: no
            // history line, no "your appointment has moved" email, no device picked again.
            var now = await db.Appointments.AsNoTracking().Where(a => a.Id == id)
                .Select(a => new { a.StartsAt, a.ProviderId, a.RoomId }).SingleOrDefaultAsync(cancellationToken);
            if (now is not null && now.StartsAt == start && (command.ProviderId ?? now.ProviderId) == now.ProviderId && (command.RoomId ?? now.RoomId) == now.RoomId)
            {
                return Outcome.Success;
            }

            return await reschedule.HandleAsync(id, new RescheduleAppointment.Command
            {
                Start = start, ProviderId = command.ProviderId, RoomId = command.RoomId, Version = command.Version!.Value,
            }, cancellationToken);
        }
    }
}
