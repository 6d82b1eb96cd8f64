using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Booking;

/// <summary>Hand-edited links and forged forms get a 400 page, never a 500, and change nothing.</summary>
public sealed class GarbageInputTests(WebAppFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task Unreadable_times_and_ids_in_booking_links_and_forms_get_400()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (client, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var started = await BookingFlows.StartAsync(client, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));
        var draftId = BookingFlows.DraftIdFrom(started.Location!);
        var home = await client.GetAsync("/my/appointments");

        (await client.GetAsync($"/book/checkout?serviceId={clinic.Facial.Id}&areaIds={clinic.Cheeks.Id}&start=tomorrow-ish")).Status
            .ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync($"/book/checkout?serviceId=nope&start=2030-01-01T10:00:00Z")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostAsync(home, "/book/checkout", new Dictionary<string, string> { ["ServiceId"] = clinic.Facial.Id.ToString(), ["Start"] = "%%" }))
            .Status.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostAsync(home, $"/book/{draftId}/time", new Dictionary<string, string> { ["start"] = "soon" })).Status
            .ShouldBe(HttpStatusCode.BadRequest);
        client.Dispose();

        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var day = await desk.GetAsync("/front-desk");
        (await desk.PostAsync(day, "/front-desk/book", new Dictionary<string, string> { ["ClientId"] = clinic.Client.Id.ToString(), ["Start"] = "x" }))
            .Status.ShouldBe(HttpStatusCode.BadRequest);
        var booked = await clinic.BookAsync(Database, TestClinic.At(15));
        (await desk.PostAsync(day, $"/front-desk/appointments/{booked.Id}/reschedule", new Dictionary<string, string> { ["Start"] = "x", ["Version"] = "-1" }))
            .Status.ShouldBe(HttpStatusCode.BadRequest);

        await using var db = Database.CreateContext();
        (await db.Appointments.CountAsync()).ShouldBe(1);
        (await db.Appointments.SingleAsync()).StartsAt.ShouldBe(TestClinic.At(15));
    }
}
