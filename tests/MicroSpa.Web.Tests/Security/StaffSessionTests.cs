using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Security;

public sealed class StaffSessionTests(WebAppFixture fixture) : WebTest(fixture)
{
    /// <summary>The real clock, moved forward by the test.</summary>
    private sealed class MovableClock : TimeProvider
    {
        public TimeSpan Ahead { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
    }

    private (WebApplicationFactory<Program> App, MovableClock Clock) WithClock()
    {
        var clock = new MovableClock();
        return (App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock))), clock);
    }

    private static WebSession SessionOn(WebApplicationFactory<Program> app) => new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    private static async Task<bool> LetInAsync(WebSession session, string path) => (await session.GetAsync(path)).Status == HttpStatusCode.OK;

    [Fact]
    public async Task A_staff_session_ends_after_15_idle_minutes_but_not_while_in_use()
    {
        var (app, clock) = WithClock();
        await using var _ = app;
        var desk = await AccountFlows.SignedInStaffAsync(App, () => SessionOn(app), Roles.FrontDesk);

        foreach (var minutes in new[] { 10, 20, 30, 40 })
        {
            clock.Ahead = TimeSpan.FromMinutes(minutes);
            (await LetInAsync(desk, "/front-desk")).ShouldBeTrue($"in use, at +{minutes} min");
        }

        clock.Ahead = TimeSpan.FromMinutes(56);
        (await desk.GetAsync("/front-desk")).Location!.ShouldContain("/account/sign-in");
    }

    [Fact]
    public async Task A_page_being_typed_into_keeps_the_session_by_saying_it_is_still_here()
    {
        var (app, clock) = WithClock();
        await using var _ = app;
        var maya = await AccountFlows.SignedInStaffAsync(App, () => SessionOn(app), Roles.Esthetician);
        (await maya.GetAsync("/provider")).Document.Body!.GetAttribute("data-staff").ShouldBe("true");
        var quiet = await AccountFlows.SignedInStaffAsync(App, () => SessionOn(app), Roles.Esthetician);

        foreach (var minutes in new[] { 4, 8, 12, 16, 20, 24 })
        {
            clock.Ahead = TimeSpan.FromMinutes(minutes);
            (await maya.Client.GetAsync("/account/still-here")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        clock.Ahead = TimeSpan.FromMinutes(30);
        (await LetInAsync(maya, "/provider")).ShouldBeTrue("typing for half an hour is not idle");
        (await quiet.GetAsync("/provider")).Location!.ShouldContain("/account/sign-in", customMessage: "the same half hour without a word is idle");
    }

    [Fact]
    public async Task A_staff_session_ends_after_12_hours_even_in_constant_use_and_a_clients_does_not_end_when_idle()
    {
        var (app, clock) = WithClock();
        await using var _ = app;
        var nurse = await AccountFlows.SignedInStaffAsync(App, () => SessionOn(app), Roles.Nurse);
        var (client, _) = await BookingFlows.SignedInClientAsync(App, Database, () => SessionOn(app));

        for (var minutes = 10; minutes < 12 * 60; minutes += 10)
        {
            clock.Ahead = TimeSpan.FromMinutes(minutes);
            (await LetInAsync(nurse, "/provider")).ShouldBeTrue($"at +{minutes} min");
        }

        clock.Ahead = TimeSpan.FromHours(12) + TimeSpan.FromMinutes(5);
        (await nurse.GetAsync("/provider")).Location!.ShouldContain("/account/sign-in");
        (await LetInAsync(client, "/my/appointments")).ShouldBeTrue("a client's own phone keeps its session");
    }

    [Fact]
    public async Task A_role_change_signs_out_the_other_sessions_within_five_minutes()
    {
        var (app, clock) = WithClock();
        await using var _ = app;
        var desk = await AccountFlows.SignedInStaffAsync(App, () => SessionOn(app), Roles.FrontDesk, "moved.desk@clinic.test");
        (await LetInAsync(desk, "/front-desk")).ShouldBeTrue();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByEmailAsync("moved.desk@clinic.test"))!;
            await users.UpdateSecurityStampAsync(user);
        }

        clock.Ahead = TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(30);
        (await desk.GetAsync("/front-desk")).Location!.ShouldContain("/account/sign-in");
    }
}
