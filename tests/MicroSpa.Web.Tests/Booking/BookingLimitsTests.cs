using System.Net;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Booking;

/// <summary>What one address or one client can make the app do: open times are rate limited, drafts are bounded.</summary>
public sealed class BookingLimitsTests(WebAppFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task The_open_times_page_answers_429_to_one_address_asking_too_often()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await using var limited = App.WithWebHostBuilder(b => b.UseSetting("RateLimits:PublicApiPerMinute", "3"));
        using var anonymous = limited.CreateClient(new() { AllowAutoRedirect = false });
        var url = $"/book/{clinic.Facial.Id}/times?areaIds={clinic.Cheeks.Id}&date={TestClinic.Day:yyyy-MM-dd}";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await anonymous.GetAsync(url)).StatusCode);
        }

        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses.Last().ShouldBe(HttpStatusCode.TooManyRequests);
        // The same bucket as the API: the address has used its minute.
        (await anonymous.GetAsync("/api/v1/services")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_client_with_ten_unconfirmed_bookings_started_today_is_told_so_and_no_draft_is_added()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        await using (var db = Database.CreateContext())
        {
            var service = await db.Services.Include(s => s.BodyAreas).SingleAsync(s => s.Id == clinic.Facial.Id);
            for (var i = 0; i < StartBooking.Handler.MaxOpenDrafts; i++)
            {
                db.BookingDrafts.Add(BookingDraft.Start(client.Id, service, [clinic.Cheeks.Id], null, TestClinic.At(9).AddMinutes(15 * i), DateTimeOffset.UtcNow));
            }

            await db.SaveChangesAsync();
        }

        var refused = await BookingFlows.StartAsync(session, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(14));

        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Text.ShouldContain(StartBooking.Handler.TooManyDraftsMessage);
        await using (var db = Database.CreateContext())
        {
            (await db.BookingDrafts.CountAsync()).ShouldBe(StartBooking.Handler.MaxOpenDrafts);
        }

        // Another client is not held back by this one's drafts.
        var (other, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, "Eve", "Other");
        (await BookingFlows.StartAsync(other, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(14))).Location!.ShouldEndWith("/screening");
    }
}
