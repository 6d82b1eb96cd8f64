using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Payments;

/// <summary>
/// Stripe's webhook endpoint (configure https://clinic.example/payments/stripe/webhook in the Stripe dashboard): anyone may
/// post, only a body signed with the endpoint's secret is believed; a refused signature is a security event.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[Route("payments/stripe/webhook")]
public sealed class StripeWebhookController(ILogger<StripeWebhookController> logger) : Controller
{
    /// <summary>Stripe's events are a few kilobytes; a megabyte is a generous ceiling.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    [HttpPost]
    [RequestSizeLimit(MaxBodyBytes)]
    public async Task<IActionResult> Receive([FromServices] ReceiveStripeEvent.Handler handler, CancellationToken cancellationToken)
    {
        string payload;
        using (var reader = new StreamReader(Request.Body))
        {
            payload = await reader.ReadToEndAsync(cancellationToken);
        }

        switch (await handler.HandleAsync(payload, Request.Headers["Stripe-Signature"].ToString(), cancellationToken))
        {
            case ReceiveStripeEvent.Result.NotConfigured:
                return Problem(statusCode: StatusCodes.Status404NotFound, title: "This clinic takes no online payment.");
            case ReceiveStripeEvent.Result.BadSignature:
                SecurityEvents.Write(logger, HttpContext, SecurityEvents.WebhookSignatureRefused, StatusCodes.Status400BadRequest);
                return Problem(statusCode: StatusCodes.Status400BadRequest, title: "The Stripe-Signature header does not match this body.");
            case ReceiveStripeEvent.Result.Failed:
                return Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The event could not be taken now; send it again.");
            default:
                return Ok(new { received = true });
        }
    }
}
