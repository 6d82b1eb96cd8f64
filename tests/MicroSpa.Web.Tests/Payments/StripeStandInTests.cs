using System.Net;
using AngleSharp.Html.Parser;
using MicroSpa.Tests.Shared;
using Stripe;
using Stripe.Checkout;

namespace MicroSpa.Web.Tests.Payments;

/// <summary>
/// The stand-in gateway answers Stripe.net as Stripe does for what MicroSpa uses: Checkout Sessions paid or declined on
/// the hosted page, cards saved and charged off-session, refunds, idempotency keys, API keys, and webhooks signed so that
/// Stripe.net's own EventUtility accepts them (and refuses them altered). Stripe's test cards behave as documented.
/// </summary>
public sealed class StripeStandInTests(StripeStandInFixture gateway) : IClassFixture<StripeStandInFixture>
{
    private static readonly HtmlParser Parser = new();

    private readonly HttpClient _browser = new(new HttpClientHandler { AllowAutoRedirect = false });

    private async Task<Customer> CustomerAsync() =>
        await new CustomerService(gateway.Client()).CreateAsync(new CustomerCreateOptions { Email = "client@example.test", Metadata = new() { ["client"] = Guid.NewGuid().ToString() } });

    private async Task<Session> DepositSessionAsync(Customer customer, long cents = 5000) =>
        await new SessionService(gateway.Client()).CreateAsync(new SessionCreateOptions
        {
            Mode = "payment",
            Customer = customer.Id,
            SuccessUrl = "https://clinic.test/book/paid?session={CHECKOUT_SESSION_ID}",
            CancelUrl = "https://clinic.test/book/cancelled",
            Metadata = new() { ["draft"] = "d1" },
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions { Currency = "usd", UnitAmount = cents, ProductData = new SessionLineItemPriceDataProductDataOptions { Name = "Deposit" } },
                },
            ],
            PaymentIntentData = new SessionPaymentIntentDataOptions { SetupFutureUsage = "off_session", Metadata = new() { ["draft"] = "d1" } },
        });

    /// <summary>The client on the hosted page: types a card and presses Pay (answering the bank's challenge when there is one).</summary>
    private async Task<HttpResponseMessage> PayAsync(string url, string number, string expiry = "12/34", string? authenticated = null)
    {
        var fields = new Dictionary<string, string> { ["number"] = number, ["expiry"] = expiry, ["cvc"] = "123" };
        if (authenticated is not null)
        {
            fields["authenticated"] = authenticated;
        }

        return await _browser.PostAsync(new Uri(url), new FormUrlEncodedContent(fields));
    }

    private static async Task<string> ErrorOnPageAsync(HttpResponseMessage response) =>
        Parser.ParseDocument(await response.Content.ReadAsStringAsync()).GetElementById("card-error")?.TextContent ?? string.Empty;

    [Fact]
    public async Task A_deposit_paid_on_the_hosted_page_completes_the_session_and_a_signed_webhook_says_so()
    {
        var customer = await CustomerAsync();
        var session = await DepositSessionAsync(customer);
        session.Status.ShouldBe("open");
        session.PaymentStatus.ShouldBe("unpaid");
        session.AmountTotal.ShouldBe(5000);

        var hosted = Parser.ParseDocument(await _browser.GetStringAsync(new Uri(session.Url)));
        hosted.GetElementById("amount")!.TextContent.ShouldBe("50.00 USD");
        var paid = await PayAsync(session.Url, "4242 4242 4242 4242");

        paid.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        paid.Headers.Location!.ToString().ShouldBe($"https://clinic.test/book/paid?session={session.Id}");
        var after = await new SessionService(gateway.Client()).GetAsync(session.Id, new SessionGetOptions { Expand = ["payment_intent"] });
        (after.Status, after.PaymentStatus).ShouldBe(("complete", "paid"));
        after.PaymentIntent.Status.ShouldBe("succeeded");
        after.PaymentIntent.AmountReceived.ShouldBe(5000);
        after.PaymentIntent.Metadata["draft"].ShouldBe("d1");

        var completed = await gateway.DeliveredAsync("checkout.session.completed", session.Id);
        var announced = completed.Data.Object.ShouldBeOfType<Session>();
        (announced.Id, announced.PaymentIntentId, announced.Metadata["draft"]).ShouldBe((session.Id, after.PaymentIntentId, "d1"));
        await gateway.DeliveredAsync("payment_intent.succeeded", after.PaymentIntentId);

        var methods = await new PaymentMethodService(gateway.Client()).ListAsync(new PaymentMethodListOptions { Customer = customer.Id, Type = "card" });
        methods.Data.Single().Card.Last4.ShouldBe("4242", "setup_future_usage saves the card paying the deposit");
        (await PayAsync(session.Url, "4242424242424242")).StatusCode.ShouldBe(HttpStatusCode.Gone, "a completed session takes no second payment");
    }

    [Fact]
    public async Task A_webhook_altered_on_the_way_or_signed_with_another_secret_is_refused_by_Stripe_nets_check()
    {
        var session = await DepositSessionAsync(await CustomerAsync());
        await PayAsync(session.Url, "4242424242424242");
        await gateway.DeliveredAsync("checkout.session.completed", session.Id);
        var (body, signature) = gateway.Deliveries.First(d => d.Body.Contains(session.Id, StringComparison.Ordinal));

        Should.Throw<StripeException>(() => EventUtility.ConstructEvent(body.Replace("\"paid\"", "\"unpaid\"", StringComparison.Ordinal), signature, gateway.StandIn.WebhookSecret));
        Should.Throw<StripeException>(() => EventUtility.ConstructEvent(body, signature, "whsec_someone_else"));
        Should.Throw<StripeException>(() => EventUtility.ConstructEvent(body, "t=1,v1=00", gateway.StandIn.WebhookSecret));
    }

    [Fact]
    public async Task A_declined_card_says_so_on_the_hosted_page_and_leaves_the_session_open_for_a_good_one()
    {
        var session = await DepositSessionAsync(await CustomerAsync());

        var declined = await PayAsync(session.Url, "4000 0000 0000 0002");
        declined.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ErrorOnPageAsync(declined)).ShouldBe("Your card was declined. Try another card.");
        (await ErrorOnPageAsync(await PayAsync(session.Url, "4242 4242 4242 4241"))).ShouldBe("Your card number is invalid.");
        (await ErrorOnPageAsync(await PayAsync(session.Url, "4242424242424242", expiry: "13/30"))).ShouldBe("Your card's expiration date is incomplete.");
        var open = await new SessionService(gateway.Client()).GetAsync(session.Id, new SessionGetOptions { Expand = ["payment_intent"] });
        open.Status.ShouldBe("open");
        open.PaymentIntent.Status.ShouldBe("requires_payment_method");
        open.PaymentIntent.LastPaymentError.DeclineCode.ShouldBe("generic_decline");
        await gateway.DeliveredAsync("payment_intent.payment_failed", open.PaymentIntentId);

        (await PayAsync(session.Url, "4242424242424242")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var paid = await new PaymentIntentService(gateway.Client()).GetAsync(open.PaymentIntentId);
        paid.Status.ShouldBe("succeeded", "the second card pays the same payment intent");
    }

    [Fact]
    public async Task A_card_asking_for_authentication_pays_once_the_client_completes_it_and_fails_when_refused()
    {
        var session = await DepositSessionAsync(await CustomerAsync());

        var challenge = await PayAsync(session.Url, "4000002500003155");
        Parser.ParseDocument(await challenge.Content.ReadAsStringAsync()).GetElementById("challenge").ShouldNotBeNull();
        var failed = await PayAsync(session.Url, "4000002500003155", authenticated: "no");
        (await ErrorOnPageAsync(failed)).ShouldStartWith("We are unable to authenticate your payment method.");
        (await PayAsync(session.Url, "4000002500003155", authenticated: "yes")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await new SessionService(gateway.Client()).GetAsync(session.Id)).PaymentStatus.ShouldBe("paid");
    }

    [Fact]
    public async Task A_card_saved_in_setup_mode_is_charged_off_session_and_the_0341_card_attaches_but_declines_when_charged()
    {
        var client = gateway.Client();
        var customer = await CustomerAsync();
        foreach (var number in new[] { "4000000000000341", "4242424242424242" })
        {
            var setup = await new SessionService(client).CreateAsync(new SessionCreateOptions
            {
                Mode = "setup", Currency = "usd", Customer = customer.Id, SuccessUrl = "https://clinic.test/cards/saved", CancelUrl = "https://clinic.test/cards",
            });
            setup.PaymentStatus.ShouldBe("no_payment_required");
            Parser.ParseDocument(await _browser.GetStringAsync(new Uri(setup.Url))).GetElementById("what")!.TextContent.ShouldBe("Save a card for later payments");
            (await PayAsync(setup.Url, number, expiry: "04/31")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var saved = await new SessionService(client).GetAsync(setup.Id, new SessionGetOptions { Expand = ["setup_intent"] });
            saved.SetupIntent.Status.ShouldBe("succeeded");
        }

        var cards = await new CustomerPaymentMethodService(client).ListAsync(customer.Id);
        cards.Data.Select(c => (c.Card.Last4, c.Card.ExpMonth, c.Card.ExpYear)).ShouldBe([("4242", 4L, 2031L), ("0341", 4L, 2031L)], ignoreOrder: true);

        var failing = cards.Data.Single(c => c.Card.Last4 == "0341");
        var declined = await Should.ThrowAsync<StripeException>(() => new PaymentIntentService(client).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 7500, Currency = "usd", Customer = customer.Id, PaymentMethod = failing.Id, OffSession = true, Confirm = true,
        }));
        declined.HttpStatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        (declined.StripeError.Type, declined.StripeError.Code, declined.StripeError.DeclineCode).ShouldBe(("card_error", "card_declined", "generic_decline"));
        declined.StripeError.PaymentIntent.Status.ShouldBe("requires_payment_method");
        await gateway.DeliveredAsync("payment_intent.payment_failed", declined.StripeError.PaymentIntent.Id);

        var fee = await new PaymentIntentService(client).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 7500, Currency = "usd", Customer = customer.Id, PaymentMethod = cards.Data.Single(c => c.Card.Last4 == "4242").Id, OffSession = true, Confirm = true,
            Metadata = new() { ["fee"] = "no-show" },
        });
        (fee.Status, fee.AmountReceived).ShouldBe(("succeeded", 7500L));

        var detached = await new PaymentMethodService(client).DetachAsync(failing.Id);
        detached.CustomerId.ShouldBeNull();
        (await new CustomerPaymentMethodService(client).ListAsync(customer.Id)).Data.Select(c => c.Card.Last4).ShouldBe(["4242"]);
    }

    [Fact]
    public async Task Refunds_go_back_in_part_or_in_full_never_above_what_the_charge_took_and_each_is_announced()
    {
        var session = await DepositSessionAsync(await CustomerAsync(), cents: 5000);
        await PayAsync(session.Url, "4242424242424242");
        var intentId = (await new SessionService(gateway.Client()).GetAsync(session.Id)).PaymentIntentId;
        var refunds = new RefundService(gateway.Client());

        var part = await refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = intentId, Amount = 2000 });
        (part.Status, part.Amount).ShouldBe(("succeeded", 2000L));
        var tooMuch = await Should.ThrowAsync<StripeException>(() => refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = intentId, Amount = 3001 }));
        tooMuch.HttpStatusCode.ShouldBe(HttpStatusCode.BadRequest);
        tooMuch.StripeError.Message.ShouldBe("Refund amount ($30.01) is greater than unrefunded amount on charge ($30.00)");
        var rest = await refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = intentId });
        rest.Amount.ShouldBe(3000);

        var charge = await new ChargeService(gateway.Client()).GetAsync(part.ChargeId);
        (charge.AmountRefunded, charge.Refunded).ShouldBe((5000L, true));
        var refunded = await gateway.DeliveredAsync("charge.refunded", part.ChargeId);
        refunded.Data.Object.ShouldBeOfType<Charge>().PaymentIntentId.ShouldBe(intentId);
    }

    [Fact]
    public async Task An_idempotency_key_gets_the_first_answer_again_and_refuses_other_parameters_and_a_wrong_key_is_refused()
    {
        var customer = await CustomerAsync();
        var session = await DepositSessionAsync(customer);
        await PayAsync(session.Url, "4242424242424242");
        var card = (await new CustomerPaymentMethodService(gateway.Client()).ListAsync(customer.Id)).Data.Single();
        var key = Guid.NewGuid().ToString();
        PaymentIntentCreateOptions Fee(long amount) => new() { Amount = amount, Currency = "usd", Customer = customer.Id, PaymentMethod = card.Id, OffSession = true, Confirm = true };
        var intents = new PaymentIntentService(gateway.Client());

        var first = await intents.CreateAsync(Fee(7500), new RequestOptions { IdempotencyKey = key });
        var again = await intents.CreateAsync(Fee(7500), new RequestOptions { IdempotencyKey = key });
        again.Id.ShouldBe(first.Id, "a retried charge is not a second charge");
        var other = await Should.ThrowAsync<StripeException>(() => intents.CreateAsync(Fee(9900), new RequestOptions { IdempotencyKey = key }));
        other.StripeError.Type.ShouldBe("idempotency_error");

        var refused = await Should.ThrowAsync<StripeException>(() => new CustomerService(gateway.Client("sk_test_wrong")).GetAsync(customer.Id));
        refused.HttpStatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var missing = await Should.ThrowAsync<StripeException>(() => new CustomerService(gateway.Client()).GetAsync("cus_test_none"));
        (missing.HttpStatusCode, missing.StripeError.Code).ShouldBe((HttpStatusCode.NotFound, "resource_missing"));
    }

    [Fact]
    public async Task An_expired_session_takes_no_payment_and_its_expiry_is_announced()
    {
        var session = await DepositSessionAsync(await CustomerAsync());
        var expired = await new SessionService(gateway.Client()).ExpireAsync(session.Id);
        expired.Status.ShouldBe("expired");
        (await PayAsync(session.Url, "4242424242424242")).StatusCode.ShouldBe(HttpStatusCode.Gone);
        await gateway.DeliveredAsync("checkout.session.expired", session.Id);
        var again = await Should.ThrowAsync<StripeException>(() => new SessionService(gateway.Client()).ExpireAsync(session.Id));
        again.HttpStatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Stripes_test_tokens_attach_and_pay_decline_or_ask_for_authentication_off_session()
    {
        var client = gateway.Client();
        var customer = await CustomerAsync();
        var attached = await new PaymentMethodService(client).AttachAsync("pm_card_visa", new PaymentMethodAttachOptions { Customer = customer.Id });
        attached.Id.ShouldStartWith("pm_");
        attached.Id.ShouldNotBe("pm_card_visa", "Stripe answers a new payment method for a token");
        (attached.CustomerId, attached.Card.Last4, attached.Card.Brand).ShouldBe((customer.Id, "4242", "visa"));
        var refusedAttach = await Should.ThrowAsync<StripeException>(() => new PaymentMethodService(client).AttachAsync("pm_card_chargeDeclined", new PaymentMethodAttachOptions { Customer = customer.Id }));
        (refusedAttach.HttpStatusCode, refusedAttach.StripeError.Code).ShouldBe((HttpStatusCode.PaymentRequired, "card_declined"));
        PaymentIntentCreateOptions Fee(string method) => new() { Amount = 7500, Currency = "usd", Customer = customer.Id, PaymentMethod = method, OffSession = true, Confirm = true };
        var intents = new PaymentIntentService(client);

        (await intents.CreateAsync(Fee(attached.Id))).Status.ShouldBe("succeeded");
        (await intents.CreateAsync(Fee("pm_card_visa"))).Status.ShouldBe("succeeded");
        var declined = await Should.ThrowAsync<StripeException>(() => intents.CreateAsync(Fee("pm_card_chargeDeclined")));
        (declined.HttpStatusCode, declined.StripeError.Code, declined.StripeError.DeclineCode).ShouldBe((HttpStatusCode.PaymentRequired, "card_declined", "generic_decline"));
        var authentication = await Should.ThrowAsync<StripeException>(() => intents.CreateAsync(Fee("pm_card_authenticationRequired")));
        (authentication.HttpStatusCode, authentication.StripeError.Code).ShouldBe((HttpStatusCode.PaymentRequired, "authentication_required"));
        (await new CustomerPaymentMethodService(client).ListAsync(customer.Id)).Data.Select(m => m.Id).ShouldBe([attached.Id], "a token used on a payment intent saves no card");
    }

    [Fact]
    public async Task The_secret_key_is_taken_as_basic_auths_user_name_as_curl_u_sends_it()
    {
        using var http = new HttpClient();
        async Task<HttpStatusCode> CustomerWithAsync(string user)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{gateway.StandIn.Url}/v1/customers"))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "client@example.test" }),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:")));
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        (await CustomerWithAsync(StripeStandInProcess.ApiKey)).ShouldBe(HttpStatusCode.OK);
        (await CustomerWithAsync("sk_test_wrong")).ShouldBe(HttpStatusCode.Unauthorized);
    }
}
