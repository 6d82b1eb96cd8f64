using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Reports;

/// <summary>
/// The Manager role (issue 21): the front desk lead reads the reports beside the desk's work and changes no setting;
/// the role alone reads the reports and nothing else.
/// </summary>
public sealed class ManagerTests(WebAppFixture fixture) : WebTest(fixture)
{
    private async Task<(string Email, string Key)> StaffAccountAsync(params string[] roles)
    {
        var email = $"lead.{Guid.NewGuid():N}@clinic.test";
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Desk Lead" };
        (await users.CreateAsync(user, AccountFlows.Password)).Succeeded.ShouldBeTrue();
        (await users.AddToRolesAsync(user, roles)).Succeeded.ShouldBeTrue();
        return (email, await AccountFlows.TurnOnTwoFactorAsync(users, user));
    }

    private static string[] NavLinks(Page page) =>
        [.. page.Document.QuerySelectorAll("#main-nav a.nav-link").Select(a => a.GetAttribute("href") ?? "")];

    [Fact]
    public async Task The_front_desk_lead_works_the_desk_reads_the_reports_and_is_refused_the_Admins_pages()
    {
        var (email, key) = await StaffAccountAsync(Roles.FrontDesk, Roles.Manager);
        using var lead = NewSession();

        var landed = await AccountFlows.SignInWithCodeAsync(lead, email, key);

        landed.Location.ShouldBe("/front-desk");
        var schedule = await lead.GetAsync("/front-desk");
        schedule.Status.ShouldBe(HttpStatusCode.OK);
        NavLinks(schedule).ShouldContain("/admin/reports");
        NavLinks(schedule).ShouldContain("/checkout");
        NavLinks(schedule).ShouldNotContain("/admin/import");
        NavLinks(schedule).ShouldNotContain("/admin/setup");

        var reports = await lead.GetAsync("/admin/reports");
        reports.Status.ShouldBe(HttpStatusCode.OK);
        (await lead.GetAsync("/admin/reports/money?From=2027-04-01&To=2027-04-30")).Status.ShouldBe(HttpStatusCode.OK);
        (await lead.GetAsync("/admin/reports/money.csv?From=2027-04-01&To=2027-04-30")).Status.ShouldBe(HttpStatusCode.OK);

        foreach (var path in new[] { "/admin/staff", "/admin/setup", "/admin/import", "/admin/audit", "/clinical-settings" })
        {
            var refused = await lead.GetAsync(path);
            refused.Status.ShouldBe(HttpStatusCode.Redirect, path);
            refused.Location!.ShouldContain("/account/access-denied", Case.Sensitive, path);
        }
    }

    [Fact]
    public async Task A_Manager_without_another_role_lands_on_the_reports_and_sees_no_desk_pages()
    {
        var (email, key) = await StaffAccountAsync(Roles.Manager);
        using var manager = NewSession();

        var landed = await AccountFlows.SignInWithCodeAsync(manager, email, key);

        landed.Location.ShouldBe("/admin/reports");
        var reports = await manager.GetAsync("/admin/reports");
        reports.Status.ShouldBe(HttpStatusCode.OK);
        NavLinks(reports).ShouldContain("/admin/reports");
        NavLinks(reports).ShouldNotContain("/front-desk");
        NavLinks(reports).ShouldNotContain("/admin/staff");

        var desk = await manager.GetAsync("/front-desk");
        desk.Status.ShouldBe(HttpStatusCode.Redirect);
        desk.Location!.ShouldContain("/account/access-denied");
    }
}
