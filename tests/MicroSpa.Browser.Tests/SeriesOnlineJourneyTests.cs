using System.Text.RegularExpressions;
using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>
/// Issue 19's series, as its "done means" says: a client buys a series of three online with the first booking (on a phone, on
/// Stripe's hosted page, the stand-in's), uses two credits at the desk on two visits, and the Admin refunds the third by the rule
/// ($900 paid less two sessions at $350: $200) back to the card through Stripe; the client sees it in My wallet.
/// </summary>
public sealed partial class SeriesOnlineJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static async Task CheckOutWithACreditAsync(IPage desk, Guid appointmentId)
    {
        await desk.GotoAsync($"/front-desk/appointments/{appointmentId}");
        foreach (var (button, status) in new[] { ("Check in", "Checked in"), ("Start treatment", "In treatment"), ("Complete", "Completed") })
        {
            await desk.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
            await desk.Locator("#status").GetByText(status).WaitForAsync();
        }

        await desk.GetByRole(AriaRole.Button, new() { Name = "Check out" }).ClickAsync();
        await desk.WaitForURLAsync("**/checkout/invoices/**");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Finish and take payment" }).ClickAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Use one credit of Face series of 3 for Microneedling — face · Cheeks" }).ClickAsync();
        await desk.GetByText("One package credit used.").WaitForAsync();
        await desk.Locator("#invoice-state").GetByText("Paid").WaitForAsync();
    }

    [Fact]
    public async Task A_client_buys_a_series_of_three_online_with_the_first_booking_uses_two_and_the_Admin_refunds_the_third_to_the_card_by_the_rule()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        var admin = await SignedInAsync(Roles.Admin, "admin@clinic.test");
        await admin.GotoAsync("/admin/packages/new");
        await admin.GetByLabel("Name").FillAsync("Face series of 3");
        await admin.GetByLabel("Microneedling — face").CheckAsync();
        await admin.GetByLabel("Sessions").FillAsync("3");
        await admin.GetByLabel("Price").FillAsync("900");
        await admin.GetByLabel("Credits last (months)").FillAsync("12");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save package" }).ClickAsync();
        await admin.GetByText("Face series of 3 saved.").WaitForAsync();

        var email = $"series.{Guid.NewGuid():N}@example.com";
        var phone = await SignedInAsync(Roles.Client, email);
        await using (var db = Fixture.Database.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            (await db.Clients.SingleAsync(c => c.Id == clinic.Client.Id)).LinkAccount(user.Id);
            await db.SaveChangesAsync();
        }

        await phone.SetViewportSizeAsync(390, 844);
        await PaymentJourneys.ToConfirmAsync(phone, clinic, TestClinic.At(10), "Test Client");
        (await phone.Locator("#series-offers").InnerTextAsync()).ShouldContain("Face series of 3: 3 sessions for $900.00 ($300.00 a session), to use within 12 months");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Buy the series and book" }).ClickAsync();
        await phone.WaitForURLAsync(HostedPage());
        (await phone.Locator("#amount").InnerTextAsync()).ShouldBe("900.00 USD");
        await PaymentJourneys.PayAsync(phone, "4242 4242 4242 4242");
        await phone.WaitForURLAsync("**/my/appointments/**");
        await phone.GetByText("You're booked").WaitForAsync();
        var first = Guid.Parse(new Uri(phone.Url).Segments[^1].TrimEnd('/'));
        await phone.GotoAsync("/my/wallet");
        (await phone.Locator("#wallet-credits").InnerTextAsync()).ShouldContain("3 of 3 left");
        await phone.AssertNoSeriousViolationsAsync();

        // A second visit the same day, booked by the desk; on the day, each is checked out with a credit.
        var second = await clinic.BookAsync(Fixture.Database, TestClinic.At(14), clinic.OtherEsthetician, clinic.RoomTwo, clinic.Dermapen);
        await TestClinic.GiveIntakeAsync(Fixture.Database, second.Id);
        Fixture.Clock.Ahead = TestClinic.At(10).AddMinutes(-5) - DateTimeOffset.UtcNow;
        var desk = await SignedInAsync(Roles.FrontDesk, "desk@clinic.test");
        await CheckOutWithACreditAsync(desk, first);
        Fixture.Clock.Ahead = TestClinic.At(14).AddMinutes(-5) - DateTimeOffset.UtcNow;
        // Staff sessions end after a while idle: the afternoon's desk and Admin sign in again.
        desk = await SignedInAsync(Roles.FrontDesk);
        await CheckOutWithACreditAsync(desk, second.Id);
        admin = await SignedInAsync(Roles.Admin);

        await admin.GotoAsync($"/front-desk/clients/{clinic.Client.Id}");
        (await admin.Locator("#wallet-credits").InnerTextAsync()).ShouldContain("1 of 3 left");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Refund unused credits" }).ClickAsync();
        (await admin.Locator("#refund-amount").InnerTextAsync()).ShouldBe("$200.00");
        await admin.GetByLabel("To how the package was paid").CheckAsync();
        await admin.GetByLabel("Reason").FillAsync("Moving away");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Refund $200.00" }).ClickAsync();
        await admin.GetByText("Unused credits refunded.").WaitForAsync();
        (await admin.Locator("#wallet-credits").InnerTextAsync()).ShouldContain("0 of 3 left");
        await admin.AssertNoSeriousViolationsAsync();

        // The money went back to the card at Stripe (the stand-in's refund), and the ledger adds up from its rows.
        await using (var db = Fixture.Database.CreateContext())
        {
            var paid = await db.OnlinePayments.SingleAsync();
            var refund = await db.OnlineRefunds.SingleAsync();
            (refund.PaymentIntentId, refund.Amount).ShouldBe((paid.PaymentIntentId, 200m));
            var sale = await db.Invoices.AsNoTracking().Include(i => i.Entries).SingleAsync(i => i.Lines.Any(l => l.Kind == LineKind.Package));
            sale.Entries.Where(e => e.Kind == EntryKind.Payment).Sum(e => e.Amount).ShouldBe(900m);
            sale.Entries.Where(e => e.Kind == EntryKind.Refund).Sum(e => e.Amount).ShouldBe(200m);
            (await db.Appointments.CountAsync(a => a.Status == AppointmentStatus.Completed)).ShouldBe(2);
        }

        await phone.GotoAsync("/my/wallet");
        (await phone.Locator("#wallet-credits").InnerTextAsync()).ShouldContain("0 of 3 left");
        var receipts = await phone.Locator("#wallet-receipts").InnerTextAsync();
        receipts.ShouldContain("Unused credits refunded");
        receipts.ShouldContain("$200.00");
        await phone.AssertNoSeriousViolationsAsync();
    }

    [GeneratedRegex("/pay/cs_")]
    private static partial Regex HostedPage();
}
