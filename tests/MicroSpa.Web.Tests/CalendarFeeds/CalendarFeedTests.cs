using System.Net;
using Ical.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.CalendarFeeds;

public sealed class CalendarFeedTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static DateOnly Today => TestClinic.Zone.Today(DateTimeOffset.UtcNow);

    /// <summary>A provider of the test clinic signed in with their own account.</summary>
    private async Task<WebSession> SignedInAsAsync(Provider provider)
    {
        var email = $"provider.{Guid.NewGuid():N}@clinic.test";
        var session = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Esthetician, email);
        await using var scope = App.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
        await using var db = Database.CreateContext();
        (await db.Providers.SingleAsync(p => p.Id == provider.Id)).LinkAccount(user!.Id);
        await db.SaveChangesAsync();
        return session;
    }

    /// <summary>Books as the desk did at the time (a day before the start), so a visit can lie in the past.</summary>
    private async Task<Appointment> BookAsync(TestClinic clinic, Client client, Provider provider, DateTimeOffset start, bool cancelled = false)
    {
        await using var db = Database.CreateContext();
        db.AttachRange(client, clinic.Facial, clinic.Cheeks, provider, clinic.RoomOne, clinic.SkinPen);
        var booked = start.AddDays(-1);
        var appointment = Appointment.Book(client, clinic.Facial, provider, clinic.RoomOne, clinic.SkinPen, [clinic.Cheeks], start,
            BookingSource.FrontDesk, booked, TestClinic.By);
        if (cancelled)
        {
            appointment.Cancel(CancellationReason.Clinic, null, TimeSpan.FromHours(24), booked.AddMinutes(5), TestClinic.By);
        }

        db.Appointments.Add(appointment);
        await db.SaveChangesAsync();
        return appointment;
    }

    private async Task<Client> ClientAsync(string first, string last)
    {
        var client = new Client(first, last, $"{first}.{last}.{Guid.NewGuid():N}@example.com".ToLowerInvariant(), null, DateTimeOffset.UtcNow);
        await using var db = Database.CreateContext();
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        return client;
    }

    /// <summary>Makes the provider's address on their page and gives back its path, as the page shows it.</summary>
    private static async Task<string> MakeAddressAsync(WebSession provider)
    {
        var page = await provider.GetAsync("/provider/calendar-feed");
        page.Status.ShouldBe(HttpStatusCode.OK);
        var made = await provider.SubmitAsync(page, new Dictionary<string, string>(), "/provider/calendar-feed/renew");
        made.Location.ShouldBe("/provider/calendar-feed");
        return AddressOn(await provider.FollowAsync(made));
    }

    private static string AddressOn(Page page) =>
        new Uri(page.Document.GetElementById("feed-address")!.GetAttribute("value")!).PathAndQuery;

    private async Task<Calendar> FeedAsync(string path)
    {
        using var anonymous = NewSession();
        using var response = await anonymous.Client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        response.Headers.CacheControl!.Private.ShouldBeTrue("a shared cache must never keep a provider's schedule");
        response.Headers.CacheControl.NoStore.ShouldBeFalse();
        return Calendar.Load(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task The_feed_holds_the_providers_appointments_from_30_days_back_to_90_ahead_without_cancelled_ones_or_another_providers()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var ada = await ClientAsync("Ada", "Lovelace");
        var past = await BookAsync(clinic, ada, clinic.Esthetician, TestClinic.At(10, day: Today.AddDays(-20)));
        var soon = await BookAsync(clinic, clinic.Client, clinic.Esthetician, TestClinic.At(11, day: Today.AddDays(3)));
        await BookAsync(clinic, ada, clinic.Esthetician, TestClinic.At(14, day: Today.AddDays(3)), cancelled: true);
        await BookAsync(clinic, ada, clinic.Esthetician, TestClinic.At(10, day: Today.AddDays(-40)));
        await BookAsync(clinic, ada, clinic.Esthetician, TestClinic.At(10, day: Today.AddDays(100)));
        var sofias = await BookAsync(clinic, ada, clinic.OtherEsthetician, TestClinic.At(15, day: Today.AddDays(4)));
        using var maya = await SignedInAsAsync(clinic.Esthetician);
        using var sofia = await SignedInAsAsync(clinic.OtherEsthetician);

        var calendar = await FeedAsync(await MakeAddressAsync(maya));

        calendar.Method.ShouldBe("PUBLISH");
        calendar.Events.Select(e => e.Uid).ShouldBe([$"{past.Id}@microspa", $"{soon.Id}@microspa"]);
        var first = calendar.Events.First();
        first.DtStart!.AsUtc.ShouldBe(past.StartsAt.UtcDateTime);
        first.DtEnd!.AsUtc.ShouldBe(past.EndsAt.UtcDateTime);
        first.Summary.ShouldBe("Microneedling — face · A. L.");
        first.Location.ShouldBe("Room 1");
        first.Description.ShouldBe("Cheeks");
        calendar.Events.Last().Summary.ShouldBe("Microneedling — face · T. C.");

        var sofiasFeed = await FeedAsync(await MakeAddressAsync(sofia));
        sofiasFeed.Events.Select(e => e.Uid).ShouldBe([$"{sofias.Id}@microspa"]);
    }

    [Fact]
    public async Task Renewing_the_address_makes_the_old_one_answer_404_and_the_new_one_the_feed()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await BookAsync(clinic, clinic.Client, clinic.Esthetician, TestClinic.At(11, day: Today.AddDays(2)));
        using var maya = await SignedInAsAsync(clinic.Esthetician);
        var old = await MakeAddressAsync(maya);
        (await FeedAsync(old)).Events.Count.ShouldBe(1);

        var page = await maya.GetAsync("/provider/calendar-feed");
        var renewed = await maya.SubmitAsync(page, new Dictionary<string, string>(), "/provider/calendar-feed/renew");
        var after = await maya.FollowAsync(renewed);
        after.Text.ShouldContain("the old address no longer works");
        var current = AddressOn(after);

        current.ShouldNotBe(old);
        using var anonymous = NewSession();
        (await anonymous.Client.GetAsync(old)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await FeedAsync(current)).Events.Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_feed_names_clients_only_when_the_clinic_allows_it()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var ada = await ClientAsync("Ada", "Lovelace");
        await BookAsync(clinic, ada, clinic.Esthetician, TestClinic.At(11, day: Today.AddDays(2)));
        using var maya = await SignedInAsAsync(clinic.Esthetician);
        var address = await MakeAddressAsync(maya);
        (await FeedAsync(address)).Events.Single().Summary.ShouldBe("Microneedling — face · A. L.");
        (await maya.GetAsync("/provider/calendar-feed")).Text.ShouldContain("Clients are shown by their initials only");

        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var saved = await admin.SubmitAsync("/admin/setup", new Dictionary<string, string> { ["showNames"] = "true" }, "/admin/setup/calendar-feeds");
        saved.Location.ShouldBe("/admin/setup");
        (await admin.FollowAsync(saved)).Document.GetElementById("showNames")!.HasAttribute("checked").ShouldBeTrue();

        (await FeedAsync(address)).Events.Single().Summary.ShouldBe("Microneedling — face · Ada Lovelace");
        (await maya.GetAsync("/provider/calendar-feed")).Text.ShouldContain("each appointment shows the client's full name");

        // Unticked: what a browser sends for the box is nothing; "false" reads the same.
        var off = await admin.SubmitAsync("/admin/setup", new Dictionary<string, string> { ["showNames"] = "false" }, "/admin/setup/calendar-feeds");
        off.Location.ShouldBe("/admin/setup");
        (await FeedAsync(address)).Events.Single().Summary.ShouldBe("Microneedling — face · A. L.");
    }

    [Theory]
    [InlineData("/calendar-feeds/nothing.ics")]
    [InlineData("/calendar-feeds/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics")]
    [InlineData("/calendar-feeds/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%E2%80%AE.ics")]
    [InlineData("/calendar-feeds")]
    [InlineData("/calendar-feeds/")]
    [InlineData("/calendar-feeds/a/b/c.ics")]
    [InlineData("/calendar-feeds/%27%20OR%201%3D1--.ics")]
    [InlineData("/calendar-feeds/..%2F..%2Fetc%2Fpasswd.ics")]
    [InlineData("/calendar-feeds/.ics")]
    [InlineData("/calendar-feeds/x.ics.ics")]
    public async Task A_token_that_is_no_feeds_answers_404(string path)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var maya = await SignedInAsAsync(clinic.Esthetician);
        await MakeAddressAsync(maya);
        using var anonymous = NewSession();

        using var response = await anonymous.Client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_address_without_its_ics_ending_or_with_another_case_answers_404()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var maya = await SignedInAsAsync(clinic.Esthetician);
        var address = await MakeAddressAsync(maya);
        using var anonymous = NewSession();
        var token = address["/calendar-feeds/".Length..^".ics".Length];

        (await anonymous.Client.GetAsync($"/calendar-feeds/{token}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.Client.GetAsync($"/calendar-feeds/{token.ToUpperInvariant()}.ics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.Client.GetAsync(address)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_token_is_256_random_bits_and_no_client_name_reaches_the_log()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var ada = await ClientAsync("Augusta", "Byronesque");
        await BookAsync(clinic, ada, clinic.Esthetician, TestClinic.At(11, day: Today.AddDays(2)));
        using var maya = await SignedInAsAsync(clinic.Esthetician);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        (await admin.SubmitAsync("/admin/setup", new Dictionary<string, string> { ["showNames"] = "true" }, "/admin/setup/calendar-feeds"))
            .Location.ShouldBe("/admin/setup");

        var address = await MakeAddressAsync(maya);
        (await FeedAsync(address)).Events.Single().Summary!.ShouldContain("Augusta Byronesque");

        var token = address["/calendar-feeds/".Length..^".ics".Length];
        System.Buffers.Text.Base64Url.DecodeFromChars(token).Length.ShouldBe(32);
        App.Log.Lines.ShouldNotContain(line => line.Contains("Byronesque", StringComparison.OrdinalIgnoreCase));
        App.Log.Lines.ShouldNotContain(line => line.Contains(token, StringComparison.Ordinal), "the secret is never logged");
    }

    [Fact]
    public async Task A_clinician_without_a_provider_schedule_is_told_so_and_gets_no_address()
    {
        await TestClinic.CreateAsync(Database);
        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);

        var page = await director.GetAsync("/provider/calendar-feed");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Text.ShouldContain("Your account has no provider schedule");
        page.Document.GetElementById("feed-address").ShouldBeNull();
        var refused = await director.PostAsync(await director.GetAsync("/provider"), "/provider/calendar-feed/renew");
        refused.Location.ShouldBe("/provider/calendar-feed");
        (await director.FollowAsync(refused)).Text.ShouldContain("Your account has no provider schedule, so it has no calendar");
        await using var db = Database.CreateContext();
        (await db.CalendarFeeds.CountAsync()).ShouldBe(0);
    }
}
