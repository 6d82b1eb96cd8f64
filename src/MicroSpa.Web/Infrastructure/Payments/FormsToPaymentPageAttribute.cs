using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Infrastructure.Payments;

/// <summary>
/// The page's forms may lead to Stripe's hosted page (confirming a deposit, paying a held booking): the post's redirect
/// there is allowed by the Content-Security-Policy's form-action, for Stripe Checkout's origin (or the stand-in's).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class FormsToPaymentPageAttribute : Attribute, IResultFilter
{
    /// <summary>Where Stripe Checkout's hosted pages live.</summary>
    public const string StripeCheckout = "https://checkout.stripe.com";

    public void OnResultExecuting(ResultExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stripe = context.HttpContext.RequestServices.GetRequiredService<IOptions<StripeOptions>>().Value;
        if (!stripe.TakesOnlinePayments)
        {
            return;
        }

        var origin = string.IsNullOrWhiteSpace(stripe.ApiBase) ? StripeCheckout : new Uri(stripe.ApiBase).GetLeftPart(UriPartial.Authority);
        SecurityHeaders.AllowFormsTo(context.HttpContext, origin);
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
