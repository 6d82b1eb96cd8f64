using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.MyWallet;

/// <summary>The client's wallet, under My appointments: credits per package with their expiry, and the receipts of each.</summary>
[Authorize(Policy = Policies.Client)]
[Route("my/wallet")]
public sealed class MyWalletController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] MyWalletPage.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(cancellationToken));
}
