using System.Net;
using System.Text.RegularExpressions;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Account;

/// <summary>Steps of the account pages as a person takes them, for the tests to compose.</summary>
internal static partial class AccountFlows
{
    public const string Password = "Sunscreen!30";

    public static Dictionary<string, string> Registration(string email, string password = Password) => new()
    {
        ["FirstName"] = "Olivia",
        ["LastName"] = "Bennett",
        ["Email"] = email,
        ["Phone"] = "555-0199",
        ["Password"] = password,
        ["ConfirmPassword"] = password,
    };

    public static Task<Page> RegisterAsync(WebSession session, string email, string password = Password) =>
        session.SubmitAsync("/account/register", Registration(email, password));

    public static Task<Page> SignInAsync(WebSession session, string email, string password = Password, string? returnUrl = null) =>
        session.SubmitAsync(returnUrl is null ? "/account/sign-in" : $"/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}",
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

    /// <summary>Finds the newest link in the newest email to the address (what a person would click).</summary>
    public static async Task<string> LinkFromEmailAsync(MicroSpaAppFactory app, string email, string subjectPart)
    {
        var message = (await app.EmailsToAsync(email)).First(m => m.Subject.Contains(subjectPart, StringComparison.Ordinal));
        var url = new Uri(LinkPattern().Match(message.TextBody).Value);
        return url.PathAndQuery;
    }

    public static async Task<WebSession> RegisteredAndConfirmedAsync(MicroSpaAppFactory app, Func<WebSession> newSession, string email)
    {
        var session = newSession();
        (await RegisterAsync(session, email)).Status.ShouldBe(HttpStatusCode.Redirect);
        var confirm = await session.GetAsync(await LinkFromEmailAsync(app, email, "Confirm"));
        confirm.Status.ShouldBe(HttpStatusCode.OK);
        return session;
    }

    /// <summary>
    /// A staff member with a confirmed account in the given role, signed in: with the authenticator code
    /// after the password (as staff must), unless the test is about the time before two-factor is set up.
    /// </summary>
    public static async Task<WebSession> SignedInStaffAsync(MicroSpaAppFactory app, Func<WebSession> newSession, string role, string? email = null, bool twoFactor = true)
    {
        email ??= $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}@clinic.test";
        string? key = null;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = role };
            (await users.CreateAsync(user, Password)).Succeeded.ShouldBeTrue();
            await users.AddToRoleAsync(user, role);
            if (twoFactor)
            {
                key = await TurnOnTwoFactorAsync(users, user);
            }
        }

        var session = newSession();
        if (key is null)
        {
            (await SignInAsync(session, email)).Status.ShouldBe(HttpStatusCode.Redirect);
        }
        else
        {
            await SignInWithCodeAsync(session, email, key);
        }

        return session;
    }

    /// <summary>What setting up the authenticator app does, done directly; returns the key the app would hold.</summary>
    public static async Task<string> TurnOnTwoFactorAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>
    /// Password, then the authenticator code; returns the final answer (a redirect to the landing page). A code
    /// works once, so when this account already used the current one (signed in moments ago) the next code the
    /// app will show is typed, as a person would after waiting for it.
    /// </summary>
    public static async Task<Page> SignInWithCodeAsync(WebSession session, string email, string key, string password = Password)
    {
        var first = await SignInAsync(session, email, password);
        first.Location.ShouldNotBeNull();
        first.Location.ShouldStartWith("/account/two-factor");
        var form = await session.GetAsync(first.Location);
        var done = await session.SubmitAsync(form, new Dictionary<string, string> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        for (var next = 1; next <= 2 && done.Status == HttpStatusCode.OK; next++)
        {
            done = await session.SubmitAsync(form, new Dictionary<string, string> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30 * next)) });
        }

        done.Status.ShouldBe(HttpStatusCode.Redirect);
        return done;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
