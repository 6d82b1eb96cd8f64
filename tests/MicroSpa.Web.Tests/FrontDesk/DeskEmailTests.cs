using System.Globalization;
using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Reminders;
using MicroSpa.Web.Infrastructure.Email;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Email;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace MicroSpa.Web.Tests.FrontDesk;

/// <summary>
/// What the client is told when the desk changes a booking: a move (on the grid or with the reschedule form) as for the
/// client's own reschedule, with the updated calendar file; "we missed you" after a no-show, with the clinic's policy.
/// Sent through the outbox over real SMTP to a loopback server and read back as the client's mail program reads it.
/// </summary>
public sealed class DeskEmailTests(WebAppFixture fixture) : WebTest(fixture)
{
    private WebApplicationFactory<Program> WithSmtp(int port) => App.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Email:Mode", nameof(EmailMode.Smtp));
        builder.UseSetting("Email:SmtpHost", "127.0.0.1");
        builder.UseSetting("Email:SmtpPort", port.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Email:From", "clinic@microspa.test");
    });

    private static async Task DispatchAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        while (await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(10, CancellationToken.None) > 0)
        {
        }
    }

    private static Task<MimeMessage> ReadAsync(ReceivedMail mail) =>
        MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data)));

    private static async Task<string> CalendarAsync(MimeMessage message)
    {
        var part = message.Attachments.OfType<MimePart>().Single(a => a.FileName == "appointment.ics");
        using var content = new MemoryStream();
        await part.Content.ShouldNotBeNull().DecodeToAsync(content);
        return System.Text.Encoding.UTF8.GetString(content.ToArray());
    }

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private async Task<WebSession> DeskAsync(WebApplicationFactory<Program> app) =>
        await AccountFlows.SignedInStaffAsync(App, () => new WebSession(app.CreateClient(new() { AllowAutoRedirect = false })), Roles.FrontDesk);

    [Fact]
    public async Task A_move_on_the_grid_and_one_with_the_form_each_email_the_client_the_new_time_with_its_calendar_file()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var app = WithSmtp(smtp.Port);
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        using var desk = await DeskAsync(app);

        var day = await desk.GetAsync($"/front-desk?date={TestClinic.Day:yyyy-MM-dd}");
        var block = day.Document.QuerySelector($"a.schedule-block[href='/front-desk/appointments/{appointment.Id}']")!;
        var dropped = await desk.PostAsync(day, $"/front-desk/appointments/{appointment.Id}/move", new Dictionary<string, string>
        {
            ["Date"] = TestClinic.Day.ToString("yyyy-MM-dd"), ["Time"] = "13:30", ["Version"] = block.GetAttribute("data-version")!,
            ["ProviderId"] = clinic.OtherEsthetician.Id.ToString(), ["RoomId"] = clinic.RoomOne.Id.ToString(),
        });
        dropped.Status.ShouldBe(HttpStatusCode.OK);
        var form = await desk.GetAsync($"/front-desk/appointments/{appointment.Id}/reschedule?date={TestClinic.Day:yyyy-MM-dd}");
        var moved = await desk.SubmitAsync(form, new Dictionary<string, string> { ["start"] = Features.Shared.TimeGrid.Format(TestClinic.At(16)) },
            $"/front-desk/appointments/{appointment.Id}/reschedule");
        moved.Status.ShouldBe(HttpStatusCode.Redirect);
        await DispatchAsync(app.Services);

        var mails = smtp.Received;
        mails.Count.ShouldBe(2);
        var grid = await ReadAsync(mails[0]);
        var byForm = await ReadAsync(mails[1]);
        foreach (var (mail, message) in new[] { (mails[0], grid), (mails[1], byForm) })
        {
            mail.To.ShouldBe([clinic.Client.Email!]);
            // The subject and words of the client's own reschedule (MyAppointments uses the same email).
            message.Subject.ShouldBe("MicroSpa Clinic: Your appointment has moved");
            message.TextBody.ShouldNotBeNull().ShouldContain("Your appointment has moved to a new time.");
        }

        grid.TextBody!.ShouldContain("With: Sofia Chen");
        grid.TextBody!.ShouldContain("1:30");
        (await CalendarAsync(grid)).ShouldContain($"DTSTART:{Utc(TestClinic.At(13, 30))}");
        byForm.TextBody.ShouldNotBeNull().ShouldContain("4:00");
        (await CalendarAsync(byForm)).ShouldContain($"DTSTART:{Utc(TestClinic.At(16))}");
        App.Log.Lines.ShouldNotContain(l => l.Contains(clinic.Client.Email!, StringComparison.OrdinalIgnoreCase) || l.Contains("Test Client", StringComparison.Ordinal));
    }

    private async Task<(TestClinic Clinic, Guid Id)> StartedHalfAnHourAgoAsync()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, DateTimeOffset.UtcNow.AddDays(1));
        await using var db = Database.CreateContext();
        await db.Database.ExecuteSqlAsync(
            $"UPDATE appointments SET starts_at = now() - interval '30 minutes', ends_at = now() + interval '30 minutes', blocked_until = now() + interval '45 minutes' WHERE id = {appointment.Id}");
        return (clinic, appointment.Id);
    }

    private static async Task MarkNoShowAsync(WebSession desk, Guid id)
    {
        var card = await desk.GetAsync($"/front-desk/appointments/{id}");
        var form = card.Document.QuerySelectorAll("form").First(f => f.QuerySelector("input[name=Action]")?.GetAttribute("value") == "no-show");
        var marked = await desk.PostAsync(card, $"/front-desk/appointments/{id}/status", new Dictionary<string, string>
        {
            ["Action"] = "no-show", ["Version"] = form.QuerySelector("input[name=Version]")!.GetAttribute("value")!,
        });
        marked.Status.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task After_a_no_show_the_client_is_emailed_we_missed_you_with_the_policy_and_a_link_to_book_again()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var app = WithSmtp(smtp.Port);
        var (clinic, id) = await StartedHalfAnHourAgoAsync();
        using var desk = await DeskAsync(app);

        await MarkNoShowAsync(desk, id);
        await DispatchAsync(app.Services);

        var mail = smtp.Received.ShouldHaveSingleItem();
        mail.To.ShouldBe([clinic.Client.Email!]);
        var message = await ReadAsync(mail);
        message.Subject.ShouldBe("MicroSpa Clinic: we missed you");
        var text = message.TextBody.ShouldNotBeNull();
        text.ShouldContain("Hello Test,");
        text.ShouldContain("We missed you at your appointment on");
        text.ShouldContain("(Microneedling — face with Maya Lopez)");
        text.ShouldContain("Our policy: you can cancel or reschedule online until 24 hours before an appointment");
        text.ShouldNotContain("no-show fee", Case.Insensitive);
        text.ShouldContain($"Book a new time: http://localhost/book/{clinic.Facial.Id}");
        message.HtmlBody.ShouldNotBeNull().ShouldContain($"<a href=\"http://localhost/book/{clinic.Facial.Id}\">Book a new time</a>");
        message.Attachments.ShouldBeEmpty();
        App.Log.Lines.ShouldNotContain(l => l.Contains(clinic.Client.Email!, StringComparison.OrdinalIgnoreCase) || l.Contains("Test Client", StringComparison.Ordinal));

        // The booking link opens the service's booking page for anyone.
        using var anyone = NewSession();
        (await anyone.GetAsync($"/book/{clinic.Facial.Id}")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("Fixed", 75, "An appointment missed without cancelling has a no-show fee of $75.00.")]
    [InlineData("Percent", 50, "An appointment missed without cancelling has a no-show fee of 50 % of the service's price: $175.00 for this visit.")]
    public async Task With_a_no_show_fee_in_the_policy_the_email_names_it_for_the_visit_missed(string kind, int value, string wording)
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var app = WithSmtp(smtp.Port);
        var (_, id) = await StartedHalfAnHourAgoAsync();
        await using (var db = Database.CreateContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE billing_settings SET no_show_fee_kind = {kind}, no_show_fee_value = {(decimal)value}");
        }

        using var desk = await DeskAsync(app);
        await MarkNoShowAsync(desk, id);
        await DispatchAsync(app.Services);

        var message = await ReadAsync(smtp.Received.ShouldHaveSingleItem());
        message.TextBody.ShouldNotBeNull().ShouldContain(wording);
        message.HtmlBody.ShouldNotBeNull().ShouldContain(System.Net.WebUtility.HtmlEncode(wording));
    }
}
