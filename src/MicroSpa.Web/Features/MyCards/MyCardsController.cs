using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.MyCards;

/// <summary>The client's cards on file, under My appointments: list, add (Stripe's hosted page), remove. Absent without online payments.</summary>
[Authorize(Policy = Policies.Client)]
[OnlinePaymentsOnly]
[Route("my/cards")]
public sealed class MyCardsController : Controller
{
    public const string SavedNotice = "Your card is saved, nothing is charged today.";

    /// <summary>The list, whose "Add a card" form leads to Stripe's hosted setup page.</summary>
    [HttpGet("")]
    [FormsToPaymentPage]
    public async Task<IActionResult> Index([FromServices] CardsPage.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(cancellationToken));

    [HttpPost("add")]
    public async Task<IActionResult> Add(Guid? submissionId, [FromServices] AddCard.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(await handler.HandleAsync(submissionId, cancellationToken), url => Redirect(url), refused: () => RedirectToAction(nameof(Index)));

    /// <summary>Stripe's success_url: what the page says is Stripe's answer about the session.</summary>
    [HttpGet("saved")]
    public async Task<IActionResult> Saved([FromQuery(Name = "session_id")] string? sessionId, [FromServices] CardSaved.Handler handler, CancellationToken cancellationToken)
    {
        switch (await handler.HandleAsync(sessionId, cancellationToken))
        {
            case null:
                return NotFound();
            case CardSaved.Result.Saved:
                TempData[OutcomeAnswers.Notice] = SavedNotice;
                break;
            case CardSaved.Result.NotSaved:
                TempData[OutcomeAnswers.Problem] = "Your card was not saved. Nothing was charged. Try again with Add a card.";
                break;
            default:
                TempData[OutcomeAnswers.Problem] = "We cannot confirm your card just now; if you finished on the card page it will appear here shortly.";
                break;
        }

        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{paymentMethodId}/remove")]
    public async Task<IActionResult> Remove(string paymentMethodId, [FromServices] RemoveCard.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(await handler.CardAsync(paymentMethodId, cancellationToken), card => View(card), refused: () => RedirectToAction(nameof(Index)));

    [HttpPost("{paymentMethodId}/remove")]
    public async Task<IActionResult> RemovePost(string paymentMethodId, [FromServices] RemoveCard.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(await handler.HandleAsync(paymentMethodId, cancellationToken), () => RedirectToAction(nameof(Index)), notice: "The card is removed.");
}
