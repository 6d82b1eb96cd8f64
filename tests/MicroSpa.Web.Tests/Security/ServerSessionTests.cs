using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Features.Staff;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Security;

/// <summary>Sessions live on the server: ending one there refuses its cookie on the next request (decision 022).</summary>
public sealed class ServerSessionTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Phone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
    private const string Laptop = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    /// <summary>A request carrying only the saved cookie, as someone who copied it would send it.</summary>
    internal static async Task<HttpStatusCode> ReplayAsync(WebApplicationFactory<Program> app, string cookie, string path)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    internal static string AuthCookie(Page signedIn) =>
        signedIn.SetCookies.Single(c => c.StartsWith("microspa.auth=", StringComparison.Ordinal)).Split(';')[0];

    private WebSession SessionWith(string userAgent)
    {
        var session = NewSession();
        session.Client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return session;
    }

    /// <summary>A staff member with two-factor on; returns the key their authenticator app holds.</summary>
    private async Task<(ApplicationUser User, string Key)> StaffAsync(string role, string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Sam Staff" };
        (await users.CreateAsync(user, AccountFlows.Password)).Succeeded.ShouldBeTrue();
        await users.AddToRoleAsync(user, role);
        return (user, await AccountFlows.TurnOnTwoFactorAsync(users, user));
    }

    private static async Task SignOutAsync(WebSession session, string from)
    {
        var page = await session.GetAsync(from);
        (await session.SubmitAsync(page, new Dictionary<string, string>(), "/account/sign-out")).Location.ShouldBe("/");
    }

    [Fact]
    public async Task A_clients_cookie_saved_before_signing_out_opens_nothing_afterwards()
    {
        using var session = await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, "olivia@example.com");
        var cookie = AuthCookie(await AccountFlows.SignInAsync(session, "olivia@example.com"));
        (await ReplayAsync(App, cookie, "/my/appointments")).ShouldBe(HttpStatusCode.OK);

        await SignOutAsync(session, "/my/appointments");

        (await ReplayAsync(App, cookie, "/my/appointments")).ShouldBe(HttpStatusCode.Redirect, "the saved cookie is refused once its session ended");
        await using var db = Database.CreateContext();
        (await db.AuthSessions.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_staff_cookie_saved_before_signing_out_opens_no_staff_page_afterwards()
    {
        var (_, key) = await StaffAsync(Roles.FrontDesk, "desk.out@clinic.test");
        using var session = NewSession();
        var cookie = AuthCookie(await AccountFlows.SignInWithCodeAsync(session, "desk.out@clinic.test", key));
        (await ReplayAsync(App, cookie, "/front-desk")).ShouldBe(HttpStatusCode.OK);

        await SignOutAsync(session, "/front-desk");

        (await ReplayAsync(App, cookie, "/front-desk")).ShouldBe(HttpStatusCode.Redirect);
        (await ReplayAsync(App, cookie, "/front-desk/clients?q=a")).ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_person_sees_their_sessions_by_device_and_signing_out_everywhere_ends_them_all()
    {
        using var phone = SessionWith(Phone);
        (await AccountFlows.RegisterAsync(phone, "olivia@example.com")).Status.ShouldBe(HttpStatusCode.Redirect);
        (await phone.GetAsync(await AccountFlows.LinkFromEmailAsync(App, "olivia@example.com", "Confirm"))).Status.ShouldBe(HttpStatusCode.OK);
        var phoneCookie = AuthCookie(await AccountFlows.SignInAsync(phone, "olivia@example.com"));
        using var laptop = SessionWith(Laptop);
        var laptopCookie = AuthCookie(await AccountFlows.SignInAsync(laptop, "olivia@example.com"));

        var page = await laptop.GetAsync("/account/sessions");

        page.Status.ShouldBe(HttpStatusCode.OK);
        var rows = page.Document.QuerySelectorAll(".sessions li").Select(li => li.TextContent).ToList();
        rows.Count.ShouldBe(2);
        rows[0].ShouldContain("Chrome on Windows");
        rows[0].ShouldContain("This device");
        rows[1].ShouldContain("Safari on iPhone");
        rows[1].ShouldNotContain("This device");
        rows.ShouldAllBe(r => r.Contains("last seen"));

        var done = await laptop.SubmitAsync(page, new Dictionary<string, string>(), "/account/sessions/sign-out-everywhere");

        done.Location.ShouldBe("/account/sign-in");
        (await ReplayAsync(App, phoneCookie, "/my/appointments")).ShouldBe(HttpStatusCode.Redirect);
        (await ReplayAsync(App, laptopCookie, "/my/appointments")).ShouldBe(HttpStatusCode.Redirect);
        (await AccountFlows.SignInAsync(phone, "olivia@example.com")).Location.ShouldBe("/my/appointments", "signing in again works");
    }

    [Fact]
    public async Task An_admin_ends_a_staff_members_sessions_and_their_next_request_is_refused()
    {
        var (nurse, key) = await StaffAsync(Roles.Nurse, "nurse.ended@clinic.test");
        using var tablet = NewSession();
        var cookie = AuthCookie(await AccountFlows.SignInWithCodeAsync(tablet, "nurse.ended@clinic.test", key));
        (await tablet.GetAsync("/provider")).Status.ShouldBe(HttpStatusCode.OK);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var form = await admin.GetAsync($"/admin/staff/{nurse.Id}");
        var ended = await admin.SubmitAsync(form, new Dictionary<string, string>(), $"/admin/staff/{nurse.Id}/end-sessions");

        ended.Location.ShouldBe($"/admin/staff/{nurse.Id}");
        (await admin.FollowAsync(ended)).Text.ShouldContain("Ended 1 open session");
        (await tablet.GetAsync("/provider")).Location!.ShouldContain("/account/sign-in");
        (await ReplayAsync(App, cookie, "/provider")).ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetAsync("/admin/staff")).Status.ShouldBe(HttpStatusCode.OK, "the Admin's own session is untouched");
        await using var db = Database.CreateContext();
        (await db.AuditEntries.SingleAsync(e => e.Action == EndStaffSessions.Action)).SubjectId.ShouldBe(nurse.Id);
    }

    [Fact]
    public async Task A_password_reset_ends_the_sessions_signed_in_with_the_old_password()
    {
        using var other = await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, "olivia@example.com");
        var cookie = AuthCookie(await AccountFlows.SignInAsync(other, "olivia@example.com"));
        using var session = NewSession();

        (await session.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "olivia@example.com" })).Status.ShouldBe(HttpStatusCode.Redirect);
        var link = await AccountFlows.LinkFromEmailAsync(App, "olivia@example.com", "Reset your password");
        (await session.SubmitAsync(link, new Dictionary<string, string> { ["Password"] = "Collagen!2026", ["ConfirmPassword"] = "Collagen!2026" }))
            .Location.ShouldBe("/account/sign-in");

        (await ReplayAsync(App, cookie, "/my/appointments")).ShouldBe(HttpStatusCode.Redirect);
    }
}
