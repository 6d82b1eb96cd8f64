using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Treatments;
using MicroSpa.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SkiaSharp;

namespace MicroSpa.Browser.Tests;

public sealed class PlanJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>A signed chart for an appointment, made through the domain (charting itself has its own browser test).</summary>
    private async Task<Guid> SignedChartAsync(TestClinic clinic, DateTimeOffset start, decimal depth, bool photoConsent = false)
    {
        var appointment = await clinic.BookAsync(Fixture.Database, start);
        await using var db = Fixture.Database.CreateContext();
        var saved = await db.Appointments.Include(a => a.BodyAreas).Include(a => a.Service).SingleAsync(a => a.Id == appointment.Id);
        saved.CheckIn(DateTimeOffset.UtcNow, TestClinic.By);
        var gate = await TestClinic.GiveIntakeAsync(db, saved, photoConsent: photoConsent);

        var record = TreatmentRecord.Open(saved, DateTimeOffset.UtcNow);
        var areas = await db.BodyAreas.ToDictionaryAsync(a => a.Id);
        var device = await db.Devices.SingleAsync(d => d.Id == clinic.SkinPen.Id);
        var none = new Dictionary<Guid, Product>();
        record.SaveDraft(new ChartEntry(FitzpatrickType.III, null, [], "Lidocaine", DateTimeOffset.UtcNow.AddMinutes(-40), DateTimeOffset.UtcNow.AddMinutes(-5), true,
            device.Id, 12, "LOT-1", DateOnly.FromDateTime(DateTime.UtcNow.AddYears(1)), null,
            [new AreaEntry(clinic.Cheeks.Id, depth, 4, null, null, ClinicalEndpoint.Both, null, null)]), areas, none, DateTimeOffset.UtcNow);
        record.Sign(gate, MicroSpa.Domain.Treatments.BeforePhotos.For(0, false, record, []), areas, device, none, DateOnly.FromDateTime(start.UtcDateTime), Guid.NewGuid(), "maya", DateTimeOffset.UtcNow);
        db.TreatmentRecords.Add(record);
        await db.SaveChangesAsync();
        return record.Id;
    }

    [Fact]
    public async Task A_provider_starts_a_plan_scores_two_sessions_and_the_client_sees_the_chart_and_books_the_next_session()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        var first = await SignedChartAsync(clinic, TestClinic.At(10), 0.5m);
        var second = await SignedChartAsync(clinic, TestClinic.At(10, day: TestClinic.Day.AddDays(1)), 0.75m);
        var maya = await SignedInAsync(Roles.Esthetician, "maya@clinic.test");

        await maya.GotoAsync($"/provider/charts/{first}");
        await maya.GetByLabel("Indication").SelectOptionAsync("AcneScars");
        await maya.GetByLabel("Days apart").FillAsync("14");
        await maya.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await maya.Locator("#plan-state").GetByText("1 of 4 sessions done").WaitForAsync();
        await maya.GetByLabel("Score, Cheeks").SelectOptionAsync("3");
        await maya.GetByRole(AriaRole.Button, new() { Name = "Save the scores" }).ClickAsync();
        await maya.GetByText("Progress saved.").WaitForAsync();
        await maya.AssertNoSeriousViolationsAsync();

        await maya.GotoAsync($"/provider/charts/{second}");
        await maya.GetByLabel("Count this session in").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await maya.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await maya.Locator("#plan-state").GetByText("2 of 4 sessions done").WaitForAsync();
        await maya.GetByLabel("Score, Cheeks").SelectOptionAsync("2");
        await maya.GetByRole(AriaRole.Button, new() { Name = "Save the scores" }).ClickAsync();
        await maya.GetByText("Progress saved.").WaitForAsync();

        var phone = await SignedInAsync(Roles.Client, "client.plan@example.test");
        await using (var db = Fixture.Database.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "client.plan@example.test");
            var client = await db.Clients.SingleAsync(c => c.Id == clinic.Client.Id);
            client.ChangeContact("client.plan@example.test", null);
            client.LinkAccount(user.Id);
            await db.SaveChangesAsync();
        }

        await phone.SetViewportSizeAsync(390, 844);
        await phone.GotoAsync("/my/progress");
        await phone.Locator(".progress-chart svg polyline").First.WaitForAsync();
        (await phone.Locator(".progress-table tbody tr").CountAsync()).ShouldBe(2);
        await phone.AssertNoSeriousViolationsAsync();

        await phone.GotoAsync("/my/appointments");
        (await phone.Locator(".plans").InnerTextAsync()).ShouldContain("2 of 4 sessions done");
        await phone.GetByRole(AriaRole.Link, new() { Name = "Book the next session" }).ClickAsync();
        // The address is what matters here, then the times themselves (waited for below): once a CI run waited 90 s for
        // the page's load event after the address had changed.
        await phone.WaitForURLAsync("**/times?**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        (await phone.GetByLabel("Show times from").InputValueAsync()).ShouldBe(TestClinic.Day.AddDays(15).ToString("yyyy-MM-dd"));
        await phone.Locator("button.time-slot").First.WaitForAsync();
        await phone.AssertNoSeriousViolationsAsync();
    }

    private static byte[] Jpeg(SKColor color)
    {
        using var bitmap = new SKBitmap(320, 240);
        bitmap.Erase(color);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    private static async Task UploadAsync(IPage page, string kind, FilePayload file)
    {
        await page.GetByLabel("Area", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Cheeks" });
        await page.GetByLabel("When").SelectOptionAsync(kind);
        await page.GetByLabel("Photo (JPEG or PNG, up to 10 MB)").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
    }

    [Fact]
    public async Task A_provider_photographs_an_area_at_two_sessions_and_compares_them_side_by_side()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        var first = await SignedChartAsync(clinic, TestClinic.At(10), 0.5m, photoConsent: true);
        var second = await SignedChartAsync(clinic, TestClinic.At(10, day: TestClinic.Day.AddDays(1)), 0.75m, photoConsent: true);
        var tablet = await SignedInAsync(Roles.Esthetician, "maya@clinic.test");
        await tablet.SetViewportSizeAsync(820, 1180);

        await tablet.GotoAsync($"/provider/charts/{first}");
        await UploadAsync(tablet, "Before", new FilePayload { Name = "IMG_0001.jpg", MimeType = "image/jpeg", Buffer = "not a picture at all"u8.ToArray() });
        await tablet.GetByText("Only JPEG or PNG photos (this file is neither, whatever its name).").WaitForAsync();
        (await tablet.Locator(".chart-photos img").CountAsync()).ShouldBe(0);

        await UploadAsync(tablet, "Before", new FilePayload { Name = "IMG_0002.jpg", MimeType = "image/jpeg", Buffer = Jpeg(new SKColor(200, 120, 90)) });
        await tablet.GetByText("Photo saved (its metadata removed).").WaitForAsync();
        var shown = tablet.Locator(".chart-photos img").First;
        await shown.WaitForAsync();
        (await shown.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : new Promise(r => img.onload = () => r(img.naturalWidth))")).ShouldBe(320);

        await tablet.GotoAsync($"/provider/charts/{second}");
        await UploadAsync(tablet, "After", new FilePayload { Name = "IMG_0003.png", MimeType = "image/png", Buffer = Jpeg(new SKColor(220, 170, 150)) });
        await tablet.GetByText("Photo saved (its metadata removed).").WaitForAsync();

        await tablet.GotoAsync($"/provider/charts/{second}/progress");
        await tablet.GetByRole(AriaRole.Link, new() { Name = "Compare the first and the latest side by side" }).ClickAsync();
        await tablet.WaitForURLAsync("**/photos/compare?**");
        var pair = tablet.Locator(".compare img");
        (await pair.CountAsync()).ShouldBe(2);
        foreach (var img in await pair.AllAsync())
        {
            (await img.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : new Promise(r => img.onload = () => r(img.naturalWidth))")).ShouldBe(320);
        }

        var en = System.Globalization.CultureInfo.GetCultureInfo("en-US");
        (await tablet.Locator("h1").InnerTextAsync()).ShouldBe(
            $"Cheeks: sessions of {TestClinic.Day.ToString("d MMM yyyy", en)} and {TestClinic.Day.AddDays(1).ToString("d MMM yyyy", en)}");
        var captions = await tablet.Locator(".compare figcaption").AllInnerTextsAsync();
        captions[0].ShouldEndWith("Before");
        captions[1].ShouldEndWith("After");
        await tablet.AssertNoSeriousViolationsAsync();
    }
}
