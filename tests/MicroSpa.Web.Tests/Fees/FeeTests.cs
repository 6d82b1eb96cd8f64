using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using MicroSpa.Web.Tests.Payments;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace MicroSpa.Web.Tests.Fees;

/// <summary>
/// The desk charges a no-show or late-cancellation fee from the clinic's policy to the client's saved card at the stand-in
/// Stripe, after confirming it on a page that names the amount, the card and the policy accepted; a decline is shown with
/// the next step, and the link emailed to the client pays it once.
/// </summary>
public sealed class FeeTests(WebAppFixture fixture) : WebTest(fixture)
{
    private async Task<(TestClinic Clinic, Appointment Visit, string Customer)> NoShowAsync(string? feeKind = "Fixed", decimal feeValue = 40m)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var start = DateTimeOffset.UtcNow.AddDays(1);
        var visit = await clinic.BookAsync(Database, start);
        await using var db = Database.CreateContext();
        var saved = await db.Appointments.SingleAsync(a => a.Id == visit.Id);
        saved.MarkNoShow(start.AddMinutes(30), TestClinic.By);
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlAsync($"UPDATE billing_settings SET no_show_fee_kind = {feeKind}, no_show_fee_value = {feeValue}, cancellation_fee_kind = 'Percent', cancellation_fee_value = 50");
        var customer = await new CustomerService(Stripe.Client()).CreateAsync(new CustomerCreateOptions { Email = clinic.Client.Email });
        db.PaymentCustomers.Add(new PaymentCustomer(clinic.Client.Id, customer.Id, DateTimeOffset.UtcNow));
        db.PolicyAcceptances.Add(new PolicyAcceptance(clinic.Client.Id, visit.Id, 1, "A card kept for the fees", DateTimeOffset.UtcNow.AddDays(-3), "203.0.113.5", "Test browser"));
        await db.SaveChangesAsync();
        return (clinic, saved, customer.Id);
    }

    private Task<WebSession> DeskAsync() => AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);

    private async Task<Domain.Billing.Invoice> FeeInvoiceAsync(Guid appointmentId)
    {
        await using var db = Database.CreateContext();
        return await db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.Entries).SingleAsync(i => i.AppointmentId == appointmentId);
    }

    [Fact]
    public async Task The_desk_confirms_the_no_show_fee_and_it_is_charged_once_to_the_saved_card()
    {
        var (_, visit, customer) = await NoShowAsync();
        var card = (await new PaymentMethodService(Stripe.Client()).AttachAsync("pm_card_visa", new PaymentMethodAttachOptions { Customer = customer })).Id;
        using var desk = await DeskAsync();

        var appointment = await desk.GetAsync($"/front-desk/appointments/{visit.Id}");
        appointment.Document.QuerySelector("#offer-fee")!.TextContent.ShouldBe("Charge the no-show fee of $40.00");
        var confirm = await desk.GetAsync($"/front-desk/appointments/{visit.Id}/fee");
        confirm.Document.QuerySelector("#fee-card")!.TextContent.ShouldContain("Visa ending in 4242");
        confirm.Document.QuerySelector("#fee-policy")!.TextContent.ShouldContain("version 1");
        confirm.Document.QuerySelector("#charge-fee")!.TextContent.ShouldBe("Charge $40.00 to Visa ending in 4242");
        (await FeeInvoiceCountAsync()).ShouldBe(0, "opening the page charges nothing and opens no invoice");

        var taps = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => desk.SubmitAsync(confirm, new Dictionary<string, string>(), $"/front-desk/appointments/{visit.Id}/fee/charge")));
        taps.ShouldAllBe(t => t.Status == HttpStatusCode.Redirect);
        var after = await desk.FollowAsync(taps[0]);
        after.Text.ShouldContain("Charged $40.00 to Visa ending in 4242.");
        after.Document.QuerySelector("#fee-settled").ShouldNotBeNull();

        var invoice = await FeeInvoiceAsync(visit.Id);
        invoice.Lines.ShouldHaveSingleItem().Kind.ShouldBe(LineKind.Fee);
        invoice.Lines.Single().TaxKind.ShouldBeNull();
        var payment = invoice.Entries.Where(e => e.Kind == EntryKind.Payment).ShouldHaveSingleItem("a triple tap charges once");
        payment.Tender.ShouldBe(Tender.Card);
        payment.Reference!.ShouldStartWith("pi_");
        (payment.CardBrand, payment.CardLastFour).ShouldBe(("visa", "4242"));
        (invoice.Charged, invoice.Paid, invoice.Due, invoice.State).ShouldBe((40m, 40m, 0m, InvoiceState.Paid));
        await using var db = Database.CreateContext();
        var online = await db.OnlinePayments.SingleAsync();
        (online.Purpose, online.InvoiceId, online.PaymentIntentId, online.Amount).ShouldBe((OnlinePurpose.Fee, invoice.Id, payment.Reference, 40m));
        var intent = await new PaymentIntentService(Stripe.Client()).GetAsync(online.PaymentIntentId);
        (intent.Status, intent.Amount, intent.PaymentMethodId).ShouldBe(("succeeded", 4000L, card));
        (await db.AuditEntries.CountAsync(a => a.Action == "money.payment" && a.ClientId == visit.ClientId)).ShouldBe(1);
    }

    private async Task<int> FeeInvoiceCountAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Invoices.CountAsync();
    }

    [Fact]
    public async Task A_declined_card_is_shown_in_plain_words_and_the_emailed_link_pays_the_fee_once()
    {
        var (_, visit, customer) = await NoShowAsync();
        await StripeFlows.SaveCardAtStripeAsync(Stripe, customer, "4000 0000 0000 0341", "12 / 30");
        using var desk = await DeskAsync();

        var confirm = await desk.GetAsync($"/front-desk/appointments/{visit.Id}/fee");
        var declined = await desk.FollowAsync(await desk.SubmitAsync(confirm, new Dictionary<string, string>(), $"/front-desk/appointments/{visit.Id}/fee/charge"));

        declined.Document.QuerySelector("#fee-problem")!.TextContent.ShouldBe(
            "The card was declined (Visa ending in 0341). Nothing was charged. Send the client a link to pay, or take the payment at the desk.");
        var open = await FeeInvoiceAsync(visit.Id);
        (open.State, open.Due, open.Paid).ShouldBe((InvoiceState.Open, 40m, 0m));
        await using (var db = Database.CreateContext())
        {
            (await db.OnlinePayments.CountAsync()).ShouldBe(0);
            (await db.AuditEntries.SingleAsync(a => a.Action == "money.fee-refused")).Detail!.ShouldContain("declined");
        }

        var sent = await desk.FollowAsync(await desk.SubmitAsync(declined, new Dictionary<string, string>(), $"/front-desk/appointments/{visit.Id}/fee/link"));
        sent.Text.ShouldContain("A link to pay $40.00 was emailed to the client.");
        string link;
        await using (var db = Database.CreateContext())
        {
            var email = await db.Outbox.SingleAsync(m => m.Kind == "fee-link");
            email.To.ShouldBe("test.client@example.com");
            email.TextBody.ShouldContain("the no-show fee of $40.00");
            link = email.TextBody.Split('\n').Single(l => l.Contains("/pay/cs_", StringComparison.Ordinal)).Trim();
            var checkout = await db.OnlineCheckouts.SingleAsync(c => c.Purpose == OnlinePurpose.Fee);
            (checkout.InvoiceId, checkout.Amount).ShouldBe((open.Id, 40m));
        }

        var back = await StripeFlows.PayOnHostedPageAsync(link, "4242 4242 4242 4242", "12 / 30");
        using var anonymous = NewSession();
        var thanks = await anonymous.GetAsync(StripeFlows.AppPath(back));
        thanks.Status.ShouldBe(HttpStatusCode.OK, string.Join("\n", App.Log.Lines.Where(l => l.Contains("xception"))));
        thanks.Document.QuerySelector("#fee-paid")!.TextContent.ShouldContain("your payment of $40.00 is received");
        (await anonymous.GetAsync(StripeFlows.AppPath(back))).Status.ShouldBe(HttpStatusCode.OK, "a reload records nothing more");

        var paid = await FeeInvoiceAsync(visit.Id);
        paid.Entries.Count(e => e.Kind == EntryKind.Payment).ShouldBe(1);
        (paid.Entries.Where(e => e.Kind == EntryKind.Issued).Sum(e => e.Amount) - paid.Entries.Where(e => e.Kind == EntryKind.Payment).Sum(e => e.Amount)).ShouldBe(0m);
        paid.State.ShouldBe(InvoiceState.Paid);
        await using var check = Database.CreateContext();
        (await check.OnlinePayments.SingleAsync()).CheckoutSessionId.ShouldNotBeNull();
        (await desk.GetAsync($"/front-desk/appointments/{visit.Id}/fee")).Document.QuerySelector("#fee-settled").ShouldNotBeNull();
    }

    [Fact]
    public async Task The_return_page_says_the_payment_cannot_be_checked_while_Stripe_is_down_and_shows_it_paid_once_Stripe_answers()
    {
        var (_, visit, customer) = await NoShowAsync();
        await StripeFlows.SaveCardAtStripeAsync(Stripe, customer, "4000 0000 0000 0341", "12 / 30");
        using var desk = await DeskAsync();
        var declined = await desk.FollowAsync(await desk.SubmitAsync(await desk.GetAsync($"/front-desk/appointments/{visit.Id}/fee"), new Dictionary<string, string>(), $"/front-desk/appointments/{visit.Id}/fee/charge"));
        await desk.SubmitAsync(declined, new Dictionary<string, string>(), $"/front-desk/appointments/{visit.Id}/fee/link");
        string link;
        await using (var db = Database.CreateContext())
        {
            link = (await db.Outbox.SingleAsync(m => m.Kind == "fee-link")).TextBody.Split('\n').Single(l => l.Contains("/pay/cs_", StringComparison.Ordinal)).Trim();
        }

        // Stripe's notice is held back, so only the return page can record the payment; and Stripe answers 500 for charges.
        await Stripe.ControlAsync("webhooks/hold");
        try
        {
            await PaidWhileStripeIsDownAsync(visit.Id, link);
        }
        finally
        {
            await Stripe.ControlAsync("faults/clear");
            await Stripe.ControlAsync("webhooks/release");
        }

        var paid = await FeeInvoiceAsync(visit.Id);
        paid.Entries.Count(e => e.Kind == EntryKind.Payment).ShouldBe(1, "Stripe's notice, let go, records nothing more");
        (paid.Due, paid.State).ShouldBe((0m, InvoiceState.Paid));
    }

    private async Task PaidWhileStripeIsDownAsync(Guid visitId, string link)
    {
        var back = await StripeFlows.PayOnHostedPageAsync(link, "4242 4242 4242 4242", "12 / 30");
        using var anonymous = NewSession();
        await Stripe.ControlAsync("faults/unavailable?path=/v1/charges");
        var unknown = await anonymous.GetAsync(StripeFlows.AppPath(back));
        await Stripe.ControlAsync("faults/clear");

        unknown.Status.ShouldBe(HttpStatusCode.OK);
        unknown.Document.QuerySelector("#fee-unknown")!.TextContent.ShouldContain("We could not check your payment");
        unknown.Document.QuerySelector("#fee-paid").ShouldBeNull();
        unknown.Document.QuerySelector("#fee-not-paid").ShouldBeNull("it is not known to be unpaid");
        (await FeeInvoiceAsync(visitId)).Entries.Count(e => e.Kind == EntryKind.Payment).ShouldBe(0, "nothing half-recorded");

        var reloaded = await anonymous.GetAsync(StripeFlows.AppPath(back));
        reloaded.Document.QuerySelector("#fee-paid")!.TextContent.ShouldContain("your payment of $40.00 is received");
        (await FeeInvoiceAsync(visitId)).Entries.Count(e => e.Kind == EntryKind.Payment).ShouldBe(1);
    }

    [Fact]
    public async Task A_late_cancellation_fee_is_a_percent_of_the_price_and_no_fee_means_no_offer()
    {
        var (clinic, visit, _) = await NoShowAsync(feeKind: "None", feeValue: 0m);
        using var desk = await DeskAsync();
        (await desk.GetAsync($"/front-desk/appointments/{visit.Id}")).Document.QuerySelector("#offer-fee").ShouldBeNull();
        (await desk.GetAsync($"/front-desk/appointments/{visit.Id}/fee")).Status.ShouldBe(HttpStatusCode.NotFound);

        var late = await clinic.BookAsync(Database, DateTimeOffset.UtcNow.AddHours(5));
        await using (var db = Database.CreateContext())
        {
            var saved = await db.Appointments.SingleAsync(a => a.Id == late.Id);
            saved.Cancel(CancellationReason.ClientRequest, null, TimeSpan.FromHours(24), DateTimeOffset.UtcNow, TestClinic.By);
            await db.SaveChangesAsync();
            saved.CancellationReason.ShouldBe(CancellationReason.LateCancel);
        }

        (await desk.GetAsync($"/front-desk/appointments/{late.Id}")).Document.QuerySelector("#offer-fee")!.TextContent.ShouldBe("Charge the late-cancellation fee of $175.00");
        var page = await desk.GetAsync($"/front-desk/appointments/{late.Id}/fee");
        page.Document.QuerySelector("#no-card").ShouldNotBeNull();
        page.Document.QuerySelector("#fee-policy")!.TextContent.ShouldContain("none recorded");
    }

    [Fact]
    public async Task Bad_input_and_the_wrong_people_change_nothing()
    {
        var (_, visit, customer) = await NoShowAsync();
        await new PaymentMethodService(Stripe.Client()).AttachAsync("pm_card_visa", new PaymentMethodAttachOptions { Customer = customer });
        var otherCard = (await StripeFlows.CustomerWithCardAsync(Stripe, Database, (await BookingOtherClientAsync()).Id)).PaymentMethod;
        using var desk = await DeskAsync();
        var page = await desk.GetAsync($"/front-desk/appointments/{visit.Id}/fee");
        var url = $"/front-desk/appointments/{visit.Id}/fee";

        foreach (var fields in new Dictionary<string, string>[]
        {
            new(), new() { ["SubmissionId"] = "nope", ["PaymentMethodId"] = "pm_card_visa" }, new() { ["SubmissionId"] = Guid.NewGuid().ToString(), ["PaymentMethodId"] = "'; drop" },
            new() { ["SubmissionId"] = Guid.NewGuid().ToString(), ["PaymentMethodId"] = otherCard }, new() { ["SubmissionId"] = Guid.Empty.ToString(), ["PaymentMethodId"] = otherCard },
        })
        {
            var refused = await desk.PostAsync(page, $"{url}/charge", fields);
            refused.Status.ShouldBe(HttpStatusCode.Redirect, string.Join(",", fields));
            (await desk.FollowAsync(refused)).Document.QuerySelector("#fee-problem").ShouldNotBeNull();
        }

        (await desk.PostAsync(page, $"{url}/link", new Dictionary<string, string> { ["submissionId"] = "x" })).Status.ShouldBe(HttpStatusCode.Redirect);
        (await desk.GetAsync($"/front-desk/appointments/{Guid.NewGuid()}/fee")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await desk.PostAsync(page, $"/front-desk/appointments/{Guid.NewGuid()}/fee/charge", new Dictionary<string, string> { ["SubmissionId"] = Guid.NewGuid().ToString(), ["PaymentMethodId"] = "pm_x" })).Status.ShouldBe(HttpStatusCode.NotFound);
        using var anonymous = NewSession();
        foreach (var query in new[] { "", "?session_id=", "?session_id=cs_test_unknown", "?session_id=evil", $"?session_id=cs_{new string('x', 400)}" })
        {
            (await anonymous.GetAsync($"/fees/paid{query}")).Status.ShouldBe(HttpStatusCode.NotFound, query);
        }

        using var esthetician = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Esthetician);
        (await esthetician.GetAsync(url)).Status.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        await using var db = Database.CreateContext();
        (await db.LedgerEntries.CountAsync(e => e.Kind == EntryKind.Payment)).ShouldBe(0);
        (await db.OnlinePayments.CountAsync()).ShouldBe(0);
    }

    private async Task<Domain.Clients.Client> BookingOtherClientAsync()
    {
        var other = new Domain.Clients.Client("Ada", "Other", "ada.other@example.com", null, DateTimeOffset.UtcNow);
        await using var db = Database.CreateContext();
        db.Clients.Add(other);
        await db.SaveChangesAsync();
        return other;
    }
}
