using System.Net;
using System.Text;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Shared;

/// <summary>The account emails (confirm, reset, staff and client invitations) with their one-time links.</summary>
public sealed class AccountEmails(
    UserManager<ApplicationUser> users,
    IEmailSender sender,
    PublicLinks links,
    IOptions<ClinicOptions> clinic,
    ILogger<AccountEmails> logger)
{
    public async Task<bool> SendConfirmationAsync(ApplicationUser user, string? returnUrl, CancellationToken cancellationToken)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var local = returnUrl is { Length: > 1 } && returnUrl[0] == '/' && returnUrl[1] is not '/' and not '\\' ? returnUrl : null;
        var url = Link("ConfirmEmail", "Registration", new { userId = user.Id, code, returnUrl = local });
        return await SendAsync(user, "Confirm your email address",
            "Welcome! Confirm your email address to finish creating your account:", "Confirm my email", url, cancellationToken);
    }

    public async Task<bool> SendPasswordResetAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var url = Link("ResetPassword", "Password", new { email = user.Email, code });
        return await SendAsync(user, "Reset your password",
            "Someone asked to reset the password of your account. If it was you, choose a new password here:",
            "Choose a new password", url, cancellationToken);
    }

    /// <summary>Someone registered with the address of an existing account: its owner hears, the form said nothing.</summary>
    public async Task<bool> SendRegistrationAttemptAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        var url = Link("SignIn", "Account", new { });
        return await SendAsync(user, "Someone tried to register with your email address",
            "Someone just tried to create a new account with your email address. You already have an account: sign in with it (the sign-in page also lets you choose a new password if you forgot yours). If it was not you, nothing has changed and you need do nothing.",
            "Sign in", url, cancellationToken);
    }

    public async Task<bool> SendStaffInvitationAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var url = Link("ResetPassword", "Password", new { email = user.Email, code });
        return await SendAsync(user, $"Your {clinic.Value.Name} staff account",
            "An administrator created a staff account for you. Choose your password to start:",
            "Choose my password", url, cancellationToken);
    }

    public async Task<bool> SendPortalInvitationAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var url = Link("ResetPassword", "Password", new { email = user.Email, code });
        return await SendAsync(user, "Your online account",
            $"{clinic.Value.Name} invites you to manage your appointments online: book, reschedule or cancel, and read your aftercare. Choose your password to start:",
            "Choose my password", url, cancellationToken);
    }

    public static string Decode(string code) => Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>On the configured public address: never the Host header of the request that asked for the email.</summary>
    private string Link(string action, string controller, object values) => links.Action(action, controller, values);

    private async Task<bool> SendAsync(
        ApplicationUser user, string subject, string intro, string buttonText, string url, CancellationToken cancellationToken)
    {
        var name = clinic.Value.Name;
        var text = $"""
            Hello {user.DisplayName},

            {intro}
            {url}

            If you did not expect this email, you can ignore it.

            {name}
            """;
        var html = $"""
            <p>Hello {WebUtility.HtmlEncode(user.DisplayName)},</p>
            <p>{WebUtility.HtmlEncode(intro)}</p>
            <p><a href="{WebUtility.HtmlEncode(url)}">{WebUtility.HtmlEncode(buttonText)}</a></p>
            <p>If you did not expect this email, you can ignore it.</p>
            <p>{WebUtility.HtmlEncode(name)}</p>
            """;
        try
        {
            await sender.SendAsync(new EmailMessage(user.Email!, $"{name}: {subject}", text, html), cancellationToken);
            logger.LogInformation("Sent '{Subject}' to account {UserId}", subject, user.Id);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The account change stands; the person can ask for the email again.
            logger.LogError(ex, "Could not send '{Subject}' to account {UserId}", subject, user.Id);
            return false;
        }
    }
}
