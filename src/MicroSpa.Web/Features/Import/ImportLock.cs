using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Import;

/// <summary>
/// The one lock every import confirm and undo takes first, for the clinic as a whole (decision 050): two imports of
/// different sources may name the same client, and an undo may meet a confirm, so they queue rather than interleave.
/// Held to the end of the transaction.
/// </summary>
public static class ImportLock
{
    public static async Task TakeAsync(MicroSpaDbContext db, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"microspa:client-import"}))", cancellationToken);
}
