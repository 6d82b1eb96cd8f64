using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Memberships;
using MicroSpa.Domain.Payments;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Memberships;
using MicroSpa.Web.Features.Memberships.StripeBilling;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using TestClockAdvanceOptions = Stripe.TestHelpers.TestClockAdvanceOptions;
using TestClockCreateOptions = Stripe.TestHelpers.TestClockCreateOptions;
using TestClockService = Stripe.TestHelpers.TestClockService;

namespace MicroSpa.Web.Tests.Memberships.StripeBilling;

/// <summary>
/// A membership collected by Stripe Billing (issue 19), with the stand-in's test clock standing for the months: joining with
/// a saved card starts the subscription and pays the first month; a renewal declined is past due (benefits paused, the
/// client emailed with the next attempt); a new month's invoice voids the older one still open; a new card pays the current
/// month only. Payments are recorded once however often Stripe tells them, on two instances at once.
/// </summary>
public sealed class StripeMembershipBillingTests(WebAppFixture fixture) : WebTest(fixture)
{
    private sealed record Member(TestClinic Clinic, Guid MembershipId, string CustomerId, string ClockId, string Card, DateTime Joined);

    private async Task<Guid> StaffAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"owner.{Guid.NewGuid():N}@clinic.test";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Owner" };
        (await users.CreateAsync(user, AccountFlows.Password)).Succeeded.ShouldBeTrue();
        return user.Id;
    }

    /// <summary>A client with a card saved at Stripe (on a test clock at now) and a membership of a $99 Stripe plan, not yet started.</summary>
    private async Task<Member> MemberAsync()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var staff = await StaffAsync();
        var joined = DateTime.UnixEpoch.AddSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()); // Stripe counts whole seconds
        var clock = await new TestClockService(Stripe.Client()).CreateAsync(new TestClockCreateOptions { FrozenTime = joined });
        var customer = await new CustomerService(Stripe.Client()).CreateAsync(new CustomerCreateOptions { Email = clinic.Client.Email, TestClock = clock.Id });
        var card = await new PaymentMethodService(Stripe.Client()).AttachAsync("pm_card_visa", new PaymentMethodAttachOptions { Customer = customer.Id });
        var plan = MembershipPlan.Define(
            new MembershipTerms("Glow club", new Money(99m, "USD"), [clinic.Facial.Id], 1, 10m, 0m, false, 2, 30, MembershipCollection.Stripe), staff, DateTimeOffset.UtcNow);
        var membership = Membership.Join(clinic.Client.Id, plan, TestClinic.Zone.Today(DateTimeOffset.UtcNow), staff, DateTimeOffset.UtcNow);
        await using var db = Database.CreateContext();
        db.PaymentCustomers.Add(new PaymentCustomer(clinic.Client.Id, customer.Id, DateTimeOffset.UtcNow));
        db.MembershipPlans.Add(plan);
        db.Memberships.Add(membership);
        await db.SaveChangesAsync();
        return new Member(clinic, membership.Id, customer.Id, clock.Id, card.Id, joined);
    }

    private async Task<MembershipOutcome> StartAsync(Member member)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StartStripeSubscription>().HandleAsync(member.MembershipId, member.Card, CancellationToken.None);
    }

    private async Task<List<MembershipPeriod>> PeriodsAsync(Member member)
    {
        await using var db = Database.CreateContext();
        return await db.MembershipPeriods.AsNoTracking().Where(p => p.MembershipId == member.MembershipId).OrderBy(p => p.Number).ToListAsync();
    }

    /// <summary>Waits up to 20 s for Stripe's webhooks to bring the periods to what the test expects.</summary>
    private async Task<List<MembershipPeriod>> PeriodsWhenAsync(Member member, Func<List<MembershipPeriod>, bool> done)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var periods = await PeriodsAsync(member);
            if (done(periods))
            {
                return periods;
            }

            await Task.Delay(100);
        }

        var last = await PeriodsAsync(member);
        throw new ShouldAssertException($"The periods never came to it: {string.Join("; ", last.Select(p => $"{p.Number} {p.State} failed {p.FailedAttempts} {p.StripeInvoiceId}"))}");
    }

    private Task AdvanceAsync(Member member, DateTime to) =>
        new TestClockService(Stripe.Client()).AdvanceAsync(member.ClockId, new TestClockAdvanceOptions { FrozenTime = to });

    private async Task<long> ChargedAtStripeAsync(Member member) =>
        (await new PaymentIntentService(Stripe.Client()).ListAsync(new PaymentIntentListOptions { Customer = member.CustomerId }))
            .Data.Where(i => i.Status == "succeeded").Sum(i => i.AmountReceived);

    private async Task<decimal> PaidOnLedgerAsync(Member member)
    {
        await using var db = Database.CreateContext();
        return await db.Invoices.AsNoTracking().Where(i => i.ClientId == member.Clinic.Client.Id)
            .SelectMany(i => i.Entries).Where(e => e.Kind == EntryKind.Payment).SumAsync(e => e.Amount);
    }

    [Fact]
    public async Task A_membership_renews_fails_twice_recovers_with_a_new_card_and_is_charged_one_month_not_the_missed_one()
    {
        var member = await MemberAsync();
        await Stripe.ControlAsync("billing/settings?after_retries=past_due");
        try
        {
            (await StartAsync(member)).Status.ShouldBe(MembershipOutcomeStatus.Done);
            (await PeriodsAsync(member)).Single().State.ShouldBe(PeriodState.Paid);
            string subscriptionId;
            await using (var db = Database.CreateContext())
            {
                subscriptionId = (await db.Memberships.SingleAsync(m => m.Id == member.MembershipId)).StripeSubscriptionId!;
            }

            // The client's card starts declining (the 0341 card is now the subscription's).
            var failing = await new PaymentMethodService(Stripe.Client()).AttachAsync("pm_card_chargeCustomerFail", new PaymentMethodAttachOptions { Customer = member.CustomerId });
            await new SubscriptionService(Stripe.Client()).UpdateAsync(subscriptionId, new SubscriptionUpdateOptions { DefaultPaymentMethod = failing.Id });

            var second = member.Joined.AddMonths(1);
            await AdvanceAsync(member, second.AddHours(1));
            var periods = await PeriodsWhenAsync(member, p => p.Count == 2 && p[1].FailedAttempts == 1);
            (periods[1].State, periods[1].PastDue, periods[1].NextAttemptAt).ShouldBe((PeriodState.Due, true, (DateTimeOffset?)new DateTimeOffset(second.AddDays(3))));

            await AdvanceAsync(member, second.AddDays(3).AddHours(1));
            await PeriodsWhenAsync(member, p => p[1].FailedAttempts == 2);

            var third = member.Joined.AddMonths(2);
            await AdvanceAsync(member, third.AddHours(1));
            periods = await PeriodsWhenAsync(member, p => p.Count == 3 && p[2].FailedAttempts == 1);
            var invoices = (await new InvoiceService(Stripe.Client()).ListAsync(new InvoiceListOptions { Subscription = subscriptionId })).Data;
            for (var attempt = 0; attempt < 100 && invoices.Count(i => i.Status == "open") > 1; attempt++)
            {
                await Task.Delay(100);
                invoices = (await new InvoiceService(Stripe.Client()).ListAsync(new InvoiceListOptions { Subscription = subscriptionId })).Data;
            }

            invoices.Single(i => i.Id == periods[1].StripeInvoiceId).Status.ShouldBe("void", "the missed month is voided at Stripe when the next one comes");

            await using (var scope = App.Services.CreateAsyncScope())
            {
                (await scope.ServiceProvider.GetRequiredService<ChangeMembershipCard>().HandleAsync(member.MembershipId, member.Card, CancellationToken.None))
                    .Status.ShouldBeOneOf(MembershipOutcomeStatus.Done, MembershipOutcomeStatus.AlreadyDone);
            }

            periods = await PeriodsWhenAsync(member, p => p[2].State == PeriodState.Paid);
            periods.Select(p => p.State).ShouldBe([PeriodState.Paid, PeriodState.Forfeited, PeriodState.Paid]);
            (await ChargedAtStripeAsync(member)).ShouldBe(2 * 9900, "the first month and the current one: never the missed one");
            (await PaidOnLedgerAsync(member)).ShouldBe(198m);
            (await new SubscriptionService(Stripe.Client()).GetAsync(subscriptionId)).Status.ShouldBe("active");
        }
        finally
        {
            await Stripe.ControlAsync("billing/settings?after_retries=cancel");
        }
    }

    [Fact]
    public async Task A_renewal_paid_is_recorded_once_when_Stripe_tells_it_again_and_two_instances_record_it_at_once()
    {
        var member = await MemberAsync();
        (await StartAsync(member)).Status.ShouldBe(MembershipOutcomeStatus.Done);
        (await StartAsync(member)).Status.ShouldBe(MembershipOutcomeStatus.AlreadyDone, "joining twice starts one subscription");
        await AdvanceAsync(member, member.Joined.AddMonths(1).AddHours(1));
        var periods = await PeriodsWhenAsync(member, p => p.Count == 2 && p[1].State == PeriodState.Paid);

        var paid = (await new EventService(Stripe.Client()).ListAsync(new EventListOptions { Type = "invoice.paid", Limit = 100 })).Data
            .Single(e => ((Stripe.Invoice)e.Data.Object).Id == periods[1].StripeInvoiceId);
        await Stripe.ControlAsync($"events/{paid.Id}/resend");
        await using (var one = App.WithWebHostBuilder(_ => { }))
        await using (var two = App.WithWebHostBuilder(_ => { }))
        {
            async Task<MembershipOutcome> RecordAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> instance)
            {
                await using var scope = instance.Services.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<RecordSubscriptionPayment>().PaidAsync(member.MembershipId, periods[1].StripeInvoiceId!, CancellationToken.None);
            }

            var outcomes = await Task.WhenAll(Task.Run(() => RecordAsync(one)), Task.Run(() => RecordAsync(two)));
            outcomes.ShouldAllBe(o => o.Status == MembershipOutcomeStatus.AlreadyDone);
        }

        await Task.Delay(500);
        (await PeriodsAsync(member)).Select(p => p.State).ShouldBe([PeriodState.Paid, PeriodState.Paid]);
        (await PaidOnLedgerAsync(member)).ShouldBe(198m, "two months, each once");
        (await ChargedAtStripeAsync(member)).ShouldBe(2 * 9900);
    }
}
