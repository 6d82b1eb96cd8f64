using MicroSpa.Tests.Shared;
using Stripe;
using TestClock = Stripe.TestHelpers.TestClock;
using TestClockAdvanceOptions = Stripe.TestHelpers.TestClockAdvanceOptions;
using TestClockCreateOptions = Stripe.TestHelpers.TestClockCreateOptions;
using TestClockService = Stripe.TestHelpers.TestClockService;

namespace MicroSpa.Web.Tests.Payments;

/// <summary>
/// Stripe Billing at the stand-in, driven through Stripe.net as memberships will drive it: a monthly price, a subscription
/// charged to the saved card, a test clock advanced to renew it, a card that attaches but declines (the 0341 card) retried
/// on the schedule (3, 5, 7 days) with past_due meanwhile, an older open invoice voided so that recovery charges one month,
/// pause_collection, cancel at the period's end, cancel now, and what Stripe refuses. Webhooks verified by Stripe.net.
/// </summary>
public sealed class StripeStandInBillingTests(StripeStandInFixture gateway) : IClassFixture<StripeStandInFixture>
{
    private static readonly DateTime Start = new(2026, 1, 15, 9, 0, 0, DateTimeKind.Utc);

    private sealed record Member(IStripeClient Client, TestClock Clock, Customer Customer, Price Price, PaymentMethod Card);

    private static async Task<Member> MemberAsync(IStripeClient client, string card = "pm_card_visa", long cents = 9900)
    {
        var clock = await new TestClockService(client).CreateAsync(new TestClockCreateOptions { FrozenTime = Start, Name = "membership" });
        var customer = await new CustomerService(client).CreateAsync(new CustomerCreateOptions { Email = "member@example.test", TestClock = clock.Id });
        var method = await new PaymentMethodService(client).AttachAsync(card, new PaymentMethodAttachOptions { Customer = customer.Id });
        var price = await new PriceService(client).CreateAsync(new PriceCreateOptions
        {
            Currency = "usd",
            UnitAmount = cents,
            Recurring = new PriceRecurringOptions { Interval = "month" },
            ProductData = new PriceProductDataOptions { Name = "Glow membership" },
        });
        return new Member(client, clock, customer, price, method);
    }

    private static Task<Subscription> SubscribeAsync(Member member, string? method = null, RequestOptions? request = null) =>
        new SubscriptionService(member.Client).CreateAsync(
            new SubscriptionCreateOptions
            {
                Customer = member.Customer.Id,
                Items = [new SubscriptionItemOptions { Price = member.Price.Id }],
                DefaultPaymentMethod = method ?? member.Card.Id,
                Metadata = new() { ["membership"] = "m-1" },
                Expand = ["latest_invoice.payments"],
            },
            request);

    private static Task<TestClock> AdvanceAsync(Member member, DateTime to) =>
        new TestClockService(member.Client).AdvanceAsync(member.Clock.Id, new TestClockAdvanceOptions { FrozenTime = to });

    private static async Task<List<Invoice>> InvoicesAsync(Member member, Subscription subscription) =>
        [.. (await new InvoiceService(member.Client).ListAsync(new InvoiceListOptions { Subscription = subscription.Id })).Data];

    private static async Task<long> ChargedAsync(Member member) =>
        (await new PaymentIntentService(member.Client).ListAsync(new PaymentIntentListOptions { Customer = member.Customer.Id }))
            .Data.Where(i => i.Status == "succeeded").Sum(i => i.AmountReceived);

