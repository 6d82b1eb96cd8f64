using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Staff;

public sealed class StaffAdminTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string AdminEmail = "admin@clinic.test";

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in_before_the_staff_pages()
    {
        using var session = NewSession();

        var page = await session.GetAsync("/admin/staff");

        page.Status.ShouldBe(HttpStatusCode.Redirect);
        page.Location!.ShouldContain("/account/sign-in?ReturnUrl=%2Fadmin%2Fstaff");
    }

    [Fact]
    public async Task A_client_is_not_allowed_into_the_staff_pages()
    {
        using var session = await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, "olivia@example.com");
        await AccountFlows.SignInAsync(session, "olivia@example.com");

        var page = await session.GetAsync("/admin/staff");

        page.Status.ShouldBe(HttpStatusCode.Redirect);
        page.Location!.ShouldContain("/account/access-denied");
        (await session.FollowAsync(page)).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_admin_adds_a_nurse_who_then_chooses_a_password_and_signs_in()
    {
        using var admin = await SignedInAdminAsync();

        var created = await admin.SubmitAsync("/admin/staff/new", new Dictionary<string, string>
        {
            ["DisplayName"] = "Nina Patel", ["Email"] = "nina@clinic.test", ["Role"] = Roles.Nurse, ["Bookable"] = "true",
        });

        created.Location.ShouldBe("/admin/staff");
        var list = await admin.FollowAsync(created);
        list.Text.ShouldContain("Nina Patel");
        list.Text.ShouldContain("has been emailed a link");
        await using (var db = Database.CreateContext())
        {
            var provider = await db.Providers.SingleAsync(p => p.DisplayName == "Nina Patel");
            provider.Credential.ShouldBe(ProviderCredential.Nurse);
            provider.Bookable.ShouldBeTrue();
            provider.UserId.ShouldNotBeNull();
        }

        using var nina = NewSession();
        var link = await AccountFlows.LinkFromEmailAsync(App, "nina@clinic.test", "staff account");
        (await nina.SubmitAsync(link, new Dictionary<string, string> { ["Password"] = "Needles!2026", ["ConfirmPassword"] = "Needles!2026" }))
            .Location.ShouldBe("/account/sign-in");
        (await AccountFlows.SignInAsync(nina, "nina@clinic.test", "Needles!2026")).Location.ShouldBe("/provider");
    }

    [Fact]
    public async Task Front_desk_staff_get_no_provider_record()
    {
        using var admin = await SignedInAdminAsync();

        await admin.SubmitAsync("/admin/staff/new", new Dictionary<string, string>
        {
            ["DisplayName"] = "Fran Desk", ["Email"] = "fran@clinic.test", ["Role"] = Roles.FrontDesk,
        });

        await using var db = Database.CreateContext();
        (await db.Users.AnyAsync(u => u.Email == "fran@clinic.test")).ShouldBeTrue();
        (await db.Providers.AnyAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task Bad_input_on_the_staff_form_gets_field_messages_and_saves_nothing()
    {
        using var admin = await SignedInAdminAsync();

        var empty = await admin.SubmitAsync("/admin/staff/new", new Dictionary<string, string>
        {
            ["DisplayName"] = "", ["Email"] = "bad", ["Role"] = "Client",
        });
        var taken = await admin.SubmitAsync("/admin/staff/new", new Dictionary<string, string>
        {
            ["DisplayName"] = "Someone", ["Email"] = AdminEmail, ["Role"] = Roles.Nurse,
        });

        empty.Status.ShouldBe(HttpStatusCode.OK);
        empty.FieldMessage("DisplayName").ShouldBe("Enter the person's full name.");
        empty.FieldMessage("Email").ShouldBe("Enter an email address like name@example.com.");
        empty.FieldMessage("Role").ShouldBe("Choose one of the staff roles.");
        taken.FieldMessage("Email").ShouldBe("An account with this email already exists.");
        await using var db = Database.CreateContext();
        (await db.Users.CountAsync()).ShouldBe(1);
        (await db.Providers.CountAsync()).ShouldBe(0);
    }

    private async Task<WebSession> SignedInAdminAsync()
    {
        var session = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin, AdminEmail);
        return session;
    }
}
