using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Account;

public sealed class TwoFactorTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Email = "tess.two@clinic.test";

    private async Task<(WebSession Session, string Key, IReadOnlyList<string> RecoveryCodes)> TurnedOnAsync()
    {
        var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk, Email, twoFactor: false);
        var setup = await desk.GetAsync("/account/two-factor/setup");
        setup.Status.ShouldBe(HttpStatusCode.OK);
        var key = setup.Document.GetElementById("shared-key")!.TextContent;
        setup.Document.QuerySelector(".qr-code")!.GetAttribute("data-uri")!.ShouldStartWith("otpauth://totp/");

        var wrong = await desk.SubmitAsync(setup, new Dictionary<string, string> { ["Form.Code"] = "000000" });
        wrong.Status.ShouldBe(HttpStatusCode.OK);
        wrong.FieldMessage("Form_Code")!.ShouldContain("not right");
        var codes = await desk.SubmitAsync(setup, new Dictionary<string, string> { ["Form.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        codes.Status.ShouldBe(HttpStatusCode.OK);
        var recovery = codes.Document.QuerySelectorAll(".recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        recovery.Count.ShouldBe(TwoFactor.RecoveryCodeCount);
        return (desk, key, recovery);
    }

    [Fact]
    public async Task A_staff_member_turns_on_two_factor_and_then_signs_in_with_a_code_after_the_password()
    {
        var (desk, key, _) = await TurnedOnAsync();
        (await desk.GetAsync("/account/two-factor/setup")).Document.GetElementById("two-factor-state")!.TextContent.ShouldContain("10 recovery codes left");

        using var later = NewSession();
        var password = await AccountFlows.SignInAsync(later, Email);
        password.Location.ShouldStartWith("/account/two-factor");
        (await later.GetAsync("/front-desk")).Location!.ShouldContain("/account/sign-in");
        var form = await later.GetAsync(password.Location!);
        var wrong = await later.SubmitAsync(form, new Dictionary<string, string> { ["Code"] = "123 456" });
        wrong.FieldMessage("Code").ShouldBe(SignInWithSecondFactor.Handler.WrongCodeMessage);
        // The code that turned two-factor on has been used: the app's next code signs in.
        var signedIn = await later.SubmitAsync(form, new Dictionary<string, string> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)) });
        signedIn.Location.ShouldBe("/front-desk");
        (await later.GetAsync("/front-desk")).Status.ShouldBe(HttpStatusCode.OK);

        await using var db = Database.CreateContext();
        (await db.AuditEntries.Where(e => e.UserName == Email).OrderBy(e => e.At).Select(e => e.Action).ToListAsync())
            .ShouldBe([SignIn.Handler.StaffSignedIn, "staff.2fa-on", SignIn.Handler.StaffSignInFailed, SignIn.Handler.StaffSignedIn]);
    }

    [Fact]
    public async Task Staff_without_two_factor_are_sent_to_set_it_up_and_then_reach_the_page_they_asked_for()
    {
        var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk, Email, twoFactor: false);
        (await desk.GetAsync("/front-desk/clients?q=a")).Location.ShouldBe("/account/two-factor/setup?returnUrl=%2Ffront-desk%2Fclients%3Fq%3Da");

        var setup = await desk.GetAsync("/account/two-factor/setup?returnUrl=%2Ffront-desk%2Fclients%3Fq%3Da");
        var key = setup.Document.GetElementById("shared-key")!.TextContent;
        var codes = await desk.SubmitAsync(setup, new Dictionary<string, string> { ["Form.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        codes.Status.ShouldBe(HttpStatusCode.OK);
        var next = codes.Document.QuerySelector("a.btn-primary")!.GetAttribute("href")!;
        next.ShouldBe("/front-desk/clients?q=a");

        (await desk.GetAsync(next)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_only()
    {
        var (_, _, recovery) = await TurnedOnAsync();

        using var first = NewSession();
        var form = await first.GetAsync((await AccountFlows.SignInAsync(first, Email)).Location!);
        (await first.SubmitAsync(form, new Dictionary<string, string> { ["Code"] = recovery[0] })).Location.ShouldBe("/front-desk");

        using var second = NewSession();
        form = await second.GetAsync((await AccountFlows.SignInAsync(second, Email)).Location!);
        (await second.SubmitAsync(form, new Dictionary<string, string> { ["Code"] = recovery[0] })).FieldMessage("Code").ShouldBe(SignInWithSecondFactor.Handler.WrongCodeMessage);
    }

    [Fact]
    public async Task A_code_signs_in_once_even_when_twenty_sign_ins_race_with_it_and_the_next_code_still_works()
    {
        await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk, Email, twoFactor: false);
        string key;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            key = await AccountFlows.TurnOnTwoFactorAsync(users, (await users.FindByEmailAsync(Email))!);
        }

        // Twenty browsers past the password step, all typing the one code the app shows now.
        var sessions = Enumerable.Range(0, 20).Select(_ => NewSession()).ToList();
        var forms = new List<Page>();
        foreach (var session in sessions)
        {
            forms.Add(await session.GetAsync((await AccountFlows.SignInAsync(session, Email)).Location!));
        }

        var code = Totp.Code(key, DateTimeOffset.UtcNow);
        var answers = await Task.WhenAll(sessions.Select((session, i) => session.SubmitAsync(forms[i], new Dictionary<string, string> { ["Code"] = code })));

        answers.Count(a => a.Location == "/front-desk").ShouldBe(1, "one code, one session");
        answers.Where(a => a.Location != "/front-desk").ShouldAllBe(a => a.Status == HttpStatusCode.OK && a.Document.QuerySelector("form") != null);
        (await sessions[answers.ToList().FindIndex(a => a.Location == "/front-desk")].GetAsync("/front-desk")).Status.ShouldBe(HttpStatusCode.OK);

        // Nineteen wrong tries locked the account; lifted here, so what follows is about the code alone.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByEmailAsync(Email))!;
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }

        // The same code again, later in its window: refused. The app's next code signs in.
        using var again = NewSession();
        var form = await again.GetAsync((await AccountFlows.SignInAsync(again, Email)).Location!);
        (await again.SubmitAsync(form, new Dictionary<string, string> { ["Code"] = code })).FieldMessage("Code").ShouldBe(SignInWithSecondFactor.Handler.WrongCodeMessage);
        (await again.SubmitAsync(form, new Dictionary<string, string> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)) })).Location.ShouldBe("/front-desk");
        foreach (var session in sessions)
        {
            session.Dispose();
        }
    }

    [Fact]
    public async Task The_code_step_without_the_password_step_sends_back_to_sign_in()
    {
        using var session = NewSession();

        (await session.GetAsync("/account/two-factor")).Location!.ShouldStartWith("/account/sign-in");
        var empty = await session.GetAsync("/account/sign-in");
        (await session.PostAsync(empty, "/account/two-factor", new Dictionary<string, string> { ["Code"] = "123456" })).Location!.ShouldStartWith("/account/sign-in");
    }
}
