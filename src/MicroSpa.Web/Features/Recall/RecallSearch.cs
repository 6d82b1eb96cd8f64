using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Recall;

/// <summary>
/// "Which clients received product lot X or cartridge lot Y" in a date range, from signed charts: what
/// a clinic needs when a manufacturer recalls a batch. The answer lists clients with their contacts and
/// treatments, so every search is audited like a chart view: one entry per chart found, with the lot.
/// </summary>
public static class RecallSearch
{
    public const int MaxResults = 500;

    public sealed record Query(string? Lot, DateOnly? From, DateOnly? To);

    public sealed record Hit(Guid ChartId, Guid ClientId, string Client, string? Email, string? Phone, DateTime LocalTreatedAt, string Provider, string What);

    public sealed class Handler(MicroSpaDbContext db, ClinicalAudit audit, ClinicTimeZone zone)
    {
        public async Task<IReadOnlyList<Hit>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            var lot = query.Lot?.Trim();
            if (string.IsNullOrEmpty(lot))
            {
                return [];
            }

            var charts = db.TreatmentRecords.AsNoTracking()
                .Where(r => r.Status == ChartStatus.Signed && (r.CartridgeLot == lot || r.Areas.Any(a => a.ProductLot == lot)));
            if (query.From is { } from)
            {
                var start = zone.DayBounds(from).Start;
                charts = charts.Where(r => r.SignedAt >= start);
            }

            if (query.To is { } to)
            {
                var end = zone.DayBounds(to).End;
                charts = charts.Where(r => r.SignedAt < end);
            }

            var rows = await (
                    from r in charts
                    join c in db.Clients on r.ClientId equals c.Id
                    join p in db.Providers on r.ProviderId equals p.Id
                    orderby r.SignedAt
                    select new
                    {
                        r.Id, r.ClientId, c.FirstName, c.LastName, c.Email, c.Phone, r.SignedAt, Provider = p.DisplayName, r.CartridgeLot,
                        Products = r.Areas.Where(a => a.ProductLot == lot).Select(a => a.ProductName + " (" + a.AreaName + ")").ToList(),
                    })
                .Take(MaxResults)
                .ToListAsync(cancellationToken);
            var detail = $"lot {lot}" + (query.From is { } f ? $" from {f:yyyy-MM-dd}" : string.Empty) + (query.To is { } t ? $" to {t:yyyy-MM-dd}" : string.Empty);
            detail = detail.Length > Domain.Audit.AuditEntry.DetailLength ? detail[..Domain.Audit.AuditEntry.DetailLength] : detail;
            foreach (var row in rows)
            {
                audit.Add(row.ClientId, ClinicalAudit.RecallSearch, row.Id, detail);
            }

            if (rows.Count == 0)
            {
                audit.Add(null, ClinicalAudit.RecallSearch, null, detail);
            }

            await db.SaveChangesAsync(cancellationToken);
            return rows.Select(r => new Hit(r.Id, r.ClientId, $"{r.FirstName} {r.LastName}", r.Email, r.Phone, zone.ToLocal(r.SignedAt!.Value), r.Provider,
                    string.Join("; ", (r.CartridgeLot == lot ? ["cartridge"] : Array.Empty<string>()).Concat(r.Products))))
                .ToList();
        }
    }
}
