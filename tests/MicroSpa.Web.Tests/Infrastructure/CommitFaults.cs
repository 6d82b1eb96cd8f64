using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace MicroSpa.Web.Tests.Infrastructure;

/// <summary>
/// Breaks one commit the way a lost connection does: either just before PostgreSQL commits (the work is
/// rolled back) or just after (the work is kept, but the app hears only an I/O error and cannot know).
/// Armed for the next commit of a unit whose change tracker matches <c>when</c>.
/// </summary>
public sealed class CommitFaults : DbTransactionInterceptor
{
    private Func<DbContext, bool>? _when;
    private bool _afterCommit;
    private int _fired;

    public int Fired => _fired;

    public void BreakNextCommit(Func<DbContext, bool> when, bool afterCommit)
    {
        _afterCommit = afterCommit;
        _fired = 0;
        _when = when;
    }

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (!_afterCommit)
        {
            Strike(eventData.Context);
        }

        return base.TransactionCommittingAsync(transaction, eventData, result, cancellationToken);
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (_afterCommit)
        {
            Strike(eventData.Context);
        }

        return base.TransactionCommittedAsync(transaction, eventData, cancellationToken);
    }

    private void Strike(DbContext? context)
    {
        var when = _when;
        if (when is not null && context is not null && when(context) && Interlocked.CompareExchange(ref _when, null, when) == when)
        {
            Interlocked.Increment(ref _fired);
            // What Npgsql throws when the socket dies mid-conversation: transient, so the strategy steps in.
            throw new NpgsqlException("Exception while reading from stream (injected)", new IOException("Connection reset (injected)"));
        }
    }
}
