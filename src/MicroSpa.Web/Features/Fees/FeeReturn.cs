using MicroSpa.Domain.Payments;
using MicroSpa.Web.Infrastructure.Payments;
using Stripe;
using Stripe.Checkout;

namespace MicroSpa.Web.Features.Fees;

/// <summary>The client back from the fee link's page: Stripe is asked about the session, and a paid one is recorded (once).</summary>
public static class FeeReturn
{
    public sealed class Handler(RecordFeeLinkPayment.Handler record, IStripeClient stripe, ILogger<Handler> logger)
    {
        /// <returns>
        /// Null when the session is not a fee page MicroSpa opened; <see cref="RecordFeeLinkPayment.Result.Unknown"/> when Stripe
        /// cannot be asked now (reading the session, its payment or its charge): the client's page says so rather than fail, and
        /// Stripe's webhook, which does fail and is sent again, records a payment once Stripe answers.
        /// </returns>
        public async Task<RecordFeeLinkPayment.Answer?> HandleAsync(string? sessionId, CancellationToken cancellationToken)
        {
            if (sessionId is not { Length: > 3 and <= ProviderIds.Length } || !sessionId.StartsWith("cs_", StringComparison.Ordinal))
            {
                return null;
            }

            Session session;
            try
            {
                session = await new SessionService(stripe).GetAsync(sessionId, null, null, cancellationToken);
            }
            catch (StripeException e) when (e.StripeError?.Code == "resource_missing")
            {
                return null;
            }
            catch (Exception e) when (StripeFailures.IsFailure(e, cancellationToken))
            {
                return Unknown(sessionId, e);
            }

            try
            {
                return await record.RecordAsync(session, cancellationToken);
            }
            catch (Exception e) when (StripeFailures.IsFailure(e, cancellationToken))
            {
                return Unknown(sessionId, e);
            }
        }

        private RecordFeeLinkPayment.Answer Unknown(string sessionId, Exception e)
        {
            logger.LogWarning("Fee page {SessionId} could not be checked with Stripe: {Error}", sessionId, e.GetType().Name);
            return new RecordFeeLinkPayment.Answer(RecordFeeLinkPayment.Result.Unknown, 0m, string.Empty);
        }
    }
}
