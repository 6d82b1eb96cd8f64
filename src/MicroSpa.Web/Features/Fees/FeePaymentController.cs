using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Fees;

/// <summary>
/// Where Stripe sends a client back after the fee link's page (they may not be signed in: the link came by email). The
/// session id is Stripe's unguessable cs_…; the page says only whether the fee is paid and how much.
/// </summary>
[AllowAnonymous]
[OnlinePaymentsOnly]
[Route("fees")]
public sealed class FeePaymentController : Controller
{
    [HttpGet("paid")]
    public async Task<IActionResult> Paid([FromQuery(Name = "session_id")] string? sessionId, [FromServices] FeeReturn.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(sessionId, cancellationToken) is { } answer ? View(answer) : NotFound();
}
