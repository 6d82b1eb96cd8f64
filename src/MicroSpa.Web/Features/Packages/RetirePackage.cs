using MicroSpa.Data;
using MicroSpa.Domain.Audit;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Packages;

/// <summary>Stops selling a package (never deleted: credits sold stay good until they expire), or offers it again.</summary>
public static class RetirePackage
{
    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock)
    {
        /// <returns>False when there is no such package.</returns>
        public async Task<bool> HandleAsync(Guid id, bool retire, CancellationToken cancellationToken)
        {
            var package = await db.Packages.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (package is null)
            {
                return false;
            }

            var now = clock.GetUtcNow();
            if (retire)
            {
                package.Retire(now);
            }
            else
            {
                package.Reinstate();
            }

            var by = actor.ForLedger;
            db.AuditEntries.Add(new AuditEntry(by.UserId, by.UserName, null, "money.package", id, now, retire ? "retired" : "offered again", by.Address));
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
