using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>A consultation from the provider's day to the client's treatment plan, in the browser.</summary>
public sealed class ConsultationJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_consultation_is_signed_without_device_depth_or_numbing_keeps_a_before_photo_and_starts_the_treatment_plan()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        await using (var db = Fixture.Database.CreateContext())
        {
            db.AttachRange(clinic.Client, clinic.Consultation, clinic.Esthetician, clinic.RoomOne);
            var consultation = Appointment.Book(clinic.Client, clinic.Consultation, clinic.Esthetician, clinic.RoomOne, null, [], TestClinic.At(10),
                BookingSource.FrontDesk, TestClinic.Now, TestClinic.By);
            consultation.CheckIn(DateTimeOffset.UtcNow, TestClinic.By);
            db.Appointments.Add(consultation);

            // The client agreed to photos on the tablet (the consultation's photos need it).
            var signature = ConsentSignature.Sign(clinic.Client, await db.ConsentForms.SingleAsync(f => f.Version == 1), clinic.Client.FullName, true,
                DateTimeOffset.UtcNow, "127.0.0.1", "tests");
            db.Add(signature);
            consultation.RecordCheckInConsent(signature, TestClinic.By);
            await db.SaveChangesAsync();
        }

        var maya = await SignedInAsync(Roles.Esthetician, "maya.consult@clinic.test");
        await using (var db = Fixture.Database.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "maya.consult@clinic.test");
            (await db.Providers.SingleAsync(p => p.Id == clinic.Esthetician.Id)).LinkAccount(user.Id);
            await db.SaveChangesAsync();
        }

        await maya.GotoAsync($"/provider?date={TestClinic.Day:yyyy-MM-dd}");
        await maya.GetByRole(AriaRole.Button, new() { Name = "Open the chart for Test Client" }).ClickAsync();
        await maya.WaitForURLAsync("**/provider/consultations/**");
        await maya.AssertNoSeriousViolationsAsync();
        (await maya.Locator("#sign-needs").InnerTextAsync()).ShouldContain("Write the recommended plan");
        (await maya.GetByLabel("Numbing agent").CountAsync()).ShouldBe(0);
        (await maya.GetByLabel("Device").CountAsync()).ShouldBe(0);

        await maya.GetByLabel("Fitzpatrick type").SelectOptionAsync("IV");
        await maya.GetByLabel("Skin assessment").FillAsync("Rolling acne scars on both cheeks");
        await maya.GetByLabel("Acne scars").CheckAsync();
        await maya.GetByLabel("Findings").FillAsync("No active acne");
        await maya.GetByLabel("Recommended plan").FillAsync("Four sessions on the cheeks, five weeks apart");
        await maya.GetByLabel("Recommended treatment").SelectOptionAsync(new SelectOptionValue { Label = clinic.Facial.Name });
        await maya.GetByLabel("Indication of the series").SelectOptionAsync("AcneScars");
        await maya.Locator($"#series-area-{clinic.Cheeks.Id}").CheckAsync();
        await maya.GetByLabel("Sessions in the series").FillAsync("4");
        await maya.GetByLabel("Days between sessions").FillAsync("35");
        await maya.GetByRole(AriaRole.Button, new() { Name = "Sign the consultation record" }).ClickAsync();
        await maya.Locator("#chart-state").Filter(new() { HasText = "Signed by" }).WaitForAsync();
        await maya.AssertNoSeriousViolationsAsync();

        // A before photo of the cheeks at the consultation (the client agreed to photos).
        await maya.Locator("#photo-area").SelectOptionAsync(new SelectOptionValue { Label = "Cheeks" });
        await maya.GetByLabel("Photo (JPEG or PNG, up to 10 MB)").SetInputFilesAsync(new FilePayload { Name = "cheeks.jpg", MimeType = "image/jpeg", Buffer = Jpeg() });
        await maya.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await maya.Locator(".consultation-photos img[alt='Cheeks, at the consultation']").WaitForAsync();

        // The recommended series starts the client's treatment plan in one click, and the plan says where it came from.
        await maya.GetByRole(AriaRole.Button, new() { Name = "Start the treatment plan" }).ClickAsync();
        await maya.Locator("#plan-origin").Filter(new() { HasText = "Started from the recommendation of the" }).WaitForAsync();
        await maya.AssertNoSeriousViolationsAsync();
        await using var check = Fixture.Database.CreateContext();
        var plan = await check.TreatmentPlans.SingleAsync(p => p.ClientId == clinic.Client.Id);
        plan.PlannedSessions.ShouldBe(4);
    }

    private static byte[] Jpeg()
    {
        using var bitmap = new SkiaSharp.SKBitmap(64, 48);
        bitmap.Erase(new SkiaSharp.SKColor(200, 120, 90));
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        return image.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90).ToArray();
    }
}
