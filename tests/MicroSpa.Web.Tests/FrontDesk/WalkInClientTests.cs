using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.FrontDesk;

/// <summary>A walk-in may give only a phone number: the record works, email-only steps say why they cannot run.</summary>
public sealed class WalkInClientTests(WebAppFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task A_walk_in_with_only_a_phone_is_added_found_by_phone_and_booked_without_any_email()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);

        var added = await desk.SubmitAsync("/front-desk/clients", new Dictionary<string, string>
        {
            ["NewClient.FirstName"] = "Wanda", ["NewClient.LastName"] = "Walkin", ["NewClient.Email"] = "", ["NewClient.Phone"] = "555 0177",
        }, "/front-desk/clients");

        added.Location!.ShouldStartWith("/front-desk/book?clientId=");
        var list = await desk.GetAsync("/front-desk/clients");
        list.Document.QuerySelector(".client-results li")!.TextContent.ShouldContain("Wanda Walkin · no email · 555 0177");
        var found = await desk.GetAsync("/front-desk/clients?q=0177");
        found.Document.QuerySelectorAll(".client-results li").Length.ShouldBe(1);

        await using var db = Database.CreateContext();
        var wanda = await db.Clients.SingleAsync(c => c.LastName == "Walkin");
        wanda.Email.ShouldBeNull();
        var booked = await desk.PostAsync(await desk.GetAsync(added.Location!), "/front-desk/book", new Dictionary<string, string>
        {
            ["ClientId"] = wanda.Id.ToString(), ["ServiceId"] = clinic.Facial.Id.ToString(), ["AreaIds"] = clinic.Cheeks.Id.ToString(),
            ["Start"] = Features.Shared.TimeGrid.Format(TestClinic.At(10)),
        });
        booked.Location!.ShouldStartWith("/front-desk/appointments/");
        (await desk.FollowAsync(booked)).Text.ShouldContain("no email");
        (await db.Appointments.CountAsync(a => a.ClientId == wanda.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task A_client_with_neither_email_nor_phone_is_refused_on_the_email_field()
    {
        await TestClinic.CreateAsync(Database);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);

        var refused = await desk.SubmitAsync("/front-desk/clients", new Dictionary<string, string>
        {
            ["NewClient.FirstName"] = "No", ["NewClient.LastName"] = "Contact", ["NewClient.Email"] = "", ["NewClient.Phone"] = "",
        }, "/front-desk/clients");

        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.FieldMessage("NewClient_Email").ShouldBe("Give an email address or a phone number.");
        await using var db = Database.CreateContext();
        (await db.Clients.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task A_phone_only_client_cannot_be_invited_or_emailed_an_offer_and_the_desk_is_told_why()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var wanda = new Client("Wanda", "Walkin", null, "555 0177", DateTimeOffset.UtcNow);
        await using (var db = Database.CreateContext())
        {
            db.Clients.Add(wanda);
            db.Attach(clinic.Facial);
            db.WaitlistEntries.Add(WaitlistEntry.Join(wanda.Id, clinic.Facial, [clinic.Cheeks.Id], null, WeekDays.All, new TimeOnly(8, 0),
                new TimeOnly(20, 0), null, TestClinic.Zone.Today(DateTimeOffset.UtcNow), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var freed = await clinic.BookAsync(Database, TestClinic.At(10));
        await using (var db = Database.CreateContext())
        {
            var saved = await db.Appointments.SingleAsync(a => a.Id == freed.Id);
            saved.Cancel(CancellationReason.Clinic, null, TimeSpan.Zero, DateTimeOffset.UtcNow, TestClinic.By);
            await db.SaveChangesAsync();
        }

        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var profile = await desk.GetAsync($"/front-desk/clients/{wanda.Id}");
        var invite = await desk.SubmitAsync(profile, new Dictionary<string, string>(), $"/front-desk/clients/{wanda.Id}/invite");
        (await desk.FollowAsync(invite)).Text.ShouldContain("Add the client's email address first");

        var card = await desk.GetAsync($"/front-desk/appointments/{freed.Id}");
        card.Document.QuerySelector(".waitlist-matches")!.TextContent.ShouldContain("Wanda Walkin");
        await using var check = Database.CreateContext();
        var entryId = (await check.WaitlistEntries.SingleAsync()).Id;
        var offer = await desk.PostAsync(card, "/front-desk/waitlist/offers",
            new Dictionary<string, string> { ["FreedAppointmentId"] = freed.Id.ToString(), ["EntryId"] = entryId.ToString() });
        (await desk.FollowAsync(offer)).Text.ShouldContain("This client has no email address: call them");
        (await check.WaitlistOffers.CountAsync()).ShouldBe(0);
        (await check.Users.CountAsync(u => u.DisplayName == "Wanda Walkin")).ShouldBe(0);
    }
}
