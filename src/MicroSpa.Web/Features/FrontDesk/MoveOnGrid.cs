using FluentValidation;
using MicroSpa.Domain.Scheduling;
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

    public sealed class Handler(RescheduleAppointment.Handler reschedule, ClinicTimeZone zone)
    {
        /// <returns>Null when there is no such appointment.</returns>
        public Task<Outcome?> HandleAsync(Guid id, Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (zone.ToInstant(command.Date!.Value, command.Time!.Value) is not { } start)
            {
                return Task.FromResult<Outcome?>(Outcome.Fail(nameof(Command.Time), NoSuchTimeMessage));
            }

            return reschedule.HandleAsync(id, new RescheduleAppointment.Command
            {
                Start = start, ProviderId = command.ProviderId, RoomId = command.RoomId, Version = command.Version!.Value,
            }, cancellationToken);
        }
    }
}
