using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Treatments;
using MicroSpa.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SkiaSharp;

namespace MicroSpa.Browser.Tests;

public sealed class ChartJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_esthetician_charts_three_areas_on_the_face_map_gives_a_reason_for_a_warned_depth_signs_and_the_client_reads_the_dated_plan()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        var appointment = await clinic.BookAsync(Fixture.Database, TestClinic.At(10));
        await using (var db = Fixture.Database.CreateContext())
        {
            var forehead = new BodyArea("Forehead", BodyRegion.Face, 2);
            forehead.SetDepthRules(new DepthBand(0.25m, 0.5m), 1.0m);
            var jawline = new BodyArea("Jawline", BodyRegion.Face, 3);
            jawline.SetDepthRules(new DepthBand(0.5m, 1.0m), 1.5m);
            db.BodyAreas.AddRange(forehead, jawline);
            db.Products.Add(new Product("Hyaluronic acid serum", "Hydration", notForNeedledSkin: false));
            var saved = await db.Appointments.SingleAsync(a => a.Id == appointment.Id);
            saved.CheckIn(DateTimeOffset.UtcNow, TestClinic.By);
            await TestClinic.GiveIntakeAsync(db, saved);
            await db.SaveChangesAsync();
        }

        // A tablet at the chair: a touch screen, and a keyboard for those who use one.
        var maya = await SignedInAsync(Roles.Esthetician, "maya@clinic.test", touch: true);
        await using (var db = Fixture.Database.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "maya@clinic.test");
            (await db.Providers.SingleAsync(p => p.Id == clinic.Esthetician.Id)).LinkAccount(user.Id);
            await db.SaveChangesAsync();
        }

        await maya.GotoAsync($"/provider?date={TestClinic.Day:yyyy-MM-dd}");
        await maya.AssertNoSeriousViolationsAsync();
        await maya.GetByRole(AriaRole.Button, new() { Name = "Open the chart for Test Client" }).ClickAsync();
        await maya.WaitForURLAsync("**/provider/charts/**");

        await maya.GetByLabel("Fitzpatrick type").SelectOptionAsync("III");
        await maya.GetByLabel("Numbing agent").FillAsync("Lidocaine 23%");
        await maya.GetByLabel("Applied at").FillAsync("09:15");
        await maya.GetByLabel("Removed at").FillAsync("09:50");
        await maya.GetByLabel("Device").SelectOptionAsync(new SelectOptionValue { Label = "SkinPen 1 (SkinPen Precision, up to 2.5 mm in 0.25 mm steps)" });
        await maya.GetByLabel("Cartridge needles").FillAsync("12");
        await maya.GetByLabel("Cartridge lot").FillAsync("CART-77");
        await maya.GetByLabel("Cartridge expiry").FillAsync("2030-01-31");
        // The face map: the forehead chosen with the keyboard (focus, Space), the jawline with a finger.
        await maya.AssertNoSeriousViolationsAsync();
        await maya.GetByRole(AriaRole.Button, new() { Name = "Forehead — not treated before" }).FocusAsync();
        await maya.Keyboard.PressAsync(" ");
        await maya.GetByText("Draft saved.").WaitForAsync();
        await maya.GetByLabel("Depth (mm), Forehead").WaitForAsync();
        (await maya.GetByLabel("Cartridge lot").InputValueAsync()).ShouldBe("CART-77", "choosing on the map saved what was typed");
        await maya.Locator("#face-map g[data-shape='jaw']").TapAsync();
        await maya.GetByLabel("Depth (mm), Jawline").WaitForAsync();
        (await maya.Locator("#face-map g[data-shape='jaw']").GetAttributeAsync("aria-label")).ShouldBe("Jawline — on this chart, no depth yet; not treated before");
        await maya.AssertNoSeriousViolationsAsync();

        // Tab goes from one area to the next, with a visible ring; Enter on an area already charted goes to its depth.
        await maya.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Forehead — on this chart") }).FocusAsync();
        await maya.Keyboard.PressAsync("Tab");
        (await maya.EvaluateAsync<string>("document.activeElement.getAttribute('aria-label')")).ShouldStartWith("Cheeks — on this chart");
        (await maya.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle")).ShouldBe("solid");
        await maya.Keyboard.PressAsync("Enter");
        (await maya.EvaluateAsync<string>("document.activeElement.id")).ShouldBe("Form_Areas_0__DepthMm");

        foreach (var (area, depth) in new[] { ("Cheeks", "0.75"), ("Forehead", "0.75"), ("Jawline", "1") })
        {
            await maya.GetByLabel($"Depth (mm), {area}").FillAsync(depth);
            await maya.GetByLabel($"Passes, {area}").FillAsync("4");
            await maya.GetByLabel($"Serum, {area}").SelectOptionAsync(new SelectOptionValue { Label = "Hyaluronic acid serum" });
            await maya.GetByLabel($"Serum lot, {area}").FillAsync("HA-11");
            await maya.GetByLabel($"Endpoint, {area}").SelectOptionAsync("Both");
        }

        // The rules answer live, before anything is saved.
        await maya.Locator("#Form_Areas_1__DepthMm-live").GetByText("above the forehead band").WaitForAsync();
        await maya.Locator("#Form_Areas_0__DepthMm-live").GetByText("Within the rules.").WaitForAsync();
        await maya.GetByRole(AriaRole.Button, new() { Name = "Sign the chart" }).ClickAsync();
        await maya.GetByText("0.75 mm is above the forehead band").First.WaitForAsync();
        await maya.AssertNoSeriousViolationsAsync();
        (await maya.Locator("#chart-state").InnerTextAsync()).ShouldBe("Draft");
        // The sign button says what still blocks it; the long page's sections fold with the keyboard.
        (await maya.GetByRole(AriaRole.Button, new() { Name = "Sign the chart" }).GetAttributeAsync("aria-describedby")).ShouldBe("sign-blockers");
        (await maya.Locator("#sign-blockers li").AllInnerTextsAsync()).ShouldContain(b => b.Contains("above the forehead band", StringComparison.Ordinal));
        var numbing = maya.Locator("details.chart-fold > summary", new() { HasText = "Numbing" });
        await numbing.FocusAsync();
        await maya.Keyboard.PressAsync("Enter");
        await maya.GetByLabel("Numbing agent").WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        (await numbing.EvaluateAsync<bool>("s => s.parentElement.open")).ShouldBeFalse();
        await maya.AssertNoSeriousViolationsAsync();
        await maya.Keyboard.PressAsync("Enter");
        await maya.GetByLabel("Numbing agent").WaitForAsync();
        (await maya.GetByLabel("Numbing agent").InputValueAsync()).ShouldBe("Lidocaine 23%");
        // The map colours each area by the depth typed.
        (await maya.Locator("#face-map g[data-shape='jaw']").GetAttributeAsync("class"))!.ShouldContain("depth-band-2");
        (await maya.Locator("#face-map g[data-shape='cheeks']").GetAttributeAsync("aria-label")).ShouldBe("Cheeks — on this chart, 0.75 mm; not treated before");
        await maya.GetByLabel("Reason for a warned depth, Forehead").FillAsync("Deep horizontal lines; tolerated well before");
        await maya.GetByRole(AriaRole.Button, new() { Name = "Sign the chart" }).ClickAsync();
        await maya.Locator("#chart-state").GetByText("Signed by").WaitForAsync();
        await maya.AssertNoSeriousViolationsAsync();

        // Her own schedule as a calendar feed: the address to subscribe to, to copy or renew.
        await maya.GotoAsync("/provider");
        await maya.GetByRole(AriaRole.Link, new() { Name = "My calendar feed" }).ClickAsync();
        await maya.GetByRole(AriaRole.Button, new() { Name = "Make my calendar address" }).ClickAsync();
        (await maya.GetByLabel("Your calendar address").InputValueAsync()).ShouldContain("/calendar-feeds/");
        await maya.AssertNoSeriousViolationsAsync();

        // The client signs in on their phone and reads the plan with real dates.
        var phone = await SignedInAsync(Roles.Client, "client.portal@example.test");
        await using (var db = Fixture.Database.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "client.portal@example.test");
            var client = await db.Clients.SingleAsync(c => c.Id == clinic.Client.Id);
            client.ChangeContact("client.portal@example.test", null);
            client.LinkAccount(user.Id);
            await db.SaveChangesAsync();
        }

        await phone.SetViewportSizeAsync(390, 844);
        await phone.GotoAsync("/my/appointments");
        await phone.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("aftercare plan", System.Text.RegularExpressions.RegexOptions.IgnoreCase) }).First.ClickAsync();
        await phone.GetByRole(AriaRole.Heading, new() { Name = "Your aftercare plan" }).WaitForAsync();
        var plan = await phone.Locator("main").InnerTextAsync();
        plan.ShouldContain("Cheeks, Forehead, Jawline");
        plan.ShouldMatch(@"No makeup until \w{3} \d{1,2} \w{3}, \d{2}:\d{2}");
        await phone.AssertNoSeriousViolationsAsync();
    }

    private static byte[] Jpeg()
    {
        using var bitmap = new SKBitmap(64, 48);
        bitmap.Erase(new SKColor(200, 120, 90));
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
    }

    [Fact]
    public async Task Signing_is_refused_until_the_clinics_before_photos_are_uploaded_and_then_succeeds()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        var appointment = await clinic.BookAsync(Fixture.Database, TestClinic.At(10));
        await using (var db = Fixture.Database.CreateContext())
        {
            var saved = await db.Appointments.SingleAsync(a => a.Id == appointment.Id);
            saved.CheckIn(DateTimeOffset.UtcNow, TestClinic.By);
            await TestClinic.GiveIntakeAsync(db, saved, photoConsent: true);
            await db.SaveChangesAsync();
        }

        // The medical director asks for two before photos of every area.
        var director = await SignedInAsync(Roles.MedicalDirector, "director@clinic.test");
        await director.GotoAsync("/clinical-settings");
        await director.GetByLabel("Before photos per area to sign a chart").FillAsync("2");
        await director.GetByRole(AriaRole.Button, new() { Name = "Save the before-photos rule" }).ClickAsync();
        await director.GetByText("Signing a chart now needs 2 before photos of every area").WaitForAsync();
        await director.AssertNoSeriousViolationsAsync();

        var maya = await SignedInAsync(Roles.Esthetician, "maya.photos@clinic.test");
        await using (var db = Fixture.Database.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "maya.photos@clinic.test");
            (await db.Providers.SingleAsync(p => p.Id == clinic.Esthetician.Id)).LinkAccount(user.Id);
            await db.SaveChangesAsync();
        }

        await maya.GotoAsync($"/provider?date={TestClinic.Day:yyyy-MM-dd}");
        await maya.GetByRole(AriaRole.Button, new() { Name = "Open the chart for Test Client" }).ClickAsync();
        await maya.WaitForURLAsync("**/provider/charts/**");

        // Before she tries, the page says what the signature will need.
        (await maya.Locator("#before-photos-status").InnerTextAsync()).ShouldContain("Cheeks: 0 of 2 before photos (2 to upload)");
        await maya.GetByLabel("Fitzpatrick type").SelectOptionAsync("III");
        await maya.GetByLabel("Numbing agent").FillAsync("Lidocaine 23%");
        await maya.GetByLabel("Applied at").FillAsync("09:15");
        await maya.GetByLabel("Removed at").FillAsync("09:50");
        await maya.GetByLabel("Device").SelectOptionAsync(new SelectOptionValue { Label = "SkinPen 1 (SkinPen Precision, up to 2.5 mm in 0.25 mm steps)" });
        await maya.GetByLabel("Cartridge needles").FillAsync("12");
        await maya.GetByLabel("Cartridge lot").FillAsync("CART-77");
        await maya.GetByLabel("Cartridge expiry").FillAsync("2030-01-31");
        await maya.GetByLabel("Depth (mm), Cheeks").FillAsync("0.75");
        await maya.GetByLabel("Passes, Cheeks").FillAsync("4");
        await maya.GetByLabel("Endpoint, Cheeks").SelectOptionAsync("Both");

        // Signing is refused (the draft is kept) until the photos are there.
        await maya.GetByRole(AriaRole.Button, new() { Name = "Sign the chart" }).ClickAsync();
        await maya.Locator(".chart-area").GetByText("0 of 2 before photos for Cheeks: upload 2 more before signing.").First.WaitForAsync();
        (await maya.Locator("#chart-state").InnerTextAsync()).ShouldBe("Draft");
        await maya.AssertNoSeriousViolationsAsync();

        foreach (var (count, name) in new[] { (1, "cheeks-left.jpg"), (2, "cheeks-right.jpg") })
        {
            await maya.GetByLabel("Area", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Cheeks" });
            await maya.GetByLabel("When", new() { Exact = true }).SelectOptionAsync("Before");
            await maya.GetByLabel("Photo (JPEG or PNG, up to 10 MB)").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "image/jpeg", Buffer = Jpeg() });
            await maya.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
            await maya.Locator("#before-photos-status").GetByText($"Cheeks: {count} of 2 before photos").WaitForAsync();
        }

        (await maya.GetByLabel("Depth (mm), Cheeks").InputValueAsync()).ShouldBe("0.75", "the refused signature saved the draft");
        await maya.GetByRole(AriaRole.Button, new() { Name = "Sign the chart" }).ClickAsync();
        await maya.Locator("#chart-state").GetByText("Signed by").WaitForAsync();
        (await maya.Locator("#before-photos-rule").InnerTextAsync()).ShouldContain("Signed under the clinic's rule of 2 before photos");
        await maya.AssertNoSeriousViolationsAsync();
    }
}
