using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace MicroSpa.Web.Features.Account;

/// <summary>A forgotten password: the emailed link, then a new password.</summary>
[AllowAnonymous]
[Route("account")]
public sealed class PasswordController : Controller
{
    [HttpGet("forgot-password")]
    public IActionResult ForgotPassword() => View(new ForgotPassword.Command());

    [HttpPost("forgot-password")]
    [EnableRateLimiting(RateLimits.Account)]
    public async Task<IActionResult> ForgotPassword(
        ForgotPassword.Command command, [FromServices] ForgotPassword.Handler handler, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(command);
        }

        await handler.HandleAsync(command, cancellationToken);
        return RedirectToAction(nameof(ForgotPasswordSent));
    }

    [HttpGet("forgot-password/sent")]
    public IActionResult ForgotPasswordSent() => View();

    [HttpGet("reset-password")]
    public IActionResult ResetPassword(string? email, string? code) =>
        View(new ResetPassword.Command { Email = email ?? string.Empty, Code = code ?? string.Empty });

    [HttpPost("reset-password")]
    [EnableRateLimiting(RateLimits.Account)]
    public Task<IActionResult> ResetPassword(ResetPassword.Command command, [FromServices] ResetPassword.Handler handler) =>
        this.AnswerFormAsync(
            async () => await handler.HandleAsync(command),
            () => RedirectToAction("SignIn", "Account"),
            () => Task.FromResult<IActionResult?>(View(command)),
            notice: "Your password is set. Sign in with it now.");
}
