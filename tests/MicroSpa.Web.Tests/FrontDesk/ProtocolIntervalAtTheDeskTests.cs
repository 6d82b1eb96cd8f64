using MicroSpa.Data.Identity;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.FrontDesk;

/// <summary>The front desk keeps the protocol interval like online booking, and may book inside it when a provider approved.</summary>
public sealed class ProtocolIntervalAtTheDeskTests(WebAppFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task A_session_too_soon_on_the_same_area_is_refused_until_the_desk_records_a_provider_approval()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await clinic.BookAsync(Database, TestClinic.At(10));
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var weekLater = TestClinic.At(10, day: TestClinic.Day.AddDays(7));
        var book = $"/front-desk/book?clientId={clinic.Client.Id}&serviceId={clinic.Facial.Id}&areaIds={clinic.Cheeks.Id}&date={TestClinic.Day.AddDays(7):yyyy-MM-dd}";
        Dictionary<string, string> Fields(bool approved) => new()
        {
            ["ClientId"] = clinic.Client.Id.ToString(), ["ServiceId"] = clinic.Facial.Id.ToString(), ["AreaIds"] = clinic.Cheeks.Id.ToString(),
            ["Start"] = TimeGrid.Format(weekLater), ["OverrideInterval"] = approved ? "true" : "false",
        };

        var refused = await desk.PostAsync(await desk.GetAsync(book), "/front-desk/book", Fields(approved: false));

        var page = await desk.FollowAsync(refused);
        page.Text.ShouldContain("Too soon: Cheeks needs 28 days between sessions");
        var approve = page.Document.QuerySelectorAll("a.alert-link").Single(a => a.TextContent.Contains("provider approved", StringComparison.Ordinal));
        var approving = await desk.GetAsync(approve.GetAttribute("href")!);
        approving.Document.GetElementById("override-interval").ShouldNotBeNull();
        approving.Document.QuerySelector("form[action='/front-desk/book'] input[name=OverrideInterval][value=true]").ShouldNotBeNull();

        var booked = await desk.PostAsync(approving, "/front-desk/book", Fields(approved: true));

        booked.Location!.ShouldStartWith("/front-desk/appointments/");
        (await desk.FollowAsync(booked)).Document.QuerySelector(".history")!.TextContent.ShouldContain("inside the protocol interval (provider approved)");
        await using var db = Database.CreateContext();
        (await db.Appointments.CountAsync(a => a.ClientId == clinic.Client.Id && a.Status == AppointmentStatus.Booked)).ShouldBe(2);
    }
}
