using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Booking;

/// <summary>
/// A held booking however the news comes (issue 18, "How it must hold"): the webhook before the browser, twice, late and
/// out of order; the browser never back and the webhook held; Stripe away; a payment after the hold lapsed. Each amount
/// is kept once, nothing is charged without a booking, and a time is never held for ever.
/// </summary>
public sealed class DepositHoldTests(WebAppFixture fixture) : WebTest(fixture)
{
    /// <summary>Nothing listens on port 1 of the loopback: Stripe "away".</summary>
    private const string DeadStripe = "http://127.0.0.1:1";

    private sealed class AheadClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }

    /// <summary>The same app and database later on (and, with <paramref name="stripe"/>, talking to another Stripe).</summary>
    private WebApplicationFactory<Program> Later(TimeSpan ahead, string? stripe = null) => App.WithWebHostBuilder(b =>
    {
        if (stripe is not null)
        {
            b.UseSetting("Payments:Stripe:ApiBase", stripe);
        }

        b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new AheadClock(ahead)));
    });

    private static async Task<int> ReleaseLapsedAsync(WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReleaseLapsedHolds.Handler>().HandleAsync(CancellationToken.None);
    }

    private async Task<(WebSession Session, MicroSpa.Domain.Clients.Client Client, TestClinic Clinic, string PaymentPage, Guid AppointmentId)> HeldAsync()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await DepositFlows.SetDepositAsync(Database, clinic.Facial.Id, 50m);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var (_, page) = await DepositFlows.HoldAsync(session, client, clinic, TestClinic.At(10));
        await using var db = Database.CreateContext();
        return (session, client, clinic, page, await db.Appointments.Select(a => a.Id).SingleAsync());
    }

    private async Task<(Appointment Appointment, int Payments, int Refunds, List<string> History)> StateAsync(Guid id)
    {
        await using var db = Database.CreateContext();
        return (await db.Appointments.SingleAsync(a => a.Id == id), await db.OnlinePayments.CountAsync(), await db.OnlineRefunds.CountAsync(),
            await db.AppointmentEvents.Where(e => e.AppointmentId == id).OrderBy(e => e.At).Select(e => e.What).ToListAsync());
    }

    /// <summary>An event about the session as Stripe would sign it for this endpoint (the session's JSON as the stand-in has it).</summary>
    private async Task<HttpStatusCode> DeliverForgedAsync(string type, string sessionId)
    {
        using var api = new HttpClient { BaseAddress = new Uri(Stripe.StandIn.Url) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", StripeStandInProcess.ApiKey);
        var session = JsonNode.Parse(await api.GetStringAsync($"/v1/checkout/sessions/{sessionId}"))!;
        var body = new JsonObject
        {
            ["id"] = $"evt_forged_{Guid.NewGuid():N}", ["object"] = "event", ["api_version"] = "2026-10-28.endive",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["data"] = new JsonObject { ["object"] = session }, ["livemode"] = false,
            ["pending_webhooks"] = 1, ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null }, ["type"] = type,
        }.ToJsonString();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(MicroSpaAppFactory.StripeWebhookSecret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/payments/stripe/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", $"t={timestamp},v1={Convert.ToHexStringLower(mac)}");
        using var answer = await client.SendAsync(request);
        return answer.StatusCode;
    }

    [Fact]
    public async Task The_webhook_before_the_browser_books_it_and_the_browser_then_finds_it_booked()
    {
        var (session, client, _, page, id) = await HeldAsync();

        var (back, _) = await DepositFlows.PayAsync(page);
        await DepositFlows.DeliveredAsync(Stripe, "checkout.session.completed", DepositFlows.SessionIdOf(page));
        (await StateAsync(id)).Appointment.Status.ShouldBe(AppointmentStatus.Booked);
        var returned = await session.GetAsync(DepositFlows.Local(back!));

        returned.Location.ShouldBe($"/my/appointments/{id}?booked=True");
        var (appointment, payments, refunds, history) = await StateAsync(id);
        (appointment.Status, payments, refunds).ShouldBe((AppointmentStatus.Booked, 1, 0));
        history.Count(h => h.StartsWith("Booked online: deposit of $50.00 paid", StringComparison.Ordinal)).ShouldBe(1);
        (await App.EmailsToAsync(client.Email!)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Events_delivered_twice_late_and_out_of_order_keep_the_deposit_once_and_the_booking_booked()
    {
        var (session, client, _, page, id) = await HeldAsync();
        var sessionId = DepositFlows.SessionIdOf(page);
        await Stripe.ControlAsync("webhooks/hold");
        try
        {
            var (back, _) = await DepositFlows.PayAsync(page);

            // An expired event arriving first (out of order) is checked with Stripe, which says paid: it books, it does not release.
            (await DeliverForgedAsync("checkout.session.expired", sessionId)).ShouldBe(HttpStatusCode.OK);
            (await StateAsync(id)).Appointment.Status.ShouldBe(AppointmentStatus.Booked);
            (await DeliverForgedAsync("checkout.session.completed", sessionId)).ShouldBe(HttpStatusCode.OK);
            (await session.GetAsync(DepositFlows.Local(back!))).Location.ShouldBe($"/my/appointments/{id}?booked=True");
        }
        finally
        {
            await Stripe.ControlAsync("webhooks/release");
        }

        // Stripe's own deliveries come late, and one again.
        await DepositFlows.DeliveredAsync(Stripe, "checkout.session.completed", sessionId);
        var completed = (await new global::Stripe.EventService(Stripe.Client()).ListAsync(new() { Type = "checkout.session.completed" }))
            .Single(e => e.Data.RawObject.ToString()!.Contains(sessionId, StringComparison.Ordinal));
        await Stripe.ControlAsync($"events/{completed.Id}/resend");
        for (var waited = 0; waited < 100 && Stripe.Delivered.Count(d => d.Body.Contains(completed.Id, StringComparison.Ordinal)) < 2; waited++)
        {
            await Task.Delay(100);
        }

        Stripe.Delivered.Where(d => d.Body.Contains(completed.Id, StringComparison.Ordinal)).Select(d => d.Status).ShouldBe([200, 200]);
        var (appointment, payments, refunds, history) = await StateAsync(id);
        (appointment.Status, payments, refunds).ShouldBe((AppointmentStatus.Booked, 1, 0));
        history.Count(h => h.StartsWith("Booked online", StringComparison.Ordinal)).ShouldBe(1);
        (await App.EmailsToAsync(client.Email!)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task With_the_browser_never_back_and_the_webhook_held_the_hold_lapses_the_page_expires_and_the_time_is_free_again()
    {
        var (session, _, clinic, page, id) = await HeldAsync();
        await Stripe.ControlAsync("webhooks/hold");
        try
        {
            await using var later = Later(OpenPaymentPage.HoldFor + TimeSpan.FromMinutes(1));
            (await ReleaseLapsedAsync(later)).ShouldBe(1);
            (await ReleaseLapsedAsync(later)).ShouldBe(0, "a hold ends once");
        }
        finally
        {
            await Stripe.ControlAsync("webhooks/release");
        }

        var (appointment, payments, _, history) = await StateAsync(id);
        (appointment.Status, appointment.CancellationReason, payments).ShouldBe((AppointmentStatus.Cancelled, CancellationReason.HoldReleased, 0));
        history.Last().ShouldBe("Hold released: the payment page expired before it was paid");
        (await new global::Stripe.Checkout.SessionService(Stripe.Client()).GetAsync(DepositFlows.SessionIdOf(page))).Status.ShouldBe("expired");
        await DepositFlows.DeliveredAsync(Stripe, "checkout.session.expired", DepositFlows.SessionIdOf(page));
        (await StateAsync(id)).History.Count.ShouldBe(history.Count);

        var released = await session.GetAsync($"/book/held/{id}");
        released.Document.QuerySelector("h1")!.TextContent.ShouldBe("Nothing was booked");
        released.Text.ShouldContain("Nothing was charged.");

        // The same provider at the same time can be booked again.
        var (other, otherClient) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, "Ava", "Moreno");
        var draft = await BookingFlows.ReadyToConfirmAsync(other, otherClient, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10), appointment.ProviderId);
        var confirm = await other.GetAsync($"/book/{draft}/confirm");
        (await other.SubmitAsync(confirm, new Dictionary<string, string>(), $"/book/{draft}/confirm")).Location!.ShouldStartWith($"{Stripe.StandIn.Url}/pay/");
    }

    [Fact]
    public async Task A_payment_that_arrives_after_the_hold_was_released_is_refunded_at_once_and_the_client_is_told()
    {
        var (session, client, _, page, id) = await HeldAsync();
        await Stripe.ControlAsync("webhooks/hold");
        try
        {
            // Stripe did not answer when the hold ended: released all the same, its page still open at Stripe.
            await using (var later = Later(OpenPaymentPage.HoldFor + TimeSpan.FromMinutes(1), DeadStripe))
            {
                (await ReleaseLapsedAsync(later)).ShouldBe(1);
            }

            (await StateAsync(id)).Appointment.Status.ShouldBe(AppointmentStatus.Cancelled);
            var (back, _) = await DepositFlows.PayAsync(page);
            var returned = await session.GetAsync(DepositFlows.Local(back!));

            returned.Location.ShouldBe($"/book/held/{id}");
            var told = await session.FollowAsync(returned);
            told.Document.QuerySelector("h1")!.TextContent.ShouldBe("Nothing was booked");
            told.Document.QuerySelector("#hold-refunded")!.TextContent.ShouldContain("The $50.00 you paid is on its way back to your card");
        }
        finally
        {
            await Stripe.ControlAsync("webhooks/release");
        }

        await DepositFlows.DeliveredAsync(Stripe, "checkout.session.completed", DepositFlows.SessionIdOf(page));
        var (appointment, payments, refunds, _) = await StateAsync(id);
        (appointment.Status, payments, refunds).ShouldBe((AppointmentStatus.Cancelled, 1, 1));
        await using var db = Database.CreateContext();
        var refund = await db.OnlineRefunds.SingleAsync();
        var paid = await db.OnlinePayments.SingleAsync();
        (refund.PaymentIntentId, refund.Amount, refund.Reason).ShouldBe((paid.PaymentIntentId, 50m, OnlineRefundReason.HoldExpired));
        var atStripe = await new global::Stripe.RefundService(Stripe.Client()).GetAsync(refund.Id);
        (atStripe.PaymentIntentId, atStripe.Amount).ShouldBe((paid.PaymentIntentId, 5000L));
        var email = (await App.EmailsToAsync(client.Email!)).ShouldHaveSingleItem();
        email.Subject.ShouldContain("Nothing was booked: your payment is on its way back");
        email.TextBody.ShouldContain("The $50.00 you paid is on its way back to your card.");
    }

    [Fact]
    public async Task Stripe_away_at_the_confirm_step_says_so_keeps_nothing_half_done_and_the_hold_still_lapses()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await DepositFlows.SetDepositAsync(Database, clinic.Facial.Id, 50m);
        await using var away = Later(TimeSpan.Zero, DeadStripe);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, () => new WebSession(away.CreateClient(new() { AllowAutoRedirect = false })));

        var (_, location) = await DepositFlows.HoldAsync(session, client, clinic, TestClinic.At(10));

        location.ShouldStartWith("/book/held/");
        var page = await session.GetAsync(location);
        var (appointment, _, _, _) = await StateAsync(Guid.Parse(location.Split('/')[3]));
        var until = TestClinic.Zone.ToLocal(appointment.HeldUntil!.Value).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        page.Document.QuerySelector("#hold-problem")!.TextContent.ShouldBe($"The payment service did not answer just now. Your time is held until {until}: try again in a moment.");
        await using (var db = Database.CreateContext())
        {
            (await db.OnlineCheckouts.CountAsync()).ShouldBe(0);
            (await db.PaymentCustomers.CountAsync()).ShouldBe(0);
            appointment.Status.ShouldBe(AppointmentStatus.Held);
        }

        await using var later = Later(OpenPaymentPage.HoldFor + TimeSpan.FromMinutes(1), DeadStripe);
        (await ReleaseLapsedAsync(later)).ShouldBe(1);
        (await StateAsync(appointment.Id)).Appointment.Status.ShouldBe(AppointmentStatus.Cancelled);
    }

    [Fact]
    public async Task Another_clients_hold_forged_session_ids_and_a_stale_policy_are_refused_without_a_500()
    {
        var (_, _, clinic, page, id) = await HeldAsync();
        var (stranger, strangerClient) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, "Noah", "Keller");
        var own = await stranger.GetAsync("/my/appointments");
        var sessionId = DepositFlows.SessionIdOf(page);

        (await stranger.GetAsync($"/book/held/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/book/held/{id}/paid?session_id={sessionId}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.PostAsync(own, $"/book/held/{id}/pay")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.PostAsync(own, $"/book/held/{id}/release")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/book/held/{Guid.NewGuid()}")).Status.ShouldBe(HttpStatusCode.NotFound);
        foreach (var forged in new[] { "cs_forged", "", "' OR 1=1 --", new string('x', 400), "%00" })
        {
            (await stranger.GetAsync($"/book/held/{id}/paid?session_id={Uri.EscapeDataString(forged)}")).Status.ShouldBe(HttpStatusCode.NotFound, forged);
        }

        (await StateAsync(id)).Appointment.Status.ShouldBe(AppointmentStatus.Held);

        var draft = await BookingFlows.ReadyToConfirmAsync(stranger, strangerClient, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(12));
        var confirm = await stranger.GetAsync($"/book/{draft}/confirm");
        (await stranger.SubmitAsync(confirm, new Dictionary<string, string> { ["policyVersion"] = "not a number" }, $"/book/{draft}/confirm")).Status
            .ShouldBe(HttpStatusCode.BadRequest);
        var stale = await stranger.SubmitAsync(confirm, new Dictionary<string, string> { ["policyVersion"] = "999" }, $"/book/{draft}/confirm");
        stale.Status.ShouldBe(HttpStatusCode.OK);
        stale.Text.ShouldContain("policy changed while you were reading it");
        await using var db = Database.CreateContext();
        (await db.Appointments.CountAsync()).ShouldBe(1);
    }
}
