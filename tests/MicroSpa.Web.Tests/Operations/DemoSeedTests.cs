using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Seeding;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Operations;

public sealed class DemoSeedTests(WebAppFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task Seeds_the_demo_clinic_once_and_keeps_the_data_on_a_second_run()
    {
        await SeedAsync();
        await SeedAsync();

        await using var db = Database.CreateContext();
        var providers = await db.Providers.ToListAsync();
        providers.Count.ShouldBe(4);
        providers.Count(p => p.Credential == ProviderCredential.Esthetician).ShouldBe(2);
        providers.Count(p => !p.Bookable).ShouldBe(1);
        (await db.Rooms.CountAsync()).ShouldBe(3);
        var devices = await db.Devices.OrderBy(d => d.MaxDepthMm).ToListAsync();
        devices.Select(d => (d.MaxDepthMm, d.DepthStepMm)).ShouldBe([(2.5m, 0.25m), (3.0m, 0.1m)]);
        (await db.Services.CountAsync()).ShouldBe(8);
        (await db.Clients.CountAsync()).ShouldBe(20);
        var areas = await db.BodyAreas.ToListAsync();
        areas.Single(a => a.Name == "Eyelids").NeverTreat.ShouldBeTrue();
        areas.Single(a => a.Name == "Cheeks").Band!.MaxMm.ShouldBe(1.0m);
        areas.Single(a => a.Name == "Chest").Band.ShouldBeNull();
    }

    [Fact]
    public async Task Demo_appointments_span_two_weeks_around_today()
    {
        await SeedAsync();

        await using var db = Database.CreateContext();
        var now = DateTimeOffset.UtcNow;
        // The plans under way (DemoOutcomes) had their sessions before: completed, each with a signed chart in its plan.
        var planned = await (from s in db.PlanSessions join r in db.TreatmentRecords on s.TreatmentRecordId equals r.Id select r.AppointmentId).ToListAsync();
        var appointments = await db.Appointments.Where(a => !planned.Contains(a.Id)).ToListAsync();
        appointments.ShouldContain(a => a.StartsAt < now && a.Status == AppointmentStatus.Completed);
        appointments.ShouldContain(a => a.StartsAt > now && a.Status == AppointmentStatus.Booked);
        appointments.ShouldAllBe(a => a.StartsAt > now.AddDays(-9) && a.StartsAt < now.AddDays(9));
        planned.Count.ShouldBe(11);
        (await db.Appointments.Where(a => planned.Contains(a.Id)).ToListAsync()).ShouldAllBe(a => a.Status == AppointmentStatus.Completed && a.StartsAt < now.AddDays(-13));
        (await db.TreatmentRecords.CountAsync(r => planned.Contains(r.AppointmentId) && r.Status == Domain.Treatments.ChartStatus.Signed)).ShouldBe(11);
    }

    [Fact]
    public async Task Every_completed_demo_treatment_has_a_clear_screening_and_the_current_consent()
    {
        await SeedAsync();

        await using var db = Database.CreateContext();
        var current = await db.ConsentForms.MaxAsync(f => f.Version);
        var treated = await db.Appointments
            .Where(a => a.Service!.Kind == ServiceKind.Treatment
                && (a.Status == AppointmentStatus.Completed || a.Status == AppointmentStatus.CheckedIn || a.Status == AppointmentStatus.InTreatment))
            .Select(a => new
            {
                a.Id,
                Screening = db.Screenings.Where(s => s.Id == a.ScreeningId && s.ClientId == a.ClientId).Select(s => (MicroSpa.Domain.Intake.ScreeningOutcome?)s.Outcome).SingleOrDefault(),
                ConsentVersion = db.ConsentSignatures.Where(c => c.Id == a.ConsentSignatureId && c.ClientId == a.ClientId).Select(c => (int?)c.FormVersion).SingleOrDefault(),
            })
            .ToListAsync();

        treated.Count.ShouldBeGreaterThan(5);
        treated.ShouldAllBe(a => a.Screening == MicroSpa.Domain.Intake.ScreeningOutcome.Clear && a.ConsentVersion == current);
        (await db.Appointments.Where(a => a.Source == BookingSource.Online && a.Service!.Kind == ServiceKind.Treatment).AllAsync(a => a.ScreeningId != null && a.ConsentSignatureId != null))
            .ShouldBeTrue();
    }

    [Fact]
    public async Task Demo_logins_work_with_the_documented_password()
    {
        await SeedAsync();
        using var session = NewSession();

        var admin = await AccountFlows.SignInWithCodeAsync(session, "admin@microspa.test", DemoClinicSeeder.DemoAuthenticatorKey, DemoClinicSeeder.DemoPassword);
        using var clientSession = NewSession();
        var client = await AccountFlows.SignInAsync(clientSession, "olivia.client@example.com", DemoClinicSeeder.DemoPassword);

        admin.Location.ShouldBe("/admin/staff");
        (await session.GetAsync("/admin/staff")).Status.ShouldBe(System.Net.HttpStatusCode.OK);
        client.Location.ShouldBe("/my/appointments");
        DemoAuthenticator.CodeAt(DateTimeOffset.UtcNow).ShouldBe(MicroSpa.Tests.Shared.Totp.Code(DemoClinicSeeder.DemoAuthenticatorKey, DateTimeOffset.UtcNow));
        await using var db = Database.CreateContext();
        var roleNames = await db.Roles.Select(r => r.Name).ToListAsync();
        roleNames.ShouldBe(Roles.All, ignoreOrder: true);
    }

    [Fact]
    public async Task The_front_desk_finds_the_demos_paid_invoices_stock_and_a_closed_day_with_its_figures()
    {
        await SeedAsync();
        using var desk = NewSession();
        await AccountFlows.SignInWithCodeAsync(desk, "frontdesk@microspa.test", DemoClinicSeeder.DemoAuthenticatorKey, DemoClinicSeeder.DemoPassword);
        var money = App.Services.GetRequiredService<ClinicMoney>();
        await using var db = Database.CreateContext();
        var closed = await db.DayCloses.SingleAsync();
        var invoices = await db.Invoices.Include(i => i.Entries).Include(i => i.Lines).ToListAsync();
        var cashThatDay = await db.LedgerEntries.Where(e => e.ClinicDay == closed.ClinicDay && e.Tender == Tender.Cash)
            .SumAsync(e => e.Kind == EntryKind.Payment ? e.Amount : -e.Amount);

        var day = await desk.GetAsync($"/day-close?day={closed.ClinicDay:yyyy-MM-dd}");

        day.Status.ShouldBe(System.Net.HttpStatusCode.OK);
        Cell(day, ".day-state").ShouldBe("Closed");
        cashThatDay.ShouldBeGreaterThan(0m);
        Cell(day, ".expected-cash").ShouldBe(money.Format(cashThatDay));
        Cell(day, ".counted-cash").ShouldBe(money.Format(cashThatDay));
        day.Document.QuerySelector("tr[data-tender='Card']").ShouldNotBeNull();
        day.Document.QuerySelectorAll(".providers tbody tr").Length.ShouldBeGreaterThan(0);
        invoices.Count.ShouldBeGreaterThan(2);
        invoices.ShouldContain(i => i.Lines.Count(l => l.Kind == LineKind.Tip) == 2, "a tip split between two providers");
        invoices.ShouldContain(i => i.Entries.Any(e => e.Tender == Tender.Cash) && i.Entries.Any(e => e.Tender == Tender.Card));
        var refunded = invoices.Single(i => i.Refunded > 0m);
        refunded.Refunded.ShouldBeLessThan(refunded.Paid, "partly refunded");
        foreach (var invoice in invoices.Where(i => i.State == InvoiceState.Paid))
        {
            var page = await desk.GetAsync($"/checkout/invoices/{invoice.Id}");
            Cell(page, "#invoice-state").ShouldBe("Paid");
            Cell(page, "#invoice-paid").ShouldBe(money.Format(invoice.Paid));
            Cell(page, "#invoice-due").ShouldBe(money.Format(0m));
        }

        var refundPage = await desk.GetAsync($"/checkout/invoices/{refunded.Id}");
        Cell(refundPage, "#invoice-refunded").ShouldBe(money.Format(refunded.Refunded));
        var products = await desk.GetAsync("/products");
        products.Text.ShouldContain("Mineral sunscreen SPF 50");
        products.Text.ShouldContain("Post-needling aftercare kit");
        var onHand = await db.StockEntries.GroupBy(s => s.RetailItemId).Select(g => g.Sum(s => s.QuantityChange)).ToListAsync();
        onHand.Count.ShouldBe(4);
        onHand.ShouldAllBe(n => n > 0);
    }

    private static string? Cell(Page page, string selector) => page.Document.QuerySelector(selector)?.TextContent.Trim();

    [Fact]
    public async Task The_demo_asks_for_a_deposit_on_the_face_treatment_and_a_card_from_the_client_who_missed_a_visit()
    {
        await SeedAsync();
        await using var db = Database.CreateContext();
        (await db.Users.Select(u => u.Email).ToListAsync()).ShouldContain("liam.client@example.com");
        using var liamSession = NewSession();
        var signedIn = await AccountFlows.SignInAsync(liamSession, "liam.client@example.com", DemoClinicSeeder.DemoPassword);
        signedIn.Location.ShouldBe("/my/appointments", signedIn.Text);

        var olivia = await db.Clients.SingleAsync(c => c.Email == "olivia.client@example.com");
        var liam = await db.Clients.SingleAsync(c => c.Email == "liam.client@example.com");
        (await db.Appointments.CountAsync(a => a.ClientId == liam.Id && a.Status == AppointmentStatus.NoShow)).ShouldBe(1);
        (await db.Appointments.CountAsync(a => a.ClientId == olivia.Id && a.Status == AppointmentStatus.NoShow)).ShouldBe(0);
        var services = await db.Services.AsNoTracking().ToDictionaryAsync(s => s.Name, s => s.Id);
        var settings = await db.BillingSettings.AsNoTracking().SingleAsync();
        (settings.PaymentRules.NoShowFee.Kind, settings.PaymentRules.NoShowFee.Value).ShouldBe((ChargeKind.Fixed, 75m));
        (settings.PaymentRules.CancellationFee.Kind, settings.PaymentRules.CancellationFee.Value).ShouldBe((ChargeKind.Percent, 50m));

        await using var scope = App.Services.CreateAsyncScope();
        var payment = scope.ServiceProvider.GetRequiredService<MicroSpa.Web.Features.Shared.BookingPayment.Handler>();
        async Task<(PaymentDue, decimal)> AskedAsync(Guid client, string service) =>
            (await payment.HandleAsync(client, services[service], CancellationToken.None)) is { } r ? (r.Due, r.Amount.Amount) : throw new ShouldAssertException(service);

        (await AskedAsync(olivia.Id, "Microneedling — face")).ShouldBe((PaymentDue.Deposit, 50m));
        (await AskedAsync(olivia.Id, "Stretch marks — abdomen")).ShouldBe((PaymentDue.Deposit, 85m), "20 % of $425.00");
        (await AskedAsync(olivia.Id, "Microneedling — arms")).ShouldBe((PaymentDue.Nothing, 0m));
        (await AskedAsync(liam.Id, "Microneedling — arms")).ShouldBe((PaymentDue.CardOnFile, 0m), "after his no-show");
        (await AskedAsync(liam.Id, "Microneedling — face")).ShouldBe((PaymentDue.Deposit, 50m));
    }

    private async Task SeedAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<DemoClinicSeeder>(scope.ServiceProvider).SeedAsync(CancellationToken.None);
    }
}
