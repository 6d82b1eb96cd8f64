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
/// When the clinic asks a deposit or a card (<see cref="PaymentStep"/>), the client's acceptance of the policy is kept
/// and the appointment is held instead of booked: the time is taken, and the hosted payment page is opened for it
/// (<see cref="OpenPaymentPage"/>); the booking is confirmed only by the payment (<see cref="SettlePayment"/>).
/// </summary>
public static class ConfirmBooking
{
    /// <summary>The client's browser, kept with the acceptance of the payment policy as with a consent.</summary>
    public sealed record Browser(string? Address, string? UserAgent);

    public sealed record Result(Guid? AppointmentId, Outcome Outcome, IReadOnlyList<OpenSlot> Alternatives)
    {
        /// <summary>The appointment is held for its payment: the client goes to <see cref="PaymentUrl"/>, or back to the hold's page when it could not be opened.</summary>
        public bool Held { get; init; }

        public string? PaymentUrl { get; init; }

        /// <summary>The hold this very request made, with the payment step it worked out (its page is opened without reading them again).</summary>
        internal (OpenPaymentPage.Hold Hold, PaymentStep.Result? Payment, SeriesOffers.Offer? Series)? NewHold { get; init; }

        /// <summary>Why the payment page could not be opened (the time stays held meanwhile).</summary>
        public string? Notice { get; init; }
    }

