using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace MicroSpa.Web.Features.GiftCardSales;

/// <summary>Buying a gift card online (decision 048): open to visitors and signed-in clients; paid on Stripe's hosted page.</summary>
[AllowAnonymous]
[Route("gift-cards")]
public sealed class GiftCardShopController : Controller
{
    [HttpGet("buy")]
    public async Task<IActionResult> Index([FromServices] BuyGiftCard.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.FormAsync(null, cancellationToken));

    [HttpPost("buy")]
    [EnableRateLimiting(RateLimits.GiftCardShop)]
    public Task<IActionResult> Buy([Bind(Prefix = "Command")] BuyGiftCard.Command command, [FromServices] BuyGiftCard.Handler handler, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            async () => await handler.HandleAsync(command, cancellationToken),
            url => Redirect(url),
            async () => View(nameof(Index), await handler.FormAsync(command, cancellationToken)),
            prefix: "Command");

    /// <summary>Where Stripe sends the buyer back: what the order came to, as the webhook recorded it (this page issues nothing).</summary>
    [HttpGet("bought/{orderId:guid}")]
    public async Task<IActionResult> Bought(Guid orderId, [FromServices] GiftCardOrderStatus.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(orderId, cancellationToken) is { } status ? View(status) : NotFound();
}
