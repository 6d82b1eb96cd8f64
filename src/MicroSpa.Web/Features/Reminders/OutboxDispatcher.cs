using MicroSpa.Data;
using MicroSpa.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Reminders;

/// <summary>
/// Sends due outbox messages. Each batch is claimed with FOR UPDATE SKIP LOCKED inside a transaction, so
/// dispatchers on several app instances never take the same message; a message is marked sent in the
/// same transaction, and one that fails is retried later with a growing wait.
/// </summary>
public sealed class OutboxDispatcher(MicroSpaDbContext db, IEmailSender sender, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    public async Task<int> DispatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var batch = await db.Outbox
            .FromSqlInterpolated($"SELECT * FROM outbox_messages WHERE status = 'Pending' AND due_at <= {now} ORDER BY due_at LIMIT {batchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        foreach (var message in batch)
        {
            try
            {
                IReadOnlyList<EmailAttachment>? attachments = message.AttachmentContent is { } content
                    ? [new EmailAttachment(message.AttachmentName!, message.AttachmentContentType!, content)]
                    : null;
                await sender.SendAsync(new EmailMessage(message.To, message.Subject, message.TextBody, message.HtmlBody, attachments), cancellationToken);
                message.MarkSent(clock.GetUtcNow());
                logger.LogInformation("Outbox message {MessageId} ({Kind}) sent", message.Id, message.Kind);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.MarkFailed(ex.GetType().Name, clock.GetUtcNow());
                logger.LogWarning("Outbox message {MessageId} ({Kind}) failed, attempt {Attempts}: {Error}", message.Id, message.Kind, message.Attempts, ex.GetType().Name);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }
}
