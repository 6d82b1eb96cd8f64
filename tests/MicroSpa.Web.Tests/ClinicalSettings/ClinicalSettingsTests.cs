using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Treatments;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.ClinicalSettings;

public sealed class ClinicalSettingsTests(WebAppFixture fixture) : WebTest(fixture)
{
    public override async Task DisposeAsync()
    {
        // The aftercare template is seeded by a migration and kept between tests: undo what a test added or changed.
        await using var db = Database.CreateContext();
        await db.Database.ExecuteSqlRawAsync("DELETE FROM aftercare_template_items WHERE id::text NOT LIKE '0a5e0000-%'");
        await db.Database.ExecuteSqlRawAsync("UPDATE aftercare_template_items SET active = true WHERE id::text LIKE '0a5e0000-%'");
    }

    private static Dictionary<string, string> Rules(string min, string max, string hard, string interval = "28", bool never = false)
    {
        var fields = new Dictionary<string, string> { ["Area.MinMm"] = min, ["Area.MaxMm"] = max, ["Area.HardMaxMm"] = hard, ["Area.IntervalDays"] = interval };
        if (never)
        {
            fields["Area.NeverTreat"] = "true";
        }

        return fields;
    }

    [Fact]
    public async Task The_medical_director_sets_an_areas_band_and_bad_rules_get_a_message_on_that_row()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);
        var page = await director.GetAsync("/clinical-settings");
        page.Status.ShouldBe(HttpStatusCode.OK);
        var url = $"/clinical-settings/areas/{clinic.Cheeks.Id}";

        var saved = await director.PostAsync(page, url, Rules("0.25", "1.5", "2.0", "35"));
        saved.Location.ShouldBe("/clinical-settings");
        await using (var db = Database.CreateContext())
        {
            var cheeks = await db.BodyAreas.SingleAsync(a => a.Id == clinic.Cheeks.Id);
            cheeks.Band.ShouldBe(new DepthBand(0.25m, 1.5m));
            cheeks.MinimumIntervalDays.ShouldBe(35);
        }

        var upsideDown = await director.PostAsync(page, url, Rules("1.0", "0.5", ""));
        upsideDown.Status.ShouldBe(HttpStatusCode.OK);
        upsideDown.Document.QuerySelector(".area-errors")!.TextContent.ShouldContain("The upper end of a depth band must not be below its lower end.");
        var hardBelow = await director.PostAsync(page, url, Rules("0.5", "1.0", "0.75"));
        hardBelow.Document.QuerySelector(".area-errors")!.TextContent.ShouldContain("The hard maximum must be at or above the top of the band.");
        var halfBand = await director.PostAsync(page, url, Rules("0.5", "", ""));
        halfBand.Document.QuerySelector(".area-errors")!.TextContent.ShouldContain("Give both ends of the band, or neither.");
        var notNumber = await director.PostAsync(page, url, Rules("half", "1.0", ""));
        notNumber.Status.ShouldBe(HttpStatusCode.OK);

        await using var check = Database.CreateContext();
        (await check.BodyAreas.SingleAsync(a => a.Id == clinic.Cheeks.Id)).Band.ShouldBe(new DepthBand(0.25m, 1.5m), "refused changes saved nothing");
    }

    [Fact]
    public async Task Products_are_added_flagged_and_retired_and_duplicates_are_refused()
    {
        await TestClinic.CreateAsync(Database);
        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);

        var added = await director.SubmitAsync("/clinical-settings", new Dictionary<string, string> { ["NewProduct.Name"] = "PRP", ["NewProduct.Purpose"] = "Regeneration" }, "/clinical-settings/products");
        added.Location.ShouldBe("/clinical-settings");
        var again = await director.SubmitAsync("/clinical-settings", new Dictionary<string, string> { ["NewProduct.Name"] = "prp" }, "/clinical-settings/products");
        again.FieldMessage("NewProduct_Name").ShouldBe("There is already a product with this name.");

        await using var db = Database.CreateContext();
        var prp = await db.Products.SingleAsync();
        var page = await director.GetAsync("/clinical-settings");
        (await director.PostAsync(page, $"/clinical-settings/products/{prp.Id}", new Dictionary<string, string> { ["notForNeedledSkin"] = "true" })).Location.ShouldBe("/clinical-settings");
        (await director.PostAsync(page, $"/clinical-settings/products/{prp.Id}", new Dictionary<string, string> { ["active"] = "false" })).Location.ShouldBe("/clinical-settings");
        await using var check = Database.CreateContext();
        var after = await check.Products.SingleAsync();
        after.NotForNeedledSkin.ShouldBeTrue();
        after.Active.ShouldBeFalse();
    }

    [Fact]
    public async Task An_aftercare_line_is_added_and_a_line_without_its_date_marker_is_refused()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var refused = await admin.SubmitAsync("/clinical-settings/aftercare/new", new Dictionary<string, string>
        {
            ["Form.Kind"] = "Avoid", ["Form.Text"] = "No tanning beds.", ["Form.Hours"] = "336",
        });
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.FieldMessage("Form_Text").ShouldBe("Use {until} in the text exactly when the line has a duration.");

        var added = await admin.SubmitAsync("/clinical-settings/aftercare/new", new Dictionary<string, string>
        {
            ["Form.Kind"] = "Avoid", ["Form.Text"] = "No tanning beds until {until}.", ["Form.Hours"] = "336",
        });
        added.Location.ShouldBe("/clinical-settings");
        (await admin.FollowAsync(added)).Document.QuerySelector(".aftercare-lines")!.TextContent.ShouldContain("No tanning beds until {until}.");
    }

    [Fact]
    public async Task The_medical_director_adds_a_device_and_an_impossible_step_is_refused()
    {
        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);
        Dictionary<string, string> Device(string max) => new()
        {
            ["NewDevice.Name"] = "Pen 9", ["NewDevice.Model"] = "Dermapen 4", ["NewDevice.Class"] = "DermapenClass",
            ["NewDevice.MaxDepthMm"] = max, ["NewDevice.DepthStepMm"] = "0.1",
        };

        var refused = await director.SubmitAsync("/clinical-settings", Device("2.55"), "/clinical-settings/devices");
        refused.FieldMessage("NewDevice_MaxDepthMm").ShouldBe("The maximum depth must be a whole number of depth steps.");
        var added = await director.SubmitAsync("/clinical-settings", Device("2.5"), "/clinical-settings/devices");
        added.Location.ShouldBe("/clinical-settings");
        (await director.FollowAsync(added)).Document.QuerySelector(".devices")!.TextContent.ShouldContain("Pen 9 · Dermapen 4 · up to 2.5 mm");
    }

    [Theory]
    [InlineData(Roles.FrontDesk)]
    [InlineData(Roles.Esthetician)]
    [InlineData(Roles.Nurse)]
    public async Task Only_the_medical_director_and_the_admin_change_clinical_rules(string role)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var other = await AccountFlows.SignedInStaffAsync(App, NewSession, role);

        (await other.GetAsync("/clinical-settings")).Location!.ShouldContain("/account/access-denied");
        var posted = await other.PostAsync(await other.GetAsync("/"), $"/clinical-settings/areas/{clinic.Cheeks.Id}", Rules("0.25", "3.0", ""));
        posted.Location!.ShouldContain("/account/access-denied");
        await using var db = Database.CreateContext();
        (await db.BodyAreas.SingleAsync(a => a.Id == clinic.Cheeks.Id)).Band.ShouldBe(new DepthBand(0.5m, 1.0m));
    }
}
