using System.Net;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Booking;

/// <summary>
/// Booking online with a deposit (issue 18): the policy in plain words, the time held while the client pays on Stripe's
/// hosted page (the stand-in's), and the booking confirmed only by the payment, whichever of the browser and the webhook
/// brings the news first.
/// </summary>
public sealed class DepositBookingTests(WebAppFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task A_client_reads_the_policy_with_the_deposit_pays_on_the_hosted_page_and_is_booked_when_Stripe_says_paid()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await DepositFlows.SetDepositAsync(Database, clinic.Facial.Id, 50m);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var draftId = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));

        var confirm = await session.GetAsync($"/book/{draftId}/confirm");
        confirm.Document.QuerySelector("#payment-asked")!.TextContent.ShouldBe("A deposit of $50.00 is taken when you book; it counts toward your visit.");
        confirm.Document.QuerySelector("#payment-policy")!.TextContent.ShouldContain("24 hours");
        confirm.Document.QuerySelector("main form button[type=submit]")!.TextContent.ShouldBe("Accept and pay the $50.00 deposit");
        var accepted = await session.SubmitAsync(confirm, new Dictionary<string, string>(), $"/book/{draftId}/confirm");

        accepted.Status.ShouldBe(HttpStatusCode.Redirect);
        accepted.Location!.ShouldStartWith($"{Stripe.StandIn.Url}/pay/cs_");
        Guid appointmentId;
        await using (var db = Database.CreateContext())
        {
            var held = await db.Appointments.SingleAsync();
            appointmentId = held.Id;
            held.Status.ShouldBe(AppointmentStatus.Held);
            held.HeldUntil!.Value.ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(34), DateTimeOffset.UtcNow.AddMinutes(35));
            var acceptance = await db.PolicyAcceptances.SingleAsync();
            (acceptance.AppointmentId, acceptance.ClientId, acceptance.Asked).ShouldBe((held.Id, client.Id, "A deposit of $50.00 is taken when you book; it counts toward your visit."));
            acceptance.PolicyVersion.ShouldBe(await db.PaymentPolicyTexts.MaxAsync(p => p.Version));
            var page = await db.OnlineCheckouts.SingleAsync();
            (page.Id, page.Purpose, page.Amount, page.AppointmentId).ShouldBe((DepositFlows.SessionIdOf(accepted.Location), OnlinePurpose.Deposit, 50m, held.Id));
            page.ExpiresAt.ShouldBe(held.HeldUntil.Value, TimeSpan.FromSeconds(1));
        }

        var atStripe = await new global::Stripe.Checkout.SessionService(Stripe.Client()).GetAsync(DepositFlows.SessionIdOf(accepted.Location));
        (atStripe.Mode, atStripe.AmountTotal, atStripe.Metadata["microspa_appointment_id"]).ShouldBe(("payment", 5000L, appointmentId.ToString()));
        (await App.EmailsToAsync(client.Email!)).ShouldBeEmpty("nothing is confirmed before the payment");

        var (back, _) = await DepositFlows.PayAsync(accepted.Location);
        back.ShouldBe($"http://localhost/book/held/{appointmentId}/paid?session_id={atStripe.Id}");
        var returned = await session.GetAsync(DepositFlows.Local(back!));

        returned.Location.ShouldBe($"/my/appointments/{appointmentId}?booked=True");
        var landed = await session.FollowAsync(returned);
        landed.Text.ShouldContain("You're booked");
        landed.Document.QuerySelector("#paid-at-booking")!.TextContent.ShouldBe("Deposit paid: $50.00 (Visa ending 4242). It counts toward your visit.");
        var later = await session.GetAsync($"/my/appointments/{appointmentId}");
        later.Document.QuerySelector("h1")!.TextContent.ShouldBe("Appointment");
        later.Document.QuerySelector("#paid-at-booking")!.TextContent.ShouldStartWith("Deposit paid: $50.00");
        await using (var db = Database.CreateContext())
        {
            (await db.Appointments.SingleAsync()).Status.ShouldBe(AppointmentStatus.Booked);
            var paid = await db.OnlinePayments.SingleAsync();
            (paid.Amount, paid.Purpose, paid.AppointmentId, paid.CardBrand, paid.CardLastFour, paid.CheckoutSessionId).ShouldBe((50m, OnlinePurpose.Deposit, appointmentId, "visa", "4242", atStripe.Id));
            paid.PaymentIntentId.ShouldStartWith("pi_");
        }

        var email = (await App.EmailsToAsync(client.Email!)).ShouldHaveSingleItem();
        email.TextBody.ShouldContain("Deposit paid: $50.00 (Visa ending 4242). It counts toward your visit.");

        // The webhook comes after the browser: it changes nothing.
        await DepositFlows.DeliveredAsync(Stripe, "checkout.session.completed", atStripe.Id);
        await using (var db = Database.CreateContext())
        {
            (await db.OnlinePayments.CountAsync()).ShouldBe(1);
            (await db.Appointments.SingleAsync()).Status.ShouldBe(AppointmentStatus.Booked);
        }

        (await App.EmailsToAsync(client.Email!)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Without_a_deposit_asked_the_booking_is_confirmed_at_once_with_no_payment_page()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var draftId = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));

        var confirm = await session.GetAsync($"/book/{draftId}/confirm");
        confirm.Document.QuerySelector("#payment-policy").ShouldBeNull();
        var confirmed = await session.SubmitAsync(confirm, new Dictionary<string, string>(), $"/book/{draftId}/confirm");

        confirmed.Location!.ShouldStartWith("/my/appointments/");
        await using var db = Database.CreateContext();
        (await db.Appointments.SingleAsync()).Status.ShouldBe(AppointmentStatus.Booked);
        (await db.OnlineCheckouts.CountAsync()).ShouldBe(0);
        (await db.PolicyAcceptances.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_declined_card_leaves_the_time_held_until_the_hold_ends_and_another_card_on_the_same_page_books_it()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await DepositFlows.SetDepositAsync(Database, clinic.Facial.Id, 50m);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var (_, paymentPage) = await DepositFlows.HoldAsync(session, client, clinic, TestClinic.At(10));

        var (back, html) = await DepositFlows.PayAsync(paymentPage, DepositFlows.DeclinedCard);
        back.ShouldBeNull();
        html.ShouldContain("Your card was declined");

        // Back to the clinic from the hosted page: the hold's page says until when, and offers the same page again.
        await using var db = Database.CreateContext();
        var held = await db.Appointments.SingleAsync();
        var holdPage = await session.GetAsync($"/book/held/{held.Id}");
        var until = TestClinic.Zone.ToLocal(held.HeldUntil!.Value).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        holdPage.Document.QuerySelector("h1")!.TextContent.ShouldBe($"Your time is held until {until}");
        holdPage.Text.ShouldContain("If your card was declined");
        var again = await session.SubmitAsync(holdPage, new Dictionary<string, string>(), $"/book/held/{held.Id}/pay");
        again.Location.ShouldBe(paymentPage);
        var myAppointments = await session.GetAsync("/my/appointments");
        myAppointments.Text.ShouldContain($"Waiting for your deposit — pay by {until}");

        (back, _) = await DepositFlows.PayAsync(paymentPage);
        (await session.GetAsync(DepositFlows.Local(back!))).Location.ShouldBe($"/my/appointments/{held.Id}?booked=True");
        (await db.Appointments.AsNoTracking().SingleAsync()).Status.ShouldBe(AppointmentStatus.Booked);
        (await db.OnlinePayments.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task The_desk_sees_a_held_time_for_what_it_is_and_cannot_check_it_in()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await DepositFlows.SetDepositAsync(Database, clinic.Facial.Id, 50m);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        await DepositFlows.HoldAsync(session, client, clinic, TestClinic.At(10));
        await using var db = Database.CreateContext();
        var held = await db.Appointments.SingleAsync();
        var desk = await Account.AccountFlows.SignedInStaffAsync(App, NewSession, MicroSpa.Data.Identity.Roles.FrontDesk);

        var card = await desk.GetAsync($"/front-desk/appointments/{held.Id}");

        card.Status.ShouldBe(HttpStatusCode.OK);
        card.Text.ShouldContain("Held: waiting for the deposit");
        card.Document.QuerySelectorAll("button").Select(b => b.TextContent.Trim()).ShouldNotContain("Check in");
        Should.Throw<MicroSpa.Domain.DomainException>(() => held.CheckIn(held.StartsAt, new ChangedBy(null, "Desk")));
    }

    [Fact]
    public async Task After_a_no_show_the_card_is_saved_on_the_hosted_page_nothing_is_charged_and_the_email_says_so_in_those_words()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        await using (var db = Database.CreateContext())
        {
            (await db.BillingSettings.SingleAsync()).SetPaymentRules(new PaymentRules(false, 12, true, 0, Safeguard.CardOnFile, Charge.Nothing, Charge.Nothing));
            var missedAt = DateTimeOffset.UtcNow.AddDays(-10);
            var service = await db.Services.Include(s => s.BodyAreas).SingleAsync(s => s.Id == clinic.Facial.Id);
            var by = new ChangedBy(null, "Test");
            var missed = Appointment.Book(await db.Clients.SingleAsync(c => c.Id == client.Id), service, await db.Providers.SingleAsync(p => p.Id == clinic.Esthetician.Id),
                await db.Rooms.SingleAsync(r => r.Id == clinic.RoomOne.Id), await db.Devices.SingleAsync(d => d.Id == clinic.SkinPen.Id),
                service.BodyAreas.Where(a => a.Id == clinic.Cheeks.Id), missedAt, BookingSource.FrontDesk, missedAt.AddDays(-1), by);
            missed.MarkNoShow(missedAt.AddHours(1), by);
            db.Appointments.Add(missed);
            await db.SaveChangesAsync();
        }

        var draftId = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));
        var confirm = await session.GetAsync($"/book/{draftId}/confirm");
        confirm.Document.QuerySelector("#payment-asked")!.TextContent.ShouldBe("Your card is saved, nothing is charged today.");
        confirm.Document.QuerySelector("main form button[type=submit]")!.TextContent.ShouldBe("Accept and save your card");
        var accepted = await session.SubmitAsync(confirm, new Dictionary<string, string>(), $"/book/{draftId}/confirm");
        var atStripe = await new global::Stripe.Checkout.SessionService(Stripe.Client()).GetAsync(DepositFlows.SessionIdOf(accepted.Location!));
        atStripe.Mode.ShouldBe("setup");

        var (back, _) = await DepositFlows.PayAsync(accepted.Location!);
        var returned = await session.GetAsync(DepositFlows.Local(back!));

        returned.Location!.ShouldStartWith("/my/appointments/");
        var landed = await session.FollowAsync(returned);
        landed.Text.ShouldContain("You're booked");
        landed.Document.QuerySelector("#paid-at-booking")!.TextContent.ShouldBe("Your card is saved, nothing is charged today.");
        await using (var db = Database.CreateContext())
        {
            (await db.Appointments.CountAsync(a => a.Status == AppointmentStatus.Booked)).ShouldBe(1);
            (await db.OnlinePayments.CountAsync()).ShouldBe(0);
            var page = await db.OnlineCheckouts.SingleAsync();
            (page.Purpose, page.Amount).ShouldBe((OnlinePurpose.SaveCard, (decimal?)null));
        }

        (await App.EmailsToAsync(client.Email!)).ShouldHaveSingleItem().TextBody.ShouldContain("Your card is saved, nothing is charged today.");
    }
}
