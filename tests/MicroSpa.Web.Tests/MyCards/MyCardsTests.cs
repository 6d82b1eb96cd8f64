using System.Net;
using MicroSpa.Domain.Payments;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using MicroSpa.Web.Tests.Payments;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace MicroSpa.Web.Tests.MyCards;

/// <summary>The client's cards on file under My appointments, read from and changed at the stand-in Stripe.</summary>
public sealed class MyCardsTests(WebAppFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task A_card_saved_on_the_hosted_page_is_listed_with_its_expiry_and_nothing_is_charged()
    {
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var empty = await session.GetAsync("/my/cards");
        empty.Status.ShouldBe(HttpStatusCode.OK);
        empty.Document.QuerySelector("#no-cards").ShouldNotBeNull();
        empty.Document.QuerySelector("#not-a-prepayment")!.TextContent.ShouldContain("A saved card is not a prepayment");
        (await session.GetAsync("/my/appointments")).Document.QuerySelector("#my-cards-link").ShouldNotBeNull();

        var landed = await StripeFlows.SaveCardAsync(session, "4242 4242 4242 4242", "11 / 31");

        landed.Text.ShouldContain("Your card is saved, nothing is charged today.");
        landed.Document.QuerySelectorAll(".my-card").Select(c => c.TextContent.Trim()).ShouldHaveSingleItem().ShouldContain("Visa ending in 4242 · expires 11/2031");
        await using var db = Database.CreateContext();
        var checkout = await db.OnlineCheckouts.SingleAsync();
        checkout.Purpose.ShouldBe(OnlinePurpose.SaveCard);
        checkout.ClientId.ShouldBe(client.Id);
        checkout.Amount.ShouldBeNull();
        (await db.OnlinePayments.CountAsync()).ShouldBe(0);
        var atStripe = await new Stripe.Checkout.SessionService(Stripe.Client()).GetAsync(checkout.Id);
        atStripe.Mode.ShouldBe("setup", "a setup session saves the card and charges nothing");
        atStripe.PaymentIntentId.ShouldBeNull();
    }

    [Fact]
    public async Task The_list_lets_its_add_form_lead_to_the_hosted_page_under_the_content_security_policy()
    {
        var (session, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        using var response = await session.Client.GetAsync("/my/cards");

        // The add form's post redirects to Stripe's page; browsers hold a form's redirects to form-action, so without the
        // provider's origin there the browser refuses to leave.
        var csp = response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem();
        csp.ShouldContain($"form-action 'self' {new Uri(Stripe.StandIn.Url).GetLeftPart(UriPartial.Authority)}");
    }

    [Fact]
    public async Task A_card_that_expires_before_the_next_visit_says_so()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var visitDay = TestClinic.Zone.Today(DateTimeOffset.UtcNow).AddMonths(2);
        await using (var db = Database.CreateContext())
        {
            var mine = await db.Clients.SingleAsync(c => c.Id == client.Id);
            db.Attach(clinic.Facial);
            db.AttachRange(clinic.Esthetician, clinic.RoomOne, clinic.SkinPen, clinic.Cheeks);
            db.Appointments.Add(Domain.Scheduling.Appointment.Book(mine, clinic.Facial, clinic.Esthetician, clinic.RoomOne, clinic.SkinPen, [clinic.Cheeks],
                TestClinic.At(10, day: visitDay), Domain.Scheduling.BookingSource.FrontDesk, DateTimeOffset.UtcNow, TestClinic.By));
            await db.SaveChangesAsync();
        }

        var thisMonth = DateTimeOffset.UtcNow;
        var landed = await StripeFlows.SaveCardAsync(session, "4242 4242 4242 4242", $"{thisMonth.Month:00} / {thisMonth.Year % 100:00}");

        landed.Document.QuerySelector(".expires-before-visit")!.TextContent.ShouldContain($"Expires before your next visit on {visitDay.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-US"))}");
    }

    [Fact]
    public async Task Removing_a_card_asks_first_then_detaches_it_and_a_second_removal_changes_nothing()
    {
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var (customer, card) = await StripeFlows.CustomerWithCardAsync(Stripe, Database, client.Id);

        var listed = await session.GetAsync("/my/cards");
        listed.Document.QuerySelector($"a[href='/my/cards/{card}/remove']").ShouldNotBeNull();
        var confirm = await session.GetAsync($"/my/cards/{card}/remove");
        confirm.Status.ShouldBe(HttpStatusCode.OK);
        confirm.Document.QuerySelector("#card-to-remove")!.TextContent.ShouldContain("Visa ending in 4242");
        var removed = await session.SubmitAsync(confirm, new Dictionary<string, string>());
        removed.Status.ShouldBe(HttpStatusCode.Redirect);
        (await session.FollowAsync(removed)).Text.ShouldContain("The card is removed.");

        (await new CustomerPaymentMethodService(Stripe.Client()).ListAsync(customer)).Data.ShouldBeEmpty();
        var again = await session.PostAsync(confirm, $"/my/cards/{card}/remove");
        again.Status.ShouldBe(HttpStatusCode.Redirect, "a second tap finds it removed");
        (await session.GetAsync("/my/cards")).Document.QuerySelector("#no-cards").ShouldNotBeNull();
    }

    [Fact]
    public async Task Another_clients_card_is_not_found_and_stays_attached()
    {
        var (session, me) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        await StripeFlows.CustomerWithCardAsync(Stripe, Database, me.Id);
        var (_, other) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, "Ada", "Other");
        var (theirCustomer, theirs) = await StripeFlows.CustomerWithCardAsync(Stripe, Database, other.Id);
        var page = await session.GetAsync("/my/cards");
        page.Document.QuerySelectorAll(".my-card").Count.ShouldBe(1);

        (await session.GetAsync($"/my/cards/{theirs}/remove")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await session.PostAsync(page, $"/my/cards/{theirs}/remove")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await new CustomerPaymentMethodService(Stripe.Client()).ListAsync(theirCustomer)).Data.ShouldHaveSingleItem().Id.ShouldBe(theirs);
    }

    [Fact]
    public async Task Bad_input_on_every_card_endpoint_is_a_4xx_and_changes_nothing()
    {
        var (session, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var page = await session.GetAsync("/my/cards");
        foreach (var id in new[] { "not-a-card", "pm_", "pm_%27%3B--", "pm_unknown_at_stripe", new string('x', 300) })
        {
            (await session.GetAsync($"/my/cards/{id}/remove")).Status.ShouldBe(HttpStatusCode.NotFound, id);
            (await session.PostAsync(page, $"/my/cards/{id}/remove")).Status.ShouldBe(HttpStatusCode.NotFound, id);
        }

        foreach (var query in new[] { "", "?session_id=", "?session_id=cs_test_nothing", "?session_id=evil", $"?session_id=cs_{new string('x', 400)}" })
        {
            (await session.GetAsync($"/my/cards/saved{query}")).Status.ShouldBe(HttpStatusCode.NotFound, query);
        }

        foreach (var fields in new[] { new Dictionary<string, string>(), new() { ["submissionId"] = "nope" }, new() { ["submissionId"] = Guid.Empty.ToString() } })
        {
            var refused = await session.PostAsync(page, "/my/cards/add", fields);
            refused.Status.ShouldBe(HttpStatusCode.Redirect);
            (await session.FollowAsync(refused)).Text.ShouldContain("This page is out of date");
        }

        await using var db = Database.CreateContext();
        (await db.OnlineCheckouts.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Another_clients_card_page_return_is_not_found()
    {
        var (first, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var opened = await first.SubmitAsync("/my/cards", new Dictionary<string, string>(), "/my/cards/add");
        var sessionId = opened.Location!.Split('/').Last();
        var (second, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, "Ada", "Other");

        (await second.GetAsync($"/my/cards/saved?session_id={sessionId}")).Status.ShouldBe(HttpStatusCode.NotFound);
        var back = await first.GetAsync($"/my/cards/saved?session_id={sessionId}");
        (await first.FollowAsync(back)).Text.ShouldContain("Your card was not saved");
    }

    [Fact]
    public async Task Without_online_payments_the_cards_section_is_absent_and_its_addresses_are_not_found()
    {
        await using var app = new MicroSpaAppFactory(Database.ConnectionString);
        app.Settings["Payments:Stripe:SecretKey"] = string.Empty;
        var (session, _) = await BookingFlows.SignedInClientAsync(app, Database, () => new WebSession(app.CreateClient(new() { AllowAutoRedirect = false })));

        var appointments = await session.GetAsync("/my/appointments");
        appointments.Document.QuerySelector("#my-cards-link").ShouldBeNull();
        (await session.GetAsync("/my/cards")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await session.GetAsync("/my/cards/pm_card_visa/remove")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await session.GetAsync("/my/cards/saved?session_id=cs_test_x")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await session.PostAsync(appointments, "/my/cards/add", new Dictionary<string, string> { ["submissionId"] = Guid.NewGuid().ToString() })).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
