using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Infrastructure.Payments;

/// <summary>
/// Pages that exist only when the clinic takes online payments (Payments:Stripe:SecretKey set): without keys they answer
/// 404 as if they were not there. A resource filter runs before model binding, so a handler that needs Stripe's client
/// (resolvable only with keys) is never asked for.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class OnlinePaymentsOnlyAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        if (!context.HttpContext.RequestServices.GetRequiredService<IOptions<StripeOptions>>().Value.TakesOnlinePayments)
        {
            context.Result = new NotFoundResult();
        }
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