    [Fact]
    public async Task A_price_made_with_a_lookup_key_is_found_by_it_and_a_second_price_under_the_same_key_is_refused()
    {
        var key = $"plan-{Guid.NewGuid():N}";
        var prices = new PriceService(gateway.Client());
        var made = await prices.CreateAsync(new PriceCreateOptions
        {
            Currency = "usd", UnitAmount = 9900, LookupKey = key, Recurring = new PriceRecurringOptions { Interval = "month" },
            ProductData = new PriceProductDataOptions { Name = "Glow membership" },
        });

        (await prices.ListAsync(new PriceListOptions { LookupKeys = [key], Active = true })).Data.ShouldHaveSingleItem().Id.ShouldBe(made.Id);
        (await prices.ListAsync(new PriceListOptions { LookupKeys = [$"{key}-other"] })).Data.ShouldBeEmpty();
        var again = await Should.ThrowAsync<StripeException>(() => prices.CreateAsync(new PriceCreateOptions
        {
            Currency = "usd", UnitAmount = 9900, LookupKey = key, Recurring = new PriceRecurringOptions { Interval = "month" },
            ProductData = new PriceProductDataOptions { Name = "Glow membership" },
        }));
        again.StripeError.Param.ShouldBe("lookup_key");
    }

    [Fact]
    public async Task A_monthly_subscription_charges_the_saved_card_at_once_and_announces_it()
    {
        var member = await MemberAsync(gateway.Client());
        var subscription = await SubscribeAsync(member);

        subscription.Status.ShouldBe("active");
        subscription.TestClockId.ShouldBe(member.Clock.Id);
        subscription.Metadata["membership"].ShouldBe("m-1");
        subscription.DefaultPaymentMethodId.ShouldBe(member.Card.Id);
        var item = subscription.Items.Data.ShouldHaveSingleItem();
        (item.Price.Id, item.CurrentPeriodStart, item.CurrentPeriodEnd).ShouldBe((member.Price.Id, Start, Start.AddMonths(1)));
        var first = subscription.LatestInvoice;
        (first.Status, first.BillingReason, first.AmountDue, first.AmountPaid, first.Currency).ShouldBe(("paid", "subscription_create", 9900L, 9900L, "usd"));
        first.Parent.SubscriptionDetails.SubscriptionId.ShouldBe(subscription.Id);
        first.Lines.Data.ShouldHaveSingleItem().Period.End.ShouldBe(Start.AddMonths(1));
        var intentId = first.Payments.Data.ShouldHaveSingleItem().Payment.PaymentIntentId;
        (await new PaymentIntentService(member.Client).GetAsync(intentId)).AmountReceived.ShouldBe(9900);

        (await gateway.DeliveredAsync("customer.subscription.created", subscription.Id)).Data.Object.ShouldBeOfType<Subscription>().Status.ShouldBe("active");
        foreach (var type in new[] { "invoice.created", "invoice.finalized", "invoice.paid" })
        {
            (await gateway.DeliveredAsync(type, first.Id)).Data.Object.ShouldBeOfType<Invoice>().Parent.SubscriptionDetails.SubscriptionId.ShouldBe(subscription.Id);
        }
    }

