using System.Net;
using AngleSharp.Dom;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Charts;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Charts;

/// <summary>The face and body map on the chart, as the server draws it.</summary>
public sealed class FaceMapTests(WebAppFixture fixture) : WebTest(fixture)
{
    private sealed record Setup(TestClinic Clinic, BodyArea Forehead, BodyArea Eyelids, BodyArea Chest, BodyArea Knees, Product Serum);

    private async Task<Setup> ClinicAsync()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var forehead = new BodyArea("Forehead", BodyRegion.Face, 2);
        forehead.SetDepthRules(new DepthBand(0.25m, 0.5m), 1.0m);
        var eyelids = new BodyArea("Eyelids", BodyRegion.Face, 3);
        eyelids.MarkNeverTreat();
        var chest = new BodyArea("Chest", BodyRegion.Chest, 4);
        var knees = new BodyArea("Knees", BodyRegion.Legs, 5);
        knees.SetDepthRules(new DepthBand(0.5m, 1.5m), 2.0m);
        var serum = new Product("Hyaluronic acid serum", "Hydration", notForNeedledSkin: false);
        await using var db = Database.CreateContext();
        db.AddRange(forehead, eyelids, chest, knees, serum);
        await db.SaveChangesAsync();
        return new Setup(clinic, forehead, eyelids, chest, knees, serum);
    }

    private async Task<Appointment> CheckedInAsync(Setup s, DateTimeOffset start)
    {
        var appointment = await s.Clinic.BookAsync(Database, start);
        await using var db = Database.CreateContext();
        var saved = await db.Appointments.SingleAsync(a => a.Id == appointment.Id);
        saved.CheckIn(DateTimeOffset.UtcNow, TestClinic.By);
        await TestClinic.GiveIntakeAsync(db, saved);
        await db.SaveChangesAsync();
        return appointment;
    }

    private async Task<WebSession> MayaAsync(TestClinic clinic)
    {
        var email = $"maya.{Guid.NewGuid():N}@clinic.test";
        var session = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Esthetician, email);
        await using var scope = App.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
        await using var db = Database.CreateContext();
        (await db.Providers.SingleAsync(p => p.Id == clinic.Esthetician.Id)).LinkAccount(user!.Id);
        await db.SaveChangesAsync();
        return session;
    }

    private static async Task<(string Url, Page Chart)> OpenAsync(WebSession maya, Appointment appointment)
    {
        var day = await maya.GetAsync($"/provider?date={TestClinic.Day:yyyy-MM-dd}");
        var opened = await maya.SubmitAsync(day, new Dictionary<string, string>(), $"/provider/appointments/{appointment.Id}/chart");
        opened.Location!.ShouldStartWith("/provider/charts/");
        return (opened.Location!, await maya.FollowAsync(opened));
    }

    private static Dictionary<string, string> Chart(Setup s, string intent, string depth) => new()
    {
        ["Form.Intent"] = intent,
        ["Form.SkinType"] = "III",
        ["Form.NumbingAgent"] = "Lidocaine 23%",
        ["Form.NumbingApplied"] = "09:20",
        ["Form.NumbingRemoved"] = "09:55",
        ["Form.DeviceId"] = s.Clinic.SkinPen.Id.ToString(),
        ["Form.CartridgeNeedles"] = "12",
        ["Form.CartridgeLot"] = "CART-77",
        ["Form.CartridgeExpiry"] = "2030-01-01",
        ["Form.Areas[0].DepthMm"] = depth,
        ["Form.Areas[0].Passes"] = "4",
        ["Form.Areas[0].ProductId"] = s.Serum.Id.ToString(),
        ["Form.Areas[0].ProductLot"] = "HA-2026-11",
        ["Form.Areas[0].Endpoint"] = "Both",
    };

    private static IElement Shape(Page page, string shape) =>
        page.Document.QuerySelector($"#face-map g[data-shape='{shape}']") ?? throw new ShouldAssertException($"no {shape} on the map");

    [Fact]
    public async Task The_map_draws_the_clinics_areas_with_the_last_sessions_depth_and_colours_the_charted_ones_by_depth()
    {
        var s = await ClinicAsync();
        using var maya = await MayaAsync(s.Clinic);
        // A first session, signed: the cheeks at 0.75 mm.
        var first = await CheckedInAsync(s, TestClinic.At(9));
        var (firstUrl, firstChart) = await OpenAsync(maya, first);
        (await maya.SubmitAsync(firstChart, Chart(s, "sign", "0.75"), firstUrl)).Location.ShouldBe(firstUrl);
        (await maya.GetAsync(firstUrl)).Document.GetElementById("chart-state")!.TextContent.ShouldStartWith("Signed by");

        var second = await CheckedInAsync(s, TestClinic.At(14));
        var (url, chart) = await OpenAsync(maya, second);

        var cheeks = Shape(chart, FaceMap.Shapes.Cheeks);
        cheeks.GetAttribute("aria-label").ShouldBe("Cheeks — on this chart, no depth yet; 0.75 mm last time");
        cheeks.ClassList.ShouldContain("depth-band-0");
        cheeks.GetAttribute("role").ShouldBe("button");
        cheeks.GetAttribute("tabindex").ShouldBe("0");
        var forehead = Shape(chart, FaceMap.Shapes.Forehead);
        forehead.GetAttribute("aria-label").ShouldBe("Forehead — not treated before");
        forehead.GetAttribute("role").ShouldBe("button");
        forehead.GetAttribute("data-map-area").ShouldBe(s.Forehead.Id.ToString());
        var eyelids = Shape(chart, FaceMap.Shapes.Eyelids);
        eyelids.GetAttribute("aria-label").ShouldBe("Eyelids — never treated");
        eyelids.GetAttribute("role").ShouldBe("img");
        eyelids.HasAttribute("tabindex").ShouldBeFalse("the eyelids are never treated: nothing to choose");
        var chest = Shape(chart, FaceMap.Shapes.Chest);
        chest.GetAttribute("aria-label").ShouldBe("Chest — no depth band in clinical settings yet, cannot be charted");
        chest.HasAttribute("tabindex").ShouldBeFalse();
        var notDrawn = chart.Document.GetElementById("face-map-not-drawn")!;
        notDrawn.QuerySelector("[data-area-name='Knees']")!.GetAttribute("aria-label").ShouldBe("Knees — not treated before");
        chart.Document.QuerySelector("#face-map g[data-shape='neck']").ShouldBeNull("the clinic has no neck area");
        chart.Document.QuerySelector("[data-legend-area='Cheeks']")!.TextContent.ShouldContain("0.75 mm");

        var saved = await maya.FollowAsync(await maya.SubmitAsync(chart, Chart(s, "save", "1.25"), url));

        cheeks = Shape(saved, FaceMap.Shapes.Cheeks);
        cheeks.ClassList.ShouldContain("depth-band-3");
        cheeks.GetAttribute("aria-label").ShouldBe("Cheeks — on this chart, 1.25 mm; 0.75 mm last time");
        cheeks.QuerySelector("text.map-depth")!.TextContent.ShouldBe("1.25");
        cheeks.GetAttribute("data-depth-field").ShouldBe("Form_Areas_0__DepthMm");
        saved.Document.GetElementById("Form_Areas_0__DepthMm").ShouldNotBeNull("the area's depth field the map moves to");
    }

    [Fact]
    public async Task An_area_chosen_on_the_map_is_added_to_the_chart_as_the_list_adds_it_and_a_refused_depth_keeps_its_colour()
    {
        var s = await ClinicAsync();
        using var maya = await MayaAsync(s.Clinic);
        var appointment = await CheckedInAsync(s, TestClinic.At(10));
        var (url, chart) = await OpenAsync(maya, appointment);
        var forehead = Shape(chart, FaceMap.Shapes.Forehead);
        // The map's tap sets the "Add an area" list to the shape's area and saves the draft: the same post.
        chart.Document.QuerySelector($"#Form_AddAreaId option[value='{forehead.GetAttribute("data-map-area")}']").ShouldNotBeNull();

        var added = await maya.FollowAsync(await maya.SubmitAsync(chart,
            new Dictionary<string, string>(Chart(s, "save", "2.25")) { ["Form.AddAreaId"] = forehead.GetAttribute("data-map-area")! }, url));

        added.Status.ShouldBe(HttpStatusCode.OK);
        added.Document.GetElementById("Form_Areas_1__DepthMm").ShouldNotBeNull("the forehead is on the chart");
        forehead = Shape(added, FaceMap.Shapes.Forehead);
        forehead.ClassList.ShouldContain("map-onchart");
        forehead.GetAttribute("aria-label").ShouldBe("Forehead — on this chart, no depth yet; not treated before");
        forehead.GetAttribute("data-depth-field").ShouldBe("Form_Areas_1__DepthMm");
        Shape(added, FaceMap.Shapes.Cheeks).ClassList.ShouldContain("depth-band-5", "2.25 mm is over 2.0 mm");
        added.Document.QuerySelector($"#Form_AddAreaId option[value='{s.Forehead.Id}']").ShouldBeNull("it is on the chart now");
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("0.25", 1)]
    [InlineData("0.5", 1)]
    [InlineData("0.75", 2)]
    [InlineData("1.0", 2)]
    [InlineData("1.25", 3)]
    [InlineData("1.75", 4)]
    [InlineData("2.5", 5)]
    public void Depths_fall_into_the_legends_bands(string? depth, int band)
    {
        var area = new FaceMap.Area(Guid.NewGuid(), "Cheeks", FaceMap.Shapes.Cheeks, FaceMap.State.OnChart,
            depth is null ? null : decimal.Parse(depth, System.Globalization.CultureInfo.InvariantCulture), null, 0);

        area.DepthBand.ShouldBe(band);
    }

    [Theory]
    [InlineData("Forehead", FaceMap.Shapes.Forehead)]
    [InlineData("Under-eye", FaceMap.Shapes.UnderEye)]
    [InlineData("Nose", FaceMap.Shapes.Nose)]
    [InlineData("Cheeks", FaceMap.Shapes.Cheeks)]
    [InlineData("Upper lip", FaceMap.Shapes.UpperLip)]
    [InlineData("Jawline and chin", FaceMap.Shapes.Jaw)]
    [InlineData("Eyelids", FaceMap.Shapes.Eyelids)]
    [InlineData("Neck", FaceMap.Shapes.Neck)]
    [InlineData("Chest", FaceMap.Shapes.Chest)]
    [InlineData("Scalp", FaceMap.Shapes.Scalp)]
    [InlineData("Abdomen", FaceMap.Shapes.Abdomen)]
    [InlineData("Thighs and buttocks", FaceMap.Shapes.Thighs)]
    [InlineData("Back", FaceMap.Shapes.Back)]
    [InlineData("Arms", FaceMap.Shapes.Arms)]
    [InlineData("Back of hands", FaceMap.Shapes.Hands)]
    [InlineData("Knees", null)]
    public void The_demo_clinics_areas_each_have_a_shape(string name, string? shape) => FaceMap.ShapeFor(name).ShouldBe(shape);

    [Fact]
    public void A_second_area_for_a_shape_already_drawn_is_listed_beside_the_drawing()
    {
        var jawline = new FaceMap.Catalogue(Guid.NewGuid(), "Jawline", BodyRegion.Face, true, false);
        var chin = new FaceMap.Catalogue(Guid.NewGuid(), "Chin", BodyRegion.Face, true, false);

        var map = FaceMap.Build([jawline, chin], [], new Dictionary<Guid, FaceMap.LastTime>());

        map.Drawn.ShouldHaveSingleItem().Name.ShouldBe("Jawline");
        map.NotDrawn.ShouldHaveSingleItem().Name.ShouldBe("Chin");
    }
}
