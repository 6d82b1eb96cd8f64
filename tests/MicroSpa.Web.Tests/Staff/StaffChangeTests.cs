using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Staff;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Staff;

public sealed class StaffChangeTests(WebAppFixture fixture) : WebTest(fixture)
{
    private async Task<ApplicationUser> StaffAsync(string email, string role)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Pat Front" };
        (await users.CreateAsync(user, AccountFlows.Password)).Succeeded.ShouldBeTrue();
        await users.AddToRoleAsync(user, role);
        return user;
    }

    private static Dictionary<string, string> Change(string name, string credential, bool bookable = true, bool active = true, params string[] roles)
    {
        var fields = new Dictionary<string, string> { ["Form.DisplayName"] = name, ["Form.Credential"] = credential };
        for (var i = 0; i < roles.Length; i++)
        {
            fields[$"Form.Roles[{i}]"] = roles[i];
        }

        if (bookable)
        {
            fields["Form.Bookable"] = "true";
        }

        if (active)
        {
            fields["Form.Active"] = "true";
        }

        return fields;
    }

    [Fact]
    public async Task An_admin_gives_a_front_desk_member_a_nurse_role_and_they_become_bookable()
    {
        await TestClinic.CreateAsync(Database);
        var pat = await StaffAsync($"pat.{Guid.NewGuid():N}@clinic.test", Roles.FrontDesk);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var form = await admin.GetAsync($"/admin/staff/{pat.Id}");
        form.Status.ShouldBe(HttpStatusCode.OK);

        var saved = await admin.PostAsync(form, $"/admin/staff/{pat.Id}", Change("Pat Front-Nurse", "Nurse", true, true, Roles.FrontDesk, Roles.Nurse));

        saved.Location.ShouldBe("/admin/staff");
        var row = (await admin.FollowAsync(saved)).Document.QuerySelectorAll("table.staff tbody tr").Single(r => r.TextContent.Contains("Pat Front-Nurse", StringComparison.Ordinal));
        row.TextContent.ShouldContain("FrontDesk, Nurse");
        await using var db = Database.CreateContext();
        var provider = await db.Providers.SingleAsync(p => p.UserId == pat.Id);
        provider.Credential.ShouldBe(ProviderCredential.Nurse);
        provider.Bookable.ShouldBeTrue();
        provider.DisplayName.ShouldBe("Pat Front-Nurse");
    }

    [Fact]
    public async Task Ending_a_providers_access_keeps_their_record_and_says_how_many_appointments_to_move()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var maya = await StaffAsync($"maya.{Guid.NewGuid():N}@clinic.test", Roles.Esthetician);
        await using (var db = Database.CreateContext())
        {
            var provider = await db.Providers.SingleAsync(p => p.Id == clinic.Esthetician.Id);
            provider.LinkAccount(maya.Id);
            await db.SaveChangesAsync();
        }

        await clinic.BookAsync(Database, TestClinic.At(10));
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var saved = await admin.PostAsync(await admin.GetAsync($"/admin/staff/{maya.Id}"), $"/admin/staff/{maya.Id}",
            Change("Maya Lopez", "Esthetician", bookable: true, active: false, Roles.Esthetician));

        saved.Location.ShouldBe("/admin/staff");
        var list = await admin.FollowAsync(saved);
        list.Text.ShouldContain("has 1 upcoming appointments");
        list.Document.QuerySelectorAll("table.staff tbody tr").Single(r => r.TextContent.Contains("Maya Lopez", StringComparison.Ordinal))
            .TextContent.ShouldContain("No access");
        var signIn = await AccountFlows.SignInAsync(NewSession(), maya.Email!);
        signIn.Status.ShouldBe(HttpStatusCode.OK, "a person whose access ended cannot sign in");
        await using var after = Database.CreateContext();
        (await after.Providers.SingleAsync(p => p.Id == clinic.Esthetician.Id)).Bookable.ShouldBeFalse();
        (await after.Appointments.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task The_last_admin_cannot_remove_their_own_admin_role_and_bad_input_gets_messages()
    {
        var email = $"only.admin.{Guid.NewGuid():N}@clinic.test";
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin, email);
        await using var scope = App.Services.CreateAsyncScope();
        var me = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
        var url = $"/admin/staff/{me!.Id}";

        var lastAdmin = await admin.PostAsync(await admin.GetAsync(url), url, Change("Only Admin", "None", false, true, Roles.FrontDesk));
        lastAdmin.Status.ShouldBe(HttpStatusCode.OK);
        lastAdmin.FieldMessage("Form_Roles").ShouldBe(ChangeStaffMember.Handler.LastAdminMessage);

        var bad = await admin.PostAsync(await admin.GetAsync(url), url, Change("", "None", false, true, Roles.Nurse, "Client"));
        bad.FieldMessage("Form_DisplayName").ShouldBe("Enter the person's full name.");
        bad.FieldMessage("Form_Roles").ShouldBe("Choose staff roles from the list.");
        bad.FieldMessage("Form_Credential").ShouldBe("An esthetician, nurse or medical director needs their credential.");

        var none = await admin.PostAsync(await admin.GetAsync(url), url, Change("Only Admin", "None", false, true));
        none.FieldMessage("Form_Roles").ShouldBe("Choose at least one role.");

        (await admin.GetAsync("/admin/staff")).Status.ShouldBe(HttpStatusCode.OK, "still an Admin");
        (await admin.GetAsync($"/admin/staff/{Guid.NewGuid()}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_an_admin_changes_staff()
    {
        var pat = await StaffAsync($"pat.{Guid.NewGuid():N}@clinic.test", Roles.FrontDesk);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);

        var posted = await desk.PostAsync(await desk.GetAsync("/"), $"/admin/staff/{pat.Id}", Change("Pat", "None", false, true, Roles.Admin));

        posted.Location!.ShouldContain("/account/access-denied");
        await using var scope = App.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().GetRolesAsync(pat)).ShouldBe([Roles.FrontDesk]);
    }

    [Fact]
    public async Task Two_admins_removing_each_others_admin_role_at_once_leave_one_admin()
    {
        // Two Admins, the clinic's only ones, each takes the other's Admin role away at the same moment: one change is
        // made, the other is told the clinic needs an Admin (before, both counted the other as the remaining Admin).
        var emailA = $"admin.a.{Guid.NewGuid():N}@clinic.test";
        var emailB = $"admin.b.{Guid.NewGuid():N}@clinic.test";
        using var a = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin, emailA);
        using var b = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin, emailB);
        ApplicationUser userA, userB;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            userA = (await users.FindByEmailAsync(emailA))!;
            userB = (await users.FindByEmailAsync(emailB))!;
        }

        var formForB = await a.GetAsync($"/admin/staff/{userB.Id}");
        var formForA = await b.GetAsync($"/admin/staff/{userA.Id}");
        var results = await Task.WhenAll(
            a.PostAsync(formForB, $"/admin/staff/{userB.Id}", Change("Admin B", "None", false, true, Roles.FrontDesk)),
            b.PostAsync(formForA, $"/admin/staff/{userA.Id}", Change("Admin A", "None", false, true, Roles.FrontDesk)));

        results.Count(r => r.Status == HttpStatusCode.Redirect && r.Location == "/admin/staff").ShouldBe(1, "one of the two changes is made");
        results.Count(r => r.Status == HttpStatusCode.OK && r.FieldMessage("Form_Roles") == ChangeStaffMember.Handler.LastAdminMessage)
            .ShouldBe(1, "the other is told the clinic needs an Admin");
        await using var after = App.Services.CreateAsyncScope();
        var admins = await after.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().GetUsersInRoleAsync(Roles.Admin);
        admins.Count(u => !u.Deactivated).ShouldBe(1);
    }
}
