namespace MicroSpa.Web.Features.Booking;

/// <summary>
/// Runs <see cref="SellSeries"/>'s round every Wallet:SeriesSaleMinutes (15) on every app instance (each sale under its
/// appointment's lock, once by its payment): a series paid online after the day was closed is sold on the next clinic day. Off
/// with Wallet:Worker=false, as in tests, which run the round themselves.
/// </summary>
public sealed class SeriesSaleWorker(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<SeriesSaleWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromMinutes(configuration.GetValue("Wallet:SeriesSaleMinutes", 15));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SellSeries.Handler>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database away for a moment: the series waiting are looked at again at the next round.
                logger.LogWarning("Series sale round failed: {Error}", ex.GetType().Name);
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
