using System.Text.RegularExpressions;
using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>
/// The third client of issue 18's journey, on a phone: after a no-show the clinic's rule asks only for a card on file, the
/// client saves one on the hosted page and books, misses the visit, and the desk charges the no-show fee from the policy.
/// One client's card pays; another's saved card (4000 0000 0000 0341) declines at the desk, which sends the link to pay,
/// and the client pays it on the hosted page. The invoice, its receipt page and the emailed receipt agree with each other
/// and with the rows (ledger_entries, online_payments).
/// </summary>
public sealed partial class NoShowFeeJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const decimal Fee = 40m;

    [Fact]
    public async Task A_client_saves_a_card_no_shows_and_the_desk_charges_the_fee_and_a_declined_card_pays_through_the_link()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        await using (var db = Fixture.Database.CreateContext())
        {
            (await db.BillingSettings.SingleAsync()).SetPaymentRules(new PaymentRules(
                false, 12, true, 0, Safeguard.CardOnFile, Charge.Nothing, Charge.Create(ChargeKind.Fixed, Fee, "NoShowFee")));
            await db.SaveChangesAsync();
        }

        var nora = await CardSavedAtBookingAsync(clinic, "Nora", "Vale", TestClinic.At(10), "4242 4242 4242 4242");
        var omar = await CardSavedAtBookingAsync(clinic, "Omar", "Reyes", TestClinic.At(12), "4000 0000 0000 0341");
        await using (var db = Fixture.Database.CreateContext())
        {
            (await db.OnlinePayments.CountAsync()).ShouldBe(0, "saving a card charges nothing");
        }

        // Neither comes. The desk, after both visits' times, marks them and charges the fee the policy sets.
        Fixture.Clock.Ahead = TestClinic.At(13) - DateTimeOffset.UtcNow;
        var desk = await SignedInAsync(Roles.FrontDesk);

        await MarkNoShowAndOpenFeeAsync(desk, nora.AppointmentId);
        (await desk.Locator("#fee-card").InnerTextAsync()).ShouldContain("Visa ending in 4242");
        (await desk.Locator("#fee-policy").InnerTextAsync()).ShouldStartWith("version ");
        await desk.Locator("#charge-fee").ClickAsync();
        await desk.GetByText("Charged $40.00 to Visa ending in 4242.").WaitForAsync();
        await desk.Locator("#fee-settled").WaitForAsync();
        await desk.AssertNoSeriousViolationsAsync();
        await LedgerAndReceiptsAgreeAsync(desk, nora.AppointmentId, nora.Email, "4242");

        await MarkNoShowAndOpenFeeAsync(desk, omar.AppointmentId);
        (await desk.Locator("#charge-fee").InnerTextAsync()).ShouldBe("Charge $40.00 to Visa ending in 0341");
        await desk.Locator("#charge-fee").ClickAsync();
        (await desk.Locator("#fee-problem").InnerTextAsync()).ShouldBe(
            "The card was declined (Visa ending in 0341). Nothing was charged. Send the client a link to pay, or take the payment at the desk.");
        await desk.AssertNoSeriousViolationsAsync();
        await desk.Locator("#send-fee-link").ClickAsync();
        await desk.GetByText("A link to pay $40.00 was emailed to the client.").WaitForAsync();

        var link = (await Fixture.App.EmailsToAsync(omar.Email))
            .SelectMany(m => m.TextBody.Split('\n')).Select(l => l.Trim()).Single(l => l.Contains("/pay/cs_", StringComparison.Ordinal));
        await omar.Page.GotoAsync(link);
        (await omar.Page.Locator("#amount").InnerTextAsync()).ShouldBe("40.00 USD");
        await PaymentJourneys.PayAsync(omar.Page, "4242 4242 4242 4242");
        await omar.Page.WaitForURLAsync("**/fees/paid**");
        (await omar.Page.Locator("#fee-paid").InnerTextAsync()).ShouldContain("your payment of $40.00 is received");
        await omar.Page.AssertNoSeriousViolationsAsync();

        await desk.ReloadAsync();
        await desk.Locator("#fee-settled").WaitForAsync();
        await LedgerAndReceiptsAgreeAsync(desk, omar.AppointmentId, omar.Email, "4242");

        await using var check = Fixture.Database.CreateContext();
        (await check.OnlinePayments.CountAsync(p => p.Purpose == OnlinePurpose.Fee)).ShouldBe(2, "each fee is taken once");
        (await check.LedgerEntries.CountAsync(e => e.Kind == EntryKind.Payment)).ShouldBe(2);
    }

    /// <summary>A client with a no-show on record books online: the confirm page asks only for a card, which the hosted page saves.</summary>
    private async Task<(IPage Page, string Email, Guid AppointmentId)> CardSavedAtBookingAsync(TestClinic clinic, string first, string last, DateTimeOffset start, string card)
    {
        var (page, clientId, email) = await PaymentJourneys.SignedInClientAsync(Fixture, first, last);
        await using (var db = Fixture.Database.CreateContext())
        {
            var missedAt = DateTimeOffset.UtcNow.AddDays(-10);
            var service = await db.Services.Include(s => s.BodyAreas).SingleAsync(s => s.Id == clinic.Facial.Id);
            var missed = Appointment.Book(await db.Clients.SingleAsync(c => c.Id == clientId), service, await db.Providers.SingleAsync(p => p.Id == clinic.Esthetician.Id),
                await db.Rooms.SingleAsync(r => r.Id == clinic.RoomOne.Id), await db.Devices.SingleAsync(d => d.Id == clinic.SkinPen.Id),
                service.BodyAreas.Where(a => a.Id == clinic.Cheeks.Id), missedAt, BookingSource.FrontDesk, missedAt.AddDays(-1), TestClinic.By);
            missed.MarkNoShow(missedAt.AddHours(1), TestClinic.By);
            db.Appointments.Add(missed);
            await db.SaveChangesAsync();
        }

        await PaymentJourneys.ToConfirmAsync(page, clinic, start, $"{first} {last}");
        (await page.Locator("#payment-asked").InnerTextAsync()).ShouldBe("Your card is saved, nothing is charged today.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept and save your card" }).ClickAsync();
        await page.WaitForURLAsync(HostedPage());
        (await page.Locator("#what").InnerTextAsync()).ShouldBe("Save a card for later payments");
        await PaymentJourneys.PayAsync(page, card, "Save card");
        await page.WaitForURLAsync("**/my/appointments/**");
        await page.GetByText("You're booked").WaitForAsync();
        await page.AssertNoSeriousViolationsAsync();
        (await Fixture.App.EmailsToAsync(email)).ShouldHaveSingleItem().TextBody.ShouldContain("Your card is saved, nothing is charged today.");

        await using var check = Fixture.Database.CreateContext();
        var booked = await check.Appointments.SingleAsync(a => a.ClientId == clientId && a.Status == AppointmentStatus.Booked);
        booked.StartsAt.ShouldBe(start);
        return (page, email, booked.Id);
    }

    private static async Task MarkNoShowAndOpenFeeAsync(IPage desk, Guid appointmentId)
    {
        await desk.GotoAsync($"/front-desk/appointments/{appointmentId}");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Mark no-show" }).ClickAsync();
        var offer = desk.Locator("#offer-fee");
        await offer.WaitForAsync();
        (await offer.InnerTextAsync()).ShouldBe("Charge the no-show fee of $40.00");
        await desk.AssertNoSeriousViolationsAsync();
        await offer.ClickAsync();
        await desk.WaitForURLAsync($"**/front-desk/appointments/{appointmentId}/fee");
        await desk.AssertNoSeriousViolationsAsync();
    }

    /// <summary>
    /// The fee's invoice, its receipt page and the emailed receipt show one payment: the amount, the card and the time the
    /// ledger's payment row holds, which the online payment row (same pi_) repeats.
    /// </summary>
    private async Task LedgerAndReceiptsAgreeAsync(IPage desk, Guid appointmentId, string email, string lastFour)
    {
        await using var db = Fixture.Database.CreateContext();
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Entries).SingleAsync(i => i.AppointmentId == appointmentId);
        var payment = invoice.Entries.Where(e => e.Kind == EntryKind.Payment).ShouldHaveSingleItem();
        var online = await db.OnlinePayments.AsNoTracking().SingleAsync(p => p.PaymentIntentId == payment.Reference);
        (online.Purpose, online.InvoiceId, online.Amount, online.CardBrand, online.CardLastFour).ShouldBe((OnlinePurpose.Fee, invoice.Id, payment.Amount, payment.CardBrand, payment.CardLastFour));
        (payment.Amount, payment.Tender, payment.CardBrand, payment.CardLastFour).ShouldBe((Fee, Tender.Card, "visa", lastFour));
        var issued = invoice.Entries.Where(e => e.Kind == EntryKind.Issued).Sum(e => e.Amount);
        (issued - invoice.Entries.Where(e => e.Kind == EntryKind.Payment).Sum(e => e.Amount)).ShouldBe(0m, "the fee is paid in full");
        TestClinic.Zone.ToLocal(online.ReceivedAt).Date.ShouldBe(TestClinic.Zone.ToLocal(payment.At).Date);

        var culture = Fixture.App.Services.GetRequiredService<ClinicMoney>().Culture;
        var at = TestClinic.Zone.ToLocal(payment.At).ToString("g", culture);
        var amount = Fee.ToString("C2", culture);
        var card = $"{payment.CardBrand} ending {payment.CardLastFour}";

        await desk.Locator("#fee-facts a").ClickAsync();
        await desk.WaitForURLAsync($"**/checkout/invoices/{invoice.Id}");
        await desk.AssertNoSeriousViolationsAsync();
        (await desk.Locator("#invoice-payments li").InnerTextAsync()).ShouldBe($"{at} · {card} (charged online) · {amount}");
        (await desk.Locator("#invoice-total").InnerTextAsync()).ShouldBe(amount);
        (await desk.Locator("#invoice-due").InnerTextAsync()).ShouldBe(0m.ToString("C2", culture));

        await desk.GetByRole(AriaRole.Link, new() { Name = "Print receipt" }).ClickAsync();
        await desk.WaitForURLAsync("**/receipt");
        await desk.AssertNoSeriousViolationsAsync();
        (await desk.Locator("#receipt-payments li").InnerTextAsync()).ShouldBe($"{at} · {card} · {amount}");
        (await desk.Locator("#receipt-total").InnerTextAsync()).ShouldBe(amount);
        (await desk.Locator("#receipt-due").InnerTextAsync()).ShouldBe(0m.ToString("C2", culture));

        await desk.GetByRole(AriaRole.Link, new() { Name = "Back to the invoice" }).ClickAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Email receipt" }).ClickAsync();
        await desk.GetByText("The receipt is on its way to the client's email.").WaitForAsync();
        var receipt = (await Fixture.App.EmailsToAsync(email)).Where(m => m.Subject.EndsWith($"your receipt for invoice {invoice.Number}", StringComparison.Ordinal)).ShouldHaveSingleItem();
        receipt.TextBody.ShouldContain($"Paid {at}, {card}: {amount}");
        receipt.TextBody.ShouldContain($"Total: {amount}");
        receipt.TextBody.ShouldContain(TestClinic.Zone.ToLocal(payment.At).ToString("d MMMM yyyy", culture));
    }

    [GeneratedRegex("/pay/cs_")]
    private static partial Regex HostedPage();
}
