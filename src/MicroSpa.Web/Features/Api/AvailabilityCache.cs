using System.Data.Common;
using System.Runtime.CompilerServices;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MicroSpa.Web.Features.Api;

/// <summary>
/// The public API's answers are kept for a few seconds (output caching): a clinic's website asks for the
/// same service and weeks again and again, and computing open times is the dearest read MicroSpa does.
/// Any saved change to what open times depend on (appointments, time off, shifts, providers, services,
/// rooms, devices, the booking policy) drops them on this instance as soon as it is committed; another
/// instance's copy lives out its seconds. A slot shown a moment too long costs nothing: booking it checks
/// again, and PostgreSQL refuses an overlap.
/// </summary>
public sealed class AvailabilityCache(IOutputCacheStore store) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public const string Policy = "public-api-cache";
    public const string Tag = "availability";

    private static readonly Type[] Inputs =
        [typeof(Appointment), typeof(WorkingHours), typeof(TimeOff), typeof(ExtraShift), typeof(OutOfService), typeof(Provider), typeof(Service), typeof(Room), typeof(Device), typeof(BookingPolicy)];

    /// <summary>Contexts whose current transaction changed an input (evicted when it commits).</summary>
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    /// <summary>PublicApi:CacheSeconds (default 10) keeps each answer; 0 computes every answer.</summary>
    public static void AddPolicy(OutputCacheOptions options, IConfiguration configuration)
    {
        var seconds = configuration.GetValue("PublicApi:CacheSeconds", 10);
        options.AddPolicy(Policy, policy =>
        {
            if (seconds <= 0)
            {
                policy.NoCache();
                return;
            }

            policy.Expire(TimeSpan.FromSeconds(seconds)).SetVaryByQuery("serviceId", "from", "to", "providerId").Tag(Tag);
        });
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && Array.IndexOf(Inputs, e.Metadata.ClrType) >= 0))
        {
            _pending.AddOrUpdate(context, this);
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            await EvictIfPendingAsync(context, cancellationToken);
        }

        return await base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            await EvictIfPendingAsync(context, cancellationToken);
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            EvictIfPendingAsync(context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // Nothing was kept; a retry marks it again.
        if (eventData.Context is { } context)
        {
            _pending.Remove(context);
        }

        return Task.CompletedTask;
    }

    private async ValueTask EvictIfPendingAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (_pending.Remove(context))
        {
            await store.EvictByTagAsync(Tag, cancellationToken);
        }
    }
}
