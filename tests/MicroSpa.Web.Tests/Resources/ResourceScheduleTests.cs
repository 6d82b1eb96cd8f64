using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Resources;

/// <summary>Extra shifts, rooms and devices out of service, and the clinic's opening hours: each changes the open times.</summary>
public sealed class ResourceScheduleTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static string Local(int hour, int minute = 0) => $"{TestClinic.Day:yyyy-MM-dd}T{hour:00}:{minute:00}";

    private async Task<List<string>> OpenTimesAsync(TestClinic clinic)
    {
        using var api = App.CreateClient();
        var result = await api.GetFromJsonAsync<JsonElement>(
            $"/api/v1/availability?serviceId={clinic.Facial.Id}&from={TestClinic.Day:yyyy-MM-dd}&to={TestClinic.Day:yyyy-MM-dd}&providerId={clinic.Esthetician.Id}");
        return result.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetString()![11..16]).ToList();
    }

    private async Task OnlyWorksOtherDaysAsync(TestClinic clinic)
    {
        await using var db = Database.CreateContext();
        var provider = await db.Providers.SingleAsync(p => p.Id == clinic.Esthetician.Id);
        provider.SetWorkingHours(Enum.GetValues<DayOfWeek>().Where(d => d != TestClinic.Day.DayOfWeek)
            .Select(d => new WorkingHours(d, new TimeOnly(9, 0), new TimeOnly(17, 0))));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task An_extra_shift_on_a_day_off_opens_times_and_keeps_its_booking_off_the_list_to_move()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await OnlyWorksOtherDaysAsync(clinic);
        (await OpenTimesAsync(clinic)).ShouldBeEmpty();
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var url = $"/front-desk/providers/{clinic.Esthetician.Id}";

        var added = await desk.SubmitAsync(url, new Dictionary<string, string>
        {
            ["NewShift.Date"] = TestClinic.Day.ToString("yyyy-MM-dd"), ["NewShift.Start"] = "17:00", ["NewShift.End"] = "19:00",
        }, $"{url}/extra-shifts");

        added.Location.ShouldBe(url);
        (await OpenTimesAsync(clinic)).ShouldBe(["17:00", "17:15", "17:30", "17:45"]);
        await clinic.BookAsync(Database, TestClinic.At(17));
        var page = await desk.GetAsync(url);
        page.Document.QuerySelector(".extra-shifts li")!.TextContent.ShouldContain("17:00–19:00");
        page.Text.ShouldNotContain("Booked appointments to move");
        var day = await desk.GetAsync($"/front-desk?date={TestClinic.Day:yyyy-MM-dd}");
        day.Document.QuerySelectorAll("a.schedule-block").Length.ShouldBe(1);
    }

    [Fact]
    public async Task An_extra_shift_that_ends_before_it_starts_or_lies_in_the_past_is_refused_on_its_field()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var url = $"/front-desk/providers/{clinic.Esthetician.Id}";

        var backwards = await desk.SubmitAsync(url, new Dictionary<string, string>
        {
            ["NewShift.Date"] = TestClinic.Day.ToString("yyyy-MM-dd"), ["NewShift.Start"] = "17:00", ["NewShift.End"] = "16:00",
        }, $"{url}/extra-shifts");
        backwards.Status.ShouldBe(HttpStatusCode.OK);
        backwards.FieldMessage("NewShift_End").ShouldBe("The end must be after the start.");

        var past = await desk.SubmitAsync(url, new Dictionary<string, string>
        {
            ["NewShift.Date"] = "2020-01-06", ["NewShift.Start"] = "09:00", ["NewShift.End"] = "10:00",
        }, $"{url}/extra-shifts");
        past.FieldMessage("NewShift_Date").ShouldBe("An extra shift cannot be in the past.");

        var missing = await desk.SubmitAsync(url, new Dictionary<string, string> { ["NewShift.Date"] = "" }, $"{url}/extra-shifts");
        missing.FieldMessage("NewShift_Date").ShouldBe("Give the date of the extra shift.");
        await using var db = Database.CreateContext();
        (await db.ExtraShifts.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Both_rooms_out_of_service_close_the_times_and_list_the_booking_to_move()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var booked = await clinic.BookAsync(Database, TestClinic.At(12));
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);

        foreach (var room in new[] { clinic.RoomOne, clinic.RoomTwo })
        {
            var added = await desk.SubmitAsync("/front-desk/resources", new Dictionary<string, string>
            {
                ["Form.ResourceId"] = room.Id.ToString(), ["Form.From"] = Local(8), ["Form.Until"] = Local(14), ["Form.Reason"] = "Floor repair",
            }, "/front-desk/resources/out-of-service");
            added.Location.ShouldBe("/front-desk/resources");
        }

        var times = await OpenTimesAsync(clinic);
        times.ShouldNotContain("12:45");
        times.First().ShouldBe("14:00");
        var page = await desk.GetAsync("/front-desk/resources");
        var roomOne = page.Document.GetElementById($"resource-{clinic.RoomOne.Id}")!;
        roomOne.TextContent.ShouldContain("Floor repair");
        roomOne.QuerySelector(".affected a")!.GetAttribute("href").ShouldBe($"/front-desk/appointments/{booked.Id}/reschedule");
        var rooms = await desk.GetAsync($"/front-desk?date={TestClinic.Day:yyyy-MM-dd}&view=rooms");
        rooms.Document.QuerySelectorAll(".schedule-shade").Select(x => x.GetAttribute("title")).ShouldContain("Floor repair");

        // Back in service: the times return.
        var back = await desk.SubmitAsync(page, new Dictionary<string, string>(), roomOne.QuerySelector(".period form")!.GetAttribute("action"));
        back.Location.ShouldBe("/front-desk/resources");
        (await OpenTimesAsync(clinic)).ShouldContain("09:00");
    }

    [Fact]
    public async Task Both_devices_out_of_service_close_the_times_for_needling()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);

        foreach (var device in new[] { clinic.SkinPen, clinic.Dermapen })
        {
            (await desk.SubmitAsync("/front-desk/resources", new Dictionary<string, string>
            {
                ["Form.ResourceId"] = device.Id.ToString(), ["Form.From"] = Local(0), ["Form.Until"] = Local(23, 59),
            }, "/front-desk/resources/out-of-service")).Location.ShouldBe("/front-desk/resources");
        }

        (await OpenTimesAsync(clinic)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_out_of_service_period_with_bad_times_or_an_unknown_resource_is_refused()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);

        var backwards = await desk.SubmitAsync("/front-desk/resources", new Dictionary<string, string>
        {
            ["Form.ResourceId"] = clinic.RoomOne.Id.ToString(), ["Form.From"] = Local(14), ["Form.Until"] = Local(8),
        }, "/front-desk/resources/out-of-service");
        backwards.Status.ShouldBe(HttpStatusCode.OK);
        backwards.FieldMessage("Form_Until").ShouldBe("The end must be after the start.");
        var missing = await desk.SubmitAsync("/front-desk/resources", new Dictionary<string, string>
        {
            ["Form.ResourceId"] = clinic.RoomOne.Id.ToString(), ["Form.From"] = "", ["Form.Until"] = "not a time",
        }, "/front-desk/resources/out-of-service");
        missing.FieldMessage("Form_From").ShouldBe("Give the start date and time.");
        missing.FieldMessage("Form_Until").ShouldNotBeNull();
        var unknown = await desk.SubmitAsync("/front-desk/resources", new Dictionary<string, string>
        {
            ["Form.ResourceId"] = Guid.NewGuid().ToString(), ["Form.From"] = Local(8), ["Form.Until"] = Local(9),
        }, "/front-desk/resources/out-of-service");
        unknown.Status.ShouldBe(HttpStatusCode.NotFound);

        await using var db = Database.CreateContext();
        (await db.OutOfService.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task The_admin_sets_opening_hours_and_times_follow_them()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var setup = await admin.GetAsync("/admin/setup");
        var index = Array.IndexOf(
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday],
            TestClinic.Day.DayOfWeek);

        var refused = await admin.SubmitAsync(setup, new Dictionary<string, string> { [$"Hours.Days[{index}].Closes"] = "" }, "/admin/setup/hours");
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.FieldMessage($"Hours_Days_{index}__Closes").ShouldBe("Give the closing time, or clear both for a closed day.");

        var saved = await admin.SubmitAsync(setup, new Dictionary<string, string>
        {
            [$"Hours.Days[{index}].Opens"] = "10:00", [$"Hours.Days[{index}].Closes"] = "12:00",
        }, "/admin/setup/hours");
        saved.Location.ShouldBe("/admin/setup");
        (await OpenTimesAsync(clinic)).ShouldBe(["10:00", "10:15", "10:30", "10:45"]);

        var closed = await admin.SubmitAsync(await admin.GetAsync("/admin/setup"), new Dictionary<string, string>
        {
            [$"Hours.Days[{index}].Opens"] = "", [$"Hours.Days[{index}].Closes"] = "",
        }, "/admin/setup/hours");
        closed.Location.ShouldBe("/admin/setup");
        (await OpenTimesAsync(clinic)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_admin_adds_a_device_and_an_impossible_depth_step_is_refused_on_its_field()
    {
        await TestClinic.CreateAsync(Database);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var refused = await admin.SubmitAsync("/admin/setup", new Dictionary<string, string>
        {
            ["NewDevice.Name"] = "Pen 3", ["NewDevice.Model"] = "Dermapen 4", ["NewDevice.Class"] = "DermapenClass",
            ["NewDevice.MaxDepthMm"] = "2.55", ["NewDevice.DepthStepMm"] = "0.1",
        }, "/admin/setup/devices");
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.FieldMessage("NewDevice_MaxDepthMm").ShouldBe("The maximum depth must be a whole number of depth steps.");

        var added = await admin.SubmitAsync("/admin/setup", new Dictionary<string, string>
        {
            ["NewDevice.Name"] = "Pen 3", ["NewDevice.Model"] = "Dermapen 4", ["NewDevice.Class"] = "DermapenClass",
            ["NewDevice.MaxDepthMm"] = "2.5", ["NewDevice.DepthStepMm"] = "0.1",
        }, "/admin/setup/devices");
        added.Location.ShouldBe("/admin/setup");
        (await admin.FollowAsync(added)).Document.QuerySelector(".devices")!.TextContent.ShouldContain("Pen 3 · Dermapen 4 · up to 2.5 mm");
    }

    [Theory]
    [InlineData(Roles.Client)]
    [InlineData(Roles.Esthetician)]
    public async Task Only_the_front_desk_and_admin_take_rooms_and_devices_out_of_service(string role)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var other = role == Roles.Client
            ? (await Booking.BookingFlows.SignedInClientAsync(App, Database, NewSession)).Session
            : await AccountFlows.SignedInStaffAsync(App, NewSession, role);

        (await other.GetAsync("/front-desk/resources")).Location!.ShouldContain("/account/access-denied");
        var posted = await other.PostAsync(await other.GetAsync("/"), "/front-desk/resources/out-of-service", new Dictionary<string, string>
        {
            ["Form.ResourceId"] = clinic.RoomOne.Id.ToString(), ["Form.From"] = Local(8), ["Form.Until"] = Local(9),
        });
        posted.Location!.ShouldContain("/account/access-denied");
        await using var db = Database.CreateContext();
        (await db.OutOfService.CountAsync()).ShouldBe(0);
    }
}
