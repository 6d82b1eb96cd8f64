using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Charts;

/// <summary>What a provider types into a chart: decimal commas, numbers that could mean two things, rows added and removed.</summary>
public sealed class ChartInputTests(WebAppFixture fixture) : WebTest(fixture)
{
    private async Task<(TestClinic Clinic, Appointment Appointment)> CheckedInAsync()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        await using var db = Database.CreateContext();
        (await db.Appointments.SingleAsync(a => a.Id == appointment.Id)).CheckIn(DateTimeOffset.UtcNow, TestClinic.By);
        await db.SaveChangesAsync();
        return (clinic, appointment);
    }

    private async Task<(WebSession Maya, string Url, Page Chart)> OpenAsync(TestClinic clinic, Appointment appointment)
    {
        var email = $"maya.{Guid.NewGuid():N}@clinic.test";
        var maya = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Esthetician, email);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
            await using var db = Database.CreateContext();
            (await db.Providers.SingleAsync(p => p.Id == clinic.Esthetician.Id)).LinkAccount(user!.Id);
            await db.SaveChangesAsync();
        }

        var day = await maya.GetAsync($"/provider?date={TestClinic.Day:yyyy-MM-dd}");
        var opened = await maya.SubmitAsync(day, new Dictionary<string, string>(), $"/provider/appointments/{appointment.Id}/chart");
        return (maya, opened.Location!, await maya.FollowAsync(opened));
    }

    private static Dictionary<string, string> Draft(TestClinic clinic, string depth) => new()
    {
        ["Form.Intent"] = "save",
        ["Form.SkinType"] = "III",
        ["Form.DeviceId"] = clinic.SkinPen.Id.ToString(),
        ["Form.Areas[0].DepthMm"] = depth,
        ["Form.Areas[0].Passes"] = "4",
    };

    /// <summary>The first message under the depth (the draft's findings follow it).</summary>
    private static string? DepthMessage(Page page) => page.Document.QuerySelector("#Form_Areas_0__DepthMm-error p")?.TextContent.Trim();

    private async Task<decimal?> StoredDepthAsync()
    {
        await using var db = Database.CreateContext();
        return (await db.TreatmentRecords.SingleAsync()).Areas.Single().DepthMm;
    }

    [Theory]
    [InlineData("0,75", 0.75)]
    [InlineData("0.75", 0.75)]
    [InlineData(" 1,5 ", 1.5)]
    [InlineData(",5", 0.5)]
    [InlineData("2,25", 2.25)]
    public async Task A_depth_typed_with_a_decimal_comma_or_point_is_the_same_depth(string typed, double expected)
    {
        var (clinic, appointment) = await CheckedInAsync();
        var (maya, url, chart) = await OpenAsync(clinic, appointment);
        using var _ = maya;

        var saved = await maya.SubmitAsync(chart, Draft(clinic, typed), url);

        saved.Location.ShouldBe(url);
        (await StoredDepthAsync()).ShouldBe((decimal)expected);
        var page = await maya.FollowAsync(saved);
        page.Document.GetElementById("Form_Areas_0__DepthMm")!.GetAttribute("value").ShouldBe(ChartFormat((decimal)expected));
    }

    private static string ChartFormat(decimal value) => MicroSpa.Web.Features.Charts.ChartPage.Format(value);

    [Theory]
    [InlineData("1,234.5", DecimalInput.TwoSeparatorsMessage)]
    [InlineData("1.234,5", DecimalInput.TwoSeparatorsMessage)]
    [InlineData("0,2,5", DecimalInput.TwoSeparatorsMessage)]
    [InlineData("1,250", null)]
    [InlineData("NaN", DecimalInput.NotANumberMessage)]
    [InlineData("deep", DecimalInput.NotANumberMessage)]
    [InlineData("1e3", DecimalInput.NotANumberMessage)]
    [InlineData("0,125", MicroSpa.Web.Features.Charts.SaveChart.HundredthsMessage)]
    public async Task A_depth_that_could_mean_two_numbers_or_none_is_refused_in_words_and_nothing_is_saved(string typed, string? message)
    {
        var (clinic, appointment) = await CheckedInAsync();
        var (maya, url, chart) = await OpenAsync(clinic, appointment);
        using var _ = maya;

        var refused = await maya.SubmitAsync(chart, Draft(clinic, typed), url);

        refused.Status.ShouldBe(HttpStatusCode.OK);
        DepthMessage(refused).ShouldBe(message ?? DecimalInput.AmbiguousMessage(typed));
        refused.Text.ShouldNotContain("DepthMm");
        refused.Document.GetElementById("Form_Areas_0__DepthMm")!.GetAttribute("value").ShouldBe(typed, "what was typed stays to be corrected");
        (await StoredDepthAsync()).ShouldBeNull();
    }

    [Theory]
    [InlineData("15")]
    [InlineData("3,5")]
    public async Task A_depth_beyond_every_pen_is_refused_with_the_chosen_pens_own_maximum(string typed)
    {
        var (clinic, appointment) = await CheckedInAsync();
        var (maya, url, chart) = await OpenAsync(clinic, appointment);
        using var _ = maya;

        var refused = await maya.SubmitAsync(chart, Draft(clinic, typed), url);

        refused.Status.ShouldBe(HttpStatusCode.OK);
        DepthMessage(refused).ShouldBe("SkinPen 1 goes to 2.5 mm at most.");
        refused.Text.ShouldNotContain("0 to 3");
        (await StoredDepthAsync()).ShouldBeNull();
    }

    [Fact]
    public async Task The_live_depth_check_reads_the_depth_as_the_save_does()
    {
        var (clinic, appointment) = await CheckedInAsync();
        var (maya, _, _) = await OpenAsync(clinic, appointment);
        using var __ = maya;
        string Url(string depth) =>
            $"/provider/depth-check?areaId={clinic.Cheeks.Id}&deviceId={clinic.SkinPen.Id}&depth={Uri.EscapeDataString(depth)}&skinType=III";

        // "0,5" used to be read as 5 by the server and as 0.5 by the page.
        (await maya.Client.GetStringAsync(Url("0,5"))).ShouldContain("\"refusal\":null,\"warnings\":[]");
        (await maya.Client.GetStringAsync(Url("1,25"))).ShouldContain("1.25 mm is above the cheeks band");

        var ambiguous = await maya.Client.GetAsync(Url("1.234,5"));
        ambiguous.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ambiguous.Content.ReadAsStringAsync()).ShouldContain("Use one point or one comma");
    }

    [Theory]
    [InlineData("2,5", "0,25")]
    [InlineData("2.5", "0.25")]
    public async Task A_pen_added_in_clinic_setup_takes_a_decimal_comma_too(string max, string step)
    {
        await TestClinic.CreateAsync(Database);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var added = await admin.SubmitAsync("/admin/setup", new Dictionary<string, string>
        {
            ["NewDevice.Name"] = "Pen 3", ["NewDevice.Model"] = "SkinPen Precision", ["NewDevice.Class"] = "SkinPenClass",
            ["NewDevice.MaxDepthMm"] = max, ["NewDevice.DepthStepMm"] = step,
        }, "/admin/setup/devices");

        added.Location.ShouldBe("/admin/setup");
        await using var db = Database.CreateContext();
        var pen = await db.Devices.SingleAsync(d => d.Name == "Pen 3");
        pen.MaxDepthMm.ShouldBe(2.5m);
        pen.DepthStepMm.ShouldBe(0.25m);
    }

    private async Task<BodyArea> AreaAsync(string name, Action<BodyArea> rules)
    {
        var area = new BodyArea(name, BodyRegion.Face, 5);
        rules(area);
        await using var db = Database.CreateContext();
        db.BodyAreas.Add(area);
        await db.SaveChangesAsync();
        return area;
    }

    [Fact]
    public async Task An_area_added_by_mistake_is_removed_and_what_was_typed_on_the_others_is_saved()
    {
        var (clinic, appointment) = await CheckedInAsync();
        var forehead = await AreaAsync("Forehead", a => a.SetDepthRules(new DepthBand(0.25m, 0.5m), 1.0m));
        var (maya, url, chart) = await OpenAsync(clinic, appointment);
        using var _ = maya;
        var added = await maya.FollowAsync(await maya.SubmitAsync(chart, new Dictionary<string, string>(Draft(clinic, "0.75")) { ["Form.AddAreaId"] = forehead.Id.ToString() }, url));
        added.Document.QuerySelectorAll(".chart-area legend").Select(l => l.TextContent).ShouldBe(["Cheeks", "Forehead"], ignoreOrder: true);

        // Rows are posted by their place on the page; the depth typed for Cheeks goes with the removal.
        var cheeksRow = added.Document.QuerySelectorAll(".chart-area legend").Select(l => l.TextContent).ToList().IndexOf("Cheeks");
        var removed = await maya.SubmitAsync(added, new Dictionary<string, string>
        {
            ["Form.Intent"] = "save",
            [$"Form.Areas[{cheeksRow}].DepthMm"] = "1,0",
            [$"Form.Areas[{1 - cheeksRow}].DepthMm"] = "0.5",
            ["Form.RemoveAreaId"] = forehead.Id.ToString(),
        }, url);

        removed.Location.ShouldBe(url);
        var page = await maya.FollowAsync(removed);
        page.Text.ShouldContain("Forehead taken off the chart; draft saved.");
        page.Document.QuerySelectorAll(".chart-area legend").Select(l => l.TextContent).ShouldBe(["Cheeks"]);
        page.Document.QuerySelector("#Form_AddAreaId option[value='" + forehead.Id + "']").ShouldNotBeNull("it can be added again");
        await using var db = Database.CreateContext();
        var record = await db.TreatmentRecords.SingleAsync();
        record.Areas.Single().DepthMm.ShouldBe(1.0m, "the depth typed with the removal is saved");
        record.Status.ShouldBe(ChartStatus.Draft);
    }

    [Fact]
    public async Task A_hand_made_post_with_a_never_treated_area_or_one_without_a_band_is_refused_and_nothing_is_saved()
    {
        var (clinic, appointment) = await CheckedInAsync();
        var eyelids = await AreaAsync("Eyelids", a => a.MarkNeverTreat());
        var chest = await AreaAsync("Chest", _ => { });
        var (maya, url, chart) = await OpenAsync(clinic, appointment);
        using var _ = maya;

        foreach (var (area, message) in new[]
                 {
                     (eyelids, "Eyelids is never treated."),
                     (chest, "Chest has no depth band yet: the medical director sets one before it can be charted."),
                 })
        {
            var refused = await maya.SubmitAsync(chart, new Dictionary<string, string>(Draft(clinic, "0.75"))
            {
                ["Form.Areas[1].BodyAreaId"] = area.Id.ToString(),
                ["Form.Areas[1].DepthMm"] = "0.25",
            }, url);

            refused.Status.ShouldBe(HttpStatusCode.OK);
            refused.FieldMessage("Form_Areas").ShouldBe(message);
        }

        await using var db = Database.CreateContext();
        var record = await db.TreatmentRecords.SingleAsync();
        record.Areas.Select(a => a.AreaName).ShouldBe(["Cheeks"]);
        record.Areas.Single().DepthMm.ShouldBeNull("a refused save changes nothing");
    }
}
