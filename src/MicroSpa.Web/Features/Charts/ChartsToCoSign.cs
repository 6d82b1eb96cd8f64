using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Charts;

/// <summary>The medical director's queue: charts signed by estheticians and nurses that wait for a co-signature, oldest first.</summary>
public static class ChartsToCoSign
{
    public sealed record Waiting(Guid ChartId, DateTime LocalSignedAt, string SignedBy, string Client);

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone)
    {
        public async Task<IReadOnlyList<Waiting>> HandleAsync(CancellationToken cancellationToken) =>
            (await (from r in db.TreatmentRecords.AsNoTracking()
                    where r.AwaitingCoSignature
                    join c in db.Clients on r.ClientId equals c.Id
                    orderby r.SignedAt
                    select new { r.Id, r.SignedAt, r.SignedByName, c.FirstName, c.LastName })
                .ToListAsync(cancellationToken))
            .Select(r => new Waiting(r.Id, zone.ToLocal(r.SignedAt!.Value), r.SignedByName ?? string.Empty, $"{r.FirstName} {r.LastName}"))
            .ToList();
    }
}
