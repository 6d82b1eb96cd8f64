using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.FrontDesk;

public sealed class ProviderScheduleTests(WebAppFixture fixture) : WebTest(fixture)
{
    private Task<WebSession> DeskAsync() => AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);

    private static Dictionary<string, string> Week(DayOfWeek day, string s1, string e1, string s2 = "", string e2 = "")
    {
        var fields = new Dictionary<string, string>();
        var order = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday };
        for (var i = 0; i < order.Length; i++)
        {
            fields[$"Days[{i}].Day"] = order[i].ToString();
            fields[$"Days[{i}].Start1"] = order[i] == day ? s1 : "";
            fields[$"Days[{i}].End1"] = order[i] == day ? e1 : "";
            fields[$"Days[{i}].Start2"] = order[i] == day ? s2 : "";
            fields[$"Days[{i}].End2"] = order[i] == day ? e2 : "";
        }

        return fields;
    }

    private async Task<List<string>> OpenTimesAsync(TestClinic clinic)
    {
        using var api = App.CreateClient();
        var result = await api.GetFromJsonAsync<JsonElement>(
            $"/api/v1/availability?serviceId={clinic.Facial.Id}&from={TestClinic.Day:yyyy-MM-dd}&to={TestClinic.Day:yyyy-MM-dd}&providerId={clinic.Esthetician.Id}");
        return result.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetString()![11..16]).ToList();
    }

    [Fact]
    public async Task New_hours_with_a_break_change_the_open_times()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var desk = await DeskAsync();
        var url = $"/front-desk/providers/{clinic.Esthetician.Id}";

        var saved = await desk.SubmitAsync(url, Week(TestClinic.Day.DayOfWeek, "09:00", "11:30", "13:00", "15:00"), $"{url}/hours");

        saved.Location.ShouldBe(url);
        var times = await OpenTimesAsync(clinic);
        times.First().ShouldBe("09:00");
        times.ShouldContain("10:15");
        times.ShouldNotContain("10:30");
        times.ShouldNotContain("12:00");
        times.ShouldContain("13:00");
        times.Last().ShouldBe("13:45");
    }

    [Fact]
    public async Task Shorter_hours_list_the_booked_appointments_now_outside_them()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var late = await clinic.BookAsync(Database, TestClinic.At(17));
        using var desk = await DeskAsync();
        var url = $"/front-desk/providers/{clinic.Esthetician.Id}";

        await desk.SubmitAsync(url, Week(TestClinic.Day.DayOfWeek, "09:00", "15:00"), $"{url}/hours");

        var page = await desk.GetAsync(url);
        var orphan = page.Document.QuerySelector(".orphans li")!;
        orphan.TextContent.ShouldContain("Test Client");
        orphan.TextContent.ShouldContain("outside working hours");
        orphan.QuerySelector($"a[href='/front-desk/appointments/{late.Id}/reschedule']").ShouldNotBeNull();
    }

    [Fact]
    public async Task Impossible_hours_are_refused_and_nothing_changes()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var desk = await DeskAsync();
        var url = $"/front-desk/providers/{clinic.Esthetician.Id}";

        var backwards = await desk.SubmitAsync(url, Week(TestClinic.Day.DayOfWeek, "17:00", "09:00"), $"{url}/hours");
        var overlapping = await desk.SubmitAsync(url, Week(TestClinic.Day.DayOfWeek, "09:00", "13:00", "12:00", "16:00"), $"{url}/hours");
        var halfDone = await desk.SubmitAsync(url, Week(TestClinic.Day.DayOfWeek, "09:00", ""), $"{url}/hours");

        backwards.Status.ShouldBe(HttpStatusCode.OK);
        backwards.Summary.ShouldContain("The end must be after the start.");
        overlapping.Summary.ShouldContain("The second block starts after the first ends.");
        halfDone.Summary.ShouldContain("Give an end time.");
        (await OpenTimesAsync(clinic)).First().ShouldBe("08:00");
    }

    [Fact]
    public async Task Time_off_closes_its_hours_and_can_be_removed()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var booked = await clinic.BookAsync(Database, TestClinic.At(10));
        using var desk = await DeskAsync();
        var url = $"/front-desk/providers/{clinic.Esthetician.Id}";
        var day = TestClinic.Day.ToString("yyyy-MM-dd");

        var bad = await desk.SubmitAsync(url, new Dictionary<string, string> { ["From"] = $"{day}T12:00", ["Until"] = $"{day}T09:00" }, $"{url}/time-off");
        bad.Summary.ShouldContain("The end must be after the start.");
        var added = await desk.SubmitAsync(url, new Dictionary<string, string> { ["From"] = $"{day}T08:00", ["Until"] = $"{day}T14:00", ["Reason"] = "Training" }, $"{url}/time-off");

        added.Location.ShouldBe(url);
        (await OpenTimesAsync(clinic)).First().ShouldBe("14:00");
        var page = await desk.GetAsync(url);
        page.Document.QuerySelector(".orphans li")!.TextContent.ShouldContain("during time off (Training)");
        page.Document.QuerySelector($".orphans a[href='/front-desk/appointments/{booked.Id}/reschedule']").ShouldNotBeNull();

        await using (var db = Database.CreateContext())
        {
            var id = await db.TimeOff.Select(t => t.Id).SingleAsync();
            (await desk.SubmitAsync(page, new Dictionary<string, string>(), $"{url}/time-off/{id}/delete")).Location.ShouldBe(url);
        }

        (await OpenTimesAsync(clinic)).First().ShouldBe("08:00");
    }
}
