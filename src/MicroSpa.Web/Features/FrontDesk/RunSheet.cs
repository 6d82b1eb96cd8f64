using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>The printable list of the day per provider.</summary>
public static class RunSheet
{
    public sealed record Line(DateTime LocalStart, DateTime LocalEnd, string Client, string? Phone, string Service, string Areas, string Room,
        AppointmentStatus Status, bool NeedsReview, bool ScreeningDone);

    public sealed record ProviderDay(string Provider, IReadOnlyList<Line> Lines);

    public sealed record Result(DateOnly Date, IReadOnlyList<ProviderDay> Providers);

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone)
    {
        public async Task<Result> HandleAsync(DateOnly date, CancellationToken cancellationToken)
        {
            var (start, end) = zone.DayBounds(date);
            var rows = await db.Appointments.AsNoTracking()
                .Where(a => a.StartsAt >= start && a.StartsAt < end && a.Status != AppointmentStatus.Cancelled)
                .OrderBy(a => a.Provider!.DisplayName).ThenBy(a => a.StartsAt)
                .Select(a => new
                {
                    Provider = a.Provider!.DisplayName, a.StartsAt, a.EndsAt, Client = a.Client!.FirstName + " " + a.Client.LastName, a.Client.Phone,
                    Service = a.Service!.Name, Areas = a.BodyAreas.OrderBy(b => b.SortOrder).Select(b => b.Name).ToList(), Room = a.Room!.Name,
                    a.Status, a.NeedsReview, ScreeningDone = a.ScreeningId != null,
                })
                .ToListAsync(cancellationToken);
            return new Result(date, rows.GroupBy(r => r.Provider)
                .Select(g => new ProviderDay(g.Key, g.Select(r => new Line(zone.ToLocal(r.StartsAt), zone.ToLocal(r.EndsAt), r.Client, r.Phone,
                    r.Service, string.Join(", ", r.Areas), r.Room, r.Status, r.NeedsReview, r.ScreeningDone)).ToList()))
                .ToList());
        }
    }
}
