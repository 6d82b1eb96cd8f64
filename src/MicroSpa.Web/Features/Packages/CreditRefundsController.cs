using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Packages;

/// <summary>The Admin refunds a client's unused package credits by the rule, from the client's profile (decision 057).</summary>
[Authorize(Policy = Policies.Admin)]
[Route("front-desk/clients/{clientId:guid}/packages/{lotId:guid}/refund")]
[FollowsMergedClient("clientId")]
public sealed class CreditRefundsController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> CreditRefund(Guid clientId, Guid lotId, [FromServices] CreditRefundPage.Handler page, CancellationToken cancellationToken) =>
        await page.HandleAsync(clientId, lotId, null, cancellationToken) is { } shown ? View(shown) : NotFound();

    [HttpPost("")]
    public Task<IActionResult> RefundCredits(
        Guid clientId, Guid lotId, [Bind(Prefix = "Form")] RefundUnusedCredits.Command command, [FromServices] RefundUnusedCredits.Handler handler,
        [FromServices] CreditRefundPage.Handler page, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(clientId, lotId, command, cancellationToken),
            () => Redirect($"/front-desk/clients/{clientId}"),
            async () => await page.HandleAsync(clientId, lotId, command, cancellationToken) is { } shown ? View(nameof(CreditRefund), shown) : null,
            prefix: "Form", notice: "Unused credits refunded.");
}
