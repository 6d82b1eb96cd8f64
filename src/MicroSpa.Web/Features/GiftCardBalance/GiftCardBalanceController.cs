using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace MicroSpa.Web.Features.GiftCardBalance;

/// <summary>The gift card balance lookup: open to anyone with a code, rate limited per address (decision 048).</summary>
[AllowAnonymous]
[Route("gift-cards/balance")]
public sealed class GiftCardBalanceController : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View(new GiftCardBalancePage(new CheckGiftCardBalance.Query(), null));

    [HttpPost("")]
    [EnableRateLimiting(RateLimits.GiftCardLookup)]
    public async Task<IActionResult> Check(CheckGiftCardBalance.Query query, [FromServices] CheckGiftCardBalance.Handler handler, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), new GiftCardBalancePage(query, null));
        }

        if (await handler.HandleAsync(query, cancellationToken) is not { } found)
        {
            ModelState.AddModelError(nameof(query.Code), CheckGiftCardBalance.NotFound);
            return View(nameof(Index), new GiftCardBalancePage(query, null));
        }

        // The code is not echoed back into the form: the page says which card (its last four) and what is left.
        return View(nameof(Index), new GiftCardBalancePage(new CheckGiftCardBalance.Query(), found));
    }
}

public sealed record GiftCardBalancePage(CheckGiftCardBalance.Query Form, CheckGiftCardBalance.Result? Found);
