using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Features.Reminders;
using MicroSpa.Web.Infrastructure.Email;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Email;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static MicroSpa.Web.Tests.Checkout.CheckoutFlows;

namespace MicroSpa.Web.Tests.Checkout;

/// <summary>"Email receipt" at the desk, sent through the outbox over real SMTP to a loopback server, read back as the client's mail program reads it.</summary>
public sealed class ReceiptEmailTests(WebAppFixture fixture) : WebTest(fixture)
{
    private WebApplicationFactory<Program> WithSmtp(int port) => App.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Email:Mode", nameof(EmailMode.Smtp));
        builder.UseSetting("Email:SmtpHost", "127.0.0.1");
        builder.UseSetting("Email:SmtpPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:From", "clinic@microspa.test");
    });

    private static async Task DispatchAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        while (await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(10, CancellationToken.None) > 0)
        {
        }
    }

    private static Task<Page> EmailAsync(WebSession desk, Page invoice, string url, string? submissionId = null) =>
        desk.PostAsync(invoice, $"{url}/receipt/email", new Dictionary<string, string>
        {
            ["SubmissionId"] = submissionId ?? invoice.Document.QuerySelector($"form[action='{url}/receipt/email'] input[name=SubmissionId]")!.GetAttribute("value")!,
        });

    [Fact]
    public async Task The_desk_emails_the_receipt_with_the_PDF_attached_once_per_tap_and_audited()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var app = WithSmtp(smtp.Port);
        var desk = await AccountFlows.SignedInStaffAsync(App, () => new WebSession(app.CreateClient(new() { AllowAutoRedirect = false })), Roles.FrontDesk);
        var (clinic, _, url, number) = await ReceiptTests.PaidVisitAsync(Database, desk);

        var invoice = await desk.GetAsync(url);
        var form = invoice.Document.QuerySelector($"form[action='{url}/receipt/email'] input[name=SubmissionId]")!.GetAttribute("value")!;
        var sent = await EmailAsync(desk, invoice, url, form);
        sent.Status.ShouldBe(HttpStatusCode.Redirect);
        (await desk.FollowAsync(sent)).Text.ShouldContain("The receipt is on its way to the client's email.");
        (await EmailAsync(desk, invoice, url, form)).Status.ShouldBe(HttpStatusCode.Redirect, "the same form tapped twice");
        await DispatchAsync(app.Services);

        var mail = smtp.Received.ShouldHaveSingleItem();
        mail.To.ShouldBe([clinic.Client.Email!]);
        var message = await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data)));
        message.Subject.ShouldBe($"MicroSpa Clinic: your receipt for invoice {number}");
        message.HtmlBody.ShouldNotBeNull().ShouldContain($"Receipt · Invoice {number}");
        message.HtmlBody.ShouldNotBeNull().ShouldContain("$409.10");
        message.HtmlBody.ShouldContain($"http://localhost/my/appointments/receipts/{url.Split('/')[^1]}");
        message.TextBody.ShouldNotBeNull().ShouldContain("Visa ending 4242: $309.10");
        var attachment = message.Attachments.OfType<MimePart>().ShouldHaveSingleItem();
        attachment.FileName.ShouldBe($"receipt-{number}.pdf");
        attachment.ContentType.MimeType.ShouldBe("application/pdf");
        using var pdf = new MemoryStream();
        await attachment.Content.ShouldNotBeNull().DecodeToAsync(pdf);
        var text = ReceiptTests.PdfText(pdf.ToArray());
        text.ShouldContain($"Receipt · Invoice {number}");
        text.ShouldContain("Total $409.10");

        await using var db = Database.CreateContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "money.receipt-email");
        audit.ClientId.ShouldBe(clinic.Client.Id);
        audit.Detail.ShouldBe($"invoice {number}: receipt emailed (total 409.10 USD)");
        App.Log.Lines.ShouldNotContain(l => l.Contains(clinic.Client.Email!, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_walk_in_without_a_client_is_told_there_is_no_email_and_nothing_is_queued()
    {
        var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var serum = await TaxesAndSerumAsync(Database);
        var url = (await desk.SubmitAsync("/checkout", new Dictionary<string, string>(), "/checkout/walk-in")).Location!;
        await OnInvoiceAsync(desk, url, "retail", new() { ["RetailItemId"] = serum.Id.ToString(), ["Quantity"] = "1" });
        await OnInvoiceAsync(desk, url, "issue", []);
        await OnInvoiceAsync(desk, url, "cash", new() { ["CashTendered"] = "30" });

        var invoice = await desk.GetAsync(url);
        invoice.Document.QuerySelector($"form[action='{url}/receipt/email']").ShouldBeNull();
        Text(invoice, "receipt-no-email").ShouldBe("A walk-in sale without a client has no email: print the receipt instead.");
        var crafted = await EmailAsync(desk, invoice, url, Guid.NewGuid().ToString());
        crafted.Status.ShouldBe(HttpStatusCode.OK);
        crafted.Summary.ShouldContain("This walk-in sale has no client, so there is no email to send the receipt to: print it instead.");
        var noForm = await desk.PostAsync(invoice, $"{url}/receipt/email", new Dictionary<string, string>());
        noForm.Status.ShouldBe(HttpStatusCode.OK);
        noForm.Summary.ShouldContain("The form is out of date: open the invoice again.");

        await using var db = Database.CreateContext();
        (await db.Outbox.CountAsync(m => m.Kind == "receipt")).ShouldBe(0);
        (await db.AuditEntries.CountAsync(a => a.Action == "money.receipt-email")).ShouldBe(0);
    }
}
