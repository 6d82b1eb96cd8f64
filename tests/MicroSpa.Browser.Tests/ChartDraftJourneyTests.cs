using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Treatments;
using MicroSpa.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>A draft on the tablet: a depth typed with a decimal comma, an area added by mistake and removed.</summary>
public sealed class ChartDraftJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_esthetician_types_a_decimal_comma_and_removes_an_area_added_by_mistake()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        var appointment = await clinic.BookAsync(Fixture.Database, TestClinic.At(10));
        await using (var db = Fixture.Database.CreateContext())
        {
            var forehead = new BodyArea("Forehead", BodyRegion.Face, 2);
            forehead.SetDepthRules(new DepthBand(0.25m, 0.5m), 1.0m);
            db.BodyAreas.Add(forehead);
            (await db.Appointments.SingleAsync(a => a.Id == appointment.Id)).CheckIn(DateTimeOffset.UtcNow, TestClinic.By);
            await db.SaveChangesAsync();
        }

        var maya = await SignedInAsync(Roles.Esthetician, "maya.draft@clinic.test");
        await using (var db = Fixture.Database.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "maya.draft@clinic.test");
            (await db.Providers.SingleAsync(p => p.Id == clinic.Esthetician.Id)).LinkAccount(user.Id);
            await db.SaveChangesAsync();
        }

        await maya.GotoAsync($"/provider?date={TestClinic.Day:yyyy-MM-dd}");
        await maya.GetByRole(AriaRole.Button, new() { Name = "Open the chart for Test Client" }).ClickAsync();
        await maya.WaitForURLAsync("**/provider/charts/**");
        await maya.GetByLabel("Device").SelectOptionAsync(new SelectOptionValue { Label = "SkinPen 1 (SkinPen Precision, up to 2.5 mm in 0.25 mm steps)" });

        // A phone in a European locale types a comma: the live hint and the saved chart read the same 0.5.
        var cheeks = maya.GetByLabel("Depth (mm), Cheeks");
        await cheeks.FillAsync("0,5");
        await maya.Locator("#Form_Areas_0__DepthMm-live").GetByText("Within the rules.").WaitForAsync();
        await cheeks.FillAsync("1.234,5");
        await maya.Locator("#Form_Areas_0__DepthMm-live").GetByText("Use one point or one comma").WaitForAsync();
        await cheeks.FillAsync("0,75");
        await maya.Locator("#Form_Areas_0__DepthMm-live").GetByText("Within the rules.").WaitForAsync();

        await maya.GetByLabel("Add an area").SelectOptionAsync(new SelectOptionValue { Label = "Forehead" });
        await maya.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await maya.GetByText("Draft saved.").WaitForAsync();
        (await cheeks.InputValueAsync()).ShouldBe("0.75");

        // Enter in a field saves the draft; it never presses a row's Remove button.
        await maya.GetByLabel("Passes, Cheeks").FillAsync("4");
        var reloaded = maya.WaitForResponseAsync(r => r.Request.Method == "GET" && r.Request.RedirectedFrom?.Method == "POST");
        await maya.GetByLabel("Passes, Cheeks").PressAsync("Enter");
        await reloaded;
        await maya.GetByText("Draft saved.").WaitForAsync();
        (await maya.GetByLabel("Depth (mm), Forehead").CountAsync()).ShouldBe(1);
        await using (var db = Fixture.Database.CreateContext())
        {
            var saved = await db.TreatmentRecords.SingleAsync();
            saved.Areas.Select(a => a.AreaName).ShouldBe(["Cheeks", "Forehead"], ignoreOrder: true);
            saved.Areas.Single(a => a.AreaName == "Cheeks").Passes.ShouldBe(4);
        }

        await maya.GetByLabel("Passes, Cheeks").FillAsync("5");
        await maya.GetByRole(AriaRole.Button, new() { Name = "Remove Forehead" }).ClickAsync();
        await maya.GetByText("Forehead taken off the chart; draft saved.").WaitForAsync();
        (await maya.GetByLabel("Depth (mm), Forehead").CountAsync()).ShouldBe(0);
        (await maya.GetByLabel("Passes, Cheeks").InputValueAsync()).ShouldBe("5");
        (await cheeks.InputValueAsync()).ShouldBe("0.75");
        await maya.AssertNoSeriousViolationsAsync();

        await using var check = Fixture.Database.CreateContext();
        var area = (await check.TreatmentRecords.SingleAsync()).Areas.Single();
        area.AreaName.ShouldBe("Cheeks");
        area.DepthMm.ShouldBe(0.75m);
        area.Passes.ShouldBe(5);
    }
}
