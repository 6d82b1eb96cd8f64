using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Account;

public sealed class RegistrationTests(WebAppFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task Registering_creates_a_client_with_an_unconfirmed_account_and_emails_a_confirmation_link()
    {
        using var session = NewSession();

        var result = await AccountFlows.RegisterAsync(session, "olivia@example.com");

        result.Location.ShouldBe("/account/check-email");
        await using var db = Database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.Email == "olivia@example.com");
        user.EmailConfirmed.ShouldBeFalse();
        var client = await db.Clients.SingleAsync(c => c.UserId == user.Id);
        client.FullName.ShouldBe("Olivia Bennett");
        client.Phone.ShouldBe("555-0199");
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
        roles.ShouldBe([Roles.Client]);
        var mail = (await App.EmailsToAsync("olivia@example.com")).ShouldHaveSingleItem();
        mail.Subject.ShouldContain("Confirm your email");
        mail.TextBody.ShouldContain("/account/confirm-email?userId=");
    }

    [Fact]
    public async Task The_confirmation_link_confirms_the_email()
    {
        using var session = NewSession();
        await AccountFlows.RegisterAsync(session, "olivia@example.com");

        var page = await session.GetAsync(await AccountFlows.LinkFromEmailAsync(App, "olivia@example.com", "Confirm"));

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Text.ShouldContain("Your email is confirmed");
        await using var db = Database.CreateContext();
        (await db.Users.SingleAsync()).EmailConfirmed.ShouldBeTrue();
    }

    [Fact]
    public async Task A_tampered_confirmation_link_is_refused_with_a_clear_page()
    {
        using var session = NewSession();
        await AccountFlows.RegisterAsync(session, "olivia@example.com");
        var link = await AccountFlows.LinkFromEmailAsync(App, "olivia@example.com", "Confirm");

        var page = await session.GetAsync(link[..^4] + "AAAA");
        var garbage = await session.GetAsync("/account/confirm-email?userId=not-a-guid&code=%%%");

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.Text.ShouldContain("This link is not valid");
        garbage.Status.ShouldBe(HttpStatusCode.BadRequest);
        await using var db = Database.CreateContext();
        (await db.Users.SingleAsync()).EmailConfirmed.ShouldBeFalse();
    }

    [Fact]
    public async Task Empty_fields_each_get_their_own_message_and_nothing_is_saved()
    {
        using var session = NewSession();

        var page = await session.SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["FirstName"] = "", ["LastName"] = "", ["Email"] = "", ["Password"] = "", ["ConfirmPassword"] = "",
        });

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.FieldMessage("FirstName").ShouldBe("Enter your first name.");
        page.FieldMessage("LastName").ShouldBe("Enter your last name.");
        page.FieldMessage("Email").ShouldBe("Enter your email address.");
        page.FieldMessage("Password").ShouldBe("Enter a password.");
        await AssertNothingSavedAsync();
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("olivia@")]
    [InlineData("@example.com")]
    [InlineData("olivia@example")]
    [InlineData("Olivia <olivia@example.com>")]
    public async Task A_malformed_email_is_refused_on_the_email_field(string email)
    {
        using var session = NewSession();

        var page = await AccountFlows.RegisterAsync(session, email);

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.FieldMessage("Email").ShouldBe("Enter an email address like name@example.com.");
        await AssertNothingSavedAsync();
    }

    [Fact]
    public async Task Too_long_values_are_refused_with_the_limit()
    {
        using var session = NewSession();
        var fields = AccountFlows.Registration(new string('a', 250) + "@example.com");
        fields["FirstName"] = new string('x', 101);
        fields["Password"] = fields["ConfirmPassword"] = "Aa1!" + new string('p', 200);

        var page = await session.SubmitAsync("/account/register", fields);

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.FieldMessage("FirstName").ShouldBe("Your first name can be at most 100 characters.");
        page.FieldMessage("Email").ShouldBe("An email address can be at most 254 characters.");
        page.FieldMessage("Password").ShouldBe("A password can be at most 128 characters.");
        await AssertNothingSavedAsync();
    }

    [Fact]
    public async Task A_weak_password_is_refused_with_the_reason()
    {
        using var session = NewSession();

        var page = await AccountFlows.RegisterAsync(session, "olivia@example.com", "password1");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.FieldMessage("Password")!.ShouldContain("uppercase");
        await AssertNothingSavedAsync();
    }

    [Fact]
    public async Task Mismatched_passwords_are_refused_on_the_confirmation_field()
    {
        using var session = NewSession();
        var fields = AccountFlows.Registration("olivia@example.com");
        fields["ConfirmPassword"] = "Something!Else1";

        var page = await session.SubmitAsync("/account/register", fields);

        page.FieldMessage("ConfirmPassword").ShouldBe("The two passwords do not match.");
        await AssertNothingSavedAsync();
    }

    [Fact]
    public async Task An_email_can_hold_only_one_account_and_the_form_does_not_say_so_but_the_owner_is_told()
    {
        using var first = await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, "olivia@example.com");

        await App.ClearMailAsync();
        using var second = NewSession();
        var taken = await AccountFlows.RegisterAsync(second, "OLIVIA@example.com");
        using var third = NewSession();
        var fresh = await AccountFlows.RegisterAsync(third, "noah@example.com");

        // The same answer as for an address with no account: nobody learns who has one.
        taken.Status.ShouldBe(HttpStatusCode.Redirect);
        taken.Location.ShouldBe(fresh.Location);
        (await second.FollowAsync(taken)).Text.ShouldBe((await third.FollowAsync(fresh)).Text);
        var owner = (await App.EmailsToAsync("olivia@example.com")).ShouldHaveSingleItem();
        owner.Subject.ShouldContain("Someone tried to register with your email address");
        owner.TextBody.ShouldContain("/account/sign-in");
        await using var db = Database.CreateContext();
        (await db.Users.CountAsync(u => u.NormalizedEmail == "OLIVIA@EXAMPLE.COM")).ShouldBe(1);
        (await db.Clients.CountAsync(c => c.Email!.ToLower() == "olivia@example.com")).ShouldBe(1);
    }

    [Fact]
    public async Task Two_registrations_racing_for_one_email_leave_one_account_and_both_see_check_your_email()
    {
        using var first = NewSession();
        using var second = NewSession();
        var firstForm = await first.GetAsync("/account/register");
        var secondForm = await second.GetAsync("/account/register");

        var results = await Task.WhenAll(
            first.SubmitAsync(firstForm, AccountFlows.Registration("race@example.com")),
            second.SubmitAsync(secondForm, AccountFlows.Registration("race@example.com")));

        results.ShouldAllBe(r => r.Status == HttpStatusCode.Redirect && r.Location == "/account/check-email");
        await using var db = Database.CreateContext();
        (await db.Users.CountAsync()).ShouldBe(1);
        (await db.Clients.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_with_400()
    {
        using var session = NewSession();
        using var content = new FormUrlEncodedContent(AccountFlows.Registration("olivia@example.com"));

        var response = await session.Client.PostAsync("/account/register", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await AssertNothingSavedAsync();
    }

    [Fact]
    public async Task The_log_never_holds_the_clients_name_email_or_phone()
    {
        var email = "privacy.check@example.com";
        using var session = NewSession();
        var fields = AccountFlows.Registration(email);
        fields["FirstName"] = "Zebulonia";
        fields["LastName"] = "Quixotic";
        fields["Phone"] = "555-867-5309";

        await session.SubmitAsync("/account/register", fields);
        await session.GetAsync(await AccountFlows.LinkFromEmailAsync(App, email, "Confirm"));
        await AccountFlows.SignInAsync(session, email);
        await AccountFlows.SignInAsync(NewSession(), email, "Wrong!Password1");

        App.Log.Lines.ShouldNotBeEmpty();
        App.Log.Lines.ShouldContain(l => l.Contains("registered", StringComparison.Ordinal));
        foreach (var secret in new[] { email, "privacy.check", "Zebulonia", "Quixotic", "867-5309" })
        {
            App.Log.Lines.ShouldNotContain(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase), $"'{secret}' was logged");
        }
    }

    private async Task AssertNothingSavedAsync()
    {
        await using var db = Database.CreateContext();
        (await db.Users.CountAsync()).ShouldBe(0);
        (await db.Clients.CountAsync()).ShouldBe(0);
    }
}
