using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Payments;
using MicroSpa.Web.Infrastructure.Validation;
using Stripe;

namespace MicroSpa.Web.Features.MyCards;

/// <summary>
/// Removes a saved card (detached from the client's customer at Stripe), after a confirmation page that names it. Only a
/// card of the client's own customer is removed: another's id, or one Stripe does not know, is "not found". Removing a
/// card already removed (a double tap, a second tab) is done, with nothing more to do.
/// </summary>
public static class RemoveCard
{
    public sealed class Handler(CurrentClient currentClient, SavedCards cards, IStripeClient stripe, ILogger<Handler> logger)
    {
        /// <summary>The card to confirm; null when it is not one of the client's saved cards.</summary>
        public async Task<Outcome<SavedCards.Card?>?> CardAsync(string paymentMethodId, CancellationToken cancellationToken)
        {
            if (!SavedCards.LooksLikePaymentMethod(paymentMethodId))
            {
                return null;
            }

            var clientId = await currentClient.RequiredIdAsync(cancellationToken);
            try
            {
                return await cards.OneAsync(clientId, paymentMethodId, cancellationToken) is { } card ? Outcome<SavedCards.Card?>.Done(card) : null;
            }
            catch (Exception e) when (StripeFailures.IsFailure(e, cancellationToken))
            {
                logger.LogWarning("Saved card {PaymentMethodId} could not be read from Stripe: {Error}", paymentMethodId, e.GetType().Name);
                return Outcome.Fail(AddCard.Unreachable.Replace("Nothing was saved", "Nothing was removed", StringComparison.Ordinal));
            }
        }

        /// <returns>Null when the card is not the client's.</returns>
        public async Task<Outcome?> HandleAsync(string paymentMethodId, CancellationToken cancellationToken)
        {
            if (!SavedCards.LooksLikePaymentMethod(paymentMethodId))
            {
                return null;
            }

            var clientId = await currentClient.RequiredIdAsync(cancellationToken);
            if (await cards.CustomerAsync(clientId, cancellationToken) is not { } customer)
            {
                return null;
            }

            var service = new PaymentMethodService(stripe);
            try
            {
                var method = await service.GetAsync(paymentMethodId, null, null, cancellationToken);
                if (method.CustomerId is null)
                {
                    // Removed already (Stripe keeps no owner once detached): nothing to do, and nothing said about whose it was.
                    return Outcome.Success;
                }

                if (method.CustomerId != customer)
                {
                    return null;
                }

                await service.DetachAsync(paymentMethodId, null, new RequestOptions { IdempotencyKey = $"microspa-detach-{paymentMethodId}" }, cancellationToken);
            }
            catch (StripeException e) when (e.StripeError?.Code == "resource_missing")
            {
                return null;
            }
            catch (Exception e) when (StripeFailures.IsFailure(e, cancellationToken))
            {
                logger.LogWarning("Saved card {PaymentMethodId} could not be removed at Stripe: {Error}", paymentMethodId, e.GetType().Name);
                return Outcome.Fail(AddCard.Unreachable.Replace("Nothing was saved", "Nothing was removed", StringComparison.Ordinal));
            }

            logger.LogInformation("Saved card {PaymentMethodId} of client {ClientId} removed", paymentMethodId, clientId);
            return Outcome.Success;
        }
    }
}
