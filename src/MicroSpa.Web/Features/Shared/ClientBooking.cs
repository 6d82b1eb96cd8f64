using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// Books a client at a chosen time for the clinic's side: the front desk (by phone, a walk-in) and a waitlist offer the client
/// accepts. The same availability as online booking (one implementation) without the online notice and horizon; screening and
/// consent can be done at check-in.
/// </summary>
public static class ClientBooking
{
    /// <summary>
    /// A client, a service on some areas, an optional provider and a start; <c>OverrideInterval</c>: a provider approved a session
    /// inside the protocol interval (recorded in the history).
    /// </summary>
    public sealed record Request(Guid ClientId, Guid ServiceId, IReadOnlyList<Guid> AreaIds, Guid? ProviderId, DateTimeOffset Start, bool OverrideInterval = false);

    /// <summary>The field of the refusal "too soon after the last session on these areas".</summary>
    public const string IntervalField = "Interval";

    public sealed class Handler(MicroSpaDbContext db, MergedClients.Handler merged, OpenTimes.Handler openTimes, ProtocolIntervalCheck intervals, ClinicTimeZone zone, TimeProvider clock)
    {
        /// <summary>
        /// Checks the time with the one availability implementation and builds the appointment, unsaved, so the caller saves it
        /// together with what else the booking changes (the confirmation email, a waitlist offer taken).
        /// </summary>
        public async Task<(Appointment? Appointment, Outcome Outcome)> PrepareAsync(
            Request request, BookingSource source, ChangedBy by, CancellationToken cancellationToken)
        {
            var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == request.ClientId, cancellationToken);
            if (client is null)
            {
                return (null, Outcome.Fail("This client no longer exists."));
            }

            if (client.MergedIntoId is { } kept)
            {
                return (null, (await merged.RefusalAsync(client.Id, kept, cancellationToken)).AsOutcome());
            }

            var day = DateOnly.FromDateTime(zone.ToLocal(request.Start));
            var times = await openTimes.HandleAsync(new OpenTimes.Query(request.ServiceId, day, day, request.ProviderId, ByStaff: true), cancellationToken);
            if (times is null)
            {
                return (null, Outcome.Fail("This service can no longer be booked."));
            }

            if (AvailabilityCalculator.Assign(times.Request, zone, request.Start, request.ProviderId) is not { } assignment)
            {
                return (null, Outcome.Fail(BookingChecks.TakenMessage));
            }

            // The same protocol interval as online booking; the front desk may book inside it when a provider approved.
            if (!request.OverrideInterval
                && await intervals.CheckIntervalAsync(client.Id, request.Start, request.AreaIds, null, cancellationToken) is { } conflict)
            {
                return (null, Outcome.Fail(IntervalField,
                    $"Too soon: {conflict.Area.Name} needs {conflict.Area.MinimumIntervalDays} days between sessions and the client has one on "
                    + $"{zone.ToLocal(conflict.OtherSessionStartsAt):ddd d MMM}. The earliest by protocol is {zone.ToLocal(conflict.EarliestAllowed):ddd d MMM}."));
            }

            var service = await db.Services.Include(s => s.BodyAreas).SingleAsync(s => s.Id == request.ServiceId, cancellationToken);
            var provider = await db.Providers.SingleAsync(p => p.Id == assignment.ProviderId, cancellationToken);
            var room = await db.Rooms.SingleAsync(r => r.Id == assignment.RoomId, cancellationToken);
            var device = assignment.DeviceId is { } id ? await db.Devices.SingleAsync(d => d.Id == id, cancellationToken) : null;
            try
            {
                return (Appointment.Book(client, service, provider, room, device,
                    service.BodyAreas.Where(a => request.AreaIds.Contains(a.Id)), request.Start, source, clock.GetUtcNow(), by, request.OverrideInterval),
                    Outcome.Success);
            }
            catch (DomainException ex)
            {
                return (null, Outcome.Fail(ex.Field ?? string.Empty, ex.Message));
            }
        }
    }
}
