using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>
/// Check in, no-show, start, complete or cancel one appointment. Every change is recorded with who and
/// when; a change made on a stale copy (someone else changed it meanwhile) is refused, never overwritten.
/// A cancellation is emailed to the client.
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

    public sealed class Handler(
        MicroSpaDbContext db, Booking.AppointmentEmails emails, Shared.TreatmentGates gates, Actor actor, ClinicTimeZone zone, TimeProvider clock,
        ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such appointment.</returns>
        public async Task<Outcome?> HandleAsync(Guid id, Command command, CancellationToken cancellationToken)
        {
            var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (appointment is null)
            {
                return null;
            }

            // Optimistic concurrency: the change applies only to the version the person was looking at;
            // the database re-checks it on save for a change that lands in between.
            if (appointment.Version != command.Version)
            {
                return Outcome.Fail(StaleMessage);
            }

            db.Entry(appointment).Property(a => a.Version).OriginalValue = command.Version;
            var now = clock.GetUtcNow();
            string what;
            try
            {
                what = await ApplyAsync(appointment, command, now, cancellationToken);
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Message);
            }

            db.AppointmentEvents.Add(new AppointmentEvent(appointment.Id, what, actor.UserId, actor.Name, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome.Fail(StaleMessage);
            }

            logger.LogInformation("Appointment {AppointmentId}: {Action} by account {UserId}", id, command.Action, actor.UserId);
            return Outcome.Success;
        }

        private async Task<string> ApplyAsync(Appointment appointment, Command command, DateTimeOffset now, CancellationToken cancellationToken)
        {
            switch (command.Action)
            {
                case CheckIn:
                    // Only on the appointment's day, from the clinic's window before its start.
                    (await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken)).EnsureCheckInOpen(appointment.StartsAt, now, zone);
                    appointment.CheckIn(now);
                    return "Checked in";
                case NoShow:
                    appointment.MarkNoShow(now);
                    return "Marked as no-show";
                case Start:
                    appointment.StartTreatment(await gates.ForAsync(appointment, cancellationToken), now);
                    return "Treatment started";
                case Complete:
                    appointment.Complete(now);
                    return "Completed";
                default:
                    var policy = await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken);
                    var reason = command.Reason!.Value;
                    // A client's request inside the cutoff is a late cancellation, flagged as such.
                    if (reason == CancellationReason.ClientRequest && now + policy.CancellationCutoff > appointment.StartsAt)
                    {
                        reason = CancellationReason.LateCancel;
                    }

                    appointment.Cancel(reason, command.Note, now);

                    // The client hears of it (with the calendar's cancellation), whoever cancelled; the note stays internal.
                    await emails.QueueCancellationAsync(appointment, cancellationToken);
                    return $"Cancelled ({Describe(reason)})" + (string.IsNullOrWhiteSpace(command.Note) ? string.Empty : $": {command.Note.Trim()}");
            }
        }

        public static string Describe(CancellationReason reason) => reason switch
        {
            CancellationReason.ClientRequest => "client request",
            CancellationReason.LateCancel => "late cancel, inside the cutoff",
            CancellationReason.Clinic => "by the clinic",
            CancellationReason.Illness => "illness",
            _ => reason.ToString(),
        };
    }
}
