using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Import;

/// <summary>
/// Removes the uploaded files whose day is over (decision 043, amended by 050): a confirmed upload is removed by its
/// confirm; one never confirmed is removed here, within the hour after it expires, upload or none. Run by
/// <see cref="UploadSweepWorker"/>; the tests run it themselves.
/// </summary>
public static class SweepUploads
{
    public sealed class Handler(MicroSpaDbContext db, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>How many uploads were removed.</returns>
        public async Task<int> HandleAsync(CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var removed = await db.ImportUploads.Where(u => u.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
            if (removed > 0)
            {
                logger.LogInformation("{Removed} expired import uploads removed", removed);
            }

            return removed;
        }
    }
}

/// <summary>Runs <see cref="SweepUploads"/> every hour; off in the tests.</summary>
public sealed class UploadSweepWorker(IServiceScopeFactory scopes, ILogger<UploadSweepWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SweepUploads.Handler>().HandleAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Import upload sweep failed: {Error}", ex.GetType().Name);
            }

            try
            {
                await Task.Delay(TimeSpan.FromHours(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
