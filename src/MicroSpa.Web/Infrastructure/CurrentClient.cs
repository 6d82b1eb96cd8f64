using System.Security.Claims;
using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Infrastructure;

/// <summary>The client record of the signed-in person (clients only).</summary>
/// <remarks>
/// Scoped: the id found is kept for the rest of the request, so a page built from several handlers asks
/// the database once. "No client record" is not kept (sign-up may create it later in the same request).
/// </remarks>
public sealed class CurrentClient(IHttpContextAccessor http, MicroSpaDbContext db)
{
    private Guid? _found;

    public async Task<Guid?> IdAsync(CancellationToken cancellationToken)
    {
        if (_found is { } found)
        {
            return found;
        }

        var userId = http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!Guid.TryParse(userId, out var id))
        {
            return null;
        }

        _found = await db.Clients.Where(c => c.UserId == id).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        return _found;
    }

    public async Task<Guid> RequiredIdAsync(CancellationToken cancellationToken) =>
        await IdAsync(cancellationToken) ?? throw new InvalidOperationException("The signed-in account has no client record.");
}