    [Fact]
    public async Task Advancing_the_test_clock_past_the_period_renews_with_a_new_paid_invoice_for_the_next_month()
    {
        var member = await MemberAsync(gateway.Client());
        var subscription = await SubscribeAsync(member);

        var clock = await AdvanceAsync(member, Start.AddMonths(1).AddHours(2));

        (clock.Status, clock.FrozenTime).ShouldBe(("ready", Start.AddMonths(1).AddHours(2)));
        var renewed = await new SubscriptionService(member.Client).GetAsync(subscription.Id);
        renewed.Status.ShouldBe("active");
        (renewed.Items.Data[0].CurrentPeriodStart, renewed.Items.Data[0].CurrentPeriodEnd).ShouldBe((Start.AddMonths(1), Start.AddMonths(2)));
        var invoices = await InvoicesAsync(member, subscription);
        invoices.Count.ShouldBe(2);
        var cycle = invoices[0];
        (cycle.Id, cycle.BillingReason, cycle.Status, cycle.AmountPaid).ShouldBe((renewed.LatestInvoiceId, "subscription_cycle", "paid", 9900L));
        cycle.Lines.Data[0].Period.Start.ShouldBe(Start.AddMonths(1));
        (await ChargedAsync(member)).ShouldBe(2 * 9900);
        (await gateway.DeliveredAsync("invoice.paid", cycle.Id)).Data.Object.ShouldBeOfType<Invoice>().BillingReason.ShouldBe("subscription_cycle");

        // Not yet the next month: nothing more.
        await AdvanceAsync(member, Start.AddMonths(2).AddSeconds(-1));
        (await InvoicesAsync(member, subscription)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_declining_card_leaves_the_renewal_past_due_retried_on_the_schedule_and_paid_once_the_card_is_changed()
    {
        var member = await MemberAsync(gateway.Client());
        var subscription = await SubscribeAsync(member);
        var failing = await new PaymentMethodService(member.Client).AttachAsync("pm_card_chargeCustomerFail", new PaymentMethodAttachOptions { Customer = member.Customer.Id });
        failing.Card.Last4.ShouldBe("0341");
        await new SubscriptionService(member.Client).UpdateAsync(subscription.Id, new SubscriptionUpdateOptions { DefaultPaymentMethod = failing.Id });

        var renewal = Start.AddMonths(1);
        await AdvanceAsync(member, renewal.AddHours(1));
        var invoice = (await InvoicesAsync(member, subscription))[0];
        (invoice.Status, invoice.AttemptCount, invoice.NextPaymentAttempt).ShouldBe(("open", 1L, renewal.AddDays(3)));
        (await new SubscriptionService(member.Client).GetAsync(subscription.Id)).Status.ShouldBe("past_due");
        var failed = (await gateway.DeliveredAsync("invoice.payment_failed", invoice.Id)).Data.Object.ShouldBeOfType<Invoice>();
        (failed.AttemptCount, failed.NextPaymentAttempt).ShouldBe((1L, renewal.AddDays(3)));
        (await gateway.DeliveredAsync("customer.subscription.updated", subscription.Id)).ShouldNotBeNull();

        await AdvanceAsync(member, renewal.AddDays(3).AddHours(1));
        invoice = await new InvoiceService(member.Client).GetAsync(invoice.Id);
        (invoice.Status, invoice.AttemptCount, invoice.NextPaymentAttempt).ShouldBe(("open", 2L, renewal.AddDays(8)));

        await new SubscriptionService(member.Client).UpdateAsync(subscription.Id, new SubscriptionUpdateOptions { DefaultPaymentMethod = member.Card.Id });
        var paid = await new InvoiceService(member.Client).PayAsync(invoice.Id);

        (paid.Status, paid.AmountPaid, paid.NextPaymentAttempt).ShouldBe(("paid", 9900L, (DateTime?)null));
        (await new SubscriptionService(member.Client).GetAsync(subscription.Id)).Status.ShouldBe("active");
        (await ChargedAsync(member)).ShouldBe(2 * 9900);
        await gateway.DeliveredAsync("invoice.paid", invoice.Id);
    }

    [Fact]
    public async Task Across_two_failed_periods_the_older_invoice_voided_leaves_one_month_to_charge_on_recovery()
    {
        // Stripe's "leave the subscription past due" after the last retry: the next period comes while the older invoice is open.
        await using var standIn = await StripeStandInProcess.StartAsync(null, settings: ["StandIn:Billing:AfterRetries=past_due"]);
        var member = await MemberAsync(new StripeClient(StripeStandInProcess.ApiKey, apiBase: standIn.Url), card: "pm_card_chargeCustomerFail");
        var good = await new PaymentMethodService(member.Client).AttachAsync("pm_card_visa", new PaymentMethodAttachOptions { Customer = member.Customer.Id });
        var subscription = await SubscribeAsync(member, good.Id);
        await new SubscriptionService(member.Client).UpdateAsync(subscription.Id, new SubscriptionUpdateOptions { DefaultPaymentMethod = member.Card.Id });

        await AdvanceAsync(member, Start.AddMonths(1).AddHours(1));
        await AdvanceAsync(member, Start.AddMonths(2).AddHours(1));
        var open = (await InvoicesAsync(member, subscription)).Where(i => i.Status == "open").ToList();
        open.Count.ShouldBe(2);
        open[0].Lines.Data[0].Period.Start.ShouldBe(Start.AddMonths(2));
        open[0].AttemptCount.ShouldBe(1);
        (open[1].AttemptCount, open[1].NextPaymentAttempt).ShouldBe((4L, (DateTime?)null));
        (await new SubscriptionService(member.Client).GetAsync(subscription.Id)).Status.ShouldBe("past_due");

        var voided = await new InvoiceService(member.Client).VoidInvoiceAsync(open[1].Id);
        (voided.Status, voided.NextPaymentAttempt).ShouldBe(("void", (DateTime?)null));
        (await new EventService(member.Client).ListAsync(new EventListOptions { Type = "invoice.voided" })).Data
            .Select(e => ((Invoice)e.Data.Object).Id).ShouldBe([voided.Id]);
        await new SubscriptionService(member.Client).UpdateAsync(subscription.Id, new SubscriptionUpdateOptions { DefaultPaymentMethod = good.Id });
        await new InvoiceService(member.Client).PayAsync(open[0].Id);

        (await ChargedAsync(member)).ShouldBe(2 * 9900); // the first month, and the current one: never the missed one
        (await new SubscriptionService(member.Client).GetAsync(subscription.Id)).Status.ShouldBe("active");
        var refused = await Should.ThrowAsync<StripeException>(() => new InvoiceService(member.Client).PayAsync(voided.Id));
        refused.HttpStatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task After_the_last_retry_the_subscription_is_canceled_by_default_or_left_unpaid_when_the_stand_in_is_set_so()
    {
        var member = await MemberAsync(gateway.Client(), card: "pm_card_chargeCustomerFail");
        var good = await new PaymentMethodService(member.Client).AttachAsync("pm_card_visa", new PaymentMethodAttachOptions { Customer = member.Customer.Id });
        var subscription = await SubscribeAsync(member, good.Id);
        await new SubscriptionService(member.Client).UpdateAsync(subscription.Id, new SubscriptionUpdateOptions { DefaultPaymentMethod = member.Card.Id });
        await AdvanceAsync(member, Start.AddMonths(1).AddDays(16)); // 3 + 5 + 7 days of retries and a day

        var canceled = await new SubscriptionService(member.Client).GetAsync(subscription.Id);
        (canceled.Status, canceled.CancellationDetails.Reason).ShouldBe(("canceled", "payment_failed"));
        var invoice = (await InvoicesAsync(member, subscription))[0];
        (invoice.AttemptCount, invoice.NextPaymentAttempt).ShouldBe((4L, (DateTime?)null));
        await gateway.DeliveredAsync("customer.subscription.deleted", subscription.Id);

        await using var unpaidStandIn = await StripeStandInProcess.StartAsync(null, settings: ["StandIn:Billing:AfterRetries=unpaid", "StandIn:Billing:RetryDays=2,4"]);
        var other = await MemberAsync(new StripeClient(StripeStandInProcess.ApiKey, apiBase: unpaidStandIn.Url), card: "pm_card_chargeCustomerFail");
        var otherGood = await new PaymentMethodService(other.Client).AttachAsync("pm_card_visa", new PaymentMethodAttachOptions { Customer = other.Customer.Id });
        var left = await SubscribeAsync(other, otherGood.Id);
        await new SubscriptionService(other.Client).UpdateAsync(left.Id, new SubscriptionUpdateOptions { DefaultPaymentMethod = other.Card.Id });
        await AdvanceAsync(other, Start.AddMonths(1).AddDays(7)); // 2 + 4 days of retries and a day
        (await new SubscriptionService(other.Client).GetAsync(left.Id)).Status.ShouldBe("unpaid");
        (await InvoicesAsync(other, left))[0].AttemptCount.ShouldBe(3);
    }

    [Fact]
    public async Task Collection_paused_with_void_voids_the_renewal_without_a_charge_and_resumes_when_unpaused()
    {
        var member = await MemberAsync(gateway.Client());
        var subscription = await SubscribeAsync(member);
        var paused = await new SubscriptionService(member.Client).UpdateAsync(subscription.Id, new SubscriptionUpdateOptions
        {
            PauseCollection = new SubscriptionPauseCollectionOptions { Behavior = "void" },
        });
        paused.PauseCollection.Behavior.ShouldBe("void");
        paused.Status.ShouldBe("active");
        var announced = await gateway.DeliveredAsync("customer.subscription.updated", subscription.Id);
        ((Newtonsoft.Json.Linq.JObject)announced.Data.PreviousAttributes).ContainsKey("pause_collection").ShouldBeTrue();

        await AdvanceAsync(member, Start.AddMonths(1).AddHours(1));
        (await InvoicesAsync(member, subscription))[0].Status.ShouldBe("void");
        (await ChargedAsync(member)).ShouldBe(9900);

        var resume = new SubscriptionUpdateOptions();
        resume.AddExtraParam("pause_collection", string.Empty);
        (await new SubscriptionService(member.Client).UpdateAsync(subscription.Id, resume)).PauseCollection.ShouldBeNull();
        await AdvanceAsync(member, Start.AddMonths(2).AddHours(1));
        (await InvoicesAsync(member, subscription))[0].Status.ShouldBe("paid");
        (await ChargedAsync(member)).ShouldBe(2 * 9900);
    }

    [Fact]
    public async Task Canceled_at_the_periods_end_it_ends_then_without_a_new_invoice_and_canceled_now_it_ends_at_once()
    {
        var member = await MemberAsync(gateway.Client());
        var subscription = await SubscribeAsync(member);
        var ending = await new SubscriptionService(member.Client).UpdateAsync(subscription.Id, new SubscriptionUpdateOptions { CancelAtPeriodEnd = true });
        (ending.CancelAtPeriodEnd, ending.CancelAt, ending.Status).ShouldBe((true, (DateTime?)Start.AddMonths(1), "active"));

        await AdvanceAsync(member, Start.AddMonths(1).AddHours(1));
        var ended = await new SubscriptionService(member.Client).GetAsync(subscription.Id);
        (ended.Status, ended.EndedAt).ShouldBe(("canceled", (DateTime?)Start.AddMonths(1)));
        (await InvoicesAsync(member, subscription)).Count.ShouldBe(1);
        await gateway.DeliveredAsync("customer.subscription.deleted", subscription.Id);

        var second = await SubscribeAsync(member);
        var now = await new SubscriptionService(member.Client).CancelAsync(second.Id);
        (now.Status, now.CanceledAt).ShouldBe(("canceled", (DateTime?)Start.AddMonths(1).AddHours(1)));
        var refused = await Should.ThrowAsync<StripeException>(() =>
            new SubscriptionService(member.Client).UpdateAsync(second.Id, new SubscriptionUpdateOptions { CancelAtPeriodEnd = false }));
        refused.StripeError.Message.ShouldContain("canceled subscription");
    }

    [Fact]
    public async Task Stripe_refusals_the_clock_going_back_or_too_far_a_card_of_another_customer_and_a_replayed_key_gives_the_same_subscription()
    {
        var member = await MemberAsync(gateway.Client());
        var back = await Should.ThrowAsync<StripeException>(() => AdvanceAsync(member, Start.AddHours(-1)));
        back.StripeError.Param.ShouldBe("frozen_time");
        var key = new RequestOptions { IdempotencyKey = $"join-{Guid.NewGuid()}" };
        var subscription = await SubscribeAsync(member, request: key);
        (await SubscribeAsync(member, request: key)).Id.ShouldBe(subscription.Id);
        (await new SubscriptionService(member.Client).ListAsync(new SubscriptionListOptions { Customer = member.Customer.Id })).Data.Count.ShouldBe(1);
        var tooFar = await Should.ThrowAsync<StripeException>(() => AdvanceAsync(member, Start.AddMonths(2).AddDays(1)));
        tooFar.StripeError.Param.ShouldBe("frozen_time");

        var stranger = await MemberAsync(gateway.Client());
        var notTheirs = await Should.ThrowAsync<StripeException>(() => SubscribeAsync(member, stranger.Card.Id));
        (notTheirs.HttpStatusCode, notTheirs.StripeError.Param).ShouldBe((System.Net.HttpStatusCode.BadRequest, "default_payment_method"));
        var missing = await Should.ThrowAsync<StripeException>(() => new InvoiceService(member.Client).GetAsync("in_test_nothing"));
        missing.StripeError.Code.ShouldBe("resource_missing");
    }
}