    public sealed class Handler(
        MicroSpaDbContext db,
        CurrentClient currentClient,
        OpenTimes.Handler openTimes,
        BookingChecks checks,
        BookingRetry retry,
        AppointmentEmails emails,
        PaymentStep.Handler paymentStep,
        SeriesOffers.Handler seriesOffers,
        OpenPaymentPage.Handler paymentPage,
        Actor actor,
        ClinicTimeZone zone,
        TimeProvider clock,
        ILogger<Handler> logger)
    {
        /// <summary>Confirms the draft: books it, or holds it and opens the payment page when the clinic asks a deposit or a card.</summary>
        /// <param name="draftId">The signed-in client's draft.</param>
        /// <param name="policyVersion">The payment policy's version the confirm page showed (none when it asked nothing).</param>
        /// <param name="browser">Where the client accepted the policy from.</param>
        /// <param name="seriesVersionId">The prepaid series the client chose to buy with this booking (<see cref="SeriesOffers"/>), if any.</param>
        /// <param name="cancellationToken">The request's.</param>
        /// <returns>Null when the draft is not the signed-in client's.</returns>
        public async Task<Result?> HandleAsync(Guid draftId, int? policyVersion, Browser browser, Guid? seriesVersionId, CancellationToken cancellationToken)
        {
            var clientId = await currentClient.RequiredIdAsync(cancellationToken);
            var result = await retry.SaveAsync(
                ct => TryAsync(draftId, clientId, policyVersion, browser, seriesVersionId, ct), ct => TakenAsync(draftId, clientId, ct), cancellationToken);
            if (result is not { AppointmentId: { } id, Held: true })
            {
                return result;
            }

            // The time is held (committed): now the hosted page. Stripe away leaves the hold, which the client may retry
            // from its page and which lapses by itself.
            var page = result.NewHold is { } hold
                ? await paymentPage.HandleNewAsync(hold.Hold, hold.Payment, hold.Series, cancellationToken)
                : await paymentPage.HandleAsync(id, clientId, cancellationToken);
            return result with { PaymentUrl = page?.Url, Notice = page is { Url: null } ? page.Problem : null };
        }

        private async Task<Result?> TryAsync(Guid draftId, Guid clientId, int? policyVersion, Browser browser, Guid? seriesVersionId, CancellationToken cancellationToken)
        {
            var draft = await db.BookingDrafts.SingleOrDefaultAsync(d => d.Id == draftId && d.ClientId == clientId, cancellationToken);
            if (draft is null)
            {
                return null;
            }

            if (draft.AppointmentId is { } existing)
            {
                return await ExistingAsync(existing, cancellationToken);
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
                    ? await ExistingAsync(booked, cancellationToken)
                    : new Result(null, outcome, alternatives);
            }

            SeriesOffers.Offer? series = null;
            if (seriesVersionId is { } versionId && (series = await seriesOffers.FindAsync(draft.ServiceId, versionId, cancellationToken)) is null)
            {
                return new Result(null, Outcome.Fail("seriesVersionId",
                    "That series is no longer sold online with this treatment. Choose again below, or book this visit alone."), []);
            }

            var payment = await paymentStep.HandleAsync(clientId, draft.ServiceId, cancellationToken, words: false);
            if (payment is not null && policyVersion != payment.PolicyVersion)
            {
                return new Result(null, Outcome.Fail(nameof(PaymentStep.Result.PolicyVersion),
                    "The clinic's deposit and cancellation policy changed while you were reading it. Please read it again before you continue."), []);
            }

            var appointment = await BookAsync(draft, payment is not null || series is not null, series?.VersionId, cancellationToken);
            if (appointment is null)
            {
                return await BookedMeanwhileAsync(draftId, cancellationToken) is { } booked
                    ? await ExistingAsync(booked, cancellationToken)
                    : new Result(null, Outcome.Fail(BookingChecks.TakenMessage), []);
            }

            if (payment is not null || series is not null)
            {
                if (payment is not null)
                {
                    db.PolicyAcceptances.Add(new Domain.Payments.PolicyAcceptance(
                        clientId, appointment.Id, payment.PolicyVersion, payment.Asked, clock.GetUtcNow(), browser.Address, browser.UserAgent));
                }

                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation(
                    "Appointment {AppointmentId} held online from draft {DraftId} for its {Due}", appointment.Id, draftId, series is not null ? "series" : payment!.Requirement.Due.ToString());
                return new Result(appointment.Id, Outcome.Success, [])
                {
                    Held = true,
                    NewHold = (new OpenPaymentPage.Hold(appointment.Id, clientId, appointment.Service!.Name, appointment.HeldUntil!.Value), payment, series),
                };
            }

            await emails.QueueConfirmationAsync(appointment, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Appointment {AppointmentId} booked online from draft {DraftId}", appointment.Id, draftId);
            return new Result(appointment.Id, Outcome.Success, []);
        }

        /// <summary>The draft was confirmed before (a double tap, the back button): its appointment, still held when it is.</summary>
        private async Task<Result> ExistingAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            var status = await db.Appointments.AsNoTracking().Where(a => a.Id == appointmentId).Select(a => a.Status).SingleAsync(cancellationToken);
            return new Result(appointmentId, Outcome.Success, []) { Held = status == AppointmentStatus.Held };
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
                return await ExistingAsync(id, cancellationToken);
            }

            var (_, nearest) = await checks.CheckAsync(draft.ServiceId, draft.AreaIds, draft.ProviderId, draft.StartsAt, clientId, null, cancellationToken);
            return new Result(null, Outcome.Fail(BookingChecks.TakenMessage), nearest);
        }

        private async Task<Guid?> BookedMeanwhileAsync(Guid draftId, CancellationToken cancellationToken)
        {
            db.ChangeTracker.Clear();
            return await db.BookingDrafts.AsNoTracking().Where(d => d.Id == draftId).Select(d => d.AppointmentId).SingleAsync(cancellationToken);
        }

        private async Task<Appointment?> BookAsync(BookingDraft draft, bool hold, Guid? seriesVersionId, CancellationToken cancellationToken)
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
                var now = clock.GetUtcNow();
                var appointment = hold
                    ? Appointment.HoldForPayment(client, service, provider, room, device, areas, draft.StartsAt, now + OpenPaymentPage.HoldFor, now, zone, actor.ChangedBy)
                    : Appointment.Book(client, service, provider, room, device, areas, draft.StartsAt, BookingSource.Online, now, actor.ChangedBy);
                appointment.RecordIntake(draft, screening?.Outcome == ScreeningOutcome.NeedsReview);
                draft.MarkBooked(appointment.Id, seriesVersionId);
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
