using System.Net;
using MicroSpa.Web.Features.Account;
using MicroSpa.Web.Tests.Infrastructure;

namespace MicroSpa.Web.Tests.Account;

public sealed class PasswordResetTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Email = "olivia@example.com";
    private const string NewPassword = "Collagen!2026";

    [Fact]
    public async Task A_forgotten_password_is_replaced_through_the_emailed_link()
    {
        using var session = await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, Email);

        var sent = await session.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = Email });
        sent.Location.ShouldBe("/account/forgot-password/sent");
        var link = await AccountFlows.LinkFromEmailAsync(App, Email, "Reset your password");
        var reset = await session.SubmitAsync(link, new Dictionary<string, string>
        {
            ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword,
        });

        reset.Location.ShouldBe("/account/sign-in");
        (await AccountFlows.SignInAsync(session, Email, AccountFlows.Password)).Summary.ShouldContain(SignIn.Handler.WrongCredentialsMessage);
        (await AccountFlows.SignInAsync(session, Email, NewPassword)).Location.ShouldBe("/my/appointments");
    }

    [Fact]
    public async Task A_reset_link_works_only_once()
    {
        using var session = await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, Email);
        await session.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = Email });
        var link = await AccountFlows.LinkFromEmailAsync(App, Email, "Reset your password");
        var fields = new Dictionary<string, string> { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword };
        await session.SubmitAsync(link, fields);

        var again = await session.SubmitAsync(link, new Dictionary<string, string>
        {
            ["Password"] = "Another!Pass9", ["ConfirmPassword"] = "Another!Pass9",
        });

        again.Status.ShouldBe(HttpStatusCode.OK);
        again.Summary.ShouldContain(ResetPassword.Handler.ExpiredMessage);
        (await AccountFlows.SignInAsync(session, Email, NewPassword)).Location.ShouldBe("/my/appointments");
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_and_no_mail()
    {
        using var session = NewSession();

        var sent = await session.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "nobody@example.com" });

        sent.Location.ShouldBe("/account/forgot-password/sent");
        (await App.EmailsToAsync("nobody@example.com")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Bad_input_on_the_reset_forms_gets_field_messages()
    {
        using var session = NewSession();

        var forgot = await session.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "nope" });
        var reset = await session.SubmitAsync("/account/reset-password?email=olivia%40example.com&code=abc",
            new Dictionary<string, string> { ["Password"] = "short", ["ConfirmPassword"] = "other" });
        var noCode = await session.SubmitAsync("/account/reset-password",
            new Dictionary<string, string> { ["Email"] = Email, ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword });

        forgot.FieldMessage("Email").ShouldBe("Enter an email address like name@example.com.");
        reset.FieldMessage("Password").ShouldBe("Use at least 8 characters.");
        reset.FieldMessage("ConfirmPassword").ShouldBe("The two passwords do not match.");
        noCode.FieldMessage("Code").ShouldBe("This link is incomplete. Open the link from the email again.");
    }

    [Fact]
    public async Task Resetting_the_password_lifts_a_lockout()
    {
        using var session = await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, Email);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await AccountFlows.SignInAsync(session, Email, $"Wrong!Pass{attempt}");
        }

        await session.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = Email });
        var link = await AccountFlows.LinkFromEmailAsync(App, Email, "Reset your password");
        await session.SubmitAsync(link, new Dictionary<string, string> { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword });

        (await AccountFlows.SignInAsync(session, Email, NewPassword)).Location.ShouldBe("/my/appointments");
    }
}
