using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Booking;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Booking;

/// <summary>
/// A prepaid series bought online with the booking of its first session (issue 19): the confirm page offers the packages on sale
/// for the treatment, the time is held for the series' price on Stripe's hosted page (the stand-in's), and once paid the
/// booking is confirmed and the series sold to the client (an invoice paid by that card payment, its sessions in the wallet),
/// once, whichever of the browser and the webhook comes first; a day already closed sells it on the next clinic day.
/// </summary>
public sealed class SeriesWithBookingTests(WebAppFixture fixture) : WebTest(fixture)
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>The Admin puts "Facial series of 3" on sale for $300 (and a series for another treatment, never offered here).</summary>
    private async Task PackagesOnSaleAsync(TestClinic clinic)
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        foreach (var (name, service, price) in new[] { ("Facial series of 3", clinic.Facial.Id, "300"), ("Other series of 3", clinic.Consultation.Id, "450") })
        {
            (await admin.SubmitAsync("/admin/packages/new", new Dictionary<string, string>
            {
                ["Form.Name"] = name, ["Form.ServiceIds"] = service.ToString(), ["Form.Sessions"] = "3", ["Form.Price"] = price, ["Form.ValidityMonths"] = "12",
            })).Status.ShouldBe(HttpStatusCode.Redirect);
        }
    }

    /// <summary>Each lot's sessions left summed by SQL from the wallet's entries, for the client.</summary>
    private async Task<List<long>> SessionsLeftBySqlAsync(Guid clientId)
    {
        await using var db = Database.CreateContext();
        return await db.Database.SqlQuery<long>($"""
            SELECT sum(CASE w.kind WHEN 'Issued' THEN w.sessions WHEN 'Returned' THEN w.sessions ELSE -w.sessions END) AS "Value"
            FROM wallet_entries w JOIN invoice_lines l ON l.id = w.lot_id JOIN invoices i ON i.id = l.invoice_id
            WHERE i.client_id = {clientId} GROUP BY w.lot_id
            """).ToListAsync();
    }

    /// <summary>The confirm page's series form for <paramref name="name"/>, submitted: where the browser is sent.</summary>
    private static async Task<Page> BuySeriesAsync(WebSession session, Guid draftId, string name)
    {
        var confirm = await session.GetAsync($"/book/{draftId}/confirm");
        var form = confirm.Document.QuerySelectorAll("#series-offers form").Single(f => f.TextContent.Contains(name, StringComparison.Ordinal));
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        return await session.PostAsync(confirm, $"/book/{draftId}/confirm", fields);
    }

    [Fact]
    public async Task The_client_buys_the_series_with_the_first_booking_pays_its_price_and_is_booked_with_the_sessions_in_the_wallet_sold_once()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await DepositFlows.SetDepositAsync(Database, clinic.Facial.Id, 50m);
        await PackagesOnSaleAsync(clinic);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var draftId = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));

        var confirm = await session.GetAsync($"/book/{draftId}/confirm");
        var offers = confirm.Document.QuerySelectorAll("#series-offers .series-offer").Select(o => o.TextContent).ToList();
        offers.ShouldHaveSingleItem("only the series covering this treatment is offered").ShouldContain("Facial series of 3: 3 sessions for $300.00 ($100.00 a session), to use within 12 months");
        confirm.Document.QuerySelector("#payment-asked")!.TextContent.ShouldContain("$50.00", customMessage: "the deposit is still the other choice");

        var sent = await BuySeriesAsync(session, draftId, "Facial series of 3");

        sent.Status.ShouldBe(HttpStatusCode.Redirect);
        sent.Location!.ShouldStartWith($"{Stripe.StandIn.Url}/pay/cs_");
        var sessionId = DepositFlows.SessionIdOf(sent.Location);
        Guid appointmentId;
        await using (var db = Database.CreateContext())
        {
            var held = await db.Appointments.SingleAsync();
            appointmentId = held.Id;
            held.Status.ShouldBe(AppointmentStatus.Held);
            var page = await db.OnlineCheckouts.SingleAsync();
            (page.Id, page.Purpose, page.Amount).ShouldBe((sessionId, OnlinePurpose.Series, 300m));
            (await db.PolicyAcceptances.SingleAsync()).AppointmentId.ShouldBe(held.Id, "the cancellation policy still binds the visit");
        }

        var atStripe = await new global::Stripe.Checkout.SessionService(Stripe.Client()).GetAsync(sessionId);
        (atStripe.Mode, atStripe.AmountTotal).ShouldBe(("payment", 30000L));
        var held2 = await session.GetAsync($"/book/held/{appointmentId}");
        held2.Document.QuerySelector("#pay")!.TextContent.ShouldBe("Pay the $300.00 series");

        var (back, _) = await DepositFlows.PayAsync(sent.Location);
        var returned = await session.GetAsync(DepositFlows.Local(back!));
        returned.Location.ShouldBe($"/my/appointments/{appointmentId}?booked=True");
        await DepositFlows.DeliveredAsync(Stripe, "checkout.session.completed", sessionId);

        await using (var db = Database.CreateContext())
        {
            (await db.Appointments.SingleAsync()).Status.ShouldBe(AppointmentStatus.Booked);
            var paid = await db.OnlinePayments.SingleAsync();
            (paid.Purpose, paid.Amount, paid.AppointmentId).ShouldBe((OnlinePurpose.Series, 300m, appointmentId));
            var sale = await db.Invoices.Include(i => i.Lines).Include(i => i.Entries).SingleAsync(i => i.ClientId == client.Id);
            sale.Lines.ShouldHaveSingleItem().Description.ShouldBe("Facial series of 3");
            (sale.Charged, sale.Paid, sale.Due, sale.State).ShouldBe((300m, 300m, 0m, InvoiceState.Paid));
            sale.Entries.Single(e => e.Kind == EntryKind.Payment).Reference.ShouldBe(paid.PaymentIntentId);
            sale.AppointmentId.ShouldBeNull("the series is its own sale; the visit is checked out with a credit");
        }

        (await SessionsLeftBySqlAsync(client.Id)).ShouldBe([3L]);
        var wallet = await session.GetAsync("/my/wallet");
        wallet.Document.QuerySelector("#wallet-credits tbody tr")!.TextContent.ShouldContain("3 of 3 left");
        var email = (await App.EmailsToAsync(client.Email!)).ShouldHaveSingleItem();
        email.TextBody.ShouldContain("Series paid: $300.00 (Visa ending 4242). This visit is its first session; its sessions are in your wallet (My wallet).");

        // Settled again (a replayed event, the browser's return reopened): nothing more is sold.
        (await session.GetAsync(DepositFlows.Local(back!))).Status.ShouldBe(HttpStatusCode.Redirect);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<SellSeries.Handler>().RunAsync(CancellationToken.None)).ShouldBe(0);
        }

        await using (var db = Database.CreateContext())
        {
            (await db.Invoices.CountAsync(i => i.ClientId == client.Id)).ShouldBe(1);
        }

        (await SessionsLeftBySqlAsync(client.Id)).ShouldBe([3L]);
    }

    [Fact]
    public async Task Paid_after_the_day_was_closed_the_booking_stands_and_the_series_is_sold_on_the_next_clinic_day_once_across_two_instances()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await PackagesOnSaleAsync(clinic);
        using (var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk))
        {
            (await desk.SubmitAsync("/day-close", new Dictionary<string, string> { ["Form.CountedCash"] = "0" }, "/day-close")).Status.ShouldBe(HttpStatusCode.Redirect);
        }

        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var draftId = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));
        var confirm = await session.GetAsync($"/book/{draftId}/confirm");
        confirm.Document.QuerySelector("#payment-policy").ShouldBeNull("no deposit is asked of this treatment");
        confirm.Document.QuerySelector("#series-offers button")!.TextContent.ShouldBe("Buy the series and book");

        var sent = await BuySeriesAsync(session, draftId, "Facial series of 3");
        var (back, _) = await DepositFlows.PayAsync(sent.Location!);
        (await session.GetAsync(DepositFlows.Local(back!))).Location!.ShouldStartWith("/my/appointments/");

        await using (var db = Database.CreateContext())
        {
            (await db.Appointments.SingleAsync()).Status.ShouldBe(AppointmentStatus.Booked);
            (await db.OnlinePayments.SingleAsync()).Purpose.ShouldBe(OnlinePurpose.Series);
            (await db.Invoices.CountAsync(i => i.ClientId == client.Id)).ShouldBe(0, "the closed day takes nothing");
            (await db.PolicyAcceptances.CountAsync()).ShouldBe(0);
        }

        (await App.EmailsToAsync(client.Email!)).ShouldHaveSingleItem().TextBody.ShouldContain("its sessions are in your wallet from tomorrow.");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<SellSeries.Handler>().RunAsync(CancellationToken.None)).ShouldBe(0, "still the closed day");
        }

        // The next clinic day, two instances run the round at once: it is sold once.
        var tomorrow = TestClinic.Zone.DayBounds(TestClinic.Zone.Today(DateTimeOffset.UtcNow).AddDays(1)).Start.AddHours(9);
        await using var one = App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedClock(tomorrow))));
        await using var two = App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedClock(tomorrow))));
        var sold = await Task.WhenAll(Task.Run(() => RoundAsync(one)), Task.Run(() => RoundAsync(two)));

        sold.Sum().ShouldBe(1);
        await using (var db = Database.CreateContext())
        {
            var sale = await db.Invoices.Include(i => i.Entries).SingleAsync(i => i.ClientId == client.Id);
            (sale.Charged, sale.Paid).ShouldBe((300m, 300m));
            sale.Entries.ShouldAllBe(e => e.ClinicDay == TestClinic.Zone.Today(tomorrow));
        }

        (await SessionsLeftBySqlAsync(client.Id)).ShouldBe([3L]);

        static async Task<int> RoundAsync(WebApplicationFactory<Program> instance)
        {
            await using var scope = instance.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<SellSeries.Handler>().RunAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_series_not_on_sale_for_this_treatment_is_refused_with_why_and_nothing_is_held()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await PackagesOnSaleAsync(clinic);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var draftId = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));
        Guid other;
        await using (var db = Database.CreateContext())
        {
            other = await db.PackageVersions.Where(v => v.Name == "Other series of 3").Select(v => v.Id).SingleAsync();
        }

        var confirm = await session.GetAsync($"/book/{draftId}/confirm");
        foreach (var posted in new[] { other.ToString(), Guid.NewGuid().ToString() })
        {
            var refused = await session.PostAsync(confirm, $"/book/{draftId}/confirm", new Dictionary<string, string> { ["seriesVersionId"] = posted });
            refused.Status.ShouldBe(HttpStatusCode.OK);
            refused.Document.QuerySelector(".alert-warning")!.TextContent.ShouldContain("That series is no longer sold online with this treatment.");
        }

        var garbled = await session.PostAsync(confirm, $"/book/{draftId}/confirm", new Dictionary<string, string> { ["seriesVersionId"] = "not-a-guid" });
        garbled.Status.ShouldBe(HttpStatusCode.BadRequest);
        await using (var db = Database.CreateContext())
        {
            (await db.Appointments.CountAsync()).ShouldBe(0);
            (await db.OnlineCheckouts.CountAsync()).ShouldBe(0);
        }
    }
}
