using FluentValidation;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>
/// The appointment card's one status form (check in, no-show, start, complete, cancel): its action picks the use
/// case (<see cref="CheckInAtDesk"/>, <see cref="MarkNoShow"/>, <see cref="StartTreatment"/>,
/// <see cref="CompleteAppointment"/>, <see cref="CancelAppointment"/>). A change made on a stale copy (someone else
/// changed it meanwhile) is refused, never overwritten.
/// </summary>
public static class ChangeAppointmentStatus
{
    public const string CheckIn = "check-in";
    public const string NoShow = "no-show";
    public const string Start = "start";
    public const string Complete = "complete";
    public const string Cancel = "cancel";
    public const string StaleMessage = "This appointment changed while you were looking at it. Here is its current state; nothing was saved.";

    public static readonly IReadOnlyList<string> Actions = [CheckIn, NoShow, Start, Complete, Cancel];

    public sealed class Command
    {
        public string Action { get; set; } = string.Empty;
        public uint Version { get; set; }
        public CancellationReason? Reason { get; set; }
        public string? Note { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Action).Must(a => Actions.Contains(a)).WithMessage("Choose an action.");
            RuleFor(c => c.Reason).NotNull().When(c => c.Action == Cancel).WithMessage("Choose why the appointment is cancelled.");
            RuleFor(c => c.Reason).IsInEnum().WithMessage("Choose why the appointment is cancelled.");
            RuleFor(c => c.Note).MaximumLength(FieldLengths.Note).WithMessage($"A note can be at most {FieldLengths.Note} characters.");
        }
    }

    /// <summary>Hands the card's form to the use case its action names.</summary>
    public sealed class Handler(
        CheckInAtDesk.Handler checkIn, MarkNoShow.Handler noShow, StartTreatment.Handler start, CompleteAppointment.Handler complete,
        CancelAppointment.Handler cancel)
    {
        /// <returns>Null when there is no such appointment.</returns>
        public Task<Outcome?> HandleAsync(Guid id, Command command, CancellationToken cancellationToken) => command.Action switch
        {
            CheckIn => checkIn.HandleAsync(id, command.Version, cancellationToken),
            NoShow => noShow.HandleAsync(id, command.Version, cancellationToken),
            Start => start.HandleAsync(id, command.Version, cancellationToken),
            Complete => complete.HandleAsync(id, command.Version, cancellationToken),
            _ => cancel.HandleAsync(id, command.Version, command.Reason!.Value, command.Note, cancellationToken),
        };
    }
}
