using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.MyAppointments;

/// <summary>The page a client moves their appointment from: a week of open times for the same service, from the day chosen.</summary>
public static class MyReschedulingPage
{
    public const string CurrentNote = "your time now";

    public const string LocksNote = "can’t be changed online";

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
            var now = clock.GetUtcNow();
            var cutoff = times?.Policy.CancellationCutoff ?? TimeSpan.Zero;

            // The appointment's own time is marked, not offered; a time inside the cutoff would lock the booking once moved there.
            TimeGrid.Mark? Mark(OpenSlot slot) =>
                slot.Start == target.StartsAt ? new TimeGrid.Mark(CurrentNote, true)
                : !Appointment.ChangeableOnline(slot.Start, now, cutoff) ? new TimeGrid.Mark(LocksNote, false)
                : null;
            var grid = new TimeGrid(
                TimeGrid.Group(times?.Slots ?? [], from, to, zone, clinic.Value.CultureInfo, Mark), $"/my/appointments/{appointmentId}/reschedule", "post", []);
            return Outcome<ReschedulePage>.Done(new ReschedulePage(appointmentId, zone.ToLocal(target.StartsAt), from, grid)
            {
                CutoffHours = (int)cutoff.TotalHours,
                AnyLocking = grid.Days.SelectMany(d => d.Times).Any(t => t.Note == LocksNote),
                ShowsCurrent = grid.Days.SelectMany(d => d.Times).Any(t => t.Current),
            });
        }
    }
}

public sealed record ReschedulePage(Guid AppointmentId, DateTime CurrentLocalStart, DateOnly From, TimeGrid Grid)
{
    public int CutoffHours { get; init; }

    /// <summary>Some times shown are inside the cutoff (marked <see cref="MyReschedulingPage.LocksNote"/>).</summary>
    public bool AnyLocking { get; init; }

    /// <summary>The appointment's own time is among the days shown (marked, not offered).</summary>
    public bool ShowsCurrent { get; init; }
}
