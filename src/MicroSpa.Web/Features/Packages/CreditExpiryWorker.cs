namespace MicroSpa.Web.Features.Packages;

/// <summary>
/// Runs <see cref="ExpireCredits"/> every Wallet:ExpiryMinutes (60) on every app instance (they share the work safely: each lot
/// is decided under its lock). Off with Wallet:Worker=false, as in tests, which run the round themselves.
/// </summary>
public sealed class CreditExpiryWorker(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<CreditExpiryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromMinutes(configuration.GetValue("Wallet:ExpiryMinutes", 60));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ExpireCredits.Handler>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database away for a moment: the credits are looked at again at the next round.
                logger.LogWarning("Wallet expiry round failed: {Error}", ex.GetType().Name);
            }

            try
            {
                await Task.Delay(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
