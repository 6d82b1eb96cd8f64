using System.Net;
using System.Text.RegularExpressions;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Reminders;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Arrival;

/// <summary>The "I'm here" link of the day-of reminder (decision 042), on the app's clock.</summary>
public sealed partial class ArrivalLinkTests(WebAppFixture fixture) : WebTest(fixture)
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [GeneratedRegex(@"http://localhost/here/[A-Za-z0-9_-]+")]
    private static partial Regex Link();

    private (WebApplicationFactory<Program> App, Clock Clock) AppAt(DateTimeOffset now)
    {
        var clock = new Clock(now);
        return (App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock))), clock);
    }

    [Fact]
    public async Task The_day_of_reminder_links_a_check_in_that_opens_with_the_window_then_asks_screening_and_consent_until_the_gate_opens()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var start = TestClinic.At(14);
        var appointment = await clinic.BookAsync(Database, start);
        var (app, clock) = AppAt(start.AddHours(-2));
        await using var _ = app;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderScheduler>().ScheduleAsync(CancellationToken.None);
        }

        string url;
        await using (var db = Database.CreateContext())
        {
            var mail = await db.Outbox.SingleAsync(m => m.Kind == "dayof-reminder");
            mail.To.ShouldBe(clinic.Client.Email);
            url = Link().Match(mail.TextBody).Value;
            url.ShouldNotBeEmpty();
            url.ShouldNotContain("Test", Case.Insensitive);
            mail.HtmlBody!.ShouldContain("I&#39;m here");
        }

        var session = new WebSession(app.CreateClient(new() { AllowAutoRedirect = false }));
        var path = new Uri(url).AbsolutePath;
        var early = await session.GetAsync(path);
        early.Status.ShouldBe(HttpStatusCode.OK);
        early.Document.GetElementById("arrival-state")!.TextContent.ShouldContain("Check-in opens at");
        early.Text.ShouldContain("Maya");
        early.Text.ShouldNotContain("Lopez");
        early.Text.ShouldNotContain("Test Client");
        // Posted anyway (a page left open): refused with the window's message. The antiforgery token is the session's, from any form.
        var refused = await session.PostAsync(await session.GetAsync("/account/sign-in"), path);
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Text.ShouldContain("Check-in opens at");

        clock.Now = start.AddMinutes(-20);
        var open = await session.GetAsync(path);
        await using (var before = Database.CreateContext())
        {
            (await before.Appointments.SingleAsync()).Status.ShouldBe(Domain.Scheduling.AppointmentStatus.Booked, "opening the page changes nothing");
        }

        var checkedIn = await session.PostAsync(open, path);
        checkedIn.Location.ShouldBe(path);
        (await session.PostAsync(open, path)).Location.ShouldBe(path, "a second tap is harmless");
        var screening = await session.FollowAsync(checkedIn);
        screening.Document.GetElementById("arrival-checked-in").ShouldNotBeNull();
        var consent = await session.FollowAsync(await session.SubmitAsync(screening, BookingFlows.Answers(), $"{path}/screening"));
        consent.Document.QuerySelector(".consent-text").ShouldNotBeNull();
        var wrong = await session.SubmitAsync(consent, new Dictionary<string, string> { ["Consent.TypedName"] = "Someone Else" }, $"{path}/consent");
        wrong.Text.ShouldContain(SignConsentByLinkMessage);
        wrong.Text.ShouldNotContain("Test Client");
        var done = await session.FollowAsync(await session.SubmitAsync(consent, new Dictionary<string, string> { ["Consent.TypedName"] = "Test Client" }, $"{path}/consent"));
        done.Document.GetElementById("arrival-done")!.TextContent.ShouldContain("Take a seat");

        await using var check = Database.CreateContext();
        var saved = await check.Appointments.Include(a => a.Service).SingleAsync();
        saved.Status.ShouldBe(Domain.Scheduling.AppointmentStatus.CheckedIn);
        await using var scope2 = app.Services.CreateAsyncScope();
        (await scope2.ServiceProvider.GetRequiredService<TreatmentGates>().ForAsync(saved, CancellationToken.None)).IsOpen.ShouldBeTrue();
        (await check.AppointmentEvents.Where(e => e.AppointmentId == appointment.Id).Select(e => e.ByName).ToListAsync())
            .ShouldContain(ArrivalLinks.Client.Name);
        App.Log.Lines.ShouldNotContain(l => l.Contains("Test Client", StringComparison.Ordinal));
    }

    private const string SignConsentByLinkMessage = "That is not the name on your booking.";

    [Fact]
    public async Task A_moved_visits_old_link_and_an_altered_or_expired_one_are_a_404_page()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var start = TestClinic.At(14);
        var appointment = await clinic.BookAsync(Database, start);
        var (app, clock) = AppAt(start.AddMinutes(-10));
        await using var _ = app;
        string token;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            token = scope.ServiceProvider.GetRequiredService<ArrivalLinks>().TokenFor(appointment.Id, start);
        }

        var session = new WebSession(app.CreateClient(new() { AllowAutoRedirect = false }));
        (await session.GetAsync($"/here/{token}")).Status.ShouldBe(HttpStatusCode.OK);
        (await session.GetAsync($"/here/{token[..^2]}xx")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await session.GetAsync("/here/not-a-token")).Document.GetElementById("arrival-not-valid").ShouldNotBeNull();

        await using (var db = Database.CreateContext())
        {
            await db.Appointments.ExecuteUpdateAsync(s => s.SetProperty(a => a.StartsAt, start.AddHours(1)).SetProperty(a => a.EndsAt, start.AddHours(2))
                .SetProperty(a => a.BlockedUntil, start.AddHours(2.25)));
        }

        var moved = await session.GetAsync($"/here/{token}");
        moved.Status.ShouldBe(HttpStatusCode.NotFound);
        await using (var db = Database.CreateContext())
        {
            await db.Appointments.ExecuteUpdateAsync(s => s.SetProperty(a => a.StartsAt, start).SetProperty(a => a.EndsAt, start.AddHours(1))
                .SetProperty(a => a.BlockedUntil, start.AddHours(1.25)));
        }

        clock.Now = TestClinic.Zone.DayBounds(TestClinic.Day).End;
        (await session.GetAsync($"/here/{token}")).Status.ShouldBe(HttpStatusCode.NotFound, "the link ends with the visit's day");
    }
}
