using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace MicroSpa.Web.Features.Arrival;

/// <summary>
/// The "I'm here" link of the day's reminder (decision 042), for clients with or without a portal account: the secret in
/// the address is the permission to check this one visit in and to give its screening and consent, nothing else. Opening
/// the page changes nothing (a mail scanner or a link preview opens it too); every change is a form post with the
/// antiforgery token.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Booking)]
[Route("here/{token}")]
public sealed class ArrivalController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string token, [FromServices] ArrivalPage.Handler pages, CancellationToken cancellationToken) =>
        await pages.HandleAsync(token, cancellationToken) is { } page ? Show(page) : NotValid();

    [HttpPost("")]
    public Task<IActionResult> CheckIn(
        string token, [FromServices] CheckInByLink.Handler handler, [FromServices] ArrivalPage.Handler pages, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(token, cancellationToken),
            () => RedirectToAction(nameof(Index), new { token }),
            async () => await pages.HandleAsync(token, cancellationToken) is { } page ? Show(page) : null);

    [HttpPost("screening")]
    public Task<IActionResult> Screening(
        string token, Shared.ScreeningAnswers command, [FromServices] AnswerScreeningByLink.Handler handler, [FromServices] ArrivalPage.Handler pages,
        CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(token, command, cancellationToken),
            () => RedirectToAction(nameof(Index), new { token }),
            async () => await pages.HandleAsync(token, cancellationToken) is { } page ? Show(page with { Answers = command.Answers }) : null);

    [HttpPost("consent")]
    public Task<IActionResult> Consent(
        string token, [Bind(Prefix = "Consent")] Shared.CheckInConsent.Command command, [FromServices] SignConsentByLink.Handler handler,
        [FromServices] ArrivalPage.Handler pages, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(
                token, command, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", Request.Headers.UserAgent.ToString(), cancellationToken),
            () => RedirectToAction(nameof(Index), new { token }),
            async () => await pages.HandleAsync(token, cancellationToken) is { } page ? Show(page with { Consent = command }) : null,
            prefix: "Consent");

    private ViewResult Show(ArrivalPage.Page page) => View(page.State switch
    {
        ArrivalPage.State.Screening => "Screening",
        ArrivalPage.State.Consent => "Consent",
        _ => "Index",
    }, page);

    /// <summary>Not ours, altered, expired or for a visit moved since: one page for all, which says what to do and names nothing.</summary>
    private ViewResult NotValid()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("NotValid");
    }
}
