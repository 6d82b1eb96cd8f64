using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>The desk merges two records of one client (decision 045): find the duplicate, compare them side by side, merge.</summary>
public sealed class ClientMergeJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_front_desk_merges_a_duplicate_and_its_visit_and_old_address_lead_to_the_record_kept()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        var kept = clinic.Client;
        // The same person booked once under an older email and a phone number: a visit on the duplicate.
        var duplicate = new Client("Test", "Client", "test.old@example.com", "555-0199", DateTimeOffset.UtcNow.AddYears(-1));
        Appointment visit;
        await using (var db = Fixture.Database.CreateContext())
        {
            db.Clients.Add(duplicate);
            db.AttachRange(clinic.Facial, clinic.Cheeks, clinic.Esthetician, clinic.RoomOne, clinic.SkinPen);
            visit = Appointment.Book(duplicate, clinic.Facial, clinic.Esthetician, clinic.RoomOne, clinic.SkinPen, [clinic.Cheeks], TestClinic.At(11),
                BookingSource.FrontDesk, TestClinic.Now, TestClinic.By);
            db.Appointments.Add(visit);
            await db.SaveChangesAsync();
        }

        var page = await SignedInAsync(Roles.FrontDesk, "desk@clinic.test");
        await page.WaitForURLAsync("**/front-desk");

        // The kept record's profile: no visit yet.
        await page.GotoAsync($"/front-desk/clients/{kept.Id}");
        (await page.Locator(".upcoming").InnerTextAsync()).ShouldContain("None.");
        await page.AssertNoSeriousViolationsAsync();

        // The merge page lists the record sharing the last name; compare the two side by side.
        await page.GetByRole(AriaRole.Link, new() { Name = "Merge a duplicate" }).ClickAsync();
        await page.WaitForURLAsync($"**/front-desk/clients/{kept.Id}/merge");
        var candidate = page.Locator(".merge-candidates li").Filter(new() { HasText = "test.old@example.com" });
        (await candidate.InnerTextAsync()).ShouldContain("555-0199");
        await page.AssertNoSeriousViolationsAsync();
        await candidate.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Compare") }).ClickAsync();

        await page.WaitForURLAsync($"**/front-desk/clients/{kept.Id}/merge/{duplicate.Id}");
        var sides = page.Locator("table.merge-sides");
        (await sides.Locator("tr", new() { HasText = "Email" }).InnerTextAsync()).ShouldContain("test.old@example.com");
        var appointments = sides.Locator(".merge-count[data-what='Appointments'] td");
        (await appointments.Nth(0).InnerTextAsync()).Trim().ShouldBe("0");
        (await appointments.Nth(1).InnerTextAsync()).Trim().ShouldBe("1");
        (await page.GetByLabel("This record (Test Client", new() { Exact = false }).IsCheckedAsync()).ShouldBeTrue("the record the desk came from is kept");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Merge the records" }).ClickAsync();

        // Back on the kept record: told what moved, the duplicate's visit listed among its own.
        await page.WaitForURLAsync($"**/front-desk/clients/{kept.Id}");
        await page.GetByText("Records merged: ").WaitForAsync();
        var moved = page.Locator($".upcoming a[href='/front-desk/appointments/{visit.Id}']");
        (await moved.CountAsync()).ShouldBe(1);
        await page.AssertNoSeriousViolationsAsync();

        // The old record's address (a bookmark, the browser's history) opens the kept record.
        await page.GotoAsync($"/front-desk/clients/{duplicate.Id}");
        await page.WaitForURLAsync($"**/front-desk/clients/{kept.Id}");
        (await page.Locator($".upcoming a[href='/front-desk/appointments/{visit.Id}']").CountAsync()).ShouldBe(1);
        await page.AssertNoSeriousViolationsAsync();

        // The compare page, opened again from the history: the pair was merged, with a link to the record kept.
        await page.GotoAsync($"/front-desk/clients/{kept.Id}/merge/{duplicate.Id}");
        await page.Locator(".merge-done").GetByText("One of these records was already merged.").WaitForAsync();
        (await page.Locator("form.merge-form").CountAsync()).ShouldBe(0);
        await page.AssertNoSeriousViolationsAsync();
        await page.Locator(".merge-done").GetByRole(AriaRole.Link, new() { Name = "Open the record kept" }).ClickAsync();
        await page.WaitForURLAsync($"**/front-desk/clients/{kept.Id}");
    }
}
