using System.Text.RegularExpressions;
using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Reminders;
using MicroSpa.Web.Infrastructure.Email;
using MicroSpa.Web.Tests.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using MimeKit;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace MicroSpa.Browser.Tests;

/// <summary>Issue 17's "done": a visit checked out, paid in two tenders, its receipt emailed, a serum refunded the next day, both days closed, the receipt read on a phone.</summary>
public sealed class CheckoutJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>Sends what the outbox holds over real SMTP to the loopback server, as the app's dispatcher does in production.</summary>
    private async Task SendOutboxAsync(LoopbackSmtpServer smtp)
    {
        var sender = new SmtpEmailSender(
            Options.Create(new EmailOptions { Mode = EmailMode.Smtp, SmtpHost = "127.0.0.1", SmtpPort = smtp.Port, From = "clinic@microspa.test" }),
            NullLogger<SmtpEmailSender>.Instance);
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        var dispatcher = ActivatorUtilities.CreateInstance<OutboxDispatcher>(scope.ServiceProvider, (IEmailSender)sender);
        while (await dispatcher.DispatchAsync(10, CancellationToken.None) > 0)
        {
        }
    }

    private static async Task<MimeMessage> MailAsync(ReceivedMail mail) =>
        await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data)));

    private static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => ContentOrderTextExtractor.GetText(p)));
    }

    private static async Task<string> PdfOfAsync(MimeMessage message)
    {
        var attachment = message.Attachments.OfType<MimePart>().ShouldHaveSingleItem();
        using var pdf = new MemoryStream();
        await attachment.Content.ShouldNotBeNull().DecodeToAsync(pdf);
        return PdfText(pdf.ToArray());
    }

    private static async Task ClickAndWaitForNoticeAsync(IPage page, string button, string notice)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await page.GetByText(notice).WaitForAsync();
    }

    private static async Task CloseTheDayAsync(IPage desk, DateOnly day, string counted)
    {
        await desk.GotoAsync($"/day-close?day={day:yyyy-MM-dd}");
        await desk.GetByLabel("Cash counted in the drawer").FillAsync(counted);
        await desk.GetByRole(AriaRole.Button, new() { Name = $"Close {day.ToString("d MMMM", System.Globalization.CultureInfo.GetCultureInfo("en-US"))}", Exact = true }).ClickAsync();
        await desk.Locator(".day-state").GetByText("Closed").WaitForAsync();
        await desk.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task The_desk_checks_out_a_visit_emails_the_receipt_refunds_the_serum_the_next_day_closes_both_days_and_the_client_reads_it_on_a_phone()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        var appointment = await clinic.BookAsync(Fixture.Database, TestClinic.SoonToday());
        await TestClinic.GiveIntakeAsync(Fixture.Database, appointment.Id);
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        var firstDay = TestClinic.Zone.Today(Fixture.Clock.GetUtcNow());

        // Day one: the visit is completed on its card and checked out with a serum and a tip for both estheticians.
        var desk = await SignedInAsync(Roles.FrontDesk, "desk@clinic.test");
        await using (var db = Fixture.Database.CreateContext())
        {
            (await db.TaxClasses.SingleAsync(t => t.Kind == TaxKind.Retail)).SetRate(8.875m);
            (await db.TaxClasses.SingleAsync(t => t.Kind == TaxKind.Services)).SetRate(6.25m);
            (await db.BillingSettings.SingleAsync()).LetFrontDeskRefund(true);
            var serum = new RetailItem("HA-SERUM", "Hyaluronic serum", 24.99m);
            db.RetailItems.Add(serum);
            db.StockEntries.Add(StockEntry.Received(serum, 10, await db.Users.Select(u => u.Id).FirstAsync(), "Delivery", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        await desk.GotoAsync($"/front-desk/appointments/{appointment.Id}");
        foreach (var (button, status) in new[] { ("Check in", "Checked in"), ("Start treatment", "In treatment"), ("Complete", "Completed") })
        {
            await desk.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
            await desk.Locator("#status").GetByText(status).WaitForAsync();
        }

        await desk.GetByRole(AriaRole.Button, new() { Name = "Check out" }).ClickAsync();
        await desk.WaitForURLAsync("**/checkout/invoices/**");
        var invoiceUrl = new Uri(desk.Url).AbsolutePath;
        await desk.GetByLabel("Product", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Hyaluronic serum (HA-SERUM) · $24.99 · 10 on hand" });
        await ClickAndWaitForNoticeAsync(desk, "Add product", "Product added.");
        await desk.GetByLabel("Tip", new() { Exact = true }).FillAsync("10.01");
        await desk.GetByLabel("Maya Lopez").CheckAsync();
        await desk.GetByLabel("Sofia Chen").CheckAsync();
        await ClickAndWaitForNoticeAsync(desk, "Add tip", "Tip added.");
        await desk.AssertNoSeriousViolationsAsync();
        await ClickAndWaitForNoticeAsync(desk, "Finish and take payment", "The invoice is issued: take payment.");
        (await desk.Locator("#invoice-due").InnerTextAsync()).ShouldBe("$409.10");

        // Part cash, the rest on the card terminal.
        await desk.GetByLabel("Cash handed over").FillAsync("120");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Take cash" }).ClickAsync();
        await desk.Locator("#invoice-due").GetByText("$289.10").WaitForAsync();
        (await desk.GetByLabel("Amount on the card").InputValueAsync()).ShouldBe("289.10");
        await desk.GetByLabel("Card brand").FillAsync("Visa");
        await desk.GetByLabel("Last four digits").FillAsync("4242");
        await desk.GetByLabel("Approval code").FillAsync("A1B2");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Record card payment" }).ClickAsync();
        await desk.Locator("#invoice-state").GetByText("Paid").WaitForAsync();
        (await desk.Locator("#invoice-due").InnerTextAsync()).ShouldBe("$0.00");
        await desk.AssertNoSeriousViolationsAsync();

        await ClickAndWaitForNoticeAsync(desk, "Email receipt", "The receipt is on its way to the client's email.");
        await SendOutboxAsync(smtp);
        var first = await MailAsync(smtp.Received.ShouldHaveSingleItem());
        first.To.Mailboxes.Single().Address.ShouldBe("test.client@example.com");
        first.HtmlBody.ShouldNotBeNull().ShouldContain("$409.10");
        var firstPdf = await PdfOfAsync(first);
        firstPdf.ShouldContain("Total $409.10");
        firstPdf.ShouldContain("Visa ending 4242 · $289.10");
        firstPdf.ShouldNotContain("Refund");

        await desk.GetByRole(AriaRole.Link, new() { Name = "Print receipt" }).ClickAsync();
        await desk.WaitForURLAsync("**/receipt");
        (await desk.Locator("#receipt-total").InnerTextAsync()).ShouldBe("$409.10");
        await desk.EmulateMediaAsync(new() { Media = Media.Print });
        (await desk.Locator("header").First.IsVisibleAsync()).ShouldBeFalse("the site's header stays off paper");
        (await desk.Locator("#receipt").IsVisibleAsync()).ShouldBeTrue();
        await desk.EmulateMediaAsync(new() { Media = Media.Screen });
        await desk.AssertNoSeriousViolationsAsync();

        await CloseTheDayAsync(desk, firstDay, "120.00");

        // Day two: the client brings the serum back unopened; the desk refunds it to the card and closes the day.
        Fixture.Clock.Ahead = TimeSpan.FromDays(1);
        var secondDay = TestClinic.Zone.Today(Fixture.Clock.GetUtcNow());
        secondDay.ShouldBe(firstDay.AddDays(1));
        var nextDesk = await SignedInAsync(Roles.FrontDesk, "desk.tomorrow@clinic.test");
        await nextDesk.GotoAsync(invoiceUrl);
        var cardRefund = nextDesk.Locator("form.refund-form", new() { HasText = "Visa card ending 4242" });
        await cardRefund.GetByLabel("Amount to refund").FillAsync("27.21");
        await cardRefund.GetByLabel("Reason").FillAsync("Serum returned unopened");
        await cardRefund.GetByLabel("For the line (optional)").SelectOptionAsync(new SelectOptionValue { Label = "Hyaluronic serum · $24.99" });
        await cardRefund.GetByLabel("Products back in stock").FillAsync("1");
        await cardRefund.GetByRole(AriaRole.Button, new() { Name = "Refund" }).ClickAsync();
        await nextDesk.Locator("#invoice-refunded").GetByText("$27.21").WaitForAsync();
        (await nextDesk.Locator("#invoice-total").InnerTextAsync()).ShouldBe("$381.89");
        await ClickAndWaitForNoticeAsync(nextDesk, "Email receipt", "The receipt is on its way to the client's email.");
        await SendOutboxAsync(smtp);
        smtp.Received.Count.ShouldBe(2);
        var secondPdf = await PdfOfAsync(await MailAsync(smtp.Received[1]));
        secondPdf.ShouldContain("Total $381.89");
        secondPdf.ShouldContain("Refund to Visa ending 4242 · $27.21 · Serum returned unopened");

        await CloseTheDayAsync(nextDesk, secondDay, "0");
        await nextDesk.GotoAsync($"/day-close?day={firstDay:yyyy-MM-dd}");
        (await nextDesk.Locator(".day-state").InnerTextAsync()).ShouldBe("Closed");
        await using (var db = Fixture.Database.CreateContext())
        {
            (await db.DayCloses.Select(d => d.ClinicDay).OrderBy(d => d).ToListAsync()).ShouldBe([firstDay, secondDay]);
            var refund = await db.LedgerEntries.SingleAsync(e => e.Kind == EntryKind.Refund);
            refund.ClinicDay.ShouldBe(secondDay, "a refund is dated the day it happens");
        }

        // The client, on a phone, finds the receipt under My appointments: the payment of day one and the refund of day two.
        var phone = await SignedInAsync(Roles.Client, "test.client@example.com");
        await using (var db = Fixture.Database.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "test.client@example.com");
            (await db.Clients.SingleAsync(c => c.Id == clinic.Client.Id)).LinkAccount(user.Id);
            await db.SaveChangesAsync();
        }

        await phone.SetViewportSizeAsync(390, 844);
        await phone.GotoAsync("/my/appointments");
        await phone.GetByRole(AriaRole.Link, new() { Name = "My receipts" }).ClickAsync();
        await phone.WaitForURLAsync("**/my/appointments/receipts");
        var listed = phone.Locator("li.my-receipt");
        (await listed.CountAsync()).ShouldBe(1);
        (await listed.InnerTextAsync()).ShouldContain("Total $381.89 · refunded $27.21");
        await phone.AssertNoSeriousViolationsAsync();
        await listed.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Invoice ") }).ClickAsync();
        await phone.Locator("#receipt").WaitForAsync();
        (await phone.Locator("#receipt-total").InnerTextAsync()).ShouldBe("$381.89");
        (await phone.Locator("#receipt-payments").InnerTextAsync()).ShouldContain("Visa ending 4242 · $289.10");
        var refunds = await phone.Locator("#receipt-refunds").InnerTextAsync();
        refunds.ShouldContain("Refund to Visa ending 4242 · $27.21");
        refunds.ShouldContain(secondDay.ToString("M/d/yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-US")));
        (await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("nothing runs off a phone's screen");
        await phone.AssertNoSeriousViolationsAsync();

        var download = await phone.RunAndWaitForDownloadAsync(() => phone.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), $"receipt-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(saved);
        try
        {
            var text = PdfText(await File.ReadAllBytesAsync(saved));
            text.ShouldContain("Total $381.89");
            text.ShouldContain("Refund to Visa ending 4242 · $27.21");
        }
        finally
        {
            File.Delete(saved);
        }
    }
}
