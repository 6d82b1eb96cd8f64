using System.Net;
using MicroSpa.Data.Billing;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.DayClose;

/// <summary>
/// The desk closes the clinic's day against the counted drawer: expected cash, variance, totals per tender and
/// provider; the close locks the day to everything but refunds, which are dated the day they happen.
/// </summary>
public sealed class DayCloseTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static DateOnly Today => TestClinic.Zone.Today(DateTimeOffset.UtcNow);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private Ledger LedgerOn(Data.MicroSpaDbContext db) => new(db, TestClinic.Zone, TimeProvider.System);

    private async Task<T> WithLedgerAsync<T>(Func<Ledger, Task<T>> use)
    {
        await using var db = Database.CreateContext();
        return await use(LedgerOn(db));
    }

    private async Task<Actor> CashierAsync()
    {
        await using var db = Database.CreateContext();
        var user = new ApplicationUser { UserName = "till@clinic.test", Email = "till@clinic.test", DisplayName = "Till", CreatedAt = DateTimeOffset.UtcNow };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return new Actor(user.Id, user.UserName);
    }

    /// <summary>
    /// Today's visit: Maya's face treatment (350.00) with two serums (2 × 24.99) and a 20.00 tip split with Sofia, no tax:
    /// 419.98, paid 100.00 cash and 319.98 by card. Returns the invoice and its cash payment.
    /// </summary>
    private async Task<(Guid InvoiceId, Guid CashPaymentId)> PaidVisitAsync(TestClinic clinic, Actor till)
    {
        Guid invoiceId;
        await using (var db = Database.CreateContext())
        {
            var services = await db.TaxClasses.SingleAsync(t => t.Kind == TaxKind.Services);
            var retail = await db.TaxClasses.SingleAsync(t => t.Kind == TaxKind.Retail);
            var serum = new RetailItem("HA-30", "Hyaluronic serum", 24.99m);
            db.RetailItems.Add(serum);
            var invoice = Invoice.WalkIn(clinic.Client.Id, "USD", till.UserId, DateTimeOffset.UtcNow);
            invoice.AddAreas("Microneedling — face", 350m, clinic.Esthetician.Id, services);
            invoice.AddRetail(serum, 2, retail, clinic.Esthetician.Id);
            invoice.AddTip(20m, [clinic.Esthetician.Id, clinic.OtherEsthetician.Id]);
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync();
            invoiceId = invoice.Id;
        }

        (await WithLedgerAsync(l => l.IssueAsync(invoiceId, till, default))).Status.ShouldBe(LedgerStatus.Done);
        var cash = await WithLedgerAsync(l => l.TakePaymentAsync(invoiceId, new TenderInput(Tender.Cash, 100m), Guid.CreateVersion7(), till, default));
        cash.Status.ShouldBe(LedgerStatus.Done);
        (await WithLedgerAsync(l => l.TakePaymentAsync(invoiceId, new TenderInput(Tender.Card, 319.98m, "Visa", "4242", "A1B2C3"), Guid.CreateVersion7(), till, default)))
            .Status.ShouldBe(LedgerStatus.Done);
        return (invoiceId, cash.Entries[0].Id);
    }

    private static string? Cell(Page page, string selector) => page.Document.QuerySelector(selector)?.TextContent.Trim();

    [Fact]
    public async Task The_desk_sees_the_days_money_closes_it_and_after_that_only_refunds_are_taken_dated_today()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var till = await CashierAsync();
        var (invoiceId, cashPayment) = await PaidVisitAsync(clinic, till);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);

        var open = await desk.GetAsync("/day-close");

        open.Status.ShouldBe(HttpStatusCode.OK);
        open.Document.QuerySelector("input[name='Form.Day']")!.GetAttribute("value").ShouldBeOneOf(Iso(Today), Iso(TestClinic.Zone.Today(DateTimeOffset.UtcNow)));
        Cell(open, ".expected-cash").ShouldBe("$100.00");
        Cell(open, "tr[data-tender='Cash']").ShouldBe("Cash$100.00$0.00$100.00");
        Cell(open, "tr[data-tender='Card']").ShouldBe("Card$319.98$0.00$319.98");
        var providers = open.Document.QuerySelectorAll(".providers tbody tr").Select(r => r.TextContent.Trim()).ToList();
        providers.ShouldBe(["Maya Lopez$350.00$49.98$10.00$409.98", "Sofia Chen$0.00$0.00$10.00$10.00"]);

        var closed = await desk.SubmitAsync(open, new Dictionary<string, string> { ["Form.CountedCash"] = "100,00" }, "/day-close");

        closed.Location.ShouldBe($"/day-close?day={Iso(Today)}");
        var page = await desk.FollowAsync(closed);
        Cell(page, ".day-state").ShouldBe("Closed");
        Cell(page, ".counted-cash").ShouldBe("$100.00");
        Cell(page, ".variance").ShouldBe("0.00");
        page.Document.QuerySelector("form[action='/day-close'][method='post']").ShouldBeNull("a closed day offers no close");
        await using (var db = Database.CreateContext())
        {
            (await db.AuditEntries.CountAsync(a => a.Action == "money.close-day")).ShouldBe(1);
            (await db.DayCloses.SingleAsync()).ExpectedCash.ShouldBe(100m);
        }

        // The day is locked: no payment, no void; a refund is still taken and dated today.
        var payment = await WithLedgerAsync(l => l.VoidAsync(invoiceId, "Wrong client", till, default));
        payment.Status.ShouldBe(LedgerStatus.Refused);
        payment.Message.ShouldBe($"The day {Iso(Today)} is closed: voiding an invoice is no longer possible (only refunds are).");
        var refund = await WithLedgerAsync(l => l.RefundAsync(invoiceId, cashPayment, 20m, "Serum returned", null, Guid.CreateVersion7(), till, default));
        refund.Status.ShouldBe(LedgerStatus.Done);
        refund.Entries.ShouldAllBe(e => e.ClinicDay == Today);

        var after = await desk.GetAsync($"/day-close?day={Iso(Today)}");
        Cell(after, ".expected-cash").ShouldBe("$100.00", "the close keeps what the drawer held when it was counted");
        Cell(after, ".refunds-after-close").ShouldBe("$20.00");
        Cell(after, "tr[data-tender='Cash']").ShouldBe("Cash$100.00$20.00$80.00");
    }

    [Fact]
    public async Task A_drawer_that_does_not_match_needs_a_note_and_bad_counts_get_a_message_with_nothing_saved()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await PaidVisitAsync(clinic, await CashierAsync());
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);

        var noNote = await desk.SubmitAsync("/day-close", new Dictionary<string, string> { ["Form.CountedCash"] = "95" }, "/day-close");
        var negative = await desk.SubmitAsync("/day-close", new Dictionary<string, string> { ["Form.CountedCash"] = "-5" }, "/day-close");
        var words = await desk.SubmitAsync("/day-close", new Dictionary<string, string> { ["Form.CountedCash"] = "ninety" }, "/day-close");
        var cents = await desk.SubmitAsync("/day-close", new Dictionary<string, string> { ["Form.CountedCash"] = "95,005" }, "/day-close");
        var empty = await desk.SubmitAsync("/day-close", new Dictionary<string, string> { ["Form.CountedCash"] = "" }, "/day-close");

        noNote.Status.ShouldBe(HttpStatusCode.OK);
        noNote.FieldMessage("Form_Note").ShouldBe("The drawer does not match: say what happened in the note.");
        negative.FieldMessage("Form_CountedCash").ShouldBe("The amount cannot be negative.");
        words.FieldMessage("Form_CountedCash").ShouldBe("Enter a number, such as 0.5 or 0,5.");
        cents.FieldMessage("Form_CountedCash").ShouldNotBeNull();
        empty.FieldMessage("Form_CountedCash").ShouldBe("Enter the cash counted in the drawer (0 if none).");
        await using (var db = Database.CreateContext())
        {
            (await db.DayCloses.CountAsync()).ShouldBe(0);
        }

        var closed = await desk.SubmitAsync("/day-close", new Dictionary<string, string> { ["Form.CountedCash"] = "95", ["Form.Note"] = "A five went out for the parking meter" }, "/day-close");

        var page = await desk.FollowAsync(closed);
        Cell(page, ".variance").ShouldBe("−5.00");
        Cell(page, ".close-note").ShouldBe("Note: A five went out for the parking meter");
        (await desk.GetAsync($"/day-close/report?day={Iso(Today)}")).Text.ShouldContain("A five went out for the parking meter");
    }

    [Fact]
    public async Task A_day_closes_once_and_a_day_not_begun_does_not_close()
    {
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var page = await desk.GetAsync("/day-close");
        (await desk.SubmitAsync(page, new Dictionary<string, string> { ["Form.CountedCash"] = "0" }, "/day-close")).Status.ShouldBe(HttpStatusCode.Redirect);

        var again = await desk.SubmitAsync(page, new Dictionary<string, string> { ["Form.CountedCash"] = "0" }, "/day-close");
        var tomorrow = await desk.PostAsync(page, "/day-close", new Dictionary<string, string> { ["Form.Day"] = Iso(Today.AddDays(2)), ["Form.CountedCash"] = "0" });

        again.Status.ShouldBe(HttpStatusCode.Conflict);
        again.Summary.ShouldBe($"The day {Iso(Today)} is already closed.");
        tomorrow.Status.ShouldBe(HttpStatusCode.Conflict);
        tomorrow.Summary.ShouldBe("A day is closed once it has begun.");
        await using var db = Database.CreateContext();
        (await db.DayCloses.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task The_end_of_day_report_prints_the_days_figures_without_the_pages_controls()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await PaidVisitAsync(clinic, await CashierAsync());
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var report = await admin.GetAsync($"/day-close/report?day={Iso(Today)}");

        report.Status.ShouldBe(HttpStatusCode.OK);
        Cell(report, ".day-report h1")!.ShouldStartWith("End-of-day report");
        Cell(report, ".day-report .day-state").ShouldBe("Not closed yet: figures may still change.");
        Cell(report, ".day-report .expected-cash").ShouldBe("$100.00");
        report.Document.QuerySelectorAll(".day-report .providers tbody tr").Length.ShouldBe(2);
        report.Document.QuerySelector("[data-print]")!.Closest(".no-print").ShouldNotBeNull("the print button stays off the paper");
        report.Document.QuerySelector(".day-report form").ShouldBeNull();
        var empty = await admin.GetAsync($"/day-close/report?day={Iso(Today.AddDays(-30))}");
        empty.Text.ShouldContain("No payments or refunds this day.");
    }
}
