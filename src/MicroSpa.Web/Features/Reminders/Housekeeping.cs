using MicroSpa.Data;
using MicroSpa.Domain.Messaging;
using MicroSpa.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Reminders;

/// <summary>
/// Removes what has served its purpose, every reminder round: save receipts older than a day (they only
/// settle a commit interrupted a moment ago, see SaveReceipt) and online booking drafts whose time is more
/// than a day past (confirmed or abandoned, they can no longer be confirmed; the appointment, screening and
/// consent they led to are records of their own and stay), and sign-in sessions past their expiry. The body
/// and attachment of an email sent (or given up) more than Email:BodyRetentionDays ago are cleared: it told a
/// client about their visit or aftercare; who it went to, its kind, subject and when stay.
/// </summary>
public sealed class Housekeeping(MicroSpaDbContext db, TimeProvider clock, IOptions<EmailOptions> email)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    public const string ClearedBody = "(cleared after the retention period)";

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - KeepFor;
        var receipts = await db.SaveReceipts.Where(r => r.SavedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var drafts = await db.BookingDrafts.Where(d => d.StartsAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var sessions = await db.AuthSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        var bodies = await ClearOldBodiesAsync(now - TimeSpan.FromDays(email.Value.BodyRetentionDays), cancellationToken);
        return receipts + drafts + sessions + bodies;
    }

    private Task<int> ClearOldBodiesAsync(DateTimeOffset sentBefore, CancellationToken cancellationToken) =>
        db.Outbox
            .Where(m => ((m.Status == OutboxStatus.Sent && m.SentAt <= sentBefore) || (m.Status == OutboxStatus.Failed && m.CreatedAt <= sentBefore))
                        && (m.TextBody != ClearedBody || m.HtmlBody != ClearedBody || m.AttachmentContent != null))
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.TextBody, ClearedBody).SetProperty(m => m.HtmlBody, ClearedBody).SetProperty(m => m.AttachmentContent, (byte[]?)null),
                cancellationToken);
}
