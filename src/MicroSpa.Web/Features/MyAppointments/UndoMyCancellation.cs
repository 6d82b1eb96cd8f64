using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.MyAppointments;

/// <summary>
/// A client takes back their own online cancellation within a few minutes (<see cref="Appointment.UndoCancellationWindow"/>):
/// the same appointment is booked again at the same time with the same provider, through the same checks as booking
/// online (the time still open, the protocol interval kept) and PostgreSQL's overlap constraints; taken meanwhile, they are
/// told so; open waitlist offers of the freed time are marked gone. Not when its deposit already went back to the card: the client books the time again instead.
/// </summary>
public static class UndoMyCancellation
{
    public const string TakenMessage = "Someone booked this time a moment ago, so the cancellation cannot be undone. Please choose another time.";

    public const string DepositReturnedMessage = "Your deposit has already gone back to your card, so the cancellation cannot be undone here. Please book the time again.";

    public sealed class Handler(
        MicroSpaDbContext db, CurrentClient currentClient, Actor actor, OpenTimes.Handler openTimes, ProtocolIntervalCheck intervals, BookingRetry retry,
        AppointmentEmails emails, ClinicTimeZone zone, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when the appointment is not the signed-in client's.</returns>
        public async Task<Outcome?> HandleAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            var clientId = await currentClient.IdAsync(cancellationToken);
            if (clientId is null || !await db.Appointments.AnyAsync(a => a.Id == appointmentId && a.ClientId == clientId, cancellationToken))
            {
                return null;
            }

            var outcome = await retry.SaveAsync(ct => TryAsync(appointmentId, clientId.Value, ct), _ => Task.FromResult(Outcome.Fail(TakenMessage)), cancellationToken);
            if (outcome.Succeeded)
            {
                logger.LogInformation("Appointment {AppointmentId}: the client undid their online cancellation", appointmentId);
            }

            return outcome;
        }

        /// <summary>Until when the signed-in client may still undo their cancellation of this appointment (clinic time); null when they may not.</summary>
        public async Task<DateTime?> UntilAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            var clientId = await currentClient.IdAsync(cancellationToken);
            var appointment = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == appointmentId && a.ClientId == clientId, cancellationToken);
            return appointment?.CancellationUndoableUntil(clock.GetUtcNow()) is { } until && await CancelledByThisClientAsync(appointmentId, cancellationToken)
                ? zone.ToLocal(until)
                : null;
        }

        private async Task<Outcome> TryAsync(Guid appointmentId, Guid clientId, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var appointment = await db.Appointments.Include(a => a.Service).Include(a => a.BodyAreas).Include(a => a.Client)
                .SingleAsync(a => a.Id == appointmentId, cancellationToken);
            if (appointment.CancellationUndoableUntil(now) is null || !await CancelledByThisClientAsync(appointmentId, cancellationToken))
            {
                return Outcome.Fail(appointment.Status == AppointmentStatus.Cancelled
                    ? $"A cancellation can be undone online only within {Appointment.UndoCancellationWindow.TotalMinutes:0} minutes of making it. Please book the time again."
                    : "This appointment is not cancelled.");
            }

            if (await db.OnlineRefunds.AnyAsync(r => db.OnlinePayments.Any(p => p.PaymentIntentId == r.PaymentIntentId && p.AppointmentId == appointmentId), cancellationToken))
            {
                return Outcome.Fail(DepositReturnedMessage);
            }

            // The normal rules of booking online at this time: still open with this provider, the protocol interval kept.
            var day = DateOnly.FromDateTime(zone.ToLocal(appointment.StartsAt));
            var times = await openTimes.HandleAsync(new OpenTimes.Query(appointment.ServiceId, day, day, appointment.ProviderId), cancellationToken);
            if (times is null || AvailabilityCalculator.Assign(times.Request, zone, appointment.StartsAt, appointment.ProviderId) is not { } assignment)
            {
                return Outcome.Fail(TakenMessage);
            }

            var areaIds = appointment.BodyAreas.Select(a => a.Id).ToList();
            if (await intervals.CheckIntervalAsync(clientId, appointment.StartsAt, areaIds, appointmentId, cancellationToken) is { } conflict)
            {
                return Outcome.Fail($"Your skin needs {conflict.Area.MinimumIntervalDays} days between sessions on the {conflict.Area.Name.ToLowerInvariant()}, and you have booked another session meanwhile. Please choose another time.");
            }

            var room = await db.Rooms.SingleAsync(r => r.Id == assignment.RoomId, cancellationToken);
            var device = assignment.DeviceId is { } deviceId ? await db.Devices.SingleAsync(d => d.Id == deviceId, cancellationToken) : null;
            try
            {
                appointment.UndoCancellationByClient(room, device, now, actor.ChangedBy);
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Message);
            }

            // Anyone on the waitlist who was offered the freed time meanwhile is told it is gone when they open the link.
            foreach (var offer in await db.WaitlistOffers.Where(o => o.FreedAppointmentId == appointmentId && o.Status == WaitlistOfferStatus.Open)
                .ToListAsync(cancellationToken))
            {
                offer.MarkGone(now);
            }

            await emails.QueueConfirmationAsync(appointment, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome.Fail("This appointment changed a moment ago. Please look at it again.");
            }

            return Outcome.Success;
        }

        /// <summary>The cancellation is the client's own, made online from their account (not the desk's on the phone).</summary>
        private async Task<bool> CancelledByThisClientAsync(Guid appointmentId, CancellationToken cancellationToken) =>
            actor.UserId is { } userId
            && await db.AppointmentEvents.Where(e => e.AppointmentId == appointmentId).OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
                .Select(e => e.ByUserId).FirstOrDefaultAsync(cancellationToken) == userId;
    }
}
