using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.ClientMerge;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Checkout;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.ClientMerge;

/// <summary>
/// The desk merges two records of one client (decision 045): everything the duplicate held moves to the record kept in
/// one transaction, the duplicate becomes a tombstone its old links redirect through, the audit trail keeps its entries
/// and shows them under the kept record; the refusals; two desks at once; every column naming a client handled.
/// </summary>
public sealed class ClientMergeTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string DuplicateEmail = "ana.nunez.old@example.com";

    private static IEnumerable<(string Table, string Column)> MovedTables =>
        ClientReferences.MovedBySql.Append(ClientReferences.MovedByEntity).Append(ClientReferences.OnePerClient);

    private async Task<Dictionary<string, long>> CountsAsync(Guid clientId)
    {
        await using var db = Database.CreateContext();
        var counts = new Dictionary<string, long>();
        foreach (var (table, column) in MovedTables)
        {
#pragma warning disable EF1003 // the names come from the merge's fixed list
            counts[table] = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM " + table + " WHERE " + column + " = {0}", clientId).SingleAsync();
#pragma warning restore EF1003
        }

        return counts;
    }

    private async Task<Client> DuplicateAsync(string first = "Ana", string last = "Nunez", string? email = DuplicateEmail, string? phone = "555-0142")
    {
        await using var db = Database.CreateContext();
        var client = new Client(first, last, email, phone, DateTimeOffset.UtcNow.AddYears(-1));
        client.RecordDateOfBirth(new DateOnly(1990, 4, 12), DateOnly.FromDateTime(DateTime.UtcNow));
        client.UpdateFrontDeskDetails("Prefers mornings", null);
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        return client;
    }

    [Fact]
    public async Task The_desk_merges_a_duplicate_and_every_appointment_chart_photo_and_payment_moves_to_the_record_kept()
    {
        var duplicate = await DuplicateAsync();
        var s = await RecordsSeed.SeedAsync(Database, duplicate.Id);
        var kept = s.Clinic.Client;
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);

        // A walk-in sale paid in cash on the duplicate, a customer at the payment provider, an audit entry about it.
        var serum = await CheckoutFlows.TaxesAndSerumAsync(Database);
        var sale = await desk.SubmitAsync($"/front-desk/clients/{duplicate.Id}", new Dictionary<string, string>(), "/checkout/walk-in");
        var invoiceUrl = sale.Location!;
        await CheckoutFlows.OnInvoiceAsync(desk, invoiceUrl, "retail", new() { ["RetailItemId"] = serum.Id.ToString(), ["Quantity"] = "1" });
        await CheckoutFlows.OnInvoiceAsync(desk, invoiceUrl, "issue", []);
        (await CheckoutFlows.OnInvoiceAsync(desk, invoiceUrl, "cash", new() { ["CashTendered"] = "40" })).Status.ShouldBe(HttpStatusCode.OK);
        Guid oldAuditId;
        await using (var db = Database.CreateContext())
        {
            db.PaymentCustomers.Add(new PaymentCustomer(duplicate.Id, "cus_merge_test_1", DateTimeOffset.UtcNow));
            var entry = new AuditEntry(null, "Tests", duplicate.Id, "chart.view", s.ChartId, DateTimeOffset.UtcNow.AddMinutes(-5));
            db.AuditEntries.Add(entry);
            oldAuditId = entry.Id;
            await db.SaveChangesAsync();
        }

        var before = await CountsAsync(duplicate.Id);
        before["appointments"].ShouldBe(2);
        before["treatment_records"].ShouldBe(1);
        before["photos"].ShouldBe(1);
        before["invoices"].ShouldBe(1);
        before["payment_customers"].ShouldBe(1);
        var keptBefore = await CountsAsync(kept.Id);

        // From the kept record's profile: find the duplicate, compare, choose, merge.
        var profile = await desk.GetAsync($"/front-desk/clients/{kept.Id}");
        var find = await desk.GetAsync(profile.Document.GetElementById("merge-duplicate")!.GetAttribute("href")! + "?q=nunez");
        find.Status.ShouldBe(HttpStatusCode.OK);
        var compareLink = find.Document.QuerySelectorAll(".merge-candidates a").Single().GetAttribute("href")!;
        compareLink.ShouldBe($"/front-desk/clients/{kept.Id}/merge/{duplicate.Id}");
        var compare = await desk.GetAsync(compareLink);
        compare.Document.QuerySelector(".merge-blockers").ShouldBeNull();
        string Count(string what, int column) =>
            compare.Document.QuerySelector($".merge-count[data-what='{what}']")!.QuerySelectorAll("td")[column].TextContent.Trim();
        Count("Appointments", 1).ShouldBe("2");
        Count("Charts", 1).ShouldBe("1");
        Count("Photos", 1).ShouldBe("1");
        Count("Payments", 1).ShouldBe("1");
        Count("Appointments", 0).ShouldBe(keptBefore["appointments"].ToString(System.Globalization.CultureInfo.InvariantCulture));

        var merged = await desk.SubmitAsync(compare, new Dictionary<string, string>
        {
            ["Merge.KeepId"] = kept.Id.ToString(), ["Merge.EmailFrom"] = duplicate.Id.ToString(), ["Merge.PhoneFrom"] = duplicate.Id.ToString(),
            ["Merge.FirstNameFrom"] = kept.Id.ToString(), ["Merge.LastNameFrom"] = kept.Id.ToString(),
        });

        merged.Status.ShouldBe(HttpStatusCode.Redirect);
        merged.Location.ShouldBe($"/front-desk/clients/{kept.Id}");
        (await desk.FollowAsync(merged)).Text.ShouldContain("Records merged");
        var after = await CountsAsync(duplicate.Id);
        after.Values.ShouldAllBe(n => n == 0, "nothing is left on the duplicate");
        var keptAfter = await CountsAsync(kept.Id);
        foreach (var table in before.Keys)
        {
            keptAfter[table].ShouldBe(keptBefore[table] + before[table], table);
        }

        await using (var db = Database.CreateContext())
        {
            var tombstone = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == duplicate.Id);
            tombstone.MergedIntoId.ShouldBe(kept.Id);
            tombstone.Email.ShouldBeNull();
            tombstone.Phone.ShouldBeNull();
            var record = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == kept.Id);
            record.Email.ShouldBe(DuplicateEmail);
            record.Phone.ShouldBe("555-0142");
            record.FirstName.ShouldBe("Test");
            record.DateOfBirth.ShouldBe(new DateOnly(1990, 4, 12), "an empty field takes the other record's value by default");
            record.Notes.ShouldBe("Prefers mornings");
            (await db.AppointmentEvents.Where(e => e.AppointmentId == s.Treated.Id).Select(e => e.What).ToListAsync())
                .ShouldContain(w => w.StartsWith("Moved to the client's kept record", StringComparison.Ordinal));
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == MergeClients.Action);
            audit.ClientId.ShouldBe(kept.Id);
            audit.SubjectId.ShouldBe(duplicate.Id);
            audit.UserName.ShouldStartWith("frontdesk.");
            audit.Detail!.ShouldContain("appointments 2");
            audit.Detail!.ShouldContain("photos 1");
            audit.Detail!.ShouldContain("values from the merged record: email, phone, date of birth, notes");
            audit.Detail!.ShouldNotContain("Nunez");
            audit.Detail!.ShouldNotContain(DuplicateEmail);
            (await db.AuditEntries.SingleAsync(a => a.Id == oldAuditId)).ClientId.ShouldBe(duplicate.Id, "the insert-only trail keeps what it wrote");
        }

        // The duplicate's old link redirects; the desk's search no longer lists it.
        var old = await desk.GetAsync($"/front-desk/clients/{duplicate.Id}");
        old.Status.ShouldBe(HttpStatusCode.Redirect);
        old.Location.ShouldBe($"/front-desk/clients/{kept.Id}");
        (await desk.GetAsync("/front-desk/clients?q=nunez")).Html.ShouldNotContain(duplicate.Id.ToString());

        // The audit trail shows the old entry under the record kept (found by its email now).
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var trail = await admin.GetAsync($"/admin/audit?client={Uri.EscapeDataString(DuplicateEmail)}");
        trail.Text.ShouldContain("chart.view");
        trail.Text.ShouldContain("Test Client");
    }

    [Fact]
    public async Task Two_records_that_both_have_a_portal_account_are_not_merged_and_the_desk_is_told_why()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var duplicate = await DuplicateAsync();
        await using (var db = Database.CreateContext())
        {
            (await db.Clients.SingleAsync(c => c.Id == clinic.Client.Id)).LinkAccount(Guid.NewGuid());
            (await db.Clients.SingleAsync(c => c.Id == duplicate.Id)).LinkAccount(Guid.NewGuid());
            await db.SaveChangesAsync();
        }

        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var url = $"/front-desk/clients/{clinic.Client.Id}/merge/{duplicate.Id}";
        var compare = await desk.GetAsync(url);
        compare.Document.QuerySelector(".merge-blockers")!.TextContent.ShouldContain("Both records have a portal account");
        compare.Document.QuerySelector(".merge-form").ShouldBeNull();

        var posted = await desk.PostAsync(compare, url, new Dictionary<string, string> { ["Merge.KeepId"] = clinic.Client.Id.ToString() });
        posted.Status.ShouldBe(HttpStatusCode.Conflict);
        posted.Text.ShouldContain(MergeBlockers.BothPortalAccounts);
        await using var check = Database.CreateContext();
        (await check.Clients.SingleAsync(c => c.Id == duplicate.Id)).MergedIntoId.ShouldBeNull();
        (await check.AuditEntries.AnyAsync(a => a.Action == MergeClients.Action)).ShouldBeFalse();
    }

    [Fact]
    public async Task Visits_booked_at_the_same_time_or_a_chart_open_as_a_draft_stop_the_merge()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var duplicate = await DuplicateAsync();
        var start = TestClinic.At(11);
        var mine = await clinic.BookAsync(Database, start);
        await using (var db = Database.CreateContext())
        {
            var dup = await db.Clients.SingleAsync(c => c.Id == duplicate.Id);
            db.AttachRange(clinic.Facial, clinic.Cheeks, clinic.OtherEsthetician, clinic.RoomTwo, clinic.Dermapen);
            db.Appointments.Add(Appointment.Book(dup, clinic.Facial, clinic.OtherEsthetician, clinic.RoomTwo, clinic.Dermapen, [clinic.Cheeks],
                start.AddMinutes(30), BookingSource.FrontDesk, DateTimeOffset.UtcNow, TestClinic.By));
            await db.SaveChangesAsync();
        }

        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var url = $"/front-desk/clients/{clinic.Client.Id}/merge/{duplicate.Id}";
        var compare = await desk.GetAsync(url);
        compare.Document.QuerySelector(".merge-blockers")!.TextContent.ShouldContain("Both records have a visit booked at the same time");
        var posted = await desk.PostAsync(compare, url, new Dictionary<string, string> { ["Merge.KeepId"] = duplicate.Id.ToString() });
        posted.Status.ShouldBe(HttpStatusCode.Conflict);
        posted.Text.ShouldContain("Both records have a visit booked at the same time");

        // The duplicate's visit cancelled, a chart opened as a draft on the kept record's visit stops it instead.
        await using (var db = Database.CreateContext())
        {
            var theirs = await db.Appointments.SingleAsync(a => a.ClientId == duplicate.Id);
            theirs.Cancel(CancellationReason.ClientRequest, null, TimeSpan.Zero, DateTimeOffset.UtcNow, TestClinic.By);
            var visit = await db.Appointments.Include(a => a.Service).Include(a => a.BodyAreas).SingleAsync(a => a.Id == mine.Id);
            visit.CheckIn(DateTimeOffset.UtcNow, TestClinic.By);
            db.TreatmentRecords.Add(TreatmentRecord.Open(visit, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        compare = await desk.GetAsync(url);
        var blockers = compare.Document.QuerySelector(".merge-blockers")!.TextContent;
        blockers.ShouldContain("A chart is open as a draft on Test Client's record");
        blockers.ShouldNotContain("same time");
        (await desk.PostAsync(compare, url, new Dictionary<string, string> { ["Merge.KeepId"] = clinic.Client.Id.ToString() })).Status.ShouldBe(HttpStatusCode.Conflict);
        await using var check = Database.CreateContext();
        (await check.Clients.SingleAsync(c => c.Id == duplicate.Id)).MergedIntoId.ShouldBeNull();
        (await check.Appointments.CountAsync(a => a.ClientId == duplicate.Id)).ShouldBe(1, "nothing moved");
    }

    [Fact]
    public async Task Two_desks_merging_the_same_pair_at_once_one_merges_and_the_other_is_told()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var duplicate = await DuplicateAsync();
        await clinic.BookAsync(Database, TestClinic.At(9));
        using var first = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        using var second = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var one = await first.GetAsync($"/front-desk/clients/{clinic.Client.Id}/merge/{duplicate.Id}");
        var other = await second.GetAsync($"/front-desk/clients/{duplicate.Id}/merge/{clinic.Client.Id}");

        // One keeps the first record, the other the second: whichever commits first wins, the other waits on the lock and is told.
        var results = await Task.WhenAll(
            first.SubmitAsync(one, new Dictionary<string, string>()),
            second.SubmitAsync(other, new Dictionary<string, string>()));

        results.Count(r => r.Status == HttpStatusCode.Redirect).ShouldBe(1);
        var told = results.Single(r => r.Status != HttpStatusCode.Redirect);
        told.Status.ShouldBe(HttpStatusCode.Conflict);
        told.Text.ShouldContain(MergeClients.MergedMeanwhile);
        told.Document.QuerySelector(".merge-done").ShouldNotBeNull();
        await using var db = Database.CreateContext();
        var both = await db.Clients.AsNoTracking().Where(c => c.Id == clinic.Client.Id || c.Id == duplicate.Id).ToListAsync();
        both.Count(c => c.MergedIntoId is not null).ShouldBe(1);
        var survivor = both.Single(c => c.MergedIntoId is null);
        (await db.Appointments.CountAsync(a => a.ClientId == survivor.Id)).ShouldBe(1);
        (await db.AuditEntries.CountAsync(a => a.Action == MergeClients.Action)).ShouldBe(1);
    }

    [Fact]
    public async Task Only_the_front_desk_and_the_admin_merge_records()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var duplicate = await DuplicateAsync();
        using var nurse = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Nurse);
        (await nurse.GetAsync($"/front-desk/clients/{clinic.Client.Id}/merge/{duplicate.Id}")).Location!.ShouldContain("/account/access-denied");
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        (await admin.GetAsync($"/front-desk/clients/{clinic.Client.Id}/merge/{duplicate.Id}")).Status.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync($"/front-desk/clients/{clinic.Client.Id}/merge/{clinic.Client.Id}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>
    /// A table added later with a column naming a client fails here until the merge handles it (ClientReferences): the EF
    /// model's foreign keys to Client, PostgreSQL's foreign keys to clients, and every column named like client_id.
    /// </summary>
    [Fact]
    public async Task Every_column_that_names_a_client_is_handled_by_the_merge()
    {
        var handled = ClientReferences.All.Select(r => $"{r.Table}.{r.Column}").ToHashSet();
        await using var db = Database.CreateContext();
        var fromModel = db.Model.GetEntityTypes().SelectMany(e => e.GetForeignKeys())
            .Where(fk => fk.PrincipalEntityType.ClrType == typeof(Client))
            .SelectMany(fk => fk.Properties.Select(p => $"{fk.DeclaringEntityType.GetTableName()}.{p.GetColumnName()}"))
            .ToList();
        var fromCatalog = await db.Database.SqlQueryRaw<string>("""
            SELECT c.conrelid::regclass::text || '.' || a.attname AS "Value"
            FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
            WHERE c.contype = 'f' AND c.confrelid = 'clients'::regclass
            """).ToListAsync();
        var byName = await db.Database.SqlQueryRaw<string>("""
            SELECT table_name || '.' || column_name AS "Value" FROM information_schema.columns
            WHERE table_schema = current_schema() AND data_type = 'uuid' AND (column_name LIKE '%client_id' OR column_name = 'merged_into_id')
            """).ToListAsync();

        fromModel.Count.ShouldBeGreaterThanOrEqualTo(15);
        fromCatalog.Count.ShouldBe(fromModel.Count, "the database has the foreign keys the model has");
        fromModel.Concat(fromCatalog).Concat(byName).Distinct().Where(c => !handled.Contains(c)).ShouldBeEmpty("a column naming a client that the merge does not handle");
        byName.ShouldContain("audit_entries.client_id");
        byName.ShouldContain("photos.client_id");
    }
}
