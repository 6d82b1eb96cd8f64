using MicroSpa.Data;
using MicroSpa.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Reminders;

/// <summary>
/// Sends due outbox messages. Each batch is claimed with FOR UPDATE SKIP LOCKED inside a transaction, so
/// dispatchers on several app instances never take the same message; a message is marked sent in the
/// same transaction, and one that fails is retried later with a growing wait.
/// Each batch is one <see cref="UnitOfWork"/>.
/// </summary>
public sealed class OutboxDispatcher(MicroSpaDbContext db, IEmailSender sender, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    public Task<int> DispatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        // Sending is the one step that cannot be taken back. When the transaction fails after a message
        // went out (connection lost while marking it sent), the retry finds it pending again and marks it
        // sent with the time it left, without sending it a second time.
        var sentEarlier = new Dictionary<Guid, DateTimeOffset>();
        return db.InTransactionAsync(token => DispatchOnceAsync(batchSize, sentEarlier, token), committed: null, cancellationToken);
    }

    private async Task<int> DispatchOnceAsync(int batchSize, Dictionary<Guid, DateTimeOffset> sentEarlier, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var batch = await db.Outbox
            .FromSqlInterpolated($"SELECT * FROM outbox_messages WHERE status = 'Pending' AND due_at <= {now} ORDER BY due_at LIMIT {batchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        foreach (var message in batch)
        {
            if (sentEarlier.TryGetValue(message.Id, out var sentAt))
            {
                message.MarkSent(sentAt);
                continue;
            }

            try
            {
                IReadOnlyList<EmailAttachment>? attachments = message.AttachmentContent is { } content
                    ? [new EmailAttachment(message.AttachmentName!, message.AttachmentContentType!, content)]
                    : null;
                await sender.SendAsync(new EmailMessage(message.To, message.Subject, message.TextBody, message.HtmlBody, attachments), cancellationToken);
                sentAt = clock.GetUtcNow();
                sentEarlier[message.Id] = sentAt;
                message.MarkSent(sentAt);
                logger.LogInformation("Outbox message {MessageId} ({Kind}) sent", message.Id, message.Kind);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.MarkFailed(ex.GetType().Name, clock.GetUtcNow());
                logger.LogWarning("Outbox message {MessageId} ({Kind}) failed, attempt {Attempts}: {Error}", message.Id, message.Kind, message.Attempts, ex.GetType().Name);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return batch.Count;
    }
}
