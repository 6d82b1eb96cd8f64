using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Account;
using MicroSpa.Web.Features.Staff;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using MicroSpa.Web.Tests.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Staff;

/// <summary>A deactivated staff member stays out until an Admin lets them back in (HIPAA 164.308(a)(3)(ii)(C)).</summary>
public sealed class StaffDeactivationTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Email = "nora.leaving@clinic.test";
    private const string NewPassword = "Collagen!2026";

    private async Task<(ApplicationUser User, string Key)> NurseAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = Email, Email = Email, EmailConfirmed = true, DisplayName = "Nora Leaving" };
        (await users.CreateAsync(user, AccountFlows.Password)).Succeeded.ShouldBeTrue();
        await users.AddToRoleAsync(user, Roles.Nurse);
        return (user, await AccountFlows.TurnOnTwoFactorAsync(users, user));
    }

    private static Dictionary<string, string> Form(bool active)
    {
        var fields = new Dictionary<string, string> { ["Form.DisplayName"] = "Nora Leaving", ["Form.Credential"] = "Nurse", ["Form.Roles[0]"] = Roles.Nurse };
        if (active)
        {
            fields["Form.Active"] = "true";
        }

        return fields;
    }

    [Fact]
    public async Task Deactivating_ends_every_session_at_once_and_neither_sign_in_nor_a_password_reset_lets_them_back()
    {
        var (nora, key) = await NurseAsync();
        using var tablet = NewSession();
        var cookie = ServerSessionTests.AuthCookie(await AccountFlows.SignInWithCodeAsync(tablet, Email, key));
        (await tablet.GetAsync("/provider")).Status.ShouldBe(HttpStatusCode.OK);

        // A reset link she asked for before leaving, still in her mailbox.
        using var home = NewSession();
        await home.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = Email });
        var oldLink = await AccountFlows.LinkFromEmailAsync(App, Email, "Reset your password");
        await App.ClearMailAsync();

        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var saved = await admin.PostAsync(await admin.GetAsync($"/admin/staff/{nora.Id}"), $"/admin/staff/{nora.Id}", Form(active: false));
        saved.Location.ShouldBe("/admin/staff");

        // Every session refused on its next request, no waiting for the periodic check.
        (await tablet.GetAsync("/provider")).Location!.ShouldContain("/account/sign-in");
        (await ServerSessionTests.ReplayAsync(App, cookie, "/provider")).ShouldBe(HttpStatusCode.Redirect);

        // Sign-in with the right password: told what a wrong password is told, no code step.
        using var again = NewSession();
        var signIn = await AccountFlows.SignInAsync(again, Email);
        signIn.Status.ShouldBe(HttpStatusCode.OK);
        signIn.Summary.ShouldContain(SignIn.Handler.WrongCredentialsMessage);

        // Forgot password: the same page as anyone, and no email.
        (await again.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = Email })).Location.ShouldBe("/account/forgot-password/sent");
        (await App.EmailsToAsync(Email)).ShouldBeEmpty();

        // The old link sets no password and lifts nothing.
        var reset = await again.SubmitAsync(oldLink, new Dictionary<string, string> { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword });
        reset.Status.ShouldBe(HttpStatusCode.OK);
        reset.Summary.ShouldContain(ResetPassword.Handler.ExpiredMessage);
        (await AccountFlows.SignInAsync(again, Email, NewPassword)).Summary.ShouldContain(SignIn.Handler.WrongCredentialsMessage);
        (await AccountFlows.SignInAsync(again, Email)).Summary.ShouldContain(SignIn.Handler.WrongCredentialsMessage);

        await using var db = Database.CreateContext();
        (await db.Users.SingleAsync(u => u.Id == nora.Id)).DeactivatedAt.ShouldNotBeNull();
        var audit = await db.AuditEntries.Where(e => e.SubjectId == nora.Id).Select(e => e.Action).ToListAsync();
        audit.ShouldContain(ChangeStaffMember.Handler.Deactivated);
        audit.ShouldContain(SignIn.Handler.StaffSignInDeactivated);
        (await admin.GetAsync("/admin/staff")).Document.QuerySelectorAll("table.staff tbody tr")
            .Single(r => r.TextContent.Contains("Nora Leaving", StringComparison.Ordinal)).TextContent.ShouldContain("No access");
    }

    [Fact]
    public async Task A_deactivated_staff_member_past_the_password_step_is_refused_at_the_code()
    {
        var (nora, key) = await NurseAsync();
        using var session = NewSession();
        var code = await session.GetAsync((await AccountFlows.SignInAsync(session, Email)).Location!);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        (await admin.PostAsync(await admin.GetAsync($"/admin/staff/{nora.Id}"), $"/admin/staff/{nora.Id}", Form(active: false))).Location.ShouldBe("/admin/staff");

        var answer = await session.SubmitAsync(code, new Dictionary<string, string> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });

        answer.Status.ShouldBe(HttpStatusCode.OK);
        (await session.GetAsync("/provider")).Location!.ShouldContain("/account/sign-in");
    }

    [Fact]
    public async Task Only_an_admin_reactivates_and_then_the_person_signs_in_again_audited()
    {
        var (nora, key) = await NurseAsync();
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        (await admin.PostAsync(await admin.GetAsync($"/admin/staff/{nora.Id}"), $"/admin/staff/{nora.Id}", Form(active: false))).Location.ShouldBe("/admin/staff");
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        (await desk.PostAsync(await desk.GetAsync("/"), $"/admin/staff/{nora.Id}", Form(active: true))).Location!.ShouldContain("/account/access-denied");
        (await AccountFlows.SignInAsync(NewSession(), Email)).Status.ShouldBe(HttpStatusCode.OK, "still deactivated");

        var edit = await admin.GetAsync($"/admin/staff/{nora.Id}");
        edit.Document.QuerySelector("#Form_Active")!.HasAttribute("checked").ShouldBeFalse();
        (await admin.PostAsync(edit, $"/admin/staff/{nora.Id}", Form(active: true))).Location.ShouldBe("/admin/staff");

        using var back = NewSession();
        (await AccountFlows.SignInWithCodeAsync(back, Email, key)).Location.ShouldBe("/provider");
        await using var db = Database.CreateContext();
        var entries = await db.AuditEntries.Where(e => e.SubjectId == nora.Id && (e.Action == ChangeStaffMember.Handler.Deactivated || e.Action == ChangeStaffMember.Handler.Reactivated))
            .OrderBy(e => e.At).Select(e => new { e.Action, e.UserId }).ToListAsync();
        entries.Select(e => e.Action).ShouldBe([ChangeStaffMember.Handler.Deactivated, ChangeStaffMember.Handler.Reactivated]);
        entries.ShouldAllBe(e => e.UserId != null && e.UserId != nora.Id);
    }
}
