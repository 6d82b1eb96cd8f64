using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Messaging;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Checkout;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace MicroSpa.Web.Tests.Disputes;

/// <summary>
/// A client's bank disputes a deposit taken online: the stand-in opens the dispute on a real charge and signs
/// charge.dispute.created as Stripe does, the app records the case once and tells the Admins, and the Admin reads the
/// case with its evidence packet (page and PDF) as the bank will.
/// </summary>
public sealed class DisputeTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Browser = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1";
    private const string Asked = "A deposit of $50.00 is taken when you book; it counts toward your visit.";

    /// <summary>A charge of 50.00 at the stand-in (a customer, pm_card_visa confirmed), as the client's deposit would be.</summary>
    private async Task<PaymentIntent> ChargeAsync(string email)
    {
        var client = Stripe.Client();
        var customer = await new CustomerService(client).CreateAsync(new CustomerCreateOptions { Email = email });
        var intent = await new PaymentIntentService(client).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 5000, Currency = "usd", Customer = customer.Id, PaymentMethod = "pm_card_visa", Confirm = true,
        });
        intent.Status.ShouldBe("succeeded");
        return intent;
    }

    /// <summary>
    /// The test client's visit booked online (its history written through the domain: booked, then moved), the deposit
    /// recorded as the deposit step records it, the policy version 1 accepted from a phone, and the emails about it
    /// (the confirmation and the reminder) sent.
    /// </summary>
    private async Task<(TestClinic Clinic, Appointment Visit, PaymentIntent Intent)> DisputableDepositAsync(Appointment? existing = null, TestClinic? testClinic = null)
    {
        var clinic = testClinic ?? await TestClinic.CreateAsync(Database);
        var intent = await ChargeAsync(clinic.Client.Email!);
        var now = DateTimeOffset.UtcNow;
        Appointment visit;
        await using (var db = Database.CreateContext())
        {
            if (existing is null)
            {
                db.AttachRange(clinic.Client, clinic.Facial, clinic.Cheeks, clinic.Esthetician, clinic.OtherEsthetician, clinic.RoomOne, clinic.SkinPen);
                visit = Appointment.Book(clinic.Client, clinic.Facial, clinic.Esthetician, clinic.RoomOne, clinic.SkinPen, [clinic.Cheeks],
                    TestClinic.At(10), BookingSource.Online, now.AddDays(-2), new ChangedBy(null, "Test Client"));
                db.Appointments.Add(visit);
                await db.SaveChangesAsync();
                visit.Reschedule(clinic.OtherEsthetician, clinic.RoomOne, clinic.SkinPen, TestClinic.At(14), now.AddDays(-1), TestClinic.Zone, new ChangedBy(null, "Front Desk"));
                await db.SaveChangesAsync();
            }
            else
            {
                visit = existing;
            }

            db.OnlinePayments.Add(new OnlinePayment(intent.Id, OnlinePurpose.Deposit, clinic.Client.Id, visit.Id, null, new Money(50m, "USD"),
                null, intent.LatestChargeId, "visa", "4242", now.AddDays(-2)));
            db.PolicyAcceptances.Add(new PolicyAcceptance(clinic.Client.Id, visit.Id, 1, Asked, now.AddDays(-2), "203.0.113.7", Browser));
            var confirmation = new OutboxMessage($"booked:{visit.Id}:{Guid.NewGuid():N}", "appointment-booked", clinic.Client.Email!,
                "MicroSpa: Your appointment is booked", "text", "<p>html</p>", now.AddDays(-2), now.AddDays(-2));
            var reminder = new OutboxMessage($"reminder:{visit.Id}:{visit.StartsAt.UtcTicks}", "visit-reminder", clinic.Client.Email!,
                "MicroSpa: your visit on Friday", "text", "<p>html</p>", now.AddDays(-1), now.AddDays(-1));
            db.Outbox.AddRange(confirmation, reminder);
            await db.SaveChangesAsync();
        }

        await App.DispatchOutboxAsync();
        return (clinic, visit, intent);
    }

    /// <summary>The stand-in's bank disputes the charge; waits until the app has taken the signed event (the case is recorded).</summary>
    private async Task<string> DisputeAsync(string chargeId)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Stripe.StandIn.Url) };
        using var answer = await http.PostAsync($"/_standin/charges/{chargeId}/dispute", null);
        answer.EnsureSuccessStatusCode();
        var disputeId = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        await WaitForAsync(async db => await db.PaymentDisputes.AnyAsync(d => d.Id == disputeId), $"the case of {disputeId}");
        return disputeId;
    }

    private async Task WaitForAsync(Func<Data.MicroSpaDbContext, Task<bool>> condition, string what)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            await using var db = Database.CreateContext();
            if (await condition(db))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new ShouldAssertException($"Waited for {what}; delivered: {string.Join(", ", Stripe.Delivered.Select(d => d.Status))}");
    }

    private async Task<string> DisputeEventIdAsync(string disputeId)
    {
        await using var db = Database.CreateContext();
        return await db.PaymentEvents.Where(e => e.ObjectId == disputeId && e.Type == "charge.dispute.created").Select(e => e.Id).SingleAsync();
    }

    [Fact]
    public async Task A_disputed_deposit_opens_one_case_for_its_client_and_appointment_and_tells_each_admin_once_however_often_it_is_delivered()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin, "owner@clinic.test");
        var (clinic, visit, intent) = await DisputableDepositAsync();

        var disputeId = await DisputeAsync(intent.LatestChargeId);
        var eventId = await DisputeEventIdAsync(disputeId);
        var deliveries = Stripe.Delivered.Count(d => d.Body.Contains(eventId, StringComparison.Ordinal));
        await Stripe.ControlAsync($"events/{eventId}/resend");
        for (var attempt = 0; attempt < 300 && Stripe.Delivered.Count(d => d.Body.Contains(eventId, StringComparison.Ordinal)) == deliveries; attempt++)
        {
            await Task.Delay(100);
        }

        Stripe.Delivered.Where(d => d.Body.Contains(eventId, StringComparison.Ordinal)).Select(d => d.Status).ShouldBe([200, 200], "delivered twice, answered 200 both times");
        await using (var db = Database.CreateContext())
        {
            var dispute = await db.PaymentDisputes.SingleAsync();
            (dispute.Id, dispute.ChargeId, dispute.PaymentIntentId, dispute.ClientId, dispute.AppointmentId, dispute.Amount, dispute.Currency, dispute.Reason)
                .ShouldBe((disputeId, intent.LatestChargeId, intent.Id, (Guid?)clinic.Client.Id, (Guid?)visit.Id, 50m, "USD", "fraudulent"));
        }

        var mail = (await App.EmailsToAsync("owner@clinic.test")).Where(m => m.Subject == "A payment of $50.00 is disputed").ToList();
        mail.Count.ShouldBe(1);
        mail[0].TextBody.ShouldContain($"/admin/disputes/{disputeId}");
        mail[0].TextBody.ShouldNotContain("Test Client", Case.Sensitive, "the email names no client");
        App.Log.Lines.Where(l => l.Contains(disputeId, StringComparison.Ordinal)).ShouldAllBe(l => !l.Contains("Test", StringComparison.Ordinal) && !l.Contains("test.client", StringComparison.Ordinal));

        var list = await admin.GetAsync("/admin/disputes");
        list.Status.ShouldBe(HttpStatusCode.OK);
        var row = list.Document.QuerySelectorAll("#disputes tbody tr").ShouldHaveSingleItem().TextContent;
        row.ShouldContain("$50.00");
        row.ShouldContain("fraudulent");
        row.ShouldContain("Test Client");
        row.ShouldContain("Microneedling — face");
        row.ShouldContain("Needs your response");
        row.ShouldContain(TestClinic.Zone.ToLocal(DateTimeOffset.UtcNow.AddDays(7)).ToString("M/d/yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-US")), Case.Sensitive, "the respond-by date Stripe gave (7 days)");
        list.Document.QuerySelector("nav a[href='/admin/disputes']").ShouldNotBeNull("the Admin's navigation links the disputes");
    }

    [Fact]
    public async Task The_case_shows_the_evidence_packet_and_where_the_dispute_stands_from_stripes_latest_event_and_each_opening_is_audited()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var (_, visit, intent) = await DisputableDepositAsync();
        var disputeId = await DisputeAsync(intent.LatestChargeId);

        var page = await admin.GetAsync($"/admin/disputes/{disputeId}");

        page.Status.ShouldBe(HttpStatusCode.OK);
        CheckoutFlows.Text(page, "dispute-status").ShouldBe("Needs your response");
        CheckoutFlows.Text(page, "dispute-client").ShouldContain("Test Client");
        var payment = CheckoutFlows.Text(page, "evidence-payment");
        payment.ShouldContain("Deposit taken when booking online");
        payment.ShouldContain("$50.00");
        payment.ShouldContain("visa ending 4242");
        payment.ShouldContain(intent.Id);
        var policy = CheckoutFlows.Text(page, "evidence-policy");
        policy.ShouldContain("A later cancellation costs nothing; missing your appointment without telling us costs nothing.", Case.Sensitive, "version 1's full text, with the clinic's fees");
        policy.ShouldContain(Asked);
        policy.ShouldContain("203.0.113.7");
        policy.ShouldContain(Browser);
        policy.ShouldContain("Version 1");
        var emails = CheckoutFlows.Text(page, "evidence-emails");
        emails.ShouldContain("Booking confirmation");
        emails.ShouldContain("Reminder before the visit");
        emails.ShouldContain("MicroSpa: your visit on Friday");
        var history = page.Document.QuerySelectorAll("#evidence-history li").Select(li => li.TextContent).ToList();
        history.Count.ShouldBe(2);
        history[0].ShouldContain("Test Client");
        history[1].ShouldContain("Front Desk");
        CheckoutFlows.Text(page, "evidence-receipts").ShouldContain("No receipt");
        CheckoutFlows.Text(page, "evidence-appointment").ShouldContain("Online, by the client");

        // The bank decides: Stripe announces charge.dispute.closed; the case reads the newest event.
        using (var http = new HttpClient { BaseAddress = new Uri(Stripe.StandIn.Url) })
        {
            (await http.PostAsync($"/_standin/disputes/{disputeId}/close?status=won", null)).EnsureSuccessStatusCode();
        }

        await WaitForAsync(async db => await db.PaymentEvents.AnyAsync(e => e.ObjectId == disputeId && e.Type == "charge.dispute.closed"), "charge.dispute.closed");
        var closed = await admin.GetAsync($"/admin/disputes/{disputeId}");
        CheckoutFlows.Text(closed, "dispute-status").ShouldBe("Won: the money stays with the clinic");
        closed.Document.GetElementById("dispute-due").ShouldBeNull("no evidence is taken once it is closed");
        CheckoutFlows.Text(closed, "dispute-events").ShouldContain("charge.dispute.closed");
        (await admin.GetAsync("/admin/disputes")).Document.QuerySelector("#disputes tbody tr")!.TextContent.ShouldContain("Won");

        await using var check = Database.CreateContext();
        check.PaymentDisputes.Count().ShouldBe(1, "a later event records nothing new");
        var audited = await check.AuditEntries.Where(a => a.Action == "dispute.view").ToListAsync();
        audited.Count.ShouldBe(2);
        audited.ShouldAllBe(a => a.Detail == disputeId && a.SubjectId == visit.Id && a.ClientId != null);
    }

    [Fact]
    public async Task The_evidence_pdf_holds_the_packet_and_the_visits_receipt_and_its_download_is_audited()
    {
        var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var (clinic, _, _, number) = await ReceiptTests.PaidVisitAsync(Database, desk);
        Appointment visit;
        await using (var db = Database.CreateContext())
        {
            visit = await db.Appointments.SingleAsync();
        }

        var (_, _, intent) = await DisputableDepositAsync(visit, clinic);
        var disputeId = await DisputeAsync(intent.LatestChargeId);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var page = await admin.GetAsync($"/admin/disputes/{disputeId}");
        page.Document.GetElementById("evidence-pdf")!.GetAttribute("href").ShouldBe($"/admin/disputes/{disputeId}/evidence.pdf");
        CheckoutFlows.Text(page, "evidence-receipts").ShouldContain($"Receipt · Invoice {number}");
        using var response = await admin.Client.GetAsync($"/admin/disputes/{disputeId}/evidence.pdf");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"dispute-{disputeId}-evidence.pdf");
        // Lines the PDF wrapped read as one text.
        var text = System.Text.RegularExpressions.Regex.Replace(ReceiptTests.PdfText(await response.Content.ReadAsByteArrayAsync()), @"\s+", " ");
        text.ShouldContain("evidence for dispute");
        text.ShouldContain(disputeId);
        text.ShouldContain("A later cancellation costs nothing");
        text.ShouldContain("203.0.113.7");
        text.ShouldContain("iPhone OS 18_1", Case.Sensitive, "the browser, wrapped but whole");
        text.ShouldContain(Asked);
        text.ShouldContain("Reminder before the visit");
        text.ShouldContain("Booking confirmation");
        text.ShouldContain("Checked in");
        text.ShouldContain(intent.Id);
        text.ShouldContain("visa ending 4242");
        text.ShouldContain($"Receipt · Invoice {number}", Case.Sensitive, "the receipt's own page follows");
        text.ShouldContain("$409.10");

        await using var check = Database.CreateContext();
        (await check.AuditEntries.CountAsync(a => a.Action == "dispute.packet" && a.Detail == disputeId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_dispute_of_a_charge_microspa_did_not_take_is_recorded_without_a_client()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        await TestClinic.CreateAsync(Database);
        var intent = await ChargeAsync("someone@example.com");

        var disputeId = await DisputeAsync(intent.LatestChargeId);

        await using (var db = Database.CreateContext())
        {
            var dispute = await db.PaymentDisputes.SingleAsync();
            (dispute.ClientId, dispute.AppointmentId).ShouldBe((null, null));
        }

        (await admin.GetAsync("/admin/disputes")).Document.QuerySelector("#disputes tbody tr")!.TextContent.ShouldContain("Not known to MicroSpa");
        var page = await admin.GetAsync($"/admin/disputes/{disputeId}");
        page.Status.ShouldBe(HttpStatusCode.OK);
        CheckoutFlows.Text(page, "evidence-payment").ShouldContain("MicroSpa took no online payment with this charge.");
        using var pdf = await admin.Client.GetAsync($"/admin/disputes/{disputeId}/evidence.pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        ReceiptTests.PdfText(await pdf.Content.ReadAsByteArrayAsync()).ShouldContain("Not known to MicroSpa");
    }

    [Fact]
    public async Task Only_the_admin_opens_disputes_and_an_unknown_or_malformed_id_is_not_found()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var (_, _, intent) = await DisputableDepositAsync();
        var disputeId = await DisputeAsync(intent.LatestChargeId);

        foreach (var url in new[] { "/admin/disputes", $"/admin/disputes/{disputeId}", $"/admin/disputes/{disputeId}/evidence.pdf" })
        {
            var refused = await desk.GetAsync(url);
            refused.Status.ShouldBe(HttpStatusCode.Redirect, url);
            refused.Location!.ShouldContain("/account/access-denied");
        }

        foreach (var id in new[] { "dp_unknown", "not-a-dispute", "dp_", "dp_%27%20OR%201%3D1--", "dp_" + new string('x', 300), "ch_123" })
        {
            (await admin.GetAsync($"/admin/disputes/{id}")).Status.ShouldBe(HttpStatusCode.NotFound, id);
            using var pdf = await admin.Client.GetAsync($"/admin/disputes/{id}/evidence.pdf");
            pdf.StatusCode.ShouldBe(HttpStatusCode.NotFound, id);
        }

        await using var db = Database.CreateContext();
        (await db.AuditEntries.CountAsync(a => a.Action.StartsWith("dispute."))).ShouldBe(0, "nothing was opened");
    }
}
