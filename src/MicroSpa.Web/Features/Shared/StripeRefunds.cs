using MicroSpa.Data.Billing;
using MicroSpa.Domain;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.Extensions.Options;
using Stripe;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// Money back through Stripe (a Refund of a payment intent, in minor units, with an idempotency key): the ledger's
/// <see cref="ProviderRefund"/> for the desk's refunds of online payments, and the deposits given back on a
/// cancellation. Stripe's refusal, or Stripe out of reach, becomes a <see cref="DomainException"/> in plain words, so
/// the caller writes nothing.
/// </summary>
public sealed class StripeRefunds(IOptions<StripeOptions> options, IServiceProvider services, ILogger<StripeRefunds> logger)
{
    /// <summary>Null when the clinic takes no online payment (no secret key): an online payment is then refunded in Stripe's dashboard.</summary>
    public ProviderRefund? Provider => options.Value.TakesOnlinePayments ? RefundAsync : null;

    public async Task<string> RefundAsync(string paymentIntentId, Money amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        // Stripe's client is resolvable only with a secret key (ServiceRegistration): asked for here, once it is known to be on.
        var stripe = services.GetRequiredService<IStripeClient>();
        Refund refund;
        try
        {
            refund = await new RefundService(stripe).CreateAsync(
                new RefundCreateOptions
                {
                    PaymentIntent = paymentIntentId,
                    Amount = StripeAmounts.ToMinor(amount),
                    Metadata = new Dictionary<string, string> { ["microspa"] = "refund" },
                },
                new RequestOptions { IdempotencyKey = idempotencyKey },
                cancellationToken);
        }
        catch (StripeException e)
        {
            logger.LogWarning("Stripe refused a refund of {PaymentIntentId}: {StripeCode} ({StatusCode})", paymentIntentId, e.StripeError?.Code, (int)e.HttpStatusCode);
            throw new DomainException(e.StripeError?.Message is { Length: > 0 } message
                ? $"Stripe refused the refund: {message}"
                : "Stripe could not be reached: nothing was refunded. Try again in a moment.");
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("Stripe could not be reached for a refund of {PaymentIntentId}: {Error}", paymentIntentId, e.GetType().Name);
            throw new DomainException("Stripe could not be reached: nothing was refunded. Try again in a moment.");
        }

        if (refund.Status is not ("succeeded" or "pending"))
        {
            logger.LogWarning("Stripe's refund {RefundId} of {PaymentIntentId} is {Status}", refund.Id, paymentIntentId, refund.Status);
            throw new DomainException($"Stripe did not refund it (the refund is {refund.Status}): look at the payment in Stripe's dashboard.");
        }

        return refund.Id;
    }
}
