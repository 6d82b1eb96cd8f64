namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// Gives back, every few minutes (Payments:DepositRetryMinutes, 5), the deposits that cancellations in time owe and that
/// are still held because the first refund failed (<see cref="DepositRefunds.RetryOwedAsync"/>). Runs on every app
/// instance; they share the work safely. Its own loop, so a slow Stripe never holds up reminders or the outbox.
/// </summary>
public sealed class DepositRefundWorker(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DepositRefundWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromMinutes(configuration.GetValue("Payments:DepositRetryMinutes", 5));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DepositRefunds>().RetryOwedAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database or Stripe away for a moment: the deposits stay held and are tried at the next round.
                logger.LogWarning("Deposit refund round failed: {Error}", ex.GetType().Name);
            }
        }
    }
}
