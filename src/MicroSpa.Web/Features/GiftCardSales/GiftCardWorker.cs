namespace MicroSpa.Web.Features.GiftCardSales;

/// <summary>
/// Runs <see cref="DeliverGiftCards"/> and <see cref="SweepUnpaidGiftCardOrders"/> every Wallet:GiftCardMinutes (5) on every app instance (they share the work safely). Off
/// with Wallet:Worker=false, as in tests, which run the round themselves.
/// </summary>
public sealed class GiftCardWorker(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<GiftCardWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromMinutes(configuration.GetValue("Wallet:GiftCardMinutes", 5));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DeliverGiftCards.Handler>().RunAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<SweepUnpaidGiftCardOrders.Handler>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database away for a moment: the cards are looked at again at the next round.
                logger.LogWarning("Gift card round failed: {Error}", ex.GetType().Name);
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
