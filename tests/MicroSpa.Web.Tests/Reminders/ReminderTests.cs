using MicroSpa.Domain.Messaging;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Reminders;
using MicroSpa.Web.Infrastructure.Email;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Email;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Reminders;

public sealed class ReminderTests(WebAppFixture fixture) : WebTest(fixture)
{
    private WebApplicationFactory<Program> WithSmtp(int port) => App.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Email:Mode", nameof(EmailMode.Smtp));
        builder.UseSetting("Email:SmtpHost", "127.0.0.1");
        builder.UseSetting("Email:SmtpPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:From", "clinic@microspa.test");
    });

    private static async Task<int> DrainAsync(IServiceProvider services)
    {
        var total = 0;
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var sent = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(5, CancellationToken.None);
            if (sent == 0)
            {
                return total;
            }

            total += sent;
        }
    }

    [Fact]
    public async Task Two_dispatchers_on_one_database_send_each_message_exactly_once_over_real_smtp()
    {
        await using (var db = Database.CreateContext())
        {
            for (var i = 0; i < 40; i++)
            {
                db.Outbox.Add(new OutboxMessage($"test:{i}", "test", $"client{i}@example.com", $"Message {i}", "Hello", "<p>Hello</p>", DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow));
            }

            await db.SaveChangesAsync();
        }

        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var first = WithSmtp(smtp.Port);
        await using var second = WithSmtp(smtp.Port);

        var counts = await Task.WhenAll(Task.Run(() => DrainAsync(first.Services)), Task.Run(() => DrainAsync(second.Services)));

        counts.Sum().ShouldBe(40);
        smtp.Received.Count.ShouldBe(40);
        smtp.Received.Select(m => m.To.Single()).Distinct().Count().ShouldBe(40);
        await using var check = Database.CreateContext();
        (await check.Outbox.CountAsync(m => m.Status == OutboxStatus.Sent && m.Attempts == 1)).ShouldBe(40);
    }

    [Fact]
    public async Task A_message_that_cannot_be_sent_waits_and_is_retried_then_sent()
    {
        await using (var db = Database.CreateContext())
        {
            db.Outbox.Add(new OutboxMessage("test:retry", "test", "client@example.com", "Retry me", "Hello", "<p>Hello</p>", DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        using (var closed = new ClosedPort())
        await using (var down = WithSmtp(closed.Port))
        {
            (await DrainAsync(down.Services)).ShouldBe(1);
        }

        await using (var db = Database.CreateContext())
        {
            var message = await db.Outbox.SingleAsync();
            message.Status.ShouldBe(OutboxStatus.Pending);
            message.Attempts.ShouldBe(1);
            message.DueAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow);
            message.LastError.ShouldNotBeNull();
            await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.DueAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var up = WithSmtp(smtp.Port);
        (await DrainAsync(up.Services)).ShouldBe(1);
        smtp.Received.ShouldHaveSingleItem();
        await using var check = Database.CreateContext();
        (await check.Outbox.SingleAsync()).Status.ShouldBe(OutboxStatus.Sent);
    }

    [Fact]
    public async Task A_booking_confirmation_is_stored_with_the_booking_and_survives_a_mail_server_that_is_down()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var draftId = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));
        (await BookingFlows.ConfirmAsync(session, draftId)).Status.ShouldBe(System.Net.HttpStatusCode.Redirect);

        await using (var db = Database.CreateContext())
        {
            var queued = await db.Outbox.SingleAsync();
            queued.Kind.ShouldBe("appointment-booked");
            queued.To.ShouldBe(client.Email);
            queued.AttachmentName.ShouldBe("appointment.ics");
            queued.Status.ShouldBe(OutboxStatus.Pending);
        }

        using (var closed = new ClosedPort())
        await using (var down = WithSmtp(closed.Port))
        {
            await DrainAsync(down.Services);
        }

        await using (var db = Database.CreateContext())
        {
            await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.DueAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var up = WithSmtp(smtp.Port);
        (await DrainAsync(up.Services)).ShouldBe(1);
        var mail = smtp.Received.ShouldHaveSingleItem();
        mail.To.ShouldBe([client.Email!]);
        mail.Data.ShouldContain("appointment.ics");
        mail.Data.ShouldContain("text/calendar");
    }

    [Fact]
    public async Task The_running_worker_sends_a_confirmation_at_once_without_waiting_for_its_next_round()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var running = App.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Email:Mode", nameof(EmailMode.Smtp));
            builder.UseSetting("Email:SmtpHost", "127.0.0.1");
            builder.UseSetting("Email:SmtpPort", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Email:From", "clinic@microspa.test");
            builder.UseSetting("Reminders:Worker", "true");
            builder.UseSetting("Reminders:PollSeconds", "3600");
        });
        WebSession NewRunningSession() => new(running.CreateClient(new() { AllowAutoRedirect = false }));
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewRunningSession);

        // The worker's first round has run (it starts with the app); from now on only the signal can wake it.
        await Task.Delay(500);
        var draftId = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));
        (await BookingFlows.ConfirmAsync(session, draftId)).Status.ShouldBe(System.Net.HttpStatusCode.Redirect);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (smtp.Received.Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        smtp.Received.ShouldHaveSingleItem().To.ShouldBe([client.Email!]);

        // The worker marks the message sent once the server has accepted it, a moment after the mail arrived.
        await using var db = Database.CreateContext();
        var status = OutboxStatus.Pending;
        var settling = System.Diagnostics.Stopwatch.StartNew();
        while (settling.Elapsed < TimeSpan.FromSeconds(30) && (status = (await db.Outbox.AsNoTracking().SingleAsync()).Status) != OutboxStatus.Sent)
        {
            await Task.Delay(100);
        }

        status.ShouldBe(OutboxStatus.Sent);
    }

    [Fact]
    public async Task The_visit_reminder_is_scheduled_once_48_hours_ahead_whoever_runs_the_scheduler()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var soon = await clinic.BookAsync(Database, DateTimeOffset.UtcNow.AddHours(30));
        await clinic.BookAsync(Database, DateTimeOffset.UtcNow.AddDays(5));
        await using (var db = Database.CreateContext())
        {
            // Booked a week ago (a visit booked inside the 48 hours got its instructions with the confirmation).
            await db.Appointments.ExecuteUpdateAsync(s => s.SetProperty(a => a.CreatedAt, DateTimeOffset.UtcNow.AddDays(-7)));
        }

        await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            await using var scope = App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReminderScheduler>().ScheduleAsync(CancellationToken.None);
        }));

        await using var check = Database.CreateContext();
        var reminder = await check.Outbox.SingleAsync();
        reminder.Key.ShouldStartWith($"reminder:{soon.Id}:");
        reminder.To.ShouldBe(clinic.Client.Email);
        reminder.TextBody.ShouldContain("Arrive with clean skin and no makeup");
    }

    [Fact]
    public async Task The_day_3_check_in_goes_out_once_and_not_to_a_client_who_opted_out()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        var fourDaysAgo = DateTimeOffset.UtcNow.AddDays(-4);
        await using (var db = Database.CreateContext())
        {
            var saved = await db.Appointments.Include(a => a.BodyAreas).Include(a => a.Service).SingleAsync(a => a.Id == appointment.Id);
            saved.CheckIn(fourDaysAgo, TestClinic.By);
            var gate = await TestClinic.GiveIntakeAsync(db, saved, fourDaysAgo);
            var record = Domain.Treatments.TreatmentRecord.Open(saved, fourDaysAgo);
            var areas = await db.BodyAreas.ToDictionaryAsync(a => a.Id);
            var device = await db.Devices.SingleAsync(d => d.Id == clinic.SkinPen.Id);
            record.SaveDraft(new Domain.Treatments.ChartEntry(Domain.Treatments.FitzpatrickType.III, null, [], "Lidocaine", fourDaysAgo, fourDaysAgo.AddMinutes(30), true,
                device.Id, 12, "LOT-1", DateOnly.FromDateTime(DateTime.UtcNow.AddYears(1)), null,
                [new Domain.Treatments.AreaEntry(clinic.Cheeks.Id, 0.75m, 4, null, null, Domain.Treatments.ClinicalEndpoint.Both, null, null)]), areas, new Dictionary<Guid, Domain.Treatments.Product>(), fourDaysAgo);
            record.Sign(gate, MicroSpa.Domain.Treatments.BeforePhotos.For(0, false, record, []), areas, device, new Dictionary<Guid, Domain.Treatments.Product>(), TestClinic.Day, Guid.NewGuid(), "maya", fourDaysAgo);
            db.TreatmentRecords.Add(record);
            await db.SaveChangesAsync();
        }

        async Task ScheduleAsync()
        {
            await using var scope = App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReminderScheduler>().ScheduleAsync(CancellationToken.None);
        }

        await using (var db = Database.CreateContext())
        {
            (await db.Clients.SingleAsync()).SetReminderPreference(optOut: true);
            await db.SaveChangesAsync();
        }

        await ScheduleAsync();
        await using (var db = Database.CreateContext())
        {
            (await db.Outbox.CountAsync(m => m.Kind == "day3-checkin")).ShouldBe(0, "the client opted out");
            (await db.Clients.SingleAsync()).SetReminderPreference(optOut: false);
            await db.SaveChangesAsync();
        }

        await ScheduleAsync();
        await ScheduleAsync();
        await using var check = Database.CreateContext();
        var checkIn = await check.Outbox.SingleAsync(m => m.Kind == "day3-checkin");
        checkIn.TextBody.ShouldContain("How is your skin three days after your treatment?");
        checkIn.TextBody.ShouldContain("pus, fever or chills");
    }

    [Fact]
    public async Task A_client_turns_check_ins_off_and_on_from_my_appointments()
    {
        var (session, client) = await Booking.BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var page = await session.GetAsync("/my/appointments");

        var off = await session.SubmitAsync(page, new Dictionary<string, string>(), "/my/preferences");

        (await session.FollowAsync(off)).Document.GetElementById("reminder-preference")!.TextContent.ShouldContain("booking confirmations and visit reminders only");
        await using var db = Database.CreateContext();
        (await db.Clients.SingleAsync(c => c.Id == client.Id)).OptedOutOfReminders.ShouldBeTrue();
    }

    [Fact]
    public async Task Housekeeping_removes_booking_drafts_whose_time_has_passed_and_old_save_receipts_and_keeps_the_rest()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var kept = Domain.Scheduling.BookingDraft.Start(clinic.Client.Id, clinic.Facial, [clinic.Cheeks.Id], null, TestClinic.At(10), DateTimeOffset.UtcNow);
        var abandoned = Domain.Scheduling.BookingDraft.Start(clinic.Client.Id, clinic.Facial, [clinic.Cheeks.Id], null, TestClinic.At(11), DateTimeOffset.UtcNow);
        var oldReceipt = new Data.SaveReceipt(Guid.NewGuid(), DateTimeOffset.UtcNow.AddDays(-2));
        await using (var db = Database.CreateContext())
        {
            db.AttachRange(clinic.Facial);
            db.BookingDrafts.AddRange(kept, abandoned);
            db.SaveReceipts.Add(oldReceipt);
            await db.SaveChangesAsync();
            await db.BookingDrafts.Where(d => d.Id == abandoned.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.StartsAt, DateTimeOffset.UtcNow.AddDays(-2)));
        }

        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Housekeeping>().PurgeAsync(CancellationToken.None);
        }

        await using var check = Database.CreateContext();
        (await check.BookingDrafts.Select(d => d.Id).ToListAsync()).ShouldBe([kept.Id]);
        (await check.SaveReceipts.AnyAsync(r => r.Id == oldReceipt.Id)).ShouldBeFalse();
        (await check.SaveReceipts.AnyAsync()).ShouldBeTrue("the receipt of the save above is less than a day old");
    }
}
