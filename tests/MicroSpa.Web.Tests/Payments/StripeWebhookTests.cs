using System.Net;
using System.Security.Cryptography;
using System.Text;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Payments;

/// <summary>
/// Stripe's webhook endpoint believes only what Stripe signed for it, and takes each event once however often it is
/// delivered. The signature is made here as Stripe documents it (HMAC-SHA256 of "timestamp.body" with the endpoint's
/// secret), not with MicroSpa's code.
/// </summary>
public sealed class StripeWebhookTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Url = "/payments/stripe/webhook";

    private static string Event(string id, string type = "checkout.session.completed", string objectId = "cs_test_1") => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = id, ["object"] = "event", ["api_version"] = "2026-10-28.endive", ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["data"] = new Dictionary<string, object?>
        {
            ["object"] = new Dictionary<string, object?>
            {
                ["id"] = objectId, ["object"] = "checkout.session", ["mode"] = "payment", ["status"] = "complete", ["payment_status"] = "paid",
                ["amount_total"] = 5000, ["currency"] = "usd", ["metadata"] = new Dictionary<string, string>(),
            },
        },
        ["livemode"] = false, ["pending_webhooks"] = 1, ["request"] = new Dictionary<string, object?> { ["id"] = null, ["idempotency_key"] = null }, ["type"] = type,
    });

    private static string Sign(string body, string secret = MicroSpaAppFactory.StripeWebhookSecret, DateTimeOffset? at = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    private async Task<HttpResponseMessage> DeliverAsync(string body, string? signature)
    {
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        }

        return await client.SendAsync(request);
    }

    private async Task<List<string>> RecordedAsync()
    {
        await using var db = Database.CreateContext();
        return await db.PaymentEvents.Select(e => e.Id + " " + e.Type + " " + e.ObjectId).ToListAsync();
    }

    [Fact]
    public async Task A_signed_event_is_recorded_once_however_often_and_however_many_at_once_it_is_delivered()
    {
        var body = Event("evt_test_once");

        (await DeliverAsync(body, Sign(body))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DeliverAsync(body, Sign(body))).StatusCode.ShouldBe(HttpStatusCode.OK, "Stripe delivers at least once: a second delivery is answered 200");
        var racing = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => DeliverAsync(Event("evt_test_race"), Sign(Event("evt_test_race")))));

        racing.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        (await RecordedAsync()).ShouldBe(["evt_test_once checkout.session.completed cs_test_1", "evt_test_race checkout.session.completed cs_test_1"], ignoreOrder: true);
    }

    [Fact]
    public async Task An_unsigned_altered_foreign_or_replayed_event_is_refused_with_400_recorded_nowhere_and_logged_as_a_security_event()
    {
        var body = Event("evt_test_forged");
        var before = App.Log.Lines.Count;
        var refused = new[]
        {
            await DeliverAsync(body, null),
            await DeliverAsync(body.Replace("5000", "500000", StringComparison.Ordinal), Sign(body)),
            await DeliverAsync(body, Sign(body, secret: "whsec_someone_else")),
            await DeliverAsync(body, Sign(body, at: DateTimeOffset.UtcNow.AddMinutes(-10))),
            await DeliverAsync("not json at all", Sign("not json at all")),
            await DeliverAsync(body, "t=abc,v1=zz"),
        };

        foreach (var response in refused)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        (await RecordedAsync()).ShouldBeEmpty();
        App.Log.Lines.Skip(before).Select(l => l.Replace("\"", string.Empty, StringComparison.Ordinal)).Count(l => l.StartsWith($"Security event {SecurityEvents.WebhookSignatureRefused}: POST {Url} answered 400", StringComparison.Ordinal))
            .ShouldBe(refused.Length);
    }

    [Fact]
    public async Task Without_a_webhook_secret_the_clinic_takes_no_online_payment_and_the_endpoint_is_not_there()
    {
        await using var app = new MicroSpaAppFactory(Database.ConnectionString);
        app.Settings["Payments:Stripe:WebhookSecret"] = string.Empty;
        using var client = app.CreateClient();
        var body = Event("evt_test_unconfigured");
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", Sign(body));

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await RecordedAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task What_the_stand_in_announces_reaches_the_app_signed_and_is_recorded()
    {
        var stripe = Stripe.Client();
        var customer = await new global::Stripe.CustomerService(stripe).CreateAsync(new() { Email = "relay@example.test" });
        var intent = await new global::Stripe.PaymentIntentService(stripe).CreateAsync(new()
        {
            Amount = 2500, Currency = "usd", Customer = customer.Id, PaymentMethod = "pm_card_visa", Confirm = true, OffSession = true,
        });

        var expected = $" payment_intent.succeeded {intent.Id}";
        for (var waited = 0; waited < 200 && !(await RecordedAsync()).Any(r => r.EndsWith(expected, StringComparison.Ordinal)); waited++)
        {
            await Task.Delay(100);
        }

        (await RecordedAsync()).ShouldContain(r => r.EndsWith(expected, StringComparison.Ordinal));
        Stripe.Delivered.ShouldContain(d => d.Body.Contains(intent.Id, StringComparison.Ordinal) && d.Status == 200);
    }

    [Fact]
    public async Task An_event_whose_action_fails_is_not_kept_and_answers_503_so_that_Stripe_sends_it_again_and_the_next_delivery_acts_once()
    {
        var action = new FailingOnce();
        await using var app = new MicroSpaAppFactory(Database.ConnectionString);
        app.ExtraServices.Add(services => services.AddSingleton<MicroSpa.Web.Infrastructure.Payments.IStripeEventAction>(action));
        using var client = app.CreateClient();
        var body = Event("evt_test_fails_once");

        async Task<HttpStatusCode> DeliverToAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Stripe-Signature", Sign(body));
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        (await DeliverToAsync()).ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await RecordedAsync()).ShouldBeEmpty("an event not acted on is not kept: its redelivery must act");
        (await DeliverToAsync()).ShouldBe(HttpStatusCode.OK);
        (await DeliverToAsync()).ShouldBe(HttpStatusCode.OK);
        action.Acted.ShouldBe(1, "the first delivery failed, the second acted, the third found it recorded");
        (await RecordedAsync()).ShouldBe(["evt_test_fails_once checkout.session.completed cs_test_1"]);
    }

    private sealed class FailingOnce : MicroSpa.Web.Infrastructure.Payments.IStripeEventAction
    {
        private int _calls;

        public int Acted { get; private set; }

        public IReadOnlyCollection<string> Types { get; } = ["checkout.session.completed"];

        public Task ActAsync(global::Stripe.Event stripeEvent, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                throw new InvalidOperationException("The database went away.");
            }

            Acted++;
            return Task.CompletedTask;
        }
    }
}
