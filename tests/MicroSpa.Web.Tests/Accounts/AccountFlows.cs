using System.Net;
using System.Text.RegularExpressions;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Accounts;

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

    /// <summary>A staff member with a confirmed account in the given role, signed in.</summary>
    public static async Task<WebSession> SignedInStaffAsync(MicroSpaAppFactory app, Func<WebSession> newSession, string role, string? email = null, bool twoFactor = false)
    {
        email ??= $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}@clinic.test";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = role };
            (await users.CreateAsync(user, Password)).Succeeded.ShouldBeTrue();
            await users.AddToRoleAsync(user, role);
        }

        var session = newSession();
        (await SignInAsync(session, email)).Status.ShouldBe(HttpStatusCode.Redirect);
        return session;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
