using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Imports;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Import;
using MicroSpa.Web.Infrastructure.Csv;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Import;

/// <summary>
/// Appointments from another system (decision 056): a dry run with a finding per row (unknown client, unmapped name,
/// overlaps on file and in the file, clock changes, bad dates, statuses), confirmed as one batch whose future bookings
/// take their time and whose past visits join the client's history; the same file again creates nothing; undone while
/// none of its appointments was changed.
/// </summary>
public sealed class AppointmentImportTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Header = "Appointment ID,Client ID,Client Email,Client Phone,Service,Staff,Date,Time,Duration,Status,Notes\r\n";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static string Future => TestClinic.Day.ToString("yyyy-MM-dd", Invariant);

    private static DateOnly PastDay => TestClinic.Zone.Today(DateTimeOffset.UtcNow).AddDays(-10);

    private static string Past => PastDay.ToString("MM/dd/yyyy", Invariant);

    private static byte[] File() => Encoding.UTF8.GetBytes(Header
        + $"A1,,test.client@example.com,,Microneedling Face,Maya Lopez,{Future},10:00,60,Booked,Prefers the cool room\r\n" // 2 create, a booking
        + $"A2,C-77,,,Consultation,Jess M.,{Past},11:00 AM,30,Checked out,\r\n"                                            // 3 create, by client ID
        + $"A3,,,212-555-0142,Consultation,Maya Lopez,{Past},3:00 PM,,Confirmed,\r\n"                                       // 4 past booked → completed
        + $"A4,,nobody@example.com,,Consultation,Maya Lopez,{Future},9:00,30,Booked,\r\n"                                   // 5 unknown client
        + $"A5,,test.client@example.com,,Mystery Facial,Maya Lopez,{Future},16:00,30,Booked,\r\n"                           // 6 unmapped service
        + $"A6,,test.client@example.com,,Consultation,Maya Lopez,{Future},14:30,30,Booked,\r\n"                             // 7 overlaps on file
        + $"A7,,,(212) 555-0142,Consultation,Maya Lopez,{Future},10:30,30,Booked,\r\n"                                      // 8 overlaps line 2
        + "A8,,test.client@example.com,,Consultation,Jess M.,2027-03-14,2:30,30,Booked,\r\n"                                // 9 clocks skip
        + "A9,,test.client@example.com,,Consultation,Jess M.,2027-11-07,1:30,30,Booked,\r\n"                                // 10 clocks repeat
        + "A10,,test.client@example.com,,Consultation,Jess M.,31/31/2026,10:00,30,Booked,\r\n"                              // 11 bad date
        + $"A11,,test.client@example.com,,Microneedling Face,Jess M.,{Future},10:00,60,Cancelled,\r\n"                      // 12 cancelled: no time held
        + $"A12,,test.client@example.com,,Consultation,Jess M.,{Future},12:00,30,No show,\r\n"                              // 13 no-show in the future
        + $"A1,,test.client@example.com,,Microneedling Face,Maya Lopez,{Future},10:00,60,Booked,\r\n");                    // 14 same ID as line 2

    private sealed record Seeded(TestClinic Clinic, Client Ana, Client Cleo, Appointment OnFile);

    private async Task<Seeded> SeedAsync()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var onFile = await clinic.BookAsync(Database, TestClinic.At(14), provider: clinic.Esthetician, room: clinic.RoomOne, device: clinic.SkinPen);
        var ana = new Client("Ana", "Nunez", null, "(212) 555-0142", DateTimeOffset.UtcNow.AddYears(-1));
        var cleo = new Client("Cleo", "Park", "cleo@example.com", null, DateTimeOffset.UtcNow.AddYears(-1));
        await using var db = Database.CreateContext();
        db.Clients.AddRange(ana, cleo);
        // Cleo came with the clients file of the same source, as its client C-77.
        var batch = new ImportBatch("Vagaro", "clients.csv", new string('0', 64), null, "Tests", DateTimeOffset.UtcNow.AddDays(-1));
        db.ImportBatches.Add(batch);
        db.ImportedRows.Add(new ImportedRow(batch.Id, batch.SourceKey, "id:C-77", 2, new string('1', 64), cleo.Id, created: true, null, null));
        await db.SaveChangesAsync();
        return new Seeded(clinic, ana, cleo, onFile);
    }

    private static Dictionary<string, Guid?> Names(TestClinic clinic) => new()
    {
        ["Microneedling Face"] = clinic.Facial.Id, ["Jess M."] = clinic.OtherEsthetician.Id,
    };

    private async Task<IReadOnlyList<string>> TimesAsync(TestClinic clinic)
    {
        using var session = NewSession();
        var page = await session.GetAsync($"/book/{clinic.Facial.Id}/times?areaIds={clinic.Cheeks.Id}&providerId={clinic.Esthetician.Id}&date={Future}");
        page.Status.ShouldBe(HttpStatusCode.OK);
        return [.. page.Document.QuerySelector(".time-grid fieldset")!.QuerySelectorAll("button.time-slot").Select(b => b.TextContent.Trim())];
    }

    [Fact]
    public async Task The_dry_run_lists_a_finding_for_every_row_that_cannot_be_booked_as_it_is_and_writes_nothing()
    {
        var s = await SeedAsync();
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var (_, names, dryRun) = await AppointmentImportFlows.DryRunAsync(admin, File(), names: Names(s.Clinic));

        // The names page proposed the clinic's own names and left the others for the Admin.
        string Proposed(string name) => names.Document.QuerySelector($"tr[data-name='{name}'] option[selected]")?.TextContent.Trim() ?? "(none)";
        (Proposed("Consultation"), Proposed("Maya Lopez"), Proposed("Microneedling Face"), Proposed("Jess M."))
            .ShouldBe(("Consultation", "Maya Lopez", "(none)", "(none)"));
        AppointmentImportFlows.Row(dryRun, 2).ShouldBe(("Create", "A booking: Microneedling — face with Maya Lopez in Room 1 with Dermapen 1."));
        AppointmentImportFlows.Row(dryRun, 3).ShouldBe(("Create", "A past visit: Consultation with Sofia Chen in Room 1."));
        AppointmentImportFlows.Row(dryRun, 4).ShouldBe(("Create", "A past visit: Consultation with Maya Lopez in Room 1. Booked in the file but in the past: imported as completed."));
        AppointmentImportFlows.Row(dryRun, 5).ShouldBe(("Skip", "No client on file has this client ID, email or phone: import the clients first (from the same source, for its client IDs)."));
        AppointmentImportFlows.Row(dryRun, 6).ShouldBe(("Skip", "The service “Mystery Facial” is not mapped to one of the clinic's services."));
        AppointmentImportFlows.Row(dryRun, 7).ShouldBe(("Skip", $"Overlaps an appointment on file with Maya Lopez at {Future} 14:00: it is not booked twice."));
        AppointmentImportFlows.Row(dryRun, 8).ShouldBe(("Skip", "Overlaps line 2, with the same provider (Maya Lopez)."));
        AppointmentImportFlows.Row(dryRun, 9).ShouldBe(("Skip", "The start 2027-03-14 02:30 does not exist in the clinic's time zone (America/New_York): the clocks skip that hour."));
        AppointmentImportFlows.Row(dryRun, 10).ShouldBe(("Create",
            "A booking: Consultation with Sofia Chen in Room 1. 2027-11-07 01:30 happens twice in America/New_York (the clocks go back): read as the first, before the change."));
        AppointmentImportFlows.Row(dryRun, 11).Action.ShouldBe("Skip");
        AppointmentImportFlows.Row(dryRun, 11).Detail.ShouldStartWith("The start “31/31/2026 10:00” cannot be read as a date and time");
        AppointmentImportFlows.Row(dryRun, 12).ShouldBe(("Create", "A cancelled appointment (holds no time): Microneedling — face with Sofia Chen in Room 1."));
        AppointmentImportFlows.Row(dryRun, 13).ShouldBe(("Skip", "A no-show in the file, but it starts in the future."));
        AppointmentImportFlows.Row(dryRun, 14).ShouldBe(("Skip", "The same appointment ID as line 2."));

        await using var db = Database.CreateContext();
        (await db.Appointments.CountAsync()).ShouldBe(1, "nothing is booked by the dry run");
        (await db.ImportNameMaps.CountAsync()).ShouldBe(4, "the names chosen are remembered for the source");
    }

    [Fact]
    public async Task A_crafted_length_or_a_date_at_the_ends_of_the_calendar_is_a_finding_on_its_row_not_a_500()
    {
        await SeedAsync();
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var file = Encoding.UTF8.GetBytes(Header
            + $"B1,,test.client@example.com,,Consultation,Maya Lopez,{Future},10:00,99999999999h,Booked,\r\n" // 2 a length that overflows
            + "B2,,test.client@example.com,,Consultation,Maya Lopez,12/31/9999,8:00 PM,30,Booked,\r\n"      // 3 year 10000 in UTC
            + "B3,,test.client@example.com,,Consultation,Maya Lopez,0001-01-01,00:00,30,Booked,\r\n"         // 4 nothing before it
            + $"B4,,test.client@example.com,,Consultation,Maya Lopez,{Future},16:00,30,Booked,\r\n");        // 5 a good row

        var (_, _, dryRun) = await AppointmentImportFlows.DryRunAsync(admin, file);

        dryRun.Status.ShouldBe(HttpStatusCode.OK);
        AppointmentImportFlows.Row(dryRun, 2).Action.ShouldBe("Skip");
        AppointmentImportFlows.Row(dryRun, 2).Detail.ShouldContain("The duration “99999999999h” cannot be read");
        AppointmentImportFlows.Row(dryRun, 3).ShouldBe(("Skip", $"The start 9999-12-31 is outside the dates MicroSpa keeps: {MicroSpa.Web.Infrastructure.Validation.CalendarRange.Message}"));
        AppointmentImportFlows.Row(dryRun, 4).ShouldBe(("Skip", $"The start 0001-01-01 is outside the dates MicroSpa keeps: {MicroSpa.Web.Infrastructure.Validation.CalendarRange.Message}"));
        AppointmentImportFlows.Row(dryRun, 5).Action.ShouldBe("Create");
    }

    [Fact]
    public async Task An_end_time_past_midnight_is_the_next_morning_an_end_in_the_clock_fold_and_notes_too_long_to_keep_are_said_on_the_row()
    {
        await SeedAsync();
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var day = PastDay.ToString("yyyy-MM-dd", Invariant);
        var longNotes = new string('n', 1200);
        var file = Encoding.UTF8.GetBytes("Appointment ID,Client Email,Service,Staff,Date,Time,End,Status,Notes\r\n"
            + $"E1,test.client@example.com,Consultation,Maya Lopez,{day},23:00,00:30,Checked out,\r\n"       // 2 ends the next morning
            + "E2,test.client@example.com,Consultation,Maya Lopez,2025-11-02,00:45,01:30,Checked out,\r\n"   // 3 the end happens twice
            + $"E3,test.client@example.com,Consultation,Maya Lopez,{day},15:00,15:30,Checked out,{longNotes}\r\n"); // 4 notes cut

        var (_, _, dryRun) = await AppointmentImportFlows.DryRunAsync(admin, file);

        AppointmentImportFlows.Row(dryRun, 2).Action.ShouldBe("Create", AppointmentImportFlows.Row(dryRun, 2).Detail);
        AppointmentImportFlows.Row(dryRun, 3).Action.ShouldBe("Create", AppointmentImportFlows.Row(dryRun, 3).Detail);
        AppointmentImportFlows.Row(dryRun, 3).Detail.ShouldContain("2025-11-02 01:30 happens twice");
        AppointmentImportFlows.Row(dryRun, 4).Action.ShouldBe("Create");
        AppointmentImportFlows.Row(dryRun, 4).Detail.ShouldContain("The notes are too long to keep whole");
        AppointmentImportFlows.Row(dryRun, 4).Detail.ShouldContain("of 1200 characters are kept");

        (await admin.SubmitAsync(dryRun, new Dictionary<string, string>())).Status.ShouldBe(HttpStatusCode.Redirect);
        await using var db = Database.CreateContext();
        var eleven = TestClinic.Zone.ToInstant(PastDay, new TimeOnly(23, 0))!.Value;
        var late = await db.Appointments.AsNoTracking().SingleAsync(a => a.Source == BookingSource.Imported && a.StartsAt == eleven);
        (late.EndsAt - late.StartsAt).ShouldBe(TimeSpan.FromMinutes(90), "23:00 to 00:30 is an hour and a half, into the next day");
    }

    [Fact]
    public async Task Confirming_books_the_future_ones_against_availability_and_puts_the_past_ones_in_the_history_once()
    {
        var s = await SeedAsync();
        (await TimesAsync(s.Clinic)).ShouldContain(t => t.StartsWith("10:", StringComparison.Ordinal), "10:00 is open before the import");
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var (_, _, dryRun) = await AppointmentImportFlows.DryRunAsync(admin, File(), names: Names(s.Clinic));

        var confirmed = await admin.SubmitAsync(dryRun, new Dictionary<string, string>());
        confirmed.Status.ShouldBe(HttpStatusCode.Redirect);
        var batchPage = await admin.FollowAsync(confirmed);
        string Counted(string what) => batchPage.Document.QuerySelector($".import-batch dd[data-count='{what}']")!.TextContent.Trim();
        (Counted("created"), Counted("unchanged"), Counted("skipped")).ShouldBe(("5", "0", "8"));

        await using (var db = Database.CreateContext())
        {
            var imported = await db.Appointments.AsNoTracking().Where(a => a.Source == BookingSource.Imported).ToListAsync();
            imported.Count.ShouldBe(5);
            var booking = imported.Single(a => a.Status == AppointmentStatus.Booked && a.ProviderId == s.Clinic.Esthetician.Id);
            booking.StartsAt.ShouldBe(TestClinic.At(10));
            (booking.EndsAt, booking.BlockedUntil).ShouldBe((TestClinic.At(11), TestClinic.At(11, 15)), "a booking keeps the service's buffer after it");
            booking.DeviceId.ShouldNotBeNull();
            (await db.AppointmentEvents.SingleAsync(e => e.AppointmentId == booking.Id)).What
                .ShouldBe("Imported from Vagaro (Booked there). Notes from there: Prefers the cool room");
            var cleos = imported.Single(a => a.ClientId == s.Cleo.Id);
            (cleos.Status, cleos.BlockedUntil).ShouldBe((AppointmentStatus.Completed, cleos.EndsAt), "a past visit holds only its own time");
            imported.Single(a => a.ClientId == s.Ana.Id).Status.ShouldBe(AppointmentStatus.Completed);
            imported.Single(a => a.StartsAt == TestClinic.Zone.ToInstant(new DateOnly(2027, 11, 7), new TimeOnly(1, 30))).StartsAt
                .ShouldBe(new DateTimeOffset(2027, 11, 7, 5, 30, 0, TimeSpan.Zero), "01:30 EDT, the first of the two");
            imported.Count(a => a.Status == AppointmentStatus.Cancelled).ShouldBe(1);
            var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == ConfirmImport.Action);
            audit.Detail.ShouldNotBeNull().ShouldContain("5 created, 0 imported before, 8 not imported");
            audit.Detail.ShouldNotContain("cool room");
        }

        // The future booking blocks its time as any booking does; the past ones are on the client's profile.
        (await TimesAsync(s.Clinic)).ShouldNotContain(t => t.StartsWith("10:", StringComparison.Ordinal));
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var upcoming = (await desk.GetAsync($"/front-desk/clients/{s.Clinic.Client.Id}")).Document.QuerySelectorAll("ul.upcoming li").Select(li => li.TextContent).ToList();
        upcoming.Count.ShouldBe(3, "the booking on file, the imported one at 10:00 and the one in November 2027");
        upcoming.ShouldContain(li => li.Contains("10:00", StringComparison.Ordinal) && li.Contains("Microneedling — face", StringComparison.Ordinal));
        var anas = (await desk.GetAsync($"/front-desk/clients/{s.Ana.Id}")).Document.QuerySelector("ul.past")!.TextContent;
        anas.ShouldContain(PastDay.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-US")));
        anas.ShouldContain("Consultation");

        // The same file again: every row booked is recognised, nothing is booked twice.
        var (_, _, again) = await AppointmentImportFlows.DryRunAsync(admin, File());
        AppointmentImportFlows.Row(again, 2).ShouldBe(("Unchanged", "Imported before from this source: nothing to change."));
        AppointmentImportFlows.Row(again, 3).Action.ShouldBe("Unchanged");
        var second = await admin.FollowAsync(await admin.SubmitAsync(again, new Dictionary<string, string>()));
        second.Document.QuerySelector(".import-batch dd[data-count='created']")!.TextContent.Trim().ShouldBe("0");
        second.Document.QuerySelector(".import-batch dd[data-count='unchanged']")!.TextContent.Trim().ShouldBe("5");
        await using (var db = Database.CreateContext())
        {
            (await db.Appointments.CountAsync()).ShouldBe(6);
        }
    }

    [Fact]
    public async Task A_double_clicked_confirm_imports_once_and_both_clicks_land_on_the_same_batch()
    {
        var s = await SeedAsync();
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var (_, _, dryRun) = await AppointmentImportFlows.DryRunAsync(admin, File(), names: Names(s.Clinic));

        var clicks = await Task.WhenAll(admin.SubmitAsync(dryRun, new Dictionary<string, string>()), admin.SubmitAsync(dryRun, new Dictionary<string, string>()));
        clicks.Select(c => c.Status).ShouldBe([HttpStatusCode.Redirect, HttpStatusCode.Redirect], string.Join(" | ", clicks.Select(c => c.Summary)));
        clicks[0].Location.ShouldBe(clicks[1].Location, "the second click lands on the batch the first made");
        await using var db = Database.CreateContext();
        (await db.ImportBatches.CountAsync(b => b.Kind == ImportKind.Appointments)).ShouldBe(1);
        (await db.Appointments.CountAsync(a => a.Source == BookingSource.Imported)).ShouldBe(5, "each row was booked once");
    }

    [Fact]
    public async Task An_appointments_import_is_undone_while_none_was_changed_and_refused_with_nothing_undone_once_one_was()
    {
        var s = await SeedAsync();
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var (_, _, dryRun) = await AppointmentImportFlows.DryRunAsync(admin, File(), names: Names(s.Clinic));
        var batchUrl = (await admin.SubmitAsync(dryRun, new Dictionary<string, string>())).Location!;

        var undone = await admin.SubmitAsync(await admin.GetAsync(batchUrl), new Dictionary<string, string>());
        undone.Location.ShouldBe(batchUrl);
        (await admin.FollowAsync(undone)).Document.QuerySelector(".import-undone").ShouldNotBeNull();
        await using (var db = Database.CreateContext())
        {
            (await db.Appointments.Select(a => a.Id).ToListAsync()).ShouldBe([s.OnFile.Id], "the imported appointments are removed");
            (await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == UndoImport.Action)).Detail.ShouldBe("5 imported appointments removed");
        }

        // Imported again (its rows are new again), then the desk checks one in: the undo is refused and nothing is removed.
        var (_, _, again) = await AppointmentImportFlows.DryRunAsync(admin, File());
        AppointmentImportFlows.Row(again, 2).Action.ShouldBe("Create");
        var secondUrl = (await admin.SubmitAsync(again, new Dictionary<string, string>())).Location!;
        await using (var db = Database.CreateContext())
        {
            var booking = await db.Appointments.SingleAsync(a => a.Source == BookingSource.Imported && a.Status == AppointmentStatus.Booked
                && a.ProviderId == s.Clinic.Esthetician.Id);
            booking.CheckIn(DateTimeOffset.UtcNow, TestClinic.By);
            await db.SaveChangesAsync();
        }

        var refused = await admin.SubmitAsync(await admin.GetAsync(secondUrl), new Dictionary<string, string>());
        (await admin.FollowAsync(refused)).Text.ShouldContain(
            "1 of the appointments this import created were changed since (checked in, moved, cancelled or completed): nothing was undone.");
        await using (var db = Database.CreateContext())
        {
            (await db.Appointments.CountAsync()).ShouldBe(6);
        }
    }

    [Fact]
    public async Task A_check_in_saved_while_the_undo_runs_is_counted_and_nothing_is_undone()
    {
        var s = await SeedAsync();
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var (_, _, dryRun) = await AppointmentImportFlows.DryRunAsync(admin, File(), names: Names(s.Clinic));
        var batchUrl = (await admin.SubmitAsync(dryRun, new Dictionary<string, string>())).Location!;
        var batchPage = await admin.GetAsync(batchUrl);

        // The desk's check-in holds the appointment's row while the Admin clicks Undo, and commits once the undo waits for it.
        await using var desk = Database.CreateContext();
        var refused = await desk.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var checkIn = await desk.Database.BeginTransactionAsync();
            var booking = await desk.Appointments.SingleAsync(a => a.Source == BookingSource.Imported && a.Status == AppointmentStatus.Booked
                && a.ProviderId == s.Clinic.Esthetician.Id);
            await desk.Database.ExecuteSqlAsync($"SELECT id FROM appointments WHERE id = {booking.Id} FOR UPDATE");
            booking.CheckIn(DateTimeOffset.UtcNow, TestClinic.By);
            await desk.SaveChangesAsync();
            var undo = admin.SubmitAsync(batchPage, new Dictionary<string, string>());
            await using (var watch = Database.CreateContext())
            {
                var waited = Stopwatch.StartNew();
                while (!await watch.Database.SqlQuery<bool>(
                           $"SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock') AS \"Value\"").SingleAsync())
                {
                    waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), "the undo never came to the appointment's row");
                    await Task.Delay(50);
                }
            }

            await checkIn.CommitAsync();
            return await undo;
        });
        (await admin.FollowAsync(refused)).Text.ShouldContain(
            "1 of the appointments this import created were changed since (checked in, moved, cancelled or completed): nothing was undone.");
        await using var db = Database.CreateContext();
        (await db.Appointments.CountAsync()).ShouldBe(6, "the checked-in appointment and its history are kept");
        (await db.ImportBatches.SingleAsync(b => b.Kind == ImportKind.Appointments)).UndoneAt.ShouldBeNull();
    }

    [Fact]
    public async Task A_mapping_without_a_service_or_a_client_is_refused_on_the_page_and_bad_names_on_their_field()
    {
        await SeedAsync();
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var uploaded = await AppointmentImportFlows.UploadAsync(admin, File());
        var mapping = await admin.GetAsync(uploaded.Location!);
        var refused = await admin.SubmitAsync(mapping, ImportFlows.Proposed(mapping, new Dictionary<string, string>
        {
            ["Fields[2]"] = "None", ["Fields[3]"] = "None", ["Fields[1]"] = "None", ["Fields[4]"] = "None", ["Fields[0]"] = "Bogus",
        }));
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Summary.ShouldContain("Map the client's ID in the other system, email or phone: each appointment must find its client.");
        refused.Summary.ShouldContain("Map the service column.");
        refused.FieldMessage("Fields_0").ShouldBe("Choose a field from the list.");

        var mapped = await admin.SubmitAsync(mapping, ImportFlows.Proposed(mapping));
        var names = await admin.FollowAsync(mapped);
        var choices = AppointmentImportFlows.Names(names);
        choices[choices.Keys.First(k => k.StartsWith("Services[", StringComparison.Ordinal))] = Guid.NewGuid().ToString();
        var badName = await admin.SubmitAsync(names, choices);
        badName.Status.ShouldBe(HttpStatusCode.OK);
        badName.FieldMessage("Services_0").ShouldBe("Choose one from the list.");

        // The clients' steps do not open an appointments upload, nor another Admin's.
        var uploadUrl = uploaded.Location![..uploaded.Location!.LastIndexOf("/appointments", StringComparison.Ordinal)];
        (await admin.GetAsync(uploadUrl + "/mapping")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetAsync(uploadUrl + "/dry-run")).Status.ShouldBe(HttpStatusCode.NotFound);
        using var other = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin, "other.admin@clinic.test");
        (await other.GetAsync(uploadUrl + "/appointments/dry-run")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Formulas_shifted_rows_and_a_windows_1252_file_are_findings_or_text_never_run()
    {
        await SeedAsync();
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var text = Header
            + $"B1,,test.client@example.com,,\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",Maya Lopez,{Future},9:00,30,Booked,\r\n"   // 2 a formula as a service
            + $"B2,,test.client@example.com,,Consultation,Maya Lopez,{Future},16:00,30,Booked,Crème, then rest\r\n"                  // 3 a shifted row
            + $"B3,,test.client@example.com,,Consultation,Maya Lopez,{Future},17:00,30,Booked,Crème fraîche allergy\r\n";           // 4 Windows-1252 notes
        var file = CodePagesEncoding.GetBytes(text);

        var (uploadUrl, _, dryRun) = await AppointmentImportFlows.DryRunAsync(admin, file);
        AppointmentImportFlows.Row(dryRun, 2).ShouldBe(("Skip", "The service “=HYPERLINK(\"http://evil\",\"x\")” is not mapped to one of the clinic's services."));
        AppointmentImportFlows.Row(dryRun, 3).ShouldBe(("Skip", "The row has 12 cells but the header names 11 columns: a cell with a separator in it must be in double quotes."));
        AppointmentImportFlows.Row(dryRun, 4).Action.ShouldBe("Create");
        var csv = Encoding.UTF8.GetString(await admin.Client.GetByteArrayAsync(uploadUrl + "/appointments/dry-run.csv"));
        csv.ShouldContain("\"'=HYPERLINK(", customMessage: "the dry run's CSV defuses the formula");

        (await admin.SubmitAsync(dryRun, new Dictionary<string, string>())).Status.ShouldBe(HttpStatusCode.Redirect);
        await using var db = Database.CreateContext();
        var imported = await db.Appointments.SingleAsync(a => a.Source == BookingSource.Imported);
        (await db.AppointmentEvents.SingleAsync(e => e.AppointmentId == imported.Id)).What.ShouldEndWith("Notes from there: Crème fraîche allergy");
    }

    private static readonly Encoding CodePagesEncoding = CreateWindows1252();

    private static Encoding CreateWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    [Fact]
    public async Task An_appointments_file_above_the_size_limit_is_refused_on_the_file_field()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var refused = await AppointmentImportFlows.UploadAsync(admin, Encoding.UTF8.GetBytes(Header + new string('x', ImportFile.MaxBytes)));
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.FieldMessage("Form_File").ShouldBe(ImportFile.TooLarge);
        refused.Document.QuerySelector("#Form_Kind_Appointments[checked]").ShouldNotBeNull("the kind chosen stays");
        await using var db = Database.CreateContext();
        (await db.ImportUploads.CountAsync()).ShouldBe(0);
    }
}
