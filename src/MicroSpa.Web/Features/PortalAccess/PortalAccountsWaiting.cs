using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.PortalAccess;

/// <summary>The online accounts waiting for a clinician to confirm, with the client in front of them, that the address is theirs.</summary>
public static class PortalAccountsWaiting
{
    public sealed record Waiting(Guid ClientId, string Client, string Email, DateOnly? DateOfBirth);

    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<IReadOnlyList<Waiting>> HandleAsync(CancellationToken cancellationToken) =>
            await db.Clients.AsNoTracking().Where(c => c.PendingUserId != null && c.Email != null)
                .OrderBy(c => c.LastName).ThenBy(c => c.FirstName)
                .Select(c => new Waiting(c.Id, c.FirstName + " " + c.LastName, c.Email!, c.DateOfBirth))
                .ToListAsync(cancellationToken);
    }
}
