using MicroSpa.Web.Features.Shared;
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
    public async Task<IActionResult> Register(string? returnUrl, [FromServices] KeptTime.Handler kept, CancellationToken cancellationToken)
    {
        await this.ShowKeptTimeAsync(kept, returnUrl, cancellationToken);
        return View(new Register.Command { ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null });
    }

    [HttpPost("register")]
    [EnableRateLimiting(RateLimits.Account)]
    public Task<IActionResult> Register(
        Register.Command command, [FromServices] Register.Handler handler, [FromServices] KeptTime.Handler kept, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            async () => await handler.HandleAsync(command, cancellationToken),
            () => RedirectToAction(nameof(CheckEmail), new { returnUrl = Url.IsLocalUrl(command.ReturnUrl) ? command.ReturnUrl : null }),
            async () =>
            {
                await this.ShowKeptTimeAsync(kept, command.ReturnUrl, cancellationToken);
                return View(command);
            });

    /// <summary>After registering; with the time chosen before (its checkout address), what happens to it next.</summary>
    [HttpGet("check-email")]
    public async Task<IActionResult> CheckEmail(string? returnUrl, [FromServices] KeptTime.Handler kept, CancellationToken cancellationToken)
    {
        await this.ShowKeptTimeAsync(kept, returnUrl, cancellationToken, afterRegistering: true);
        return View();
    }

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
