using System.Globalization;
using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MicroSpa.Web.Tests.Checkout.CheckoutFlows;

namespace MicroSpa.Web.Tests.Reports;

/// <summary>
/// The money and schedule figures on the two days New York's clocks change in 2027 (issue 21): Sunday 14 March (02:00 EST
/// → 03:00 EDT, a 23-hour day) and Sunday 7 November (02:00 EDT → 01:00 EST, a 25-hour day). An invoice at 23:30 on the
/// Saturday is the Saturday's although it is Sunday in UTC; one at 00:30 and one at 01:30 (twice in November) are the
/// Sunday's; an appointment across the change counts its elapsed hour on the Sunday.
/// </summary>
public sealed class DaylightSavingReportTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static readonly CultureInfo UnitedStates = CultureInfo.GetCultureInfo("en-US");
    private static readonly TimeSpan Est = TimeSpan.FromHours(-5);
    private static readonly TimeSpan Edt = TimeSpan.FromHours(-4);

    /// <summary>The app's clock, set by the test to the minute the desk works at.</summary>
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>
    /// Walk-in sales of a $10.00 serum (retail untaxed here), each paid in cash to the cent, at the clinic's local time written
    /// with its offset: (local time, serums sold). Hand-computed days: 13 March 23:30 EST is 04:30 UTC on the 14th, still
    /// Saturday in the clinic; 14 March 00:30 EST (05:30 UTC) and 03:30 EDT (07:30 UTC) are Sunday. 6 November 23:30 EDT is
    /// 03:30 UTC on the 7th, Saturday; 7 November 00:30 EDT (04:30 UTC), 01:30 EDT (05:30 UTC) and 01:30 EST (06:30 UTC,
    /// the same wall clock an hour later) are Sunday.
    /// </summary>
    private static readonly (DateTimeOffset At, int Serums)[] Sales =
    [
        (new(2027, 3, 13, 23, 30, 0, Est), 1),
        (new(2027, 3, 14, 0, 30, 0, Est), 2),
        (new(2027, 3, 14, 3, 30, 0, Edt), 4),
        (new(2027, 11, 6, 23, 30, 0, Edt), 1),
        (new(2027, 11, 7, 0, 30, 0, Edt), 2),
        (new(2027, 11, 7, 1, 30, 0, Edt), 4),
        (new(2027, 11, 7, 1, 30, 0, Est), 8),
    ];

    /// <summary>Per clinic day: retail = invoiced = net = cash = collected (no tax, no discount, no refund): 10 × the serums of the day.</summary>
    private static readonly (string Range, string Day, decimal Amount)[] ExpectedMoney =
    [
        ("From=2027-03-13&To=2027-03-14&By=day", "2027-03-13", 10.00m),
        ("From=2027-03-13&To=2027-03-14&By=day", "2027-03-14", 60.00m),
        ("From=2027-11-06&To=2027-11-07&By=day", "2027-11-06", 10.00m),
        ("From=2027-11-06&To=2027-11-07&By=day", "2027-11-07", 140.00m),
    ];

    private static readonly string[] MoneyFiguresOfASale = ["retail", "invoiced", "net", "cash", "collected"];

    private static decimal Amount(string text) => decimal.Parse(text.Replace('−', '-'), NumberStyles.Currency, UnitedStates);

    private static string Cell(Page page, string selector) =>
        page.Document.QuerySelector(selector)?.TextContent.Trim() ?? throw new ShouldAssertException($"Nothing at {selector}.");

    private async Task<(string Email, string Key)> AdminAccountAsync()
    {
        var email = $"owner.{Guid.NewGuid():N}@clinic.test";
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Owner" };
        (await users.CreateAsync(user, AccountFlows.Password)).Succeeded.ShouldBeTrue();
        await users.AddToRoleAsync(user, Roles.Admin);
        return (email, await AccountFlows.TurnOnTwoFactorAsync(users, user));
    }

    private static async Task<WebSession> SignInAtAsync(WebApplicationFactory<Program> app, Clock clock, DateTimeOffset at, (string Email, string Key) admin)
    {
        clock.Now = at.ToUniversalTime();
        var session = new WebSession(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var first = await AccountFlows.SignInAsync(session, admin.Email);
        first.Location!.ShouldStartWith("/account/two-factor");
        var done = await session.SubmitAsync(await session.GetAsync(first.Location), new Dictionary<string, string> { ["Code"] = Totp.Code(admin.Key, clock.Now) });
        done.Status.ShouldBe(HttpStatusCode.Redirect, $"signing in at {at:O}");
        return session;
    }

    [Fact]
    public async Task An_invoice_at_2330_is_the_Saturdays_and_one_at_0030_or_0130_the_Sundays_on_both_clock_changes()
    {
        await TestClinic.CreateAsync(Database);
        var admin = await AdminAccountAsync();
        RetailItem serum;
        await using (var db = Database.CreateContext())
        {
            (await db.TaxClasses.SingleAsync(t => t.Kind == TaxKind.Retail)).SetRate(0m);
            serum = new RetailItem("DST-SERUM", "Night serum", 10.00m);
            db.RetailItems.Add(serum);
            db.StockEntries.Add(StockEntry.Received(serum, 40, await db.Users.Select(u => u.Id).FirstAsync(), "Delivery", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var clock = new Clock();
        await using var app = App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        foreach (var (at, serums) in Sales)
        {
            using var desk = await SignInAtAsync(app, clock, at, admin);
            var url = (await desk.SubmitAsync("/checkout", new Dictionary<string, string>(), "/checkout/walk-in")).Location!;
            await OnInvoiceAsync(desk, url, "retail", new() { ["RetailItemId"] = serum.Id.ToString(), ["Quantity"] = serums.ToString(CultureInfo.InvariantCulture) });
            var due = (10m * serums).ToString("0.00", CultureInfo.InvariantCulture);
            Text(await OnInvoiceAsync(desk, url, "issue", []), "invoice-due").ShouldBe($"${due}");
            Text(await OnInvoiceAsync(desk, url, "cash", new() { ["CashTendered"] = due }), "invoice-state").ShouldContain("Paid");
        }

        using var owner = await SignInAtAsync(app, clock, new DateTimeOffset(2027, 11, 8, 10, 0, 0, Est), admin);
        foreach (var range in ExpectedMoney.Select(e => e.Range).Distinct())
        {
            var page = await owner.GetAsync($"/admin/reports/money?{range}");
            page.Status.ShouldBe(HttpStatusCode.OK);
            page.Document.QuerySelectorAll("#money-rows tbody tr").Length.ShouldBe(2, "two clinic days, whatever their length");
            foreach (var (_, day, amount) in ExpectedMoney.Where(e => e.Range == range))
            {
                foreach (var figure in MoneyFiguresOfASale)
                {
                    Amount(Cell(page, $"#money-rows tr[data-from='{day}'] td[data-figure='{figure}']")).ShouldBe(amount, $"{figure} on {day}");
                }
            }

            var total = ExpectedMoney.Where(e => e.Range == range).Sum(e => e.Amount);
            Amount(Cell(page, "#money-summary tr[data-figure='invoiced'] .current")).ShouldBe(total);
        }
    }

    /// <summary>
    /// Maya works Monday–Saturday 09:00–17:00 and Sunday 00:00–08:00 (the clinic opens as she works); Sofia only on Mondays.
    /// Each Saturday: a 60-minute visit at 22:30 (03:30 UTC on the Sunday in March, 02:30 in November), checked in: 1 booked
    /// hour on the Saturday, of 8 available. March: Sunday 01:30 EST (06:30 UTC) to 03:30 EDT (07:30 UTC) across the change,
    /// checked in, 1 hour; a no-show at 05:00 EDT (09:00 UTC), 1 hour kept for it: 2 appointments, 2 booked hours; available
    /// 00:00 EST (05:00 UTC) to 08:00 EDT (12:00 UTC) = 7 hours. November: Sunday 01:30 EDT (05:30 UTC) to 01:30 EST
    /// (06:30 UTC) across the change, 1 hour; a no-show at 02:00 EST (07:00 UTC): 2 booked hours; available 00:00 EDT
    /// (04:00 UTC) to 08:00 EST (13:00 UTC) = 9 hours. Totals: March 3 appointments, 1 no-show (33.3 %), 3 h of 15 h =
    /// 20.0 %; November 3, 1 (33.3 %), 3 h of 17 h = 17.6 %.
    /// </summary>
    private static readonly (string Range, string Day, string Appointments, string NoShows, string Booked, string Available)[] ExpectedSchedule =
    [
        ("From=2027-03-13&To=2027-03-14&By=day", "2027-03-13", "1", "0", "1 h", "8 h"),
        ("From=2027-03-13&To=2027-03-14&By=day", "2027-03-14", "2", "1", "2 h", "7 h"),
        ("From=2027-11-06&To=2027-11-07&By=day", "2027-11-06", "1", "0", "1 h", "8 h"),
        ("From=2027-11-06&To=2027-11-07&By=day", "2027-11-07", "2", "1", "2 h", "9 h"),
    ];

    private static readonly (string Range, string Appointments, string NoShowRate, string Booked, string Available, string Utilisation)[] ExpectedScheduleTotals =
    [
        ("From=2027-03-13&To=2027-03-14&By=day", "3", "33.3 %", "3 h", "15 h", "20.0 %"),
        ("From=2027-11-06&To=2027-11-07&By=day", "3", "33.3 %", "3 h", "17 h", "17.6 %"),
    ];

    [Fact]
    public async Task An_appointment_across_the_clock_change_counts_its_elapsed_hour_on_the_Sunday_and_the_day_is_23_or_25_hours_long()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await using (var db = Database.CreateContext())
        {
            var maya = await db.Providers.SingleAsync(p => p.Id == clinic.Esthetician.Id);
            var sofia = await db.Providers.SingleAsync(p => p.Id == clinic.OtherEsthetician.Id);
            WorkingHours[] week =
            [
                .. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday }
                    .Select(d => new WorkingHours(d, new TimeOnly(9, 0), new TimeOnly(17, 0))),
                new WorkingHours(DayOfWeek.Sunday, new TimeOnly(0, 0), new TimeOnly(8, 0)),
            ];
            maya.SetWorkingHours(week);
            sofia.SetWorkingHours([new WorkingHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))]);
            (await db.BookingPolicies.SingleAsync()).SetOpeningHours(week);
            db.AttachRange(clinic.Facial, clinic.Cheeks, clinic.RoomOne, clinic.SkinPen, clinic.Client);

            Appointment Book(DateTimeOffset start)
            {
                var appointment = Appointment.Book(clinic.Client, clinic.Facial, maya, clinic.RoomOne, clinic.SkinPen, [clinic.Cheeks], start,
                    BookingSource.FrontDesk, start.AddDays(-7), TestClinic.By);
                db.Appointments.Add(appointment);
                return appointment;
            }

            var visits = new[]
            {
                Book(new DateTimeOffset(2027, 3, 13, 22, 30, 0, Est)), Book(new DateTimeOffset(2027, 3, 14, 1, 30, 0, Est)),
                Book(new DateTimeOffset(2027, 11, 6, 22, 30, 0, Edt)), Book(new DateTimeOffset(2027, 11, 7, 1, 30, 0, Edt)),
            };
            var noShows = new[] { Book(new DateTimeOffset(2027, 3, 14, 5, 0, 0, Edt)), Book(new DateTimeOffset(2027, 11, 7, 2, 0, 0, Est)) };
            await db.SaveChangesAsync();
            foreach (var visit in visits)
            {
                visit.CheckIn(visit.StartsAt.AddMinutes(-5), TestClinic.By);
            }

            foreach (var noShow in noShows)
            {
                noShow.MarkNoShow(noShow.StartsAt.AddMinutes(30), TestClinic.By);
            }

            await db.SaveChangesAsync();
        }

        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        foreach (var (range, appointments, noShowRate, booked, available, utilisation) in ExpectedScheduleTotals)
        {
            var page = await admin.GetAsync($"/admin/reports/schedule?{range}");
            page.Status.ShouldBe(HttpStatusCode.OK);
            Cell(page, "#schedule-summary tr[data-figure='appointments'] .current").ShouldBe(appointments, range);
            Cell(page, "#schedule-summary tr[data-figure='no_show_rate'] .current").ShouldBe(noShowRate, range);
            Cell(page, "#schedule-summary tr[data-figure='booked_hours'] .current").ShouldBe(booked, range);
            Cell(page, "#schedule-summary tr[data-figure='available_hours'] .current").ShouldBe(available, range);
            Cell(page, "#schedule-summary tr[data-figure='utilisation'] .current").ShouldBe(utilisation, range);
            foreach (var (_, day, dayAppointments, dayNoShows, dayBooked, dayAvailable) in ExpectedSchedule.Where(e => e.Range == range))
            {
                Cell(page, $"#schedule-rows tr[data-from='{day}'] td[data-figure='appointments']").ShouldBe(dayAppointments, day);
                Cell(page, $"#schedule-rows tr[data-from='{day}'] td[data-figure='no_shows']").ShouldBe(dayNoShows, day);
                Cell(page, $"#schedule-rows tr[data-from='{day}'] td[data-figure='booked_hours']").ShouldBe(dayBooked, day);
                Cell(page, $"#schedule-rows tr[data-from='{day}'] td[data-figure='available_hours']").ShouldBe(dayAvailable, day);
            }
        }
    }
}
