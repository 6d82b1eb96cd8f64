using System.Net;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Booking;

/// <summary>The confirm page tells the truth about changing the booking and names the provider; the reschedule page marks its times (issue 22).</summary>
public sealed class ConfirmPageTests(WebAppFixture fixture) : WebTest(fixture)
{
    private async Task CutoffAsync(int hours)
    {
        await using var db = Database.CreateContext();
        await db.Database.ExecuteSqlAsync($"UPDATE booking_policies SET cancellation_cutoff_hours = {hours}");
    }

    [Fact]
    public async Task A_time_already_inside_the_cutoff_says_before_confirming_that_only_a_call_will_change_it()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        // Five days' cutoff: the visit three days ahead is inside it from the start.
        await CutoffAsync(120);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var draftId = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));

        var confirm = await session.GetAsync($"/book/{draftId}/confirm");

        var terms = confirm.Document.QuerySelector("#cancellation-terms")!.TextContent;
        terms.ShouldContain("This time is less than 120 hours away: once you book it, it cannot be cancelled or moved online, only by calling (555) 010-2030.");
        terms.ShouldNotContain("Free to cancel");
    }

    [Fact]
    public async Task A_time_outside_the_cutoff_keeps_the_free_cancellation_sentence()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var draftId = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));

        var confirm = await session.GetAsync($"/book/{draftId}/confirm");

        var terms = confirm.Document.QuerySelector("#cancellation-terms")!.TextContent;
        terms.ShouldContain("Free to cancel or reschedule online until 24 hours before.");
        terms.ShouldNotContain("cannot be cancelled");
    }

    [Fact]
    public async Task Any_provider_is_named_as_the_one_the_time_was_found_for_and_booked_with_them()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await clinic.BookAsync(Database, TestClinic.At(10), provider: clinic.Esthetician, room: clinic.RoomOne, device: clinic.SkinPen);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var draftId = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));

        var confirm = await session.GetAsync($"/book/{draftId}/confirm");
        var provider = confirm.Document.QuerySelector("#confirm-provider")!.TextContent;
        (await session.SubmitAsync(confirm, new Dictionary<string, string>(), $"/book/{draftId}/confirm")).Status.ShouldBe(HttpStatusCode.Redirect);

        provider.ShouldContain("Sofia Chen");
        provider.ShouldContain("free at this time");
        confirm.Text.ShouldNotContain("Any available provider");
        await using var db = Database.CreateContext();
        (await db.Appointments.SingleAsync(a => a.ClientId == client.Id)).ProviderId.ShouldBe(clinic.OtherEsthetician.Id);
    }

    [Fact]
    public async Task The_reschedule_page_marks_the_appointments_own_time_and_the_times_that_would_lock_it()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var draftId = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10), clinic.Esthetician.Id);
        (await BookingFlows.ConfirmAsync(session, draftId)).Status.ShouldBe(HttpStatusCode.Redirect);
        // Two days' cutoff: the visit (three days ahead) can still move; times in the next 48 hours would lock it.
        await CutoffAsync(48);
        await using var db = Database.CreateContext();
        var id = await db.Appointments.Where(a => a.ClientId == client.Id).Select(a => a.Id).SingleAsync();

        var page = await session.GetAsync($"/my/appointments/{id}/reschedule");

        page.Status.ShouldBe(HttpStatusCode.OK);
        var own = TimeGrid.Format(TestClinic.At(10));
        page.Document.QuerySelector($"button.time-slot[value='{own}']").ShouldBeNull();
        var current = page.Document.QuerySelectorAll(".time-slot-current").ShouldHaveSingleItem();
        current.TextContent.ShouldContain(TestClinic.Zone.ToLocal(TestClinic.At(10)).ToString("t", System.Globalization.CultureInfo.GetCultureInfo("en-US")));
        current.TextContent.ShouldContain("your time now");
        var buttons = page.Document.QuerySelectorAll("button.time-slot").ToList();
        var cutoff = DateTimeOffset.UtcNow.AddHours(48);
        var locking = buttons.Where(b => DateTimeOffset.Parse(b.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture) < cutoff.AddMinutes(-1)).ToList();
        var free = buttons.Where(b => DateTimeOffset.Parse(b.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture) > cutoff.AddMinutes(1)).ToList();
        locking.ShouldNotBeEmpty();
        free.ShouldNotBeEmpty();
        locking.ShouldAllBe(b => b.TextContent.Contains("can’t be changed online"));
        free.ShouldAllBe(b => !b.TextContent.Contains("can’t be changed online"));
        page.Document.QuerySelector("#time-marks")!.TextContent.ShouldContain("less than 48 hours away");
    }
}
