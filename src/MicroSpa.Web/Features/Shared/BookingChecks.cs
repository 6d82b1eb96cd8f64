using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.Shared;

/// <summary>What every step of a client's own booking checks again (online booking, moving their appointment).</summary>
public sealed class BookingChecks(OpenTimes.Handler openTimes, ProtocolIntervalCheck intervals, ClinicTimeZone zone)
{
    public const string TakenMessage = "That time was just taken. Here are the nearest open times.";

    /// <summary>The checks every step repeats: the time is still open and keeps the protocol interval.</summary>
    public async Task<(Outcome Outcome, IReadOnlyList<OpenSlot> Alternatives)> CheckAsync(
        Guid serviceId, IReadOnlyCollection<Guid> areaIds, Guid? providerId, DateTimeOffset start, Guid clientId,
        Guid? ignoreAppointmentId, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(zone.ToLocal(start));
        var times = await openTimes.HandleAsync(new OpenTimes.Query(serviceId, day, day.AddDays(6), providerId, ignoreAppointmentId), cancellationToken);
        if (times is null)
        {
            return (Outcome.Fail("This service can no longer be booked online."), []);
        }

        var conflict = await intervals.CheckIntervalAsync(clientId, start, areaIds, ignoreAppointmentId, cancellationToken);
        if (conflict is not null)
        {
            var earliest = DateOnly.FromDateTime(zone.ToLocal(conflict.EarliestAllowed));
            return (Outcome.Fail(
                $"Your skin needs {conflict.Area.MinimumIntervalDays} days between sessions on the {conflict.Area.Name.ToLowerInvariant()} " +
                $"(you have one on {zone.ToLocal(conflict.OtherSessionStartsAt):d MMMM}). The earliest date you can book is {earliest:dddd d MMMM}."),
                []);
        }

        if (times.Slots.Any(s => s.Start == start))
        {
            return (Outcome.Success, []);
        }

        var nearest = times.Slots.OrderBy(s => (s.Start - start).Duration()).Take(6).OrderBy(s => s.Start).ToList();
        return (Outcome.Fail(TakenMessage), nearest);
    }
}
