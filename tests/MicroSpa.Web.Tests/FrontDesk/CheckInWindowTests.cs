using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.FrontDesk;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.FrontDesk;

/// <summary>Check-in happens on the appointment's day, from the clinic's window before its start (clinic setup).</summary>
public sealed class CheckInWindowTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static Task<Page> CheckInAsync(WebSession desk, Page card, Guid id)
    {
        var form = card.Document.QuerySelectorAll("form").First(f =>
            f.GetAttribute("action") == $"/front-desk/appointments/{id}/status" && f.QuerySelector("input[name=Action]")?.GetAttribute("value") == ChangeAppointmentStatus.CheckIn);
        return desk.PostAsync(card, $"/front-desk/appointments/{id}/status", new Dictionary<string, string>
        {
            ["Action"] = ChangeAppointmentStatus.CheckIn,
            ["Version"] = form.QuerySelector("input[name=Version]")!.GetAttribute("value")!,
        });
    }

    [Fact]
    public async Task A_visit_days_away_is_not_checked_in_and_the_desk_is_told_when_it_can_be()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var url = $"/front-desk/appointments/{appointment.Id}";

        var refused = await CheckInAsync(desk, await desk.GetAsync(url), appointment.Id);

        refused.Status.ShouldBe(HttpStatusCode.Conflict);
        refused.Text.ShouldContain($"This appointment is on {TestClinic.Day.ToString("dddd d MMMM", System.Globalization.CultureInfo.InvariantCulture)}: check-in opens that day at 09:00.");
        await using var db = Database.CreateContext();
        (await db.Appointments.SingleAsync()).Status.ShouldBe(AppointmentStatus.Booked);
        (await db.AppointmentEvents.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_visit_starting_soon_today_is_checked_in()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.SoonToday());
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var url = $"/front-desk/appointments/{appointment.Id}";

        (await CheckInAsync(desk, await desk.GetAsync(url), appointment.Id)).Location.ShouldBe(url);

        (await desk.GetAsync(url)).Document.GetElementById("status")!.TextContent.ShouldContain("Checked in");
    }

    [Fact]
    public async Task The_admin_sets_when_check_in_opens_and_a_window_over_twelve_hours_is_refused()
    {
        await TestClinic.CreateAsync(Database);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var setup = await admin.GetAsync("/admin/setup");
        setup.Document.GetElementById("Policy_CheckInOpensMinutesBefore")!.GetAttribute("value").ShouldBe("60");

        var refused = await admin.SubmitAsync(setup, new Dictionary<string, string> { ["Policy.CheckInOpensMinutesBefore"] = "721" }, "/admin/setup/policy");
        refused.FieldMessage("Policy_CheckInOpensMinutesBefore").ShouldBe("Check-in opens 0 to 720 minutes (12 hours) before the start, on the day.");

        var saved = await admin.SubmitAsync(setup, new Dictionary<string, string> { ["Policy.CheckInOpensMinutesBefore"] = "30" }, "/admin/setup/policy");
        saved.Location.ShouldBe("/admin/setup");
        await using var db = Database.CreateContext();
        (await db.BookingPolicies.SingleAsync()).CheckInOpensMinutesBefore.ShouldBe(30);
    }
}
