using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Waitlist;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Waitlist;

public sealed class WaitlistTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static string JoinUrl(TestClinic clinic) => $"/waitlist/join/{clinic.Facial.Id}?areaIds={clinic.Cheeks.Id}";

    private static Dictionary<string, string> Window(DayOfWeek day, string earliest = "09:00", string latest = "12:00") => new()
    {
        ["Form.Days"] = day.ToString(), ["Form.EarliestStart"] = earliest, ["Form.LatestStart"] = latest,
    };

    private async Task<(WebSession Session, Client Client)> WaitingClientAsync(TestClinic clinic, string first, DayOfWeek day)
    {
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, first, "Waits");
        var joined = await session.SubmitAsync(JoinUrl(clinic), Window(day));
        joined.Status.ShouldBe(HttpStatusCode.Redirect, joined.Summary);
        return (session, client);
    }

    /// <summary>The front desk cancels the booked appointment at 10:00 on the test day and opens its card.</summary>
    private async Task<(WebSession Desk, Page Card, Appointment Freed)> CancelledTimeAsync(TestClinic clinic)
    {
        var freed = await clinic.BookAsync(Database, TestClinic.At(10));
        var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var url = $"/front-desk/appointments/{freed.Id}";
        var card = await desk.GetAsync(url);
        var cancelled = await desk.SubmitAsync(card, new Dictionary<string, string> { ["Action"] = "cancel", ["Reason"] = "Clinic" }, $"{url}/status");
        cancelled.Location.ShouldBe(url);
        return (desk, await desk.GetAsync(url), freed);
    }

    /// <summary>Clicks "Offer this time" on the card for one client's entry (the button must be there).</summary>
    private async Task<Page> OfferAsync(WebSession desk, Page card, Guid freedId, Guid clientId)
    {
        var entryId = await EntryIdAsync(clientId);
        card.Document.QuerySelector($".waitlist-matches input[name=EntryId][value='{entryId}']").ShouldNotBeNull("the card offers the time to this client");
        return await desk.PostAsync(card, "/front-desk/waitlist/offers",
            new Dictionary<string, string> { ["FreedAppointmentId"] = freedId.ToString(), ["EntryId"] = entryId });
    }

    [Fact]
    public async Task A_client_joins_the_waitlist_online_sees_it_under_my_appointments_and_can_leave()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var times = await session.GetAsync($"/book/{clinic.Facial.Id}/times?areaIds={clinic.Cheeks.Id}");
        times.Document.QuerySelector("a[href^='/waitlist/join/']").ShouldNotBeNull();

        var joined = await session.SubmitAsync(JoinUrl(clinic), Window(DayOfWeek.Tuesday, "14:00", "18:30"));

        joined.Location.ShouldBe("/my/appointments");
        var mine = await session.FollowAsync(joined);
        var entry = mine.Document.QuerySelector(".waitlist li")!.TextContent;
        entry.ShouldContain("Microneedling — face · Cheeks");
        entry.ShouldContain("Tue · starting 14:00–18:30");

        var left = await session.SubmitAsync(mine, new Dictionary<string, string>(), mine.Document.QuerySelector(".waitlist form")!.GetAttribute("action"));
        left.Location.ShouldBe("/my/appointments");
        (await session.GetAsync("/my/appointments")).Document.QuerySelector(".waitlist").ShouldBeNull();
        await using var db = Database.CreateContext();
        (await db.WaitlistEntries.SingleAsync()).Status.ShouldBe(WaitlistStatus.Withdrawn);
    }

    [Fact]
    public async Task Joining_refuses_no_day_and_a_window_that_ends_before_it_starts_on_the_right_fields()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);

        var noDay = await session.SubmitAsync(JoinUrl(clinic), new Dictionary<string, string> { ["Form.EarliestStart"] = "09:00", ["Form.LatestStart"] = "12:00" });
        noDay.Status.ShouldBe(HttpStatusCode.OK);
        noDay.FieldMessage("Form_Days").ShouldBe("Choose at least one day that suits you.");

        var backwards = await session.SubmitAsync(JoinUrl(clinic), Window(DayOfWeek.Monday, "15:00", "11:00"));
        backwards.FieldMessage("Form_LatestStart").ShouldBe("The latest start time must not be before the earliest.");

        var noArea = await session.SubmitAsync($"/waitlist/join/{clinic.Facial.Id}", Window(DayOfWeek.Monday));
        noArea.FieldMessage("Form_AreaIds").ShouldBe("Choose at least one body area.");

        var pastUntil = await session.SubmitAsync(JoinUrl(clinic), new Dictionary<string, string>(Window(DayOfWeek.Monday)) { ["Form.Until"] = "2020-01-01" });
        pastUntil.FieldMessage("Form_Until").ShouldBe("The last day cannot be in the past.");

        await using var db = Database.CreateContext();
        (await db.WaitlistEntries.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_cancelled_time_lists_the_clients_it_suits_and_offers_it_once_by_email()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (_, suited) = await WaitingClientAsync(clinic, "Ana", TestClinic.Day.DayOfWeek);
        var (_, otherDay) = await WaitingClientAsync(clinic, "Ben", TestClinic.Day.AddDays(1).DayOfWeek);
        var (afternoon, late) = await WaitingClientAsync(clinic, "Cleo", TestClinic.Day.DayOfWeek);
        await using (var db = Database.CreateContext())
        {
            // Cleo only wants afternoons: 10:00 does not suit her.
            await db.WaitlistEntries.Where(e => e.ClientId == late.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.EarliestStart, new TimeOnly(13, 0)).SetProperty(e => e.LatestStart, new TimeOnly(17, 0)));
        }

        afternoon.Dispose();
        var (desk, card, freed) = await CancelledTimeAsync(clinic);
        using var _ = desk;

        var matches = card.Document.QuerySelectorAll(".waitlist-matches li").Select(l => l.TextContent).ToList();
        matches.Count.ShouldBe(1);
        matches[0].ShouldContain("Ana Waits");
        card.Text.ShouldNotContain(otherDay.FirstName + " Waits");

        var offered = await OfferAsync(desk, card, freed.Id, suited.Id);
        offered.Location.ShouldBe($"/front-desk/appointments/{freed.Id}");
        var after = await desk.FollowAsync(offered);
        after.Document.QuerySelector(".waitlist-matches li")!.TextContent.ShouldContain("Offered");
        var link = await AccountFlows.LinkFromEmailAsync(App, suited.Email!, "a time opened up");
        link.ShouldStartWith("/waitlist/offers/");

        // A second click (another tab, a double submit) does not offer or email twice.
        await desk.PostAsync(after, "/front-desk/waitlist/offers",
            new Dictionary<string, string> { ["FreedAppointmentId"] = freed.Id.ToString(), ["EntryId"] = await EntryIdAsync(suited.Id) });
        (await App.EmailsToAsync(suited.Email!)).Count(m => m.Subject.Contains("a time opened up", StringComparison.Ordinal)).ShouldBe(1);
        await using var check = Database.CreateContext();
        (await check.WaitlistOffers.CountAsync()).ShouldBe(1);

        // The email went out through the outbox, which keeps no copy of the link once it is sent.
        var sent = await check.Outbox.SingleAsync(m => m.Kind == "waitlist-offer");
        sent.Status.ShouldBe(Domain.Messaging.OutboxStatus.Sent);
        sent.TextBody.ShouldNotContain("/waitlist/offers/");
        sent.HtmlBody.ShouldNotContain("/waitlist/offers/");
    }

    [Fact]
    public async Task The_first_client_to_confirm_gets_the_time_and_the_other_sees_it_is_gone()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (_, first) = await WaitingClientAsync(clinic, "Ana", TestClinic.Day.DayOfWeek);
        var (_, second) = await WaitingClientAsync(clinic, "Ben", TestClinic.Day.DayOfWeek);
        var (desk, card, freed) = await CancelledTimeAsync(clinic);
        using var _ = desk;
        card = await desk.FollowAsync(await OfferAsync(desk, card, freed.Id, first.Id));
        await OfferAsync(desk, card, freed.Id, second.Id);
        var firstLink = await AccountFlows.LinkFromEmailAsync(App, first.Email!, "a time opened up");
        var secondLink = await AccountFlows.LinkFromEmailAsync(App, second.Email!, "a time opened up");

        using var firstPhone = NewSession();
        var offer = await firstPhone.GetAsync(firstLink);
        offer.Status.ShouldBe(HttpStatusCode.OK);
        offer.Text.ShouldContain("Book this time");
        var booked = await firstPhone.FollowAsync(await firstPhone.SubmitAsync(offer, new Dictionary<string, string>(), firstLink));
        booked.Document.GetElementById("offer-state")!.TextContent.ShouldContain("You are booked");
        (await App.EmailsToAsync(first.Email!)).ShouldContain(m => m.Subject.Contains("Your appointment is booked", StringComparison.Ordinal));

        using var secondPhone = NewSession();
        var gone = await secondPhone.GetAsync(secondLink);
        gone.Document.GetElementById("offer-state")!.TextContent.ShouldContain("This time is gone");
        gone.Document.QuerySelector($"form[action='{secondLink}']").ShouldBeNull();
        // A crafted post (an old tab that still shows the button) is refused with the same message.
        var late = await secondPhone.PostAsync(await secondPhone.GetAsync("/account/sign-in"), secondLink);
        late.Status.ShouldBe(HttpStatusCode.Conflict);
        late.Summary.ShouldContain(AcceptWaitlistOffer.GoneMessage);

        await using var db = Database.CreateContext();
        var atThatTime = await db.Appointments.Where(a => a.StartsAt == freed.StartsAt && a.Status == AppointmentStatus.Booked).ToListAsync();
        atThatTime.Count.ShouldBe(1);
        atThatTime[0].ClientId.ShouldBe(first.Id);
        atThatTime[0].Source.ShouldBe(BookingSource.Waitlist);
        (await db.WaitlistEntries.SingleAsync(e => e.ClientId == first.Id)).Status.ShouldBe(WaitlistStatus.Booked);
        (await db.WaitlistEntries.SingleAsync(e => e.ClientId == second.Id)).Status.ShouldBe(WaitlistStatus.Waiting);
        var deskCard = await desk.GetAsync($"/front-desk/appointments/{freed.Id}");
        deskCard.Text.ShouldContain("Booked this time");
    }

    [Fact]
    public async Task Two_clients_confirming_the_same_time_at_once_book_it_once()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var waiting = new List<Client>();
        foreach (var name in new[] { "Ana", "Ben", "Cleo", "Dora" })
        {
            waiting.Add((await WaitingClientAsync(clinic, name, TestClinic.Day.DayOfWeek)).Client);
        }

        var (desk, card, freed) = await CancelledTimeAsync(clinic);
        using var _ = desk;
        foreach (var client in waiting)
        {
            card = await desk.FollowAsync(await OfferAsync(desk, card, freed.Id, client.Id));
        }

        // Every client has the offer open on their phone first, then all four confirm at once (a client whose
        // page loaded after another had already confirmed would not see the button at all).
        var phones = new List<(WebSession Phone, Page Page, string Link)>();
        foreach (var client in waiting)
        {
            var link = await AccountFlows.LinkFromEmailAsync(App, client.Email!, "a time opened up");
            var phone = NewSession();
            phones.Add((phone, await phone.GetAsync(link), link));
        }

        var attempts = await Task.WhenAll(phones.Select(p => p.Phone.SubmitAsync(p.Page, new Dictionary<string, string>(), p.Link)));
        foreach (var (phone, _, _) in phones)
        {
            phone.Dispose();
        }

        attempts.Count(a => a.Status == HttpStatusCode.Redirect).ShouldBe(1);
        attempts.Count(a => a.Status == HttpStatusCode.Conflict).ShouldBe(3);
        await using var db = Database.CreateContext();
        (await db.Appointments.CountAsync(a => a.StartsAt == freed.StartsAt && a.Status == AppointmentStatus.Booked)).ShouldBe(1);
        (await db.WaitlistOffers.CountAsync(o => o.Status == WaitlistOfferStatus.Accepted)).ShouldBe(1);
    }

    [Fact]
    public async Task The_front_desk_adds_a_phone_client_to_the_waitlist_and_removes_them()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var chooser = await desk.GetAsync($"/front-desk/clients/{clinic.Client.Id}/waitlist");
        chooser.Document.QuerySelector($"a[href$='serviceId={clinic.Facial.Id}']").ShouldNotBeNull();
        var url = $"/front-desk/clients/{clinic.Client.Id}/waitlist?serviceId={clinic.Facial.Id}";

        var refused = await desk.SubmitAsync(url, new Dictionary<string, string>(Window(DayOfWeek.Friday)) { ["Form.EarliestStart"] = "" });
        refused.FieldMessage("Form_EarliestStart").ShouldBe("Enter the earliest start time that suits you.");
        var added = await desk.SubmitAsync(url, new Dictionary<string, string>(Window(DayOfWeek.Friday)) { ["Form.AreaIds"] = clinic.Cheeks.Id.ToString() });
        added.Location.ShouldBe($"/front-desk/clients/{clinic.Client.Id}");
        (await desk.FollowAsync(added)).Document.QuerySelector(".waitlist li")!.TextContent.ShouldContain("Fri · starting 09:00–12:00");

        var list = await desk.GetAsync("/front-desk/waitlist");
        list.Document.QuerySelectorAll("table.waitlist tbody tr").Length.ShouldBe(1);
        var removed = await desk.SubmitAsync(list, new Dictionary<string, string>(), list.Document.QuerySelector("table.waitlist form")!.GetAttribute("action"));
        (await desk.FollowAsync(removed)).Text.ShouldContain("Nobody is waiting.");
    }

    [Theory]
    [InlineData(Roles.Client)]
    [InlineData(Roles.Esthetician)]
    public async Task Only_the_front_desk_sees_the_waitlist_and_makes_offers(string role)
    {
        await TestClinic.CreateAsync(Database);
        using var other = role == Roles.Client
            ? (await BookingFlows.SignedInClientAsync(App, Database, NewSession)).Session
            : await AccountFlows.SignedInStaffAsync(App, NewSession, role);

        (await other.GetAsync("/front-desk/waitlist")).Location!.ShouldContain("/account/access-denied");
        var home = await other.GetAsync("/");
        var offer = await other.PostAsync(home, "/front-desk/waitlist/offers",
            new Dictionary<string, string> { ["FreedAppointmentId"] = Guid.NewGuid().ToString(), ["EntryId"] = Guid.NewGuid().ToString() });
        offer.Location!.ShouldContain("/account/access-denied");
    }

    [Fact]
    public async Task A_client_cannot_take_anyone_else_off_the_waitlist_and_an_unknown_offer_link_is_not_found()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (_, ana) = await WaitingClientAsync(clinic, "Ana", DayOfWeek.Monday);
        var (intruder, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, "Eve", "Other");
        var home = await intruder.GetAsync("/my/appointments");

        (await intruder.PostAsync(home, $"/waitlist/{await EntryIdAsync(ana.Id)}/leave")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await NewSession().GetAsync("/waitlist/offers/not-a-real-link")).Status.ShouldBe(HttpStatusCode.NotFound);
        await using var db = Database.CreateContext();
        (await db.WaitlistEntries.SingleAsync()).Status.ShouldBe(WaitlistStatus.Waiting);
    }

    private async Task<string> EntryIdAsync(Guid clientId)
    {
        await using var db = Database.CreateContext();
        return (await db.WaitlistEntries.SingleAsync(e => e.ClientId == clientId)).Id.ToString();
    }
}
