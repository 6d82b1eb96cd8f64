using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Setup;

public sealed class ClinicSetupTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static Dictionary<string, string> Policy(string notice = "120", string horizon = "60", string cutoff = "24", string screening = "30") => new()
    {
        ["Policy.MinimumNoticeMinutes"] = notice,
        ["Policy.HorizonDays"] = horizon,
        ["Policy.CancellationCutoffHours"] = cutoff,
        ["Policy.ScreeningValidDays"] = screening,
    };

    [Fact]
    public async Task An_admin_changes_the_booking_policy_and_booking_follows_it()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var saved = await admin.SubmitAsync("/admin/setup", Policy(horizon: "2"), "/admin/setup/policy");

        saved.Location.ShouldBe("/admin/setup");
        using var api = App.CreateClient();
        var result = await api.GetFromJsonAsync<JsonElement>(
            $"/api/v1/availability?serviceId={clinic.Facial.Id}&from={TestClinic.Day:yyyy-MM-dd}&to={TestClinic.Day:yyyy-MM-dd}");
        result.GetProperty("slots").GetArrayLength().ShouldBe(0, "three days ahead is beyond a two-day horizon");
    }

    [Fact]
    public async Task Out_of_range_or_missing_policy_values_get_messages_and_nothing_is_saved()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var page = await admin.SubmitAsync("/admin/setup", Policy(notice: "-5", horizon: "", cutoff: "abc"), "/admin/setup/policy");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.FieldMessage("Policy_MinimumNoticeMinutes").ShouldBe("The minimum notice is 0 minutes to 7 days (10080 minutes).");
        page.FieldMessage("Policy_HorizonDays").ShouldBe("Enter the horizon.");
        page.FieldMessage("Policy_CancellationCutoffHours").ShouldNotBeNull();
        await using var db = Database.CreateContext();
        (await db.BookingPolicies.SingleAsync()).HorizonDays.ShouldBe(60);
    }

    [Fact]
    public async Task Rooms_are_added_once_and_a_room_out_of_service_is_not_booked()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        (await admin.SubmitAsync("/admin/setup", new Dictionary<string, string> { ["NewRoom.Name"] = "Laser room" }, "/admin/setup/rooms"))
            .Location.ShouldBe("/admin/setup");
        var duplicate = await admin.SubmitAsync("/admin/setup", new Dictionary<string, string> { ["NewRoom.Name"] = "laser ROOM" }, "/admin/setup/rooms");
        duplicate.FieldMessage("NewRoom_Name").ShouldBe("There is already a room with this name.");
        var empty = await admin.SubmitAsync("/admin/setup", new Dictionary<string, string> { ["NewRoom.Name"] = " " }, "/admin/setup/rooms");
        empty.FieldMessage("NewRoom_Name").ShouldBe("Enter the room's name.");

        var page = await admin.GetAsync("/admin/setup");
        foreach (var room in new[] { clinic.RoomOne, clinic.RoomTwo })
        {
            await admin.SubmitAsync(page, new Dictionary<string, string>(), $"/admin/setup/rooms/{room.Id}/service");
        }

        await using var db = Database.CreateContext();
        (await db.Rooms.Where(r => r.InService).Select(r => r.Name).ToListAsync()).ShouldBe(["Laser room"]);
        var laser = await db.Rooms.SingleAsync(r => r.InService);
        using var api = App.CreateClient();
        var url = $"/api/v1/availability?serviceId={clinic.Facial.Id}&from={TestClinic.Day:yyyy-MM-dd}&to={TestClinic.Day:yyyy-MM-dd}";
        (await api.GetFromJsonAsync<JsonElement>(url)).GetProperty("slots").GetArrayLength().ShouldBeGreaterThan(0);

        await admin.SubmitAsync(await admin.GetAsync("/admin/setup"), new Dictionary<string, string>(), $"/admin/setup/rooms/{laser.Id}/service");

        (await api.GetFromJsonAsync<JsonElement>(url)).GetProperty("slots").GetArrayLength().ShouldBe(0, "no room is in service");
    }

    [Fact]
    public async Task Only_an_admin_opens_clinic_setup()
    {
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);

        var page = await desk.GetAsync("/admin/setup");

        page.Status.ShouldBe(HttpStatusCode.Redirect);
        page.Location!.ShouldContain("/account/access-denied");
    }
}
