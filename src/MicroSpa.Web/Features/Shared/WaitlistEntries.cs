using System.Globalization;
using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>Waitlist entries as a list: one client's (portal, profile) or everyone still waiting (front desk).</summary>
public static class WaitlistEntries
{
    public sealed record Item(
        Guid Id, Guid ClientId, string Client, string? Phone, string Service, IReadOnlyList<string> Areas, string? Provider, string When,
        DateOnly? Until, WaitlistStatus Status, DateTime LocalJoined);

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone)
    {
        public Task<IReadOnlyList<Item>> ForClientAsync(Guid clientId, CancellationToken cancellationToken) =>
            ListAsync(db.WaitlistEntries.Where(e => e.ClientId == clientId && e.Status == WaitlistStatus.Waiting), cancellationToken);

        public Task<IReadOnlyList<Item>> WaitingAsync(CancellationToken cancellationToken) =>
            ListAsync(db.WaitlistEntries.Where(e => e.Status == WaitlistStatus.Waiting), cancellationToken);

        private async Task<IReadOnlyList<Item>> ListAsync(IQueryable<WaitlistEntry> entries, CancellationToken cancellationToken)
        {
            var rows = await (
                    from e in entries.AsNoTracking()
                    join c in db.Clients on e.ClientId equals c.Id
                    join s in db.Services on e.ServiceId equals s.Id
                    join p in db.Providers on e.ProviderId equals p.Id into ps
                    from p in ps.DefaultIfEmpty()
                    orderby e.CreatedAt
                    select new
                    {
                        e.Id, e.ClientId, c.FirstName, c.LastName, c.Phone, Service = s.Name, e.AreaIds, Provider = p == null ? null : p.DisplayName,
                        e.Days, e.EarliestStart, e.LatestStart, e.Until, e.Status, e.CreatedAt,
                    })
                .ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return [];
            }

            var areaIds = rows.SelectMany(r => r.AreaIds).Distinct().ToList();
            var areaNames = await db.BodyAreas.AsNoTracking().Where(a => areaIds.Contains(a.Id))
                .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
            return rows.Select(r => new Item(
                    r.Id, r.ClientId, $"{r.FirstName} {r.LastName}", r.Phone, r.Service,
                    r.AreaIds.Select(a => areaNames.GetValueOrDefault(a, "?")).ToList(), r.Provider, Describe(r.Days, r.EarliestStart, r.LatestStart),
                    r.Until, r.Status, zone.ToLocal(r.CreatedAt)))
                .ToList();
        }
    }

    /// <summary>"Mon, Wed, Fri · 09:00–12:00".</summary>
    public static string Describe(WeekDays days, TimeOnly earliest, TimeOnly latest)
    {
        var names = days == WeekDays.All
            ? "Any day"
            : string.Join(", ", days.Days().Select(d => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(d)));
        return $"{names} · starting {earliest:HH\\:mm}–{latest:HH\\:mm}";
    }
}
