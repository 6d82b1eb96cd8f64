using System.Security.Claims;
using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Infrastructure;

/// <summary>The client record of the signed-in person (clients only).</summary>
public sealed class CurrentClient(IHttpContextAccessor http, MicroSpaDbContext db)
{
    public async Task<Guid?> IdAsync(CancellationToken cancellationToken)
    {
        var userId = http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!Guid.TryParse(userId, out var id))
        {
            return null;
        }

        return await db.Clients.Where(c => c.UserId == id).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<Guid> RequiredIdAsync(CancellationToken cancellationToken) =>
        await IdAsync(cancellationToken) ?? throw new InvalidOperationException("The signed-in account has no client record.");
}
