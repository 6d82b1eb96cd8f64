using System.Globalization;
using System.Net;
using System.Text;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Import;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Reports;

/// <summary>
/// A client brought in by an import that is a client on file (issue 21): Kim Baker came to the desk this month; the previous
/// system's clients file has her as C-9 (same phone) and its appointments file her visit of last month. Whether the Admin
/// merges line 2 into Kim at the import, or creates it as new and the desk merges the new record into Kim on the merge page
/// afterwards, Kim's history counts once, as hers: her visit this month is a returning client's, and last month's imported
/// visit is her first, prebooked (she booked this month's visit that afternoon) and back within 90 days.
/// </summary>
public sealed class ImportMergedClientReportTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The month reported: three whole months ago, so the imported visit of the month before is history.</summary>
    private static DateOnly Month
    {
        get
        {
            var today = TestClinic.Zone.Today(DateTimeOffset.UtcNow);
            return new DateOnly(today.Year, today.Month, 1).AddMonths(-3);
        }
    }

    private static DateOnly ImportedVisit => Month.AddMonths(-1).AddDays(9);

    private static DateOnly DeskVisit => Month.AddDays(14);

    private static string Range => $"From={Month.ToString("yyyy-MM-dd", Invariant)}&To={Month.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", Invariant)}";

    /// <summary>
    /// Computed by hand. This month: one visit (Kim, the 15th, at the desk); she came before the month began (the imported
    /// visit of the 10th of last month, now hers): 0 new, 1 returning; no first visit this month. Last month: one visit, the
    /// imported one, her first ever: 1 new, 0 returning; 1 first-time client; the desk booked this month's visit at 15:00 on
    /// that day, so the visit is prebooked (1/1 = 100.0 %) and rebooked within 7 days; she came back 35 or 36 days later:
    /// back within 90 and 180 days (100.0 %). Counted twice (the import's record apart), this month would show a new client
    /// and a first visit.
    /// </summary>
    private static readonly (string Report, string Figure, string Current, string Previous)[] Expected =
    [
        ("schedule", "appointments", "1", "1"),
        ("schedule", "new_clients", "0", "1"),
        ("schedule", "returning_clients", "1", "0"),
        ("loyalty", "visits", "1", "1"),
        ("loyalty", "prebooked", "0", "1"),
        ("loyalty", "prebook_rate", "0.0 %", "100.0 %"),
        ("loyalty", "rebooked_7_days", "0", "1"),
        ("loyalty", "first_visits", "0", "1"),
        ("loyalty", "back_within_90_days", "0", "1"),
        ("loyalty", "retention_90_days", "—", "100.0 %"),
        ("loyalty", "back_within_180_days", "0", "1"),
        ("loyalty", "retention_180_days", "—", "100.0 %"),
    ];

    private async Task<Client> SeedAsync(TestClinic clinic)
    {
        await using var db = Database.CreateContext();
        var kim = new Client("Kim", "Baker", "kim@example.com", "(212) 555-0100", DateTimeOffset.UtcNow.AddYears(-2));
        db.Clients.Add(kim);
        db.AttachRange(clinic.Facial, clinic.Cheeks, clinic.Esthetician, clinic.RoomOne, clinic.SkinPen);
        var visit = Appointment.Book(kim, clinic.Facial, clinic.Esthetician, clinic.RoomOne, clinic.SkinPen, [clinic.Cheeks],
            TestClinic.At(10, 0, DeskVisit), BookingSource.FrontDesk, TestClinic.At(15, 0, ImportedVisit), TestClinic.By);
        db.Appointments.Add(visit);
        await db.SaveChangesAsync();
        visit.CheckIn(TestClinic.At(9, 55, DeskVisit), TestClinic.By);
        await db.SaveChangesAsync();
        return kim;
    }

    private async Task<string> FigureAsync(WebSession admin, string report, string figure, string column)
    {
        var page = await admin.GetAsync($"/admin/reports/{report}?{Range}");
        page.Status.ShouldBe(HttpStatusCode.OK);
        return page.Document.QuerySelector($"#{report}-summary tr[data-figure='{figure}'] .{column}")?.TextContent.Trim()
            ?? throw new ShouldAssertException($"No {figure} on the {report} report.");
    }

    [Theory]
    [InlineData("merge")]
    [InlineData("create, then merged on the merge page")]
    public async Task The_imported_history_counts_once_for_the_kept_client_in_new_returning_retention_and_prebook(string choice)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var kim = await SeedAsync(clinic);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var (_, clients) = await ImportFlows.DryRunAsync(admin, Encoding.UTF8.GetBytes(
            "Client ID,First Name,Last Name,E-mail,Mobile\r\nC-9,Kim,Baker,kim.b@other.test,212-555-0100\r\n"), source: "Vagaro");
        ImportFlows.Row(clients, 2).Action.ShouldBe("Possible duplicate");
        var merge = choice == "merge";
        var confirmed = await admin.SubmitAsync(clients, ImportFlows.Choices(clients, merge: merge ? [2] : null, create: merge ? null : [2]));
        confirmed.Status.ShouldBe(HttpStatusCode.Redirect);

        var (_, _, appointments) = await AppointmentImportFlows.DryRunAsync(admin, Encoding.UTF8.GetBytes(
            "Appointment ID,Client ID,Client Email,Client Phone,Service,Staff,Date,Time,Duration,Status,Notes\r\n"
            + $"V-1,C-9,,,Consultation,Maya Lopez,{ImportedVisit.ToString("MM/dd/yyyy", Invariant)},11:00 AM,30,Checked out,\r\n"));
        (await admin.SubmitAsync(appointments, new Dictionary<string, string>())).Status.ShouldBe(HttpStatusCode.Redirect);

        await using (var db = Database.CreateContext())
        {
            var imported = await db.Appointments.AsNoTracking().SingleAsync(a => a.Source == BookingSource.Imported);
            if (merge)
            {
                imported.ClientId.ShouldBe(kim.Id, "merged at the import: the visit is Kim's");
            }
            else
            {
                imported.ClientId.ShouldNotBe(kim.Id, "created as new: the visit is on the import's record until the merge");
                using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
                var url = $"/front-desk/clients/{kim.Id}/merge/{imported.ClientId}";
                var merged = await desk.PostAsync(await desk.GetAsync(url), url, new Dictionary<string, string> { ["Merge.KeepId"] = kim.Id.ToString() });
                merged.Status.ShouldBe(HttpStatusCode.Redirect);
                (await db.Clients.AsNoTracking().SingleAsync(c => c.Id == imported.ClientId)).MergedIntoId.ShouldBe(kim.Id);
            }
        }

        foreach (var (report, figure, current, previous) in Expected)
        {
            (await FigureAsync(admin, report, figure, "current")).ShouldBe(current, $"{report} {figure} this month");
            (await FigureAsync(admin, report, figure, "previous")).ShouldBe(previous, $"{report} {figure} last month");
        }
    }
}
