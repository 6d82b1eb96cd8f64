using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.MyAppointments;

/// <summary>The page a client moves their appointment from: a week of open times for the same service, from the day chosen.</summary>
public static class MyReschedulingPage
{
    public sealed class Handler(
        RescheduleMyAppointment.Handler appointments, OpenTimes.Handler openTimes, ClinicTimeZone zone, IOptions<ClinicOptions> clinic, TimeProvider clock)
    {
        /// <summary>Null when the appointment is not the signed-in client's; refused when it can no longer be changed online.</summary>
        public async Task<Outcome<ReschedulePage>?> HandleAsync(Guid appointmentId, DateOnly? date, CancellationToken cancellationToken)
        {
            var (target, allowed) = await appointments.FindAsync(appointmentId, cancellationToken);
            if (target is null)
            {
                return null;
            }

            if (!allowed.Succeeded)
            {
                return allowed;
            }

            var today = zone.Today(clock.GetUtcNow());
            var from = date is { } chosen && chosen >= today ? chosen : today;
            var to = from.AddDays(6);
            var times = await openTimes.HandleAsync(new OpenTimes.Query(target.ServiceId, from, to, null, appointmentId), cancellationToken);
            var grid = new TimeGrid(
                TimeGrid.Group(times?.Slots ?? [], from, to, zone, clinic.Value.CultureInfo), $"/my/appointments/{appointmentId}/reschedule", "post", []);
            return Outcome<ReschedulePage>.Done(new ReschedulePage(appointmentId, zone.ToLocal(target.StartsAt), from, grid));
        }
    }
}

public sealed record ReschedulePage(Guid AppointmentId, DateTime CurrentLocalStart, DateOnly From, TimeGrid Grid);
