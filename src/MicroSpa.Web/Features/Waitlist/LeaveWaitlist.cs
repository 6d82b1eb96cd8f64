using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Waitlist;

/// <summary>Takes an entry off the waitlist: the client their own, the front desk anyone's.</summary>
public static class LeaveWaitlist
{
    public sealed class Handler(MicroSpaDbContext db, TimeProvider clock)
    {
        /// <summary>The client passes their own id (only their entries are found); the front desk passes null.</summary>
        /// <returns>Null when there is no such entry (for this client).</returns>
        public async Task<Outcome?> HandleAsync(Guid entryId, Guid? clientId, CancellationToken cancellationToken)
        {
            var entry = await db.WaitlistEntries
                .SingleOrDefaultAsync(e => e.Id == entryId && (clientId == null || e.ClientId == clientId), cancellationToken);
            if (entry is null)
            {
                return null;
            }

            try
            {
                entry.Withdraw(clock.GetUtcNow());
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Message);
            }

            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }
    }
}
