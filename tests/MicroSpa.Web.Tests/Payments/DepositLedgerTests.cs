using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using static MicroSpa.Web.Tests.Checkout.CheckoutFlows;

namespace MicroSpa.Web.Tests.Payments;

/// <summary>
/// A deposit paid online at the desk's checkout and in its refunds (issue 18), through the pages, on PostgreSQL, against
/// the Stripe stand-in: used once on the visit's invoice, shown on the receipt, refunded through Stripe (or refused as
/// Stripe refuses it, writing nothing), given back on its own when the client cancels in time. Every balance is
/// recomputed here from the insert-only rows, not read from MicroSpa's own sums.
/// </summary>
public sealed class DepositLedgerTests(WebAppFixture fixture) : WebTest(fixture)
{
    private Task<WebSession> SignedInStaffAsync(string role) => AccountFlows.SignedInStaffAsync(App, NewSession, role);

    /// <summary>What the client paid at Stripe (pm_card_visa, confirmed) and the row h1's booking flow keeps for it.</summary>
    private async Task<string> DepositPaidAsync(Guid clientId, Guid appointmentId, decimal amount)
    {
        var stripe = Stripe.Client();
        var customer = await new CustomerService(stripe).CreateAsync(new CustomerCreateOptions { Email = "deposit@example.com" });
        var intent = await new PaymentIntentService(stripe).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = (long)(amount * 100m), Currency = "usd", Customer = customer.Id, PaymentMethod = "pm_card_visa", Confirm = true,
        });
        intent.Status.ShouldBe("succeeded");
        await using var db = Database.CreateContext();
        db.OnlinePayments.Add(new OnlinePayment(intent.Id, OnlinePurpose.Deposit, clientId, appointmentId, null, new Money(amount, "USD"), null,
            intent.LatestChargeId, "visa", "4242", DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return intent.Id;
    }

    /// <summary>A completed visit of today (booked at 350, no tax) with a deposit paid, checked out to a draft.</summary>
    private async Task<(TestClinic Clinic, WebSession Desk, Guid AppointmentId, string Intent, string InvoiceUrl)> VisitWithDepositAsync(decimal deposit)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.SoonToday());
        await TestClinic.GiveIntakeAsync(Database, appointment.Id);
        var intent = await DepositPaidAsync(clinic.Client.Id, appointment.Id, deposit);
        var desk = await SignedInStaffAsync(Roles.FrontDesk);
        await CompleteAsync(desk, appointment.Id);
        return (clinic, desk, appointment.Id, intent, await CheckOutAsync(desk, appointment.Id));
    }

    /// <summary>Held, recomputed from the rows: paid − refunded at Stripe − used by the ledger + use the ledger gave back.</summary>
    private async Task<decimal> HeldFromRowsAsync(string intent)
    {
        await using var db = Database.CreateContext();
        var paid = await db.OnlinePayments.Where(p => p.PaymentIntentId == intent).SumAsync(p => p.Amount);
        var refunded = await db.OnlineRefunds.Where(r => r.PaymentIntentId == intent).SumAsync(r => r.Amount);
        var uses = await db.LedgerEntries.Where(e => e.Kind == EntryKind.Payment && e.Tender == Tender.Deposit && e.Reference == intent).ToListAsync();
        var useIds = uses.Select(u => u.Id).ToList();
        var givenBack = await db.LedgerEntries.Where(e => e.Kind == EntryKind.Refund && e.RefundOfId != null && useIds.Contains(e.RefundOfId.Value)).SumAsync(e => e.Amount);
        return paid - refunded - uses.Sum(u => u.Amount) + givenBack;
    }

    /// <summary>Due on the invoice, recomputed from its entries: issued − credits − void − payments + refunds.</summary>
    private async Task<decimal> DueFromRowsAsync(string invoiceUrl)
    {
        var id = Guid.Parse(invoiceUrl.Split('/')[^1]);
        await using var db = Database.CreateContext();
        var entries = await db.LedgerEntries.Where(e => e.InvoiceId == id).ToListAsync();
        return entries.Sum(e => e.Kind switch
        {
            EntryKind.Issued => e.Amount,
            EntryKind.Refund => e.Amount,
            _ => -e.Amount,
        });
    }

    private async Task GrantDeskRefundsAsync()
    {
        using var admin = await SignedInStaffAsync(Roles.Admin);
        (await admin.SubmitAsync("/checkout", new Dictionary<string, string> { ["FrontDeskMayRefund"] = "true" }, "/checkout/refund-permission"))
            .Status.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task The_deposit_shows_as_paid_online_and_is_used_once_when_the_invoice_is_issued_even_by_two_desks_at_once()
    {
        var (_, desk, _, intent, url) = await VisitWithDepositAsync(50m);
        var draft = await desk.GetAsync(url);
        Text(draft, "invoice-deposit").ShouldContain("Deposit paid online $50.00 (visa •••• 4242,");
        Text(draft, "invoice-deposit").ShouldContain("used on this invoice when you finish");

        using var second = await SignedInStaffAsync(Roles.FrontDesk);
        var pages = await Task.WhenAll(desk.GetAsync(url), second.GetAsync(url));
        var issued = await Task.WhenAll(
            desk.PostAsync(pages[0], $"{url}/issue", new Dictionary<string, string>()),
            second.PostAsync(pages[1], $"{url}/issue", new Dictionary<string, string>()));
        issued.Count(p => p.Status == HttpStatusCode.Redirect).ShouldBe(1, "one desk issues it; the other is told it is issued");

        var page = await desk.GetAsync(url);
        Text(page, "invoice-payments").ShouldContain("Deposit paid online $50.00 (visa •••• 4242,");
        Text(page, "invoice-due").ShouldBe("$300.00");
        page.Document.GetElementById("use-deposit").ShouldBeNull("nothing is held any more");
        (await DueFromRowsAsync(url)).ShouldBe(300m);
        (await HeldFromRowsAsync(intent)).ShouldBe(0m);

        var useAgain = await desk.PostAsync(page, $"{url}/deposit", new Dictionary<string, string> { ["SubmissionId"] = Guid.NewGuid().ToString() });
        useAgain.Status.ShouldBe(HttpStatusCode.OK);
        useAgain.Summary.ShouldContain("No deposit is held for this visit.");
        (await DueFromRowsAsync(url)).ShouldBe(300m);

        var paid = await OnInvoiceAsync(desk, url, "cash", new() { ["CashTendered"] = "300", ["SubmissionId"] = Guid.NewGuid().ToString() });
        Text(paid, "invoice-state").ShouldContain("Paid");
        var receipt = await desk.GetAsync($"{url}/receipt");
        receipt.Text.ShouldContain("Deposit paid online");
        receipt.Text.ShouldContain("(visa ending 4242)");
        receipt.Text.ShouldContain("$50.00");
    }

    [Fact]
    public async Task A_deposit_above_the_invoice_pays_what_is_due_and_the_rest_stays_held_until_the_desk_refunds_it_through_Stripe_once()
    {
        var (_, desk, appointmentId, intent, url) = await VisitWithDepositAsync(400m);
        var issued = await OnInvoiceAsync(desk, url, "issue", []);
        Text(issued, "invoice-state").ShouldContain("Paid");
        Text(issued, "invoice-deposit").ShouldContain("$50.00 still held");
        (await HeldFromRowsAsync(intent)).ShouldBe(50m);

        var card = await desk.GetAsync($"/front-desk/appointments/{appointmentId}");
        Text(card, "deposit-held").ShouldContain("$50.00 held");
        card.Document.QuerySelector($"form[action='/checkout/appointments/{appointmentId}/deposit-refund']").ShouldBeNull("the desk may not refund until the Admin says so");
        await GrantDeskRefundsAsync();

        card = await desk.GetAsync($"/front-desk/appointments/{appointmentId}");
        var fields = new Dictionary<string, string> { ["SubmissionId"] = Guid.NewGuid().ToString() };
        var answers = await Task.WhenAll(
            desk.PostAsync(card, $"/checkout/appointments/{appointmentId}/deposit-refund", fields),
            desk.PostAsync(card, $"/checkout/appointments/{appointmentId}/deposit-refund", fields));
        answers.ShouldAllBe(a => a.Status == HttpStatusCode.Redirect);
        var after = await desk.GetAsync($"/front-desk/appointments/{appointmentId}");
        Text(after, "deposit-held").ShouldContain("nothing held");

        await using var db = Database.CreateContext();
        var refund = await db.OnlineRefunds.SingleAsync(r => r.PaymentIntentId == intent);
        refund.Amount.ShouldBe(50m);
        refund.Reason.ShouldBe(OnlineRefundReason.ByStaff);
        (await new RefundService(Stripe.Client()).GetAsync(refund.Id)).Amount.ShouldBe(5000, "Stripe gave back 50.00, once");
        (await HeldFromRowsAsync(intent)).ShouldBe(0m);
        (await DueFromRowsAsync(url)).ShouldBe(0m);
    }

    [Fact]
    public async Task Refunding_the_deposit_payment_goes_through_Stripe_and_what_Stripe_refuses_is_shown_with_nothing_written()
    {
        var (_, desk, _, intent, url) = await VisitWithDepositAsync(100m);
        await OnInvoiceAsync(desk, url, "issue", []);
        await GrantDeskRefundsAsync();
        await using var db = Database.CreateContext();
        var invoiceId = Guid.Parse(url.Split('/')[^1]);
        var payment = await db.LedgerEntries.SingleAsync(e => e.InvoiceId == invoiceId && e.Tender == Tender.Deposit && e.Kind == EntryKind.Payment);

        var page = await desk.GetAsync(url);
        var partial = await desk.PostAsync(page, $"{url}/refund", new Dictionary<string, string>
        {
            ["PaymentId"] = payment.Id.ToString(), ["RefundAmount"] = "20", ["RefundReason"] = "Goodwill", ["SubmissionId"] = Guid.NewGuid().ToString(),
        });
        partial.Status.ShouldBe(HttpStatusCode.Redirect);
        var online = await db.OnlineRefunds.AsNoTracking().SingleAsync(r => r.PaymentIntentId == intent);
        (online.Amount, online.Reason).ShouldBe((20m, OnlineRefundReason.ByStaff));
        (await new RefundService(Stripe.Client()).GetAsync(online.Id)).Amount.ShouldBe(2000);

        // The clinic gives 75 back in Stripe's dashboard, and Stripe's notice has not come yet: Stripe has 5 left, the ledger's payment 80.
        await RefundEventsDeliveredAsync(intent, 1);
        await Stripe.ControlAsync("webhooks/hold");
        try
        {
            await new RefundService(Stripe.Client()).CreateAsync(new RefundCreateOptions { PaymentIntent = intent, Amount = 7500 });
            page = await desk.GetAsync(url);
            var entriesBefore = await db.LedgerEntries.CountAsync();
            var refused = await desk.PostAsync(page, $"{url}/refund", new Dictionary<string, string>
            {
                ["PaymentId"] = payment.Id.ToString(), ["RefundAmount"] = "30", ["RefundReason"] = "Unhappy", ["SubmissionId"] = Guid.NewGuid().ToString(),
            });
            refused.Status.ShouldBe(HttpStatusCode.OK);
            refused.Summary.ShouldContain("Stripe refused the refund: Refund amount ($30.00) is greater than unrefunded amount on charge ($5.00)");
            (await db.LedgerEntries.CountAsync()).ShouldBe(entriesBefore, "Stripe said no: nothing is written");

            var tooMuch = await desk.PostAsync(page, $"{url}/refund", new Dictionary<string, string>
            {
                ["PaymentId"] = payment.Id.ToString(), ["RefundAmount"] = "80.01", ["RefundReason"] = "Unhappy", ["SubmissionId"] = Guid.NewGuid().ToString(),
            });
            tooMuch.Summary.ShouldContain("At most 80.00 USD can go back to this deposit payment.");
            (await db.LedgerEntries.CountAsync()).ShouldBe(entriesBefore);
            (await DueFromRowsAsync(url)).ShouldBe(250m + 20m - 20m, "the refund of 20 is a credit and a refund: 350 − 100 + 20 − 20");
        }
        finally
        {
            // Stripe's notice of the dashboard's refund arrives: the 75 the clinic no longer holds is due again.
            await Stripe.ControlAsync("webhooks/release");
        }

        await RefundEventsDeliveredAsync(intent, 2);
        (await DueFromRowsAsync(url)).ShouldBe(325m);
        (await HeldFromRowsAsync(intent)).ShouldBe(0m);
    }

    [Fact]
    public async Task With_Stripe_out_of_reach_a_refund_of_an_online_payment_says_so_and_writes_nothing()
    {
        var (_, desk, _, intent, url) = await VisitWithDepositAsync(100m);
        await OnInvoiceAsync(desk, url, "issue", []);
        await GrantDeskRefundsAsync();
        var standIn = new Uri(Stripe.StandIn.Url);
        await using var proxy = new TcpProxy(standIn.Host, standIn.Port);
        proxy.Start();
        await using var app = new MicroSpaAppFactory(Database.ConnectionString);
        Stripe.Configure(app.Settings);
        app.Settings["Payments:Stripe:ApiBase"] = $"http://127.0.0.1:{proxy.Port}";
        using var admin = await AccountFlows.SignedInStaffAsync(app, () => new WebSession(app.CreateClient(new() { AllowAutoRedirect = false })), Roles.Admin);
        proxy.Stop();

        await using var db = Database.CreateContext();
        var invoiceId = Guid.Parse(url.Split('/')[^1]);
        var payment = await db.LedgerEntries.SingleAsync(e => e.InvoiceId == invoiceId && e.Tender == Tender.Deposit);
        var before = await db.LedgerEntries.CountAsync();
        var page = await admin.GetAsync(url);
        var answer = await admin.PostAsync(page, $"{url}/refund", new Dictionary<string, string>
        {
            ["PaymentId"] = payment.Id.ToString(), ["RefundAmount"] = "10", ["RefundReason"] = "Goodwill", ["SubmissionId"] = Guid.NewGuid().ToString(),
        });

        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.Summary.ShouldContain("Stripe could not be reached: nothing was refunded.");
        (await db.LedgerEntries.CountAsync()).ShouldBe(before);
        (await db.OnlineRefunds.CountAsync()).ShouldBe(0);
        (await HeldFromRowsAsync(intent)).ShouldBe(0m);
    }

    private async Task<(WebSession Session, MicroSpa.Domain.Clients.Client Client, Guid AppointmentId)> BookedOnlineAsync(DateTimeOffset start)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var draftId = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], start);
        (await BookingFlows.ConfirmAsync(session, draftId)).Status.ShouldBe(HttpStatusCode.Redirect);
        await using var db = Database.CreateContext();
        var id = await db.Appointments.Where(a => a.ClientId == client.Id).Select(a => a.Id).SingleAsync();
        await App.ClearMailAsync();
        return (session, client, id);
    }

    [Fact]
    public async Task A_client_cancelling_in_time_gets_the_deposit_back_through_Stripe_and_is_told()
    {
        var (session, client, id) = await BookedOnlineAsync(TestClinic.At(10));
        var intent = await DepositPaidAsync(client.Id, id, 50m);
        // Cancel appointment asks first (issue 22), then cancels.
        var asked = await session.GetAsync($"/my/appointments/{id}/cancel");
        asked.Status.ShouldBe(HttpStatusCode.OK);

        (await session.SubmitAsync(asked, new Dictionary<string, string>(), $"/my/appointments/{id}/cancel")).Status.ShouldBe(HttpStatusCode.Redirect);

        await using var db = Database.CreateContext();
        var refund = await db.OnlineRefunds.SingleAsync(r => r.PaymentIntentId == intent);
        (refund.Amount, refund.Reason).ShouldBe((50m, OnlineRefundReason.CancelledInTime));
        (await new RefundService(Stripe.Client()).GetAsync(refund.Id)).Amount.ShouldBe(5000);
        (await HeldFromRowsAsync(intent)).ShouldBe(0m);
        var emails = await App.EmailsToAsync(client.Email!);
        emails.ShouldContain(e => e.Subject.Contains("your deposit is refunded") && e.TextBody.Contains("Your deposit of $50.00 is on its way back to your Visa card ending 4242"));
    }

    [Fact]
    public async Task A_deposit_whose_refund_failed_when_the_client_cancelled_in_time_goes_back_at_the_next_try_once()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var standIn = new Uri(Stripe.StandIn.Url);
        await using var proxy = new TcpProxy(standIn.Host, standIn.Port);
        proxy.Start();
        await using var app = new MicroSpaAppFactory(Database.ConnectionString);
        Stripe.Configure(app.Settings);
        app.Settings["Payments:Stripe:ApiBase"] = $"http://127.0.0.1:{proxy.Port}";
        var (session, client) = await BookingFlows.SignedInClientAsync(app, Database, () => new WebSession(app.CreateClient(new() { AllowAutoRedirect = false })));
        var draftId = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));
        (await BookingFlows.ConfirmAsync(session, draftId)).Status.ShouldBe(HttpStatusCode.Redirect);
        Guid id;
        await using (var db = Database.CreateContext())
        {
            id = await db.Appointments.Where(a => a.ClientId == client.Id).Select(a => a.Id).SingleAsync();
        }

        var intent = await DepositPaidAsync(client.Id, id, 50m);
        async Task<int> RetryAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<MicroSpa.Web.Features.Shared.DepositRefunds>().RetryOwedAsync(CancellationToken.None);
        }

        proxy.Stop();
        var asked = await session.GetAsync($"/my/appointments/{id}/cancel");
        (await session.SubmitAsync(asked, new Dictionary<string, string>(), $"/my/appointments/{id}/cancel")).Status.ShouldBe(HttpStatusCode.Redirect);

        await using (var db = Database.CreateContext())
        {
            (await db.Appointments.SingleAsync(a => a.Id == id)).Status.ShouldBe(AppointmentStatus.Cancelled, "the cancellation stands with Stripe away");
            (await db.OnlineRefunds.CountAsync(r => r.PaymentIntentId == intent)).ShouldBe(0);
        }

        (await HeldFromRowsAsync(intent)).ShouldBe(50m);
        (await RetryAsync()).ShouldBe(0, "Stripe still away: nothing goes back, the deposit stays held");
        (await HeldFromRowsAsync(intent)).ShouldBe(50m);

        proxy.Start();
        (await RetryAsync()).ShouldBe(1);
        (await RetryAsync()).ShouldBe(0, "given back once");

        await using (var db = Database.CreateContext())
        {
            var refund = await db.OnlineRefunds.SingleAsync(r => r.PaymentIntentId == intent);
            (refund.Amount, refund.Reason).ShouldBe((50m, OnlineRefundReason.CancelledInTime));
            (await new RefundService(Stripe.Client()).GetAsync(refund.Id)).Amount.ShouldBe(5000);
            var atStripe = await new RefundService(Stripe.Client()).ListAsync(new RefundListOptions { PaymentIntent = intent });
            atStripe.Data.Count.ShouldBe(1, "one refund at Stripe");
        }

        (await HeldFromRowsAsync(intent)).ShouldBe(0m);
        await app.DispatchOutboxAsync();
        (await app.EmailsToAsync(client.Email!)).ShouldContain(e => e.Subject.Contains("your deposit is refunded"));
    }

    [Fact]
    public async Task A_late_cancellation_at_the_desk_keeps_the_deposit_and_the_desk_may_still_give_it_back_by_hand()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.SoonToday());
        var intent = await DepositPaidAsync(clinic.Client.Id, appointment.Id, 50m);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        var url = $"/front-desk/appointments/{appointment.Id}";
        var card = await admin.GetAsync(url);
        var version = card.Document.QuerySelector("form input[name=Version]")!.GetAttribute("value")!;

        (await admin.PostAsync(card, $"{url}/status", new Dictionary<string, string>
        {
            ["Action"] = "cancel", ["Version"] = version, ["Reason"] = nameof(CancellationReason.ClientRequest),
        })).Status.ShouldBe(HttpStatusCode.Redirect);

        await using var db = Database.CreateContext();
        (await db.Appointments.SingleAsync(a => a.Id == appointment.Id)).CancellationReason.ShouldBe(CancellationReason.LateCancel);
        (await db.OnlineRefunds.CountAsync()).ShouldBe(0, "a late cancellation keeps the deposit");
        (await HeldFromRowsAsync(intent)).ShouldBe(50m);

        card = await admin.GetAsync(url);
        Text(card, "deposit-held").ShouldContain("$50.00 held");
        var refunded = await admin.SubmitAsync(url, new Dictionary<string, string>(), $"/checkout/appointments/{appointment.Id}/deposit-refund");
        refunded.Status.ShouldBe(HttpStatusCode.Redirect);
        (await admin.FollowAsync(refunded)).Text.ShouldContain("Deposit refunded through Stripe: $50.00 back to the client's Visa card ending 4242.");
        (await db.OnlineRefunds.SingleAsync()).Reason.ShouldBe(OnlineRefundReason.ByStaff);
        (await HeldFromRowsAsync(intent)).ShouldBe(0m);
    }

    [Fact]
    public async Task Bad_or_stale_deposit_forms_change_nothing()
    {
        var (_, desk, appointmentId, intent, url) = await VisitWithDepositAsync(50m);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        var card = await admin.GetAsync($"/front-desk/appointments/{appointmentId}");

        var noId = await admin.PostAsync(card, $"/checkout/appointments/{appointmentId}/deposit-refund", new Dictionary<string, string> { ["SubmissionId"] = "not-a-guid" });
        noId.Status.ShouldBe(HttpStatusCode.Redirect);
        (await admin.FollowAsync(noId)).Text.ShouldContain("The form is out of date: open the appointment again. Nothing was refunded.");
        (await admin.PostAsync(card, $"/checkout/appointments/{Guid.NewGuid()}/deposit-refund", new Dictionary<string, string> { ["SubmissionId"] = Guid.NewGuid().ToString() }))
            .Status.ShouldBe(HttpStatusCode.NotFound);
        var draft = await desk.GetAsync(url);
        var onDraft = await desk.PostAsync(draft, $"{url}/deposit", new Dictionary<string, string> { ["SubmissionId"] = Guid.NewGuid().ToString() });
        onDraft.Status.ShouldBe(HttpStatusCode.OK);
        onDraft.Summary.ShouldContain("Issue the invoice before taking payment.");
        var noSubmission = await desk.PostAsync(draft, $"{url}/deposit", new Dictionary<string, string>());
        noSubmission.Summary.ShouldContain("The form is out of date: open the invoice again.");

        await using var db = Database.CreateContext();
        (await db.OnlineRefunds.CountAsync()).ShouldBe(0);
        (await db.LedgerEntries.CountAsync()).ShouldBe(0);
        (await HeldFromRowsAsync(intent)).ShouldBe(50m);
    }

    /// <summary>Waits for Stripe's charge.refunded of the payment intent to have been answered by the app (count: how many so far).</summary>
    private async Task<List<string>> RefundEventsDeliveredAsync(string intent, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var delivered = Stripe.Delivered.Where(d => d.Status == 200 && d.Body.Contains("\"charge.refunded\"", StringComparison.Ordinal) && d.Body.Contains(intent, StringComparison.Ordinal))
                .Select(d => d.Body).ToList();
            if (delivered.Count >= count)
            {
                return delivered;
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    [Fact]
    public async Task A_refund_made_in_Stripes_dashboard_is_recorded_once_however_often_charge_refunded_is_delivered()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        var intent = await DepositPaidAsync(clinic.Client.Id, appointment.Id, 50m);

        var atStripe = await new RefundService(Stripe.Client()).CreateAsync(new RefundCreateOptions { PaymentIntent = intent, Amount = 1500 });
        var first = await RefundEventsDeliveredAsync(intent, 1);
        var eventId = System.Text.Json.JsonDocument.Parse(first[0]).RootElement.GetProperty("id").GetString();
        await Stripe.ControlAsync($"events/{eventId}/resend");
        await RefundEventsDeliveredAsync(intent, 2);

        await using var db = Database.CreateContext();
        var kept = await db.OnlineRefunds.SingleAsync();
        (kept.Id, kept.Amount, kept.Reason).ShouldBe((atStripe.Id, 15m, OnlineRefundReason.AtProvider));
        (await HeldFromRowsAsync(intent)).ShouldBe(35m);
    }

    [Fact]
    public async Task Stripes_charge_refunded_for_a_refund_MicroSpa_made_changes_nothing()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.SoonToday());
        var intent = await DepositPaidAsync(clinic.Client.Id, appointment.Id, 50m);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        var url = $"/front-desk/appointments/{appointment.Id}";
        (await admin.SubmitAsync(url, new Dictionary<string, string>(), $"/checkout/appointments/{appointment.Id}/deposit-refund")).Status.ShouldBe(HttpStatusCode.Redirect);

        await RefundEventsDeliveredAsync(intent, 1);

        await using var db = Database.CreateContext();
        var kept = await db.OnlineRefunds.SingleAsync();
        (kept.Amount, kept.Reason).ShouldBe((50m, OnlineRefundReason.ByStaff));
        (await HeldFromRowsAsync(intent)).ShouldBe(0m);
    }

    /// <summary>The ledger's refunds of the invoice's payments, as rows.</summary>
    private async Task<List<LedgerEntry>> LedgerRefundsAsync(string invoiceUrl)
    {
        var id = Guid.Parse(invoiceUrl.Split('/')[^1]);
        await using var db = Database.CreateContext();
        return await db.LedgerEntries.AsNoTracking().Where(e => e.InvoiceId == id && e.Kind == EntryKind.Refund).ToListAsync();
    }

    [Fact]
    public async Task A_refund_in_Stripes_dashboard_of_a_deposit_used_on_an_invoice_puts_it_back_as_due_once_however_often_Stripe_tells()
    {
        var (_, desk, _, intent, url) = await VisitWithDepositAsync(100m);
        Text(await OnInvoiceAsync(desk, url, "issue", []), "invoice-due").ShouldBe("$250.00");

        var atStripe = await new RefundService(Stripe.Client()).CreateAsync(new RefundCreateOptions { PaymentIntent = intent, Amount = 4000 });
        var first = await RefundEventsDeliveredAsync(intent, 1);
        var eventId = System.Text.Json.JsonDocument.Parse(first[0]).RootElement.GetProperty("id").GetString();
        await Stripe.ControlAsync($"events/{eventId}/resend");
        await RefundEventsDeliveredAsync(intent, 2);

        await using var db = Database.CreateContext();
        var kept = await db.OnlineRefunds.SingleAsync();
        (kept.Id, kept.Amount, kept.Reason).ShouldBe((atStripe.Id, 40m, OnlineRefundReason.AtProvider));
        var refund = (await LedgerRefundsAsync(url)).ShouldHaveSingleItem();
        (refund.Amount, refund.Tender, refund.Reference).ShouldBe((40m, Tender.Deposit, intent));
        refund.Reason.ShouldBe($"Refunded in Stripe's dashboard ({atStripe.Id})");
        (await db.LedgerEntries.CountAsync(e => e.Kind == EntryKind.Credit)).ShouldBe(0, "the clinic gave the money back, not the charge: the client owes it again");
        (await DueFromRowsAsync(url)).ShouldBe(290m);
        (await HeldFromRowsAsync(intent)).ShouldBe(0m, "the ledger no longer claims money the clinic does not hold");
        Text(await desk.GetAsync(url), "invoice-due").ShouldBe("$290.00");
    }

    [Fact]
    public async Task A_refund_in_Stripes_dashboard_takes_what_is_still_held_first_and_only_the_rest_from_the_invoice()
    {
        var (_, desk, _, intent, url) = await VisitWithDepositAsync(400m);
        await OnInvoiceAsync(desk, url, "issue", []);
        (await HeldFromRowsAsync(intent)).ShouldBe(50m);

        await new RefundService(Stripe.Client()).CreateAsync(new RefundCreateOptions { PaymentIntent = intent, Amount = 3000 });
        await RefundEventsDeliveredAsync(intent, 1);
        (await LedgerRefundsAsync(url)).ShouldBeEmpty("30 of the 50 still held went back: the invoice keeps what it used");
        (await HeldFromRowsAsync(intent)).ShouldBe(20m);

        await new RefundService(Stripe.Client()).CreateAsync(new RefundCreateOptions { PaymentIntent = intent, Amount = 5000 });
        await RefundEventsDeliveredAsync(intent, 2);
        (await LedgerRefundsAsync(url)).ShouldHaveSingleItem().Amount.ShouldBe(30m);
        (await HeldFromRowsAsync(intent)).ShouldBe(0m);
        (await DueFromRowsAsync(url)).ShouldBe(30m);
        Text(await desk.GetAsync(url), "invoice-due").ShouldBe("$30.00");
    }

    [Fact]
    public async Task A_desk_refund_whose_answer_was_lost_and_that_Stripe_reported_first_is_on_the_ledger_once_when_the_form_is_sent_again()
    {
        var (_, desk, _, intent, url) = await VisitWithDepositAsync(100m);
        await OnInvoiceAsync(desk, url, "issue", []);
        await GrantDeskRefundsAsync();
        await using var db = Database.CreateContext();
        var invoiceId = Guid.Parse(url.Split('/')[^1]);
        var payment = await db.LedgerEntries.SingleAsync(e => e.InvoiceId == invoiceId && e.Tender == Tender.Deposit && e.Kind == EntryKind.Payment);
        var submission = Guid.NewGuid();

        // Stripe made the desk's refund (the form's idempotency key and parameters) but its answer never came back;
        // Stripe's charge.refunded came first.
        var lost = await new RefundService(Stripe.Client()).CreateAsync(
            new RefundCreateOptions { PaymentIntent = intent, Amount = 2500, Metadata = new Dictionary<string, string> { ["microspa"] = "refund" } },
            new RequestOptions { IdempotencyKey = $"microspa-refund-{submission}" });
        await RefundEventsDeliveredAsync(intent, 1);
        (await LedgerRefundsAsync(url)).ShouldHaveSingleItem().Amount.ShouldBe(25m);

        var page = await desk.GetAsync(url);
        var again = await desk.PostAsync(page, $"{url}/refund", new Dictionary<string, string>
        {
            ["PaymentId"] = payment.Id.ToString(), ["RefundAmount"] = "25", ["RefundReason"] = "Goodwill", ["SubmissionId"] = submission.ToString(),
        });
        again.Status.ShouldBe(HttpStatusCode.OK);
        again.Summary.ShouldContain("Stripe had already made this refund and it is recorded on this invoice: nothing more was written.");

        (await db.OnlineRefunds.AsNoTracking().SingleAsync()).Id.ShouldBe(lost.Id);
        (await LedgerRefundsAsync(url)).Sum(r => r.Amount).ShouldBe(25m, "one refund of 25, once");
        (await new RefundService(Stripe.Client()).ListAsync(new RefundListOptions { PaymentIntent = intent })).Data.ShouldHaveSingleItem();
        (await DueFromRowsAsync(url)).ShouldBe(275m);
        (await HeldFromRowsAsync(intent)).ShouldBe(0m);
    }

    [Fact]
    public async Task A_desk_refund_of_a_used_deposit_is_not_recorded_again_when_Stripe_reports_it_afterwards()
    {
        var (_, desk, _, intent, url) = await VisitWithDepositAsync(100m);
        await OnInvoiceAsync(desk, url, "issue", []);
        await GrantDeskRefundsAsync();
        await using var db = Database.CreateContext();
        var invoiceId = Guid.Parse(url.Split('/')[^1]);
        var payment = await db.LedgerEntries.SingleAsync(e => e.InvoiceId == invoiceId && e.Tender == Tender.Deposit && e.Kind == EntryKind.Payment);

        var page = await desk.GetAsync(url);
        (await desk.PostAsync(page, $"{url}/refund", new Dictionary<string, string>
        {
            ["PaymentId"] = payment.Id.ToString(), ["RefundAmount"] = "25", ["RefundReason"] = "Goodwill", ["SubmissionId"] = Guid.NewGuid().ToString(),
        })).Status.ShouldBe(HttpStatusCode.Redirect);
        await RefundEventsDeliveredAsync(intent, 1);

        (await db.OnlineRefunds.AsNoTracking().SingleAsync()).Reason.ShouldBe(OnlineRefundReason.ByStaff);
        (await LedgerRefundsAsync(url)).ShouldHaveSingleItem().Amount.ShouldBe(25m);
        (await DueFromRowsAsync(url)).ShouldBe(250m, "the desk's refund is a credit and a refund: 350 − 100 − 25 + 25");
        (await HeldFromRowsAsync(intent)).ShouldBe(0m);
    }
}
