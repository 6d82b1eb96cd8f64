using System.Security.Claims;
using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Charts;

/// <summary>"My day": the signed-in provider's appointments on a date, with their status and chart.</summary>
public static class ProviderDay
{
    public sealed record Visit(
        Guid AppointmentId, DateTime LocalStart, string Client, string Service, IReadOnlyList<string> Areas, AppointmentStatus Status, bool NeedsReview,
        Guid? ChartId, ChartStatus? ChartStatus)
    {
        /// <summary>The service needs a medical clearance and the client has none in force.</summary>
        public bool ClearanceNeeded { get; init; }
    }

    public sealed record Result(DateOnly Date, string? Provider, IReadOnlyList<Visit> Visits);

    public sealed class Handler(MicroSpaDbContext db, Shared.TreatmentGates gates, IHttpContextAccessor http, ClinicTimeZone zone)
    {
        public async Task<Result> HandleAsync(DateOnly date, CancellationToken cancellationToken)
        {
            var userId = Guid.TryParse(http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;
            var provider = await db.Providers.AsNoTracking().Where(p => p.UserId == userId).Select(p => new { p.Id, p.DisplayName }).SingleOrDefaultAsync(cancellationToken);
            if (provider is null)
            {
                return new Result(date, null, []);
            }

            var (dayStart, dayEnd) = zone.DayBounds(date);
            var visits = await (
                    from a in db.Appointments.AsNoTracking()
                    where a.ProviderId == provider.Id && a.StartsAt >= dayStart && a.StartsAt < dayEnd
                          && a.Status != AppointmentStatus.Cancelled
                    join r in db.TreatmentRecords on a.Id equals r.AppointmentId into charts
                    from r in charts.DefaultIfEmpty()
                    orderby a.StartsAt
                    select new
                    {
                        a.Id, a.StartsAt, Client = a.Client!.FirstName + " " + a.Client.LastName, Service = a.Service!.Name,
                        Areas = a.BodyAreas.OrderBy(b => b.SortOrder).Select(b => b.Name).ToList(), a.Status, a.NeedsReview,
                        ChartId = r == null ? (Guid?)null : r.Id, ChartStatus = r == null ? (ChartStatus?)null : r.Status,
                    })
                .ToListAsync(cancellationToken);
            var open = visits.Where(v => v.Status is AppointmentStatus.Booked or AppointmentStatus.CheckedIn).Select(v => v.Id).ToList();
            var gated = await gates.ForManyAsync(open, cancellationToken);
            return new Result(date, provider.DisplayName, visits.Select(v => new Visit(v.Id, zone.ToLocal(v.StartsAt), v.Client, v.Service, v.Areas, v.Status,
                v.NeedsReview, v.ChartId, v.ChartStatus) { ClearanceNeeded = gated.TryGetValue(v.Id, out var gate) && gate.ClearanceNeeded }).ToList());
        }
    }
}
