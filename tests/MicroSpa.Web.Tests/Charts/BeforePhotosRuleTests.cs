using System.Net;
using System.Net.Http.Headers;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Treatments;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace MicroSpa.Web.Tests.Charts;

/// <summary>The clinic's before-photos rule: set by the medical director, shown on the chart, enforced when it is signed.</summary>
public sealed class BeforePhotosRuleTests(WebAppFixture fixture) : WebTest(fixture)
{
    private sealed record Setup(TestClinic Clinic, Guid ChartId, string Url, WebSession Maya);

    private async Task SetRuleAsync(int perArea)
    {
        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);
        var saved = await director.SubmitAsync("/clinical-settings", new Dictionary<string, string> { ["BeforePhotos.PerArea"] = $"{perArea}" },
            "/clinical-settings/before-photos");
        saved.Location.ShouldBe("/clinical-settings");
    }

    /// <summary>A checked-in visit on the cheeks, screened and consented (with or without photos), its chart opened by Maya.</summary>
    private async Task<Setup> ChartAsync(bool photoConsent)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        await using (var db = Database.CreateContext())
        {
            var saved = await db.Appointments.SingleAsync(a => a.Id == appointment.Id);
            saved.CheckIn(DateTimeOffset.UtcNow, TestClinic.By);
            await TestClinic.GiveIntakeAsync(db, saved, photoConsent: photoConsent);
            await db.SaveChangesAsync();
        }

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
        return new Setup(clinic, Guid.Parse(opened.Location!.Split('/')[^1]), opened.Location!, maya);
    }

    private static Dictionary<string, string> Chart(Setup s, string intent, string? noPhotosReason = null)
    {
        var fields = new Dictionary<string, string>
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
            ["Form.Areas[0].DepthMm"] = "0.75",
            ["Form.Areas[0].Passes"] = "4",
            ["Form.Areas[0].Endpoint"] = "Both",
        };
        if (noPhotosReason is not null)
        {
            fields["Form.NoPhotosReason"] = noPhotosReason;
        }

        return fields;
    }

    private static byte[] Jpeg()
    {
        using var bitmap = new SKBitmap(40, 30);
        bitmap.Erase(new SKColor(200, 120, 90));
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
    }

    private static async Task<Page> UploadAsync(Setup s, string kind = "Before", Guid? areaId = null)
    {
        var chart = await s.Maya.GetAsync(s.Url);
        var token = chart.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent((areaId ?? s.Clinic.Cheeks.Id).ToString()), "areaId" },
            { new StringContent(kind), "kind" },
        };
        var file = new ByteArrayContent(Jpeg());
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        content.Add(file, "file", "cheek.jpg");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/provider/charts/{s.ChartId}/photos") { Content = content };
        request.Headers.Accept.ParseAdd("text/html");
        return await Page.ReadAsync(await s.Maya.Client.SendAsync(request));
    }

    [Fact]
    public async Task Signing_is_refused_until_every_area_has_the_clinics_before_photos_and_the_page_says_what_is_missing_first()
    {
        await SetRuleAsync(2);
        var s = await ChartAsync(photoConsent: true);
        using var maya = s.Maya;
        await maya.SubmitAsync(s.Url, Chart(s, "save"), s.Url);

        var before = await maya.GetAsync(s.Url);
        before.Document.GetElementById("before-photos-rule")!.TextContent.ShouldContain("Signing needs 2 before photos of every area.");
        before.Document.GetElementById("before-photos-status")!.TextContent.ShouldContain("Cheeks: 0 of 2 before photos (2 to upload)");
        before.Document.QuerySelector(".chart-area .finding")!.TextContent.ShouldBe("0 of 2 before photos for Cheeks: upload 2 more before signing.");

        var refused = await maya.SubmitAsync(before, Chart(s, "sign"), s.Url);
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Document.GetElementById("chart-state")!.TextContent.ShouldBe("Draft");
        refused.Document.QuerySelector(".chart-area .field-message")!.TextContent.ShouldContain("0 of 2 before photos for Cheeks");

        // One before photo and one after photo: the after photo does not count.
        (await UploadAsync(s)).Location.ShouldBe(s.Url);
        (await UploadAsync(s, kind: "After")).Location.ShouldBe(s.Url);
        var one = await maya.GetAsync(s.Url);
        one.Document.GetElementById("before-photos-status")!.TextContent.ShouldContain("Cheeks: 1 of 2 before photos (1 to upload)");
        var stillShort = await maya.SubmitAsync(one, Chart(s, "sign"), s.Url);
        stillShort.Document.QuerySelector(".chart-area .field-message")!.TextContent.ShouldContain("1 of 2 before photos for Cheeks: upload 1 more before signing.");
        await using (var db = Database.CreateContext())
        {
            (await db.TreatmentRecords.SingleAsync()).Status.ShouldBe(ChartStatus.Draft);
            (await db.AftercarePlans.CountAsync()).ShouldBe(0, "a refused signature issues nothing");
        }

        (await UploadAsync(s)).Location.ShouldBe(s.Url);
        var ready = await maya.GetAsync(s.Url);
        ready.Document.GetElementById("before-photos-status")!.TextContent.ShouldContain("Cheeks: 2 of 2 before photos");
        ready.Document.QuerySelectorAll(".chart-area .finding").ShouldBeEmpty();
        (await maya.SubmitAsync(ready, Chart(s, "sign"), s.Url)).Location.ShouldBe(s.Url);

        await using var check = Database.CreateContext();
        var signed = await check.TreatmentRecords.SingleAsync();
        signed.Status.ShouldBe(ChartStatus.Signed);
        signed.BeforePhotosRequired.ShouldBe(2);
        (await maya.GetAsync(s.Url)).Document.GetElementById("before-photos-rule")!.TextContent.ShouldContain("Signed under the clinic's rule of 2 before photos");
    }

    [Fact]
    public async Task Without_photo_consent_the_provider_writes_why_there_are_no_photos_before_signing()
    {
        await SetRuleAsync(3);
        var s = await ChartAsync(photoConsent: false);
        using var maya = s.Maya;

        var chart = await maya.GetAsync(s.Url);
        chart.Document.GetElementById("Form_NoPhotosReason-error")!.TextContent
            .ShouldBe("The client did not agree to photos: write why there are no before photos (the clinic asks for 3 per area).");
        var refused = await maya.SubmitAsync(chart, Chart(s, "sign"), s.Url);
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Document.GetElementById("chart-state")!.TextContent.ShouldBe("Draft");
        refused.Document.GetElementById("Form_NoPhotosReason-error")!.TextContent.ShouldContain("write why there are no before photos");

        var tooLong = await maya.SubmitAsync(refused, Chart(s, "sign", new string('x', 1001)), s.Url);
        tooLong.Status.ShouldBe(HttpStatusCode.OK);
        tooLong.Document.GetElementById("Form_NoPhotosReason-error")!.TextContent.ShouldBe("At most 1000 characters.");
        await using (var db = Database.CreateContext())
        {
            (await db.TreatmentRecords.SingleAsync()).NoPhotosReason.ShouldBeNull("nothing of a refused form is half-saved");
        }

        (await maya.SubmitAsync(tooLong, Chart(s, "sign", "Client declined photos on the consent form"), s.Url)).Location.ShouldBe(s.Url);
        await using var check = Database.CreateContext();
        var signed = await check.TreatmentRecords.SingleAsync();
        signed.Status.ShouldBe(ChartStatus.Signed);
        signed.NoPhotosReason.ShouldBe("Client declined photos on the consent form");
    }

    [Fact]
    public async Task With_the_default_rule_a_chart_signs_without_photos()
    {
        var s = await ChartAsync(photoConsent: true);
        using var maya = s.Maya;

        var chart = await maya.GetAsync(s.Url);
        chart.Document.GetElementById("before-photos-rule").ShouldBeNull();
        (await maya.SubmitAsync(chart, Chart(s, "sign"), s.Url)).Location.ShouldBe(s.Url);
        await using var db = Database.CreateContext();
        (await db.TreatmentRecords.SingleAsync()).BeforePhotosRequired.ShouldBe(0);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("11")]
    [InlineData("99999999999")]
    [InlineData("2.5")]
    [InlineData("")]
    public async Task A_rule_that_is_not_0_to_10_gets_a_message_on_the_field_and_nothing_is_saved(string typed)
    {
        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);

        var page = await director.SubmitAsync("/clinical-settings", new Dictionary<string, string> { ["BeforePhotos.PerArea"] = typed },
            "/clinical-settings/before-photos");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.FieldMessage("BeforePhotos_PerArea").ShouldNotBeNullOrWhiteSpace();
        page.FieldMessage("BeforePhotos_PerArea")!.ShouldNotContain("PerArea");
        await using var db = Database.CreateContext();
        (await db.BookingPolicies.SingleAsync()).BeforePhotosPerArea.ShouldBe(0);
    }

    [Fact]
    public async Task The_admin_may_set_the_rule_and_the_front_desk_and_providers_may_not()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        (await admin.SubmitAsync("/clinical-settings", new Dictionary<string, string> { ["BeforePhotos.PerArea"] = "1" }, "/clinical-settings/before-photos"))
            .Location.ShouldBe("/clinical-settings");
        foreach (var role in new[] { Roles.FrontDesk, Roles.Esthetician })
        {
            using var other = await AccountFlows.SignedInStaffAsync(App, NewSession, role);
            var posted = await other.PostAsync(await other.GetAsync("/"), "/clinical-settings/before-photos", new Dictionary<string, string> { ["BeforePhotos.PerArea"] = "5" });
            posted.Location!.ShouldContain("/account/access-denied");
        }

        await using var db = Database.CreateContext();
        (await db.BookingPolicies.SingleAsync()).BeforePhotosPerArea.ShouldBe(1);
    }
}
