using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Treatments;
using MicroSpa.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

public sealed class PlanJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>A signed chart for an appointment, made through the domain (charting itself has its own browser test).</summary>
    private async Task<Guid> SignedChartAsync(TestClinic clinic, DateTimeOffset start, decimal depth)
    {
        var appointment = await clinic.BookAsync(Fixture.Database, start);
        await using var db = Fixture.Database.CreateContext();
        var saved = await db.Appointments.Include(a => a.BodyAreas).SingleAsync(a => a.Id == appointment.Id);
        saved.CheckIn(DateTimeOffset.UtcNow);
        var record = TreatmentRecord.Open(saved, DateTimeOffset.UtcNow);
        var areas = await db.BodyAreas.ToDictionaryAsync(a => a.Id);
        var device = await db.Devices.SingleAsync(d => d.Id == clinic.SkinPen.Id);
        var none = new Dictionary<Guid, Product>();
        record.SaveDraft(new ChartEntry(FitzpatrickType.III, null, [], "Lidocaine", DateTimeOffset.UtcNow.AddMinutes(-40), DateTimeOffset.UtcNow.AddMinutes(-5), true,
            device.Id, 12, "LOT-1", DateOnly.FromDateTime(DateTime.UtcNow.AddYears(1)), null,
            [new AreaEntry(clinic.Cheeks.Id, depth, 4, null, null, ClinicalEndpoint.Both, null, null)]), areas, none, DateTimeOffset.UtcNow);
        record.Sign(areas, device, none, DateOnly.FromDateTime(start.UtcDateTime), Guid.NewGuid(), "maya", DateTimeOffset.UtcNow);
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
        await phone.WaitForURLAsync("**/times?**");
        (await phone.GetByLabel("Show times from").InputValueAsync()).ShouldBe(TestClinic.Day.AddDays(15).ToString("yyyy-MM-dd"));
        await phone.Locator("button.time-slot").First.WaitForAsync();
        await phone.AssertNoSeriousViolationsAsync();
    }
}
