using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace MicroSpa.Web.Features.Account;

/// <summary>A client creates an online account and confirms the email address.</summary>
[AllowAnonymous]
[Route("account")]
public sealed class RegistrationController : Controller
{
    [HttpGet("register")]
    public IActionResult Register(string? returnUrl) =>
        View(new Register.Command { ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null });

    [HttpPost("register")]
    [EnableRateLimiting(RateLimits.Account)]
    public Task<IActionResult> Register(
        Register.Command command, [FromServices] Register.Handler handler, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            async () => await handler.HandleAsync(command, cancellationToken),
            () => RedirectToAction(nameof(CheckEmail)),
            () => Task.FromResult<IActionResult?>(View(command)));

    [HttpGet("check-email")]
    public IActionResult CheckEmail() => View();

    [HttpGet("confirm-email")]
    public async Task<IActionResult> ConfirmEmail(Guid userId, string? code, string? returnUrl, [FromServices] ConfirmEmail.Handler handler)
    {
        var confirmed = await handler.HandleAsync(userId, code);
        if (!confirmed)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        ViewData["ReturnUrl"] = Url.IsLocalUrl(returnUrl) ? returnUrl : null;
        return View(confirmed);
    }

    [HttpGet("resend-confirmation")]
    public IActionResult ResendConfirmation() => View(new ResendConfirmation.Command());

    [HttpPost("resend-confirmation")]
    [EnableRateLimiting(RateLimits.Account)]
    public async Task<IActionResult> ResendConfirmation(
        ResendConfirmation.Command command, [FromServices] ResendConfirmation.Handler handler, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(command);
        }

        await handler.HandleAsync(command, cancellationToken);
        return RedirectToAction(nameof(CheckEmail));
    }
}
