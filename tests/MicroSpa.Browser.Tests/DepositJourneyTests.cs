using System.Text.RegularExpressions;
using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Domain.Billing;
using MicroSpa.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>
/// Booking with a deposit on a phone (issue 18): the policy read, the deposit paid on the hosted page (the stand-in's,
/// as Stripe Checkout would be), the confirmed appointment; a declined card first, then a good one from the hold's page.
/// </summary>
public sealed partial class DepositJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private async Task<IPage> SignedInClientAsync(string first, string last) => (await PaymentJourneys.SignedInClientAsync(Fixture, first, last)).Page;

    /// <summary>From the chosen time through screening and consent to the confirm page, which shows the deposit and the policy.</summary>
    private static async Task ToConfirmAsync(IPage page, TestClinic clinic, DateTimeOffset start, string name)
    {
        await PaymentJourneys.ToConfirmAsync(page, clinic, start, name);
        (await page.Locator("#payment-asked").InnerTextAsync()).ShouldBe("A deposit of $50.00 is taken when you book; it counts toward your visit.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept and pay the $50.00 deposit" }).ClickAsync();
        await page.WaitForURLAsync(HostedPage());
    }

    private static Task PayAsync(IPage page, string card) => PaymentJourneys.PayAsync(page, card);

    [Fact]
    public async Task A_client_pays_the_deposit_on_the_hosted_page_and_a_second_client_declined_first_pays_with_another_card()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        await using (var db = Fixture.Database.CreateContext())
        {
            (await db.Services.SingleAsync(s => s.Id == clinic.Facial.Id)).SetDeposit(Charge.Create(ChargeKind.Fixed, 50m, "Deposit"));
            await db.SaveChangesAsync();
        }

        // The first client pays and lands on the confirmed appointment.
        var maya = await SignedInClientAsync("Maya", "Lind");
        await ToConfirmAsync(maya, clinic, TestClinic.At(10), "Maya Lind");
        (await maya.Locator("#amount").InnerTextAsync()).ShouldBe("50.00 USD");
        await PayAsync(maya, "4242 4242 4242 4242");
        await maya.WaitForURLAsync("**/my/appointments/**");
        await maya.GetByText("You're booked").WaitForAsync();
        (await maya.GetByRole(AriaRole.Main).InnerTextAsync()).ShouldContain("Booked");
        (await maya.Locator("#paid-at-booking").InnerTextAsync()).ShouldBe("Deposit paid: $50.00 (Visa ending 4242). It counts toward your visit.");
        var mayasVisit = Guid.Parse(new Uri(maya.Url).Segments[^1].TrimEnd('/'));
        await maya.AssertNoSeriousViolationsAsync();

        // The second client's card is declined: the hosted page says so; back at the clinic the time is held, then a good card books it.
        var leo = await SignedInClientAsync("Leo", "Hart");
        await ToConfirmAsync(leo, clinic, TestClinic.At(12), "Leo Hart");
        await PayAsync(leo, "4000 0000 0000 0002");
        (await leo.Locator("#card-error").InnerTextAsync()).ShouldContain("Your card was declined");
        await leo.GetByRole(AriaRole.Button, new() { Name = "Back to the clinic" }).ClickAsync();
        await leo.WaitForURLAsync("**/book/held/**");
        (await leo.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).ShouldStartWith("Your time is held until ");
        await leo.AssertNoSeriousViolationsAsync();
        await leo.GotoAsync("/my/appointments");
        await leo.GetByText("Waiting for your deposit — pay by").WaitForAsync();
        await leo.AssertNoSeriousViolationsAsync();
        await leo.GetByRole(AriaRole.Link, new() { NameRegex = PayLink() }).ClickAsync();
        await leo.WaitForURLAsync("**/book/held/**");
        await leo.GetByRole(AriaRole.Button, new() { Name = "Pay the $50.00 deposit" }).ClickAsync();
        await leo.WaitForURLAsync(HostedPage());
        await PayAsync(leo, "4242 4242 4242 4242");
        await leo.WaitForURLAsync("**/my/appointments/**");
        await leo.GetByText("You're booked").WaitForAsync();

        await using var check = Fixture.Database.CreateContext();
        (await check.Appointments.CountAsync(a => a.Status == MicroSpa.Domain.Scheduling.AppointmentStatus.Booked)).ShouldBe(2);
        (await check.OnlinePayments.Select(p => p.Amount).ToListAsync()).ShouldBe([50m, 50m]);
        var overflow = await leo.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        overflow.ShouldBeFalse("the appointment page scrolls sideways on a phone");

        await TheDeskChecksOutWithTheDepositAsync(mayasVisit);
    }

    /// <summary>On the day, the desk checks Maya's visit out: the deposit appears as already paid and only the rest is due.</summary>
    private async Task TheDeskChecksOutWithTheDepositAsync(Guid appointmentId)
    {
        Fixture.Clock.Ahead = TestClinic.At(10).AddMinutes(-5) - DateTimeOffset.UtcNow;
        var desk = await SignedInAsync(MicroSpa.Data.Identity.Roles.FrontDesk);
        await desk.GotoAsync($"/front-desk/appointments/{appointmentId}");
        foreach (var (button, status) in new[] { ("Check in", "Checked in"), ("Start treatment", "In treatment"), ("Complete", "Completed") })
        {
            await desk.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
            await desk.Locator("#status").GetByText(status).WaitForAsync();
        }

        await desk.GetByRole(AriaRole.Button, new() { Name = "Check out" }).ClickAsync();
        await desk.WaitForURLAsync("**/checkout/invoices/**");
        var paidOn = TestClinic.Zone.ToLocal(DateTimeOffset.UtcNow).ToString("d", System.Globalization.CultureInfo.GetCultureInfo("en-US"));
        (await desk.Locator("#invoice-deposit").InnerTextAsync()).ShouldContain($"Deposit paid online $50.00 (visa •••• 4242, {paidOn}): used on this invoice when you finish.");
        await desk.AssertNoSeriousViolationsAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Finish and take payment", Exact = true }).ClickAsync();
        await desk.GetByText("The invoice is issued: take payment.").WaitForAsync();
        (await desk.Locator("#invoice-due").InnerTextAsync()).ShouldBe("$300.00", "the $350.00 treatment less the deposit");
        (await desk.GetByRole(AriaRole.Main).InnerTextAsync()).ShouldContain($"Deposit paid online $50.00 (visa •••• 4242, {paidOn})");
        await desk.GetByLabel("Cash handed over").FillAsync("300");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Take cash" }).ClickAsync();
        await desk.Locator("#invoice-state").GetByText("Paid").WaitForAsync();
        await desk.AssertNoSeriousViolationsAsync();

        // The ledger agrees with the page, recomputed from its rows: the deposit once, the cash, nothing due.
        await using var db = Fixture.Database.CreateContext();
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Entries).SingleAsync(i => i.AppointmentId == appointmentId);
        var payments = invoice.Entries.Where(e => e.Kind == EntryKind.Payment).OrderBy(e => e.Tender).ToList();
        payments.Select(p => (p.Tender, p.Amount)).ShouldBe([(Tender.Cash, 300m), (Tender.Deposit, 50m)], ignoreOrder: true);
        var deposit = await db.OnlinePayments.SingleAsync(p => p.AppointmentId == appointmentId);
        payments.Single(p => p.Tender == Tender.Deposit).Reference.ShouldBe(deposit.PaymentIntentId);
        (invoice.Entries.Where(e => e.Kind == EntryKind.Issued).Sum(e => e.Amount) - payments.Sum(p => p.Amount)).ShouldBe(0m);
    }

    [GeneratedRegex("/pay/cs_")]
    private static partial Regex HostedPage();

    [GeneratedRegex("^Pay the deposit")]
    private static partial Regex PayLink();
}
