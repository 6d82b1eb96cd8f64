using MicroSpa.Data;
using MicroSpa.Domain.Messaging;
using MicroSpa.Web.Infrastructure.Email;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// Puts an email into the outbox in the caller's unit of work: it is saved by the same SaveChanges as
/// the booking, signature or offer it is about, so either both are stored or neither is. The
/// dispatcher sends it (retrying on failure), woken at once by <see cref="OutboxSignal"/>.
/// </summary>
public sealed class OutboxQueue(MicroSpaDbContext db, TimeProvider clock)
{
    public OutboxMessage Add(string key, string kind, EmailMessage message)
    {
        var now = clock.GetUtcNow();
        var outbox = new OutboxMessage(key, kind, message.To, message.Subject, message.TextBody, message.HtmlBody, now, now);
        if (message.Attachments is { Count: > 0 } attachments)
        {
            // One attachment is all MicroSpa sends (a calendar file); more would need a table of their own.
            var attachment = attachments.Single();
            outbox.Attach(attachment.FileName, attachment.ContentType, attachment.Content);
        }

        db.Outbox.Add(outbox);
        return outbox;
    }
}

/// <summary>
/// Wakes this instance's dispatcher when a SaveChanges has stored a new outbox message, so a booking
/// confirmation goes out within a moment instead of at the next polling round. Other instances find
/// the message at their next round; whichever claims it first sends it.
/// </summary>
public sealed class OutboxSignal : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        // Inside a transaction the message is not visible to the dispatcher yet: wake it at the commit.
        if (eventData.Context?.Database.CurrentTransaction is null && HasNewMessage(eventData.Context))
        {
            Wake();
        }

        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (HasNewMessage(eventData.Context))
        {
            Wake();
        }
    }

    private static bool HasNewMessage(DbContext? context) =>
        context?.ChangeTracker.Entries<OutboxMessage>().Any(e => e.Entity.Status == OutboxStatus.Pending && e.Entity.Attempts == 0) == true;

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the dispatcher will look once and find every new message.
        }
    }

    /// <summary>Waits for a wake-up or the pause, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan pause, CancellationToken cancellationToken) =>
        await _signal.WaitAsync(pause, cancellationToken);
}
