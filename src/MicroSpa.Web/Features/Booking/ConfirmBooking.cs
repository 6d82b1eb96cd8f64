using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Booking;

/// <summary>
/// Turns a finished draft into an appointment. Safe to submit twice (the draft books at most once) and
/// safe under races: PostgreSQL refuses a double booking, and the loser is told the time was just taken.
/// </summary>
public static class ConfirmBooking
{
    public sealed record Result(Guid? AppointmentId, Outcome Outcome, IReadOnlyList<OpenSlot> Alternatives);

    public sealed class Handler(
        MicroSpaDbContext db,
        CurrentClient currentClient,
        OpenTimes.Handler openTimes,
        BookingChecks checks,
        BookingRetry retry,
        AppointmentEmails emails,
        Actor actor,
        ClinicTimeZone zone,
        TimeProvider clock,
        ILogger<Handler> logger)
    {
        /// <returns>Null when the draft is not the signed-in client's.</returns>
        public async Task<Result?> HandleAsync(Guid draftId, CancellationToken cancellationToken)
        {
            var clientId = await currentClient.RequiredIdAsync(cancellationToken);
            return await retry.SaveAsync(ct => TryAsync(draftId, clientId, ct), ct => TakenAsync(draftId, clientId, ct), cancellationToken);
        }

        private async Task<Result?> TryAsync(Guid draftId, Guid clientId, CancellationToken cancellationToken)
        {
            var draft = await db.BookingDrafts.SingleOrDefaultAsync(d => d.Id == draftId && d.ClientId == clientId, cancellationToken);
            if (draft is null)
            {
                return null;
            }

            if (draft.AppointmentId is { } existing)
            {
                return new Result(existing, Outcome.Success, []);
            }

            if (!draft.ReadyToConfirm)
            {
                return new Result(null, Outcome.Fail("Finish the health screening and consent before confirming."), []);
            }

            var (outcome, alternatives) = await checks.CheckAsync(draft.ServiceId, draft.AreaIds, draft.ProviderId, draft.StartsAt, clientId, null, cancellationToken);
            if (!outcome.Succeeded)
            {
                // A second confirmation of this very draft (a double tap) may have booked it a moment ago: its own
                // appointment then looks like a taken time or a session too close. That is success, not a refusal.
                return await BookedMeanwhileAsync(draftId, cancellationToken) is { } booked
                    ? new Result(booked, Outcome.Success, [])
                    : new Result(null, outcome, alternatives);
            }

            var appointment = await BookAsync(draft, cancellationToken);
            if (appointment is null)
            {
                return await BookedMeanwhileAsync(draftId, cancellationToken) is { } booked
                    ? new Result(booked, Outcome.Success, [])
                    : new Result(null, Outcome.Fail(BookingChecks.TakenMessage), []);
            }

            await emails.QueueConfirmationAsync(appointment, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Appointment {AppointmentId} booked online from draft {DraftId}", appointment.Id, draftId);
            return new Result(appointment.Id, Outcome.Success, []);
        }

        /// <summary>
        /// Every attempt lost a race for the time (or for this very draft): booked meanwhile by a second confirmation is
        /// success; otherwise the time was taken, with the nearest times still open.
        /// </summary>
        private async Task<Result?> TakenAsync(Guid draftId, Guid clientId, CancellationToken cancellationToken)
        {
            var draft = await db.BookingDrafts.AsNoTracking().SingleAsync(d => d.Id == draftId, cancellationToken);
            if (draft.AppointmentId is { } id)
            {
                return new Result(id, Outcome.Success, []);
            }

            var (_, nearest) = await checks.CheckAsync(draft.ServiceId, draft.AreaIds, draft.ProviderId, draft.StartsAt, clientId, null, cancellationToken);
            return new Result(null, Outcome.Fail(BookingChecks.TakenMessage), nearest);
        }

        private async Task<Guid?> BookedMeanwhileAsync(Guid draftId, CancellationToken cancellationToken)
        {
            db.ChangeTracker.Clear();
            return await db.BookingDrafts.AsNoTracking().Where(d => d.Id == draftId).Select(d => d.AppointmentId).SingleAsync(cancellationToken);
        }

        private async Task<Appointment?> BookAsync(BookingDraft draft, CancellationToken cancellationToken)
        {
            var day = DateOnly.FromDateTime(zone.ToLocal(draft.StartsAt));
            var times = await openTimes.HandleAsync(new OpenTimes.Query(draft.ServiceId, day, day, draft.ProviderId), cancellationToken);
            if (times is null || AvailabilityCalculator.Assign(times.Request, zone, draft.StartsAt, draft.ProviderId) is not { } assignment)
            {
                return null;
            }

            var service = await db.Services.Include(s => s.BodyAreas).SingleAsync(s => s.Id == draft.ServiceId, cancellationToken);
            var client = await db.Clients.SingleAsync(c => c.Id == draft.ClientId, cancellationToken);
            var provider = await db.Providers.SingleAsync(p => p.Id == assignment.ProviderId, cancellationToken);
            var room = await db.Rooms.SingleAsync(r => r.Id == assignment.RoomId, cancellationToken);
            var device = assignment.DeviceId is { } deviceId ? await db.Devices.SingleAsync(d => d.Id == deviceId, cancellationToken) : null;
            var areas = service.BodyAreas.Where(a => draft.AreaIds.Contains(a.Id)).ToList();
            var screening = draft.ScreeningId is { } screeningId
                ? await db.Screenings.AsNoTracking().SingleAsync(s => s.Id == screeningId, cancellationToken)
                : null;

            try
            {
                var appointment = Appointment.Book(
                    client, service, provider, room, device, areas, draft.StartsAt, BookingSource.Online, clock.GetUtcNow(), actor.ChangedBy);
                appointment.RecordIntake(draft, screening?.Outcome == ScreeningOutcome.NeedsReview);
                draft.MarkBooked(appointment.Id);
                db.Appointments.Add(appointment);
                return appointment;
            }
            catch (DomainException ex)
            {
                logger.LogWarning("Draft {DraftId} could not be booked: {Reason}", draft.Id, ex.Message);
                return null;
            }
        }
    }
}
