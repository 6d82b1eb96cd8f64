using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Reminders;

/// <summary>
/// Removes what has served its purpose, every reminder round: save receipts older than a day (they only
/// settle a commit interrupted a moment ago, see SaveReceipt) and online booking drafts whose time is more
/// than a day past (confirmed or abandoned, they can no longer be confirmed; the appointment, screening and
/// consent they led to are records of their own and stay), and sign-in sessions past their expiry.
/// </summary>
public sealed class Housekeeping(MicroSpaDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - KeepFor;
        var receipts = await db.SaveReceipts.Where(r => r.SavedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var drafts = await db.BookingDrafts.Where(d => d.StartsAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var sessions = await db.AuthSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        return receipts + drafts + sessions;
    }
}
