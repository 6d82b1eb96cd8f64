using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Payments;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using MicroSpa.Web.Tests.Payments;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace MicroSpa.Web.Tests.Fees;

/// <summary>
/// Money for a fee that Stripe took while MicroSpa did not hear of it at once: the desk's charge whose answer was lost
/// (the stand-in does the charge and cuts the connection before answering, Stripe.net's retries too), and a link payment
/// for a fee invoice voided meanwhile. Every figure is recomputed from the rows (ledger entries, online payments and
/// refunds, Stripe's own payment intents), never read from MicroSpa's sums.
/// </summary>
public sealed class FeeReconcileTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Lost = "Stripe did not answer, so we do not know yet whether the card was charged";

    private async Task<(Guid AppointmentId, string Customer, Domain.Clients.Client Client)> NoShowWithCardAsync(bool card = true)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var start = DateTimeOffset.UtcNow.AddDays(1);
        var visit = await clinic.BookAsync(Database, start);
        await using var db = Database.CreateContext();
        var saved = await db.Appointments.SingleAsync(a => a.Id == visit.Id);
        saved.MarkNoShow(start.AddMinutes(30), TestClinic.By);
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlAsync($"UPDATE billing_settings SET no_show_fee_kind = 'Fixed', no_show_fee_value = 40");
        var customer = await new CustomerService(Stripe.Client()).CreateAsync(new CustomerCreateOptions { Email = clinic.Client.Email });
        db.PaymentCustomers.Add(new PaymentCustomer(clinic.Client.Id, customer.Id, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        if (card)
        {
            await new PaymentMethodService(Stripe.Client()).AttachAsync("pm_card_visa", new PaymentMethodAttachOptions { Customer = customer.Id });
        }

        return (visit.Id, customer.Id, clinic.Client);
    }

    /// <summary>The fee invoice's payments and what is due on it, from its ledger rows: issued − credits − void − payments + refunds.</summary>
    private async Task<(List<LedgerEntry> Payments, decimal Due)> FeeInvoiceRowsAsync(Guid appointmentId)
    {
        await using var db = Database.CreateContext();
        var id = await db.Invoices.Where(i => i.AppointmentId == appointmentId).Select(i => i.Id).SingleAsync();
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.InvoiceId == id).ToListAsync();
        return (entries.Where(e => e.Kind == EntryKind.Payment).ToList(),
            entries.Sum(e => e.Kind switch { EntryKind.Issued or EntryKind.Refund => e.Amount, _ => -e.Amount }));
    }

    private async Task<List<PaymentIntent>> SucceededAtStripeAsync(string customer) =>
        [.. (await new PaymentIntentService(Stripe.Client()).ListAsync(new PaymentIntentListOptions { Customer = customer })).Data.Where(i => i.Status == "succeeded")];

    private async Task DeliveredAsync(string type, string mark)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!Stripe.Delivered.Any(d => d.Status == 200 && d.Body.Contains($"\"{type}\"", StringComparison.Ordinal) && d.Body.Contains(mark, StringComparison.Ordinal)))
        {
            await Task.Delay(100, deadline.Token);
        }
    }

    private async Task<(Page Page, string Location)> ChargeWithTheAnswerLostAsync(WebSession desk, Guid appointmentId)
    {
        var confirm = await desk.GetAsync($"/front-desk/appointments/{appointmentId}/fee");
        await Stripe.ControlAsync("faults/drop-answers?path=/v1/payment_intents");
        Page charged;
        try
        {
            charged = await desk.SubmitAsync(confirm, new Dictionary<string, string>(), $"/front-desk/appointments/{appointmentId}/fee/charge");
        }
        finally
        {
            await Stripe.ControlAsync("faults/clear");
        }

        charged.Status.ShouldBe(HttpStatusCode.Redirect);
        var page = await desk.FollowAsync(charged);
        var problem = page.Document.QuerySelector("#fee-problem")?.TextContent ?? throw new ShouldAssertException(page.Document.Body!.TextContent);
        problem.ShouldContain(Lost);
        problem.ShouldContain("the card is never charged twice");
        problem.ShouldNotContain("declined", Case.Insensitive);
        return (page, charged.Location!);
    }

    [Fact]
    public async Task A_charge_whose_answer_was_lost_says_the_outcome_is_unknown_and_Stripes_notice_records_it_once()
    {
        var (id, customer, _) = await NoShowWithCardAsync();
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);

        var (page, location) = await ChargeWithTheAnswerLostAsync(desk, id);
        var intent = (await SucceededAtStripeAsync(customer)).ShouldHaveSingleItem("Stripe did charge it");
        await DeliveredAsync("payment_intent.succeeded", intent.Id);

        var (payments, due) = await FeeInvoiceRowsAsync(id);
        var payment = payments.ShouldHaveSingleItem();
        (payment.Tender, payment.Amount, payment.Reference).ShouldBe((Tender.Card, 40m, intent.Id));
        due.ShouldBe(0m);
        await using (var db = Database.CreateContext())
        {
            (await db.OnlinePayments.SingleAsync()).PaymentIntentId.ShouldBe(intent.Id);
            (await db.AuditEntries.CountAsync(a => a.Action == "money.fee-unknown")).ShouldBe(1);
            (await db.AuditEntries.CountAsync(a => a.Action == "money.fee-refused")).ShouldBe(0, "it was never a decline");
        }

        // The desk sends the same charge again: nothing is due, nothing is charged.
        var method = (await new PaymentMethodService(Stripe.Client()).ListAsync(new PaymentMethodListOptions { Customer = customer })).Data.Single().Id;
        var again = await desk.PostAsync(page, $"/front-desk/appointments/{id}/fee/charge", new Dictionary<string, string>
        {
            ["SubmissionId"] = new Uri(new Uri("http://localhost"), location).Query.Split("repeat=")[1], ["PaymentMethodId"] = method,
        });
        again.Status.ShouldBe(HttpStatusCode.Redirect);
        (await desk.FollowAsync(again)).Document.QuerySelector("#fee-settled").ShouldNotBeNull();
        (await FeeInvoiceRowsAsync(id)).Payments.Count.ShouldBe(1);
        (await SucceededAtStripeAsync(customer)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_charge_whose_answer_was_lost_is_recorded_once_when_the_desk_repeats_it_before_Stripes_notice_comes()
    {
        var (id, customer, _) = await NoShowWithCardAsync();
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        await Stripe.ControlAsync("webhooks/hold");
        try
        {
            var (page, location) = await ChargeWithTheAnswerLostAsync(desk, id);
            var submission = page.Document.QuerySelector("#charge-form input[name=SubmissionId]")!.GetAttribute("value")!;
            location.ShouldContain($"repeat={submission}", Case.Insensitive, "the page repeats the same submission");
            (await FeeInvoiceRowsAsync(id)).Payments.ShouldBeEmpty("nothing is recorded while the outcome is unknown");

            var repeated = await desk.FollowAsync(await desk.SubmitAsync(page, new Dictionary<string, string>(), $"/front-desk/appointments/{id}/fee/charge"));
            repeated.Text.ShouldContain("Charged $40.00 to Visa ending in 4242.");
        }
        finally
        {
            await Stripe.ControlAsync("webhooks/release");
        }

        var intent = (await SucceededAtStripeAsync(customer)).ShouldHaveSingleItem("the card was charged once");
        await DeliveredAsync("payment_intent.succeeded", intent.Id);
        var (payments, due) = await FeeInvoiceRowsAsync(id);
        payments.ShouldHaveSingleItem().Reference.ShouldBe(intent.Id);
        due.ShouldBe(0m);
        await using var db = Database.CreateContext();
        (await db.OnlinePayments.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task A_fresh_page_after_a_lost_answer_records_what_Stripe_charged_instead_of_charging_again()
    {
        var (id, customer, _) = await NoShowWithCardAsync();
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        await Stripe.ControlAsync("webhooks/hold");
        try
        {
            await ChargeWithTheAnswerLostAsync(desk, id);
            var fresh = await desk.GetAsync($"/front-desk/appointments/{id}/fee");
            var charged = await desk.FollowAsync(await desk.SubmitAsync(fresh, new Dictionary<string, string>(), $"/front-desk/appointments/{id}/fee/charge"));
            charged.Text.ShouldContain("Charged $40.00 to Visa ending in 4242.");
        }
        finally
        {
            await Stripe.ControlAsync("webhooks/release");
        }

        var intent = (await SucceededAtStripeAsync(customer)).ShouldHaveSingleItem("a new submission did not charge the card again");
        await DeliveredAsync("payment_intent.succeeded", intent.Id);
        (await FeeInvoiceRowsAsync(id)).Payments.ShouldHaveSingleItem().Reference.ShouldBe(intent.Id);
    }

    [Fact]
    public async Task A_link_payment_for_a_fee_invoice_voided_meanwhile_is_refunded_at_Stripe_and_the_client_is_told_once()
    {
        var (id, _, client) = await NoShowWithCardAsync(card: false);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        (await desk.SubmitAsync($"/front-desk/appointments/{id}/fee", new Dictionary<string, string>(), $"/front-desk/appointments/{id}/fee/link")).Status.ShouldBe(HttpStatusCode.Redirect);
        Guid invoiceId;
        string link;
        await using (var db = Database.CreateContext())
        {
            invoiceId = await db.Invoices.Where(i => i.AppointmentId == id).Select(i => i.Id).SingleAsync();
            link = (await db.Outbox.SingleAsync(m => m.Kind == "fee-link")).TextBody.Split('\n').Single(l => l.Contains("/pay/cs_", StringComparison.Ordinal)).Trim();
        }

        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        (await admin.SubmitAsync($"/checkout/invoices/{invoiceId}", new Dictionary<string, string> { ["VoidReason"] = "Fee waived" }, $"/checkout/invoices/{invoiceId}/void"))
            .Status.ShouldBe(HttpStatusCode.Redirect);

        var back = await StripeFlows.PayOnHostedPageAsync(link, "4242 4242 4242 4242", "12 / 30");
        using var anonymous = NewSession();
        var thanks = await anonymous.GetAsync(StripeFlows.AppPath(back));
        (thanks.Document.QuerySelector("#fee-refunded")?.TextContent ?? thanks.Document.Body!.TextContent).ShouldContain("Your payment of $40.00 reached us after the fee had been settled or cancelled");
        await using var check = Database.CreateContext();
        var paid = await check.OnlinePayments.SingleAsync();
        await DeliveredAsync("checkout.session.completed", paid.CheckoutSessionId!);
        await DeliveredAsync("payment_intent.succeeded", paid.PaymentIntentId);
        (await anonymous.GetAsync(StripeFlows.AppPath(back))).Document.QuerySelector("#fee-refunded").ShouldNotBeNull("a reload refunds nothing more");

        var refund = await check.OnlineRefunds.SingleAsync();
        (refund.PaymentIntentId, refund.Amount, refund.Reason).ShouldBe((paid.PaymentIntentId, 40m, OnlineRefundReason.LedgerRefused));
        var atStripe = (await new RefundService(Stripe.Client()).ListAsync(new RefundListOptions { PaymentIntent = paid.PaymentIntentId })).Data.ShouldHaveSingleItem();
        (atStripe.Id, atStripe.Amount).ShouldBe((refund.Id, 4000L));
        (paid.Amount - await check.OnlineRefunds.Where(r => r.PaymentIntentId == paid.PaymentIntentId).SumAsync(r => r.Amount)).ShouldBe(0m, "no money sits unrecorded");
        (await FeeInvoiceRowsAsync(id)).Payments.ShouldBeEmpty();
        var email = (await check.Outbox.Where(m => m.Kind == "fee-refunded").ToListAsync()).ShouldHaveSingleItem();
        email.To.ShouldBe(client.Email);
        email.TextBody.ShouldContain("Your payment of $40.00 reached us after the fee had been settled or cancelled, so we did not keep it.");
    }
}
