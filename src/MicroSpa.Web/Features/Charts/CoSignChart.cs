using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Charts;

/// <summary>The medical director co-signs charts signed by estheticians and nurses (when the clinic requires it).</summary>
public static class CoSignChart
{
    public const string Action = "chart.cosign";

    public sealed record Waiting(Guid ChartId, DateTime LocalSignedAt, string SignedBy, string Client);

    public sealed class Handler(MicroSpaDbContext db, ClinicalAudit audit, Actor actor, ClinicTimeZone zone, TimeProvider clock)
    {
        public async Task<IReadOnlyList<Waiting>> WaitingAsync(CancellationToken cancellationToken) =>
            (await (from r in db.TreatmentRecords.AsNoTracking()
                    where r.AwaitingCoSignature
                    join c in db.Clients on r.ClientId equals c.Id
                    orderby r.SignedAt
                    select new { r.Id, r.SignedAt, r.SignedByName, c.FirstName, c.LastName })
                .ToListAsync(cancellationToken))
            .Select(r => new Waiting(r.Id, zone.ToLocal(r.SignedAt!.Value), r.SignedByName ?? string.Empty, $"{r.FirstName} {r.LastName}"))
            .ToList();

        /// <returns>Null when there is no such chart.</returns>
        public async Task<Outcome?> HandleAsync(Guid chartId, CancellationToken cancellationToken)
        {
            var record = await db.TreatmentRecords.SingleOrDefaultAsync(r => r.Id == chartId, cancellationToken);
            if (record is null)
            {
                return null;
            }

            try
            {
                record.CoSign(actor.UserId!.Value, actor.Name, clock.GetUtcNow());
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Message);
            }

            audit.Add(record.ClientId, Action, record.Id);
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }
    }
}
