using System.Net;
using MicroSpa.Web.Features.Account;
using MicroSpa.Web.Tests.Infrastructure;

namespace MicroSpa.Web.Tests.Accounts;

public sealed class SignInTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Email = "olivia@example.com";

    [Fact]
    public async Task A_confirmed_client_signs_in_sees_their_name_and_signs_out()
    {
        using var session = await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, Email);

        var result = await AccountFlows.SignInAsync(session, Email);

        result.Location.ShouldBe("/my/appointments");
        var home = await session.FollowAsync(result);
        home.Text.ShouldContain($"Signed in as {Email}");

        var signedOut = await session.SubmitAsync(home, new Dictionary<string, string>(), "/account/sign-out");
        signedOut.Location.ShouldBe("/");
        (await session.GetAsync("/")).Text.ShouldNotContain("Signed in as");
    }

    [Fact]
    public async Task Cannot_sign_in_before_confirming_the_email()
    {
        using var session = NewSession();
        await AccountFlows.RegisterAsync(session, Email);

        var page = await AccountFlows.SignInAsync(session, Email);

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Summary.ShouldContain(SignIn.Handler.EmailNotConfirmedMessage);
        page.Document.QuerySelector("a[href='/account/resend-confirmation']").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_message()
    {
        using var session = await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, Email);

        var wrongPassword = await AccountFlows.SignInAsync(session, Email, "Not!MyPassword1");
        var unknownEmail = await AccountFlows.SignInAsync(session, "nobody@example.com");

        wrongPassword.Summary.ShouldContain(SignIn.Handler.WrongCredentialsMessage);
        unknownEmail.Summary.ShouldContain(SignIn.Handler.WrongCredentialsMessage);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        using var session = await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, Email);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            (await AccountFlows.SignInAsync(session, Email, $"Wrong!Pass{attempt}")).Summary.ShouldContain(SignIn.Handler.WrongCredentialsMessage);
        }

        (await AccountFlows.SignInAsync(session, Email, "Wrong!Pass5")).Summary.ShouldContain(SignIn.Handler.LockedOutMessage);
        var right = await AccountFlows.SignInAsync(session, Email);

        right.Status.ShouldBe(HttpStatusCode.OK);
        right.Summary.ShouldContain(SignIn.Handler.LockedOutMessage);
    }

    [Fact]
    public async Task Empty_malformed_and_oversized_input_gets_field_messages()
    {
        using var session = NewSession();

        var empty = await AccountFlows.SignInAsync(session, "", "");
        var malformed = await AccountFlows.SignInAsync(session, "olivia.example.com", "x");
        var oversized = await AccountFlows.SignInAsync(session, new string('a', 300) + "@example.com", new string('p', 5000));

        empty.Status.ShouldBe(HttpStatusCode.OK);
        empty.FieldMessage("Email").ShouldBe("Enter your email address.");
        empty.FieldMessage("Password").ShouldBe("Enter your password.");
        malformed.FieldMessage("Email").ShouldBe("Enter an email address like name@example.com.");
        oversized.Status.ShouldBe(HttpStatusCode.OK);
        oversized.FieldMessage("Email").ShouldBe("An email address can be at most 254 characters.");
        oversized.FieldMessage("Password").ShouldBe("A password can be at most 128 characters.");
    }

    [Fact]
    public async Task Returns_to_the_page_asked_for_but_never_to_another_site()
    {
        using var session = await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, Email);

        var local = await AccountFlows.SignInAsync(session, Email, returnUrl: "/account/check-email");
        using var other = await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, "second@example.com");
        var offsite = await AccountFlows.SignInAsync(other, "second@example.com", returnUrl: "https://evil.example/steal");

        local.Location.ShouldBe("/account/check-email");
        offsite.Location.ShouldBe("/my/appointments");
    }

    [Fact]
    public async Task The_password_is_never_sent_back_in_the_page()
    {
        using var session = NewSession();

        var page = await AccountFlows.SignInAsync(session, "olivia.example.com", "My!Secret123");

        page.Html.ShouldNotContain("My!Secret123");
    }

    [Fact]
    public async Task Too_many_account_attempts_from_one_address_get_429_on_sign_in_registration_and_reset()
    {
        await using var limited = App.WithWebHostBuilder(b => b.UseSetting("RateLimits:AccountPerMinute", "3"));
        using var session = new WebSession(limited.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await AccountFlows.SignInAsync(session, "guess@example.com", $"Guess{i}!pass")).Status);
        }

        statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
        var blocked = await AccountFlows.SignInAsync(session, "guess@example.com", "Guess4!pass");
        blocked.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        (await AccountFlows.RegisterAsync(session, "new@example.com")).Status.ShouldBe(HttpStatusCode.TooManyRequests);
        (await session.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "guess@example.com" })).Status
            .ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
