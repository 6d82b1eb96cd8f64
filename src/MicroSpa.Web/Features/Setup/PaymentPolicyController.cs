using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Setup;

/// <summary>The cancellation and payment policy clients read when they book: edited by the Admin, published as versions.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/setup/payment-policy")]
public sealed class PaymentPolicyController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> PaymentPolicy([FromServices] PaymentPolicyVersions.Handler versions, CancellationToken cancellationToken) =>
        View(await versions.HandleAsync(cancellationToken));

    [HttpPost("")]
    public Task<IActionResult> PublishPaymentPolicy(
        [Bind(Prefix = "Form")] PublishPaymentPolicy.Command command, [FromServices] PublishPaymentPolicy.Handler handler,
        [FromServices] PaymentPolicyVersions.Handler versions, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            async () => await handler.HandleAsync(command, cancellationToken),
            _ => RedirectToAction(nameof(PaymentPolicy)),
            async () =>
            {
                // What was typed stays; the editor now starts from the current version.
                var page = await versions.HandleAsync(cancellationToken);
                command.BasedOnVersion = page.Current;
                return View(nameof(PaymentPolicy), page with { Form = command });
            },
            prefix: "Form",
            notice: version => $"Payment policy version {version} published. Clients read it from now on.");
}
