using MicroSpa.Data;
using MicroSpa.Domain.Payments;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Stripe.Checkout;

namespace MicroSpa.Web.Features.MyCards;

/// <summary>
/// The client back from Stripe's card page: the session must be one MicroSpa opened for this client to save a card, and
/// Stripe must say it is complete. What the page says is Stripe's answer, not the address the browser came back to.
/// </summary>
public static class CardSaved
{
    public enum Result
    {
        Saved,
        NotSaved,
        Unreachable,
    }

    public sealed class Handler(MicroSpaDbContext db, CurrentClient currentClient, IStripeClient stripe, ILogger<Handler> logger)
    {
        /// <returns>Null when the session is not one of this client's card pages.</returns>
        public async Task<Result?> HandleAsync(string? sessionId, CancellationToken cancellationToken)
        {
            if (sessionId is not { Length: > 3 and <= ProviderIds.Length } || !sessionId.StartsWith("cs_", StringComparison.Ordinal))
            {
                return null;
            }

            var clientId = await currentClient.RequiredIdAsync(cancellationToken);
            if (!await db.OnlineCheckouts.AsNoTracking().AnyAsync(c => c.Id == sessionId && c.ClientId == clientId && c.Purpose == OnlinePurpose.SaveCard, cancellationToken))
            {
                return null;
            }

            try
            {
                var session = await new SessionService(stripe).GetAsync(sessionId, null, null, cancellationToken);
                return session.Status == "complete" ? Result.Saved : Result.NotSaved;
            }
            catch (Exception e) when (StripeFailures.IsFailure(e, cancellationToken))
            {
                logger.LogWarning("Card-saving page {SessionId} could not be read from Stripe: {Error}", sessionId, e.GetType().Name);
                return Result.Unreachable;
            }
        }
    }
}
