using System.Text;
using MicroSpa.Web.Infrastructure.Email;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace MicroSpa.Web.Tests.Email;

public sealed class SmtpEmailSenderTests(WebAppFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task Sends_text_html_and_attachments_to_a_real_smtp_server()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var app = App.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Email:Mode", nameof(EmailMode.Smtp));
            builder.UseSetting("Email:SmtpHost", "127.0.0.1");
            builder.UseSetting("Email:SmtpPort", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Email:From", "clinic@microspa.test");
        });
        var sender = app.Services.GetRequiredService<IEmailSender>();

        await sender.SendAsync(new EmailMessage(
            "olivia@example.com",
            "Your appointment",
            "See you on Tuesday.",
            "<p>See you on <b>Tuesday</b>.</p>",
            [new EmailAttachment("appointment.ics", "text/calendar", Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"))]),
            CancellationToken.None);

        var mail = smtp.Received.ShouldHaveSingleItem();
        mail.From.ShouldBe("clinic@microspa.test");
        mail.To.ShouldBe(["olivia@example.com"]);
        using var raw = new MemoryStream(Encoding.UTF8.GetBytes(mail.Data));
        var message = await MimeMessage.LoadAsync(raw);
        message.Subject.ShouldBe("Your appointment");
        message.TextBody!.Trim().ShouldBe("See you on Tuesday.");
        message.HtmlBody!.ShouldContain("<b>Tuesday</b>");
        message.Attachments.OfType<MimePart>().ShouldHaveSingleItem().FileName.ShouldBe("appointment.ics");
    }

    /// <summary>Mail carries health information: with TLS configured, a server that does not offer STARTTLS (or a man in the middle who strips it) gets nothing.</summary>
    [Fact]
    public async Task With_tls_configured_a_server_that_does_not_offer_starttls_is_sent_nothing()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var app = App.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Email:Mode", nameof(EmailMode.Smtp));
            builder.UseSetting("Email:SmtpHost", "127.0.0.1");
            builder.UseSetting("Email:SmtpPort", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Email:SmtpStartTls", "true");
        });
        var sender = app.Services.GetRequiredService<IEmailSender>();

        await Should.ThrowAsync<Exception>(() => sender.SendAsync(
            new EmailMessage("olivia@example.com", "Your aftercare", "Avoid the sun for a week.", "<p>Avoid the sun for a week.</p>"), CancellationToken.None));

        smtp.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_send_to_an_unreachable_server_fails_loudly_instead_of_pretending()
    {
        await using var app = App.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Email:Mode", nameof(EmailMode.Smtp));
            builder.UseSetting("Email:SmtpHost", "127.0.0.1");
            builder.UseSetting("Email:SmtpPort", "1");
        });
        var sender = app.Services.GetRequiredService<IEmailSender>();

        await Should.ThrowAsync<Exception>(() => sender.SendAsync(
            new EmailMessage("olivia@example.com", "Hello", "Text", "<p>Text</p>"), CancellationToken.None));
    }
}
