using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CsvHelper;
using MicroSpa.Data.Billing;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Clients;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.ClinicExport;
using MicroSpa.Web.Features.Import;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.ClinicExport;

/// <summary>
/// The whole clinic's archive (decision 046) as the use case writes it: a seeded clinic's every kind of record in a CSV and a
/// JSON file with the README's columns, the exact consent and screening texts, photos byte for byte, money, the audit trail;
/// and every table and column of the schema either exported or left out with a reason.
/// </summary>
public sealed class ClinicArchiveTests(WebAppFixture fixture) : WebTest(fixture)
{
    internal sealed record Seeded(RecordsSeed.Seeded Records, Client Client, Guid InvoiceId, Guid PaymentId, Guid DeskUserId);

    /// <summary>The records seed (two clients with charts, photos, plans, consent, screening) plus an invoice paid by card and partly refunded.</summary>
    internal static async Task<Seeded> SeedClinicAsync(MicroSpaAppFactory app, TestDatabase database)
    {
        var client = new Client("Zoë", "O'Hara", "zoe.ohara@example.com", "+1 212 555 0199", DateTimeOffset.UtcNow);
        client.UpdateFrontDeskDetails("=HYPERLINK(\"http://evil\") said at the desk", null);
        client.RecordDateOfBirth(new DateOnly(1990, 4, 12), new DateOnly(2026, 1, 1));
        await using (var db = database.CreateContext())
        {
            db.Clients.Add(client);
            await db.SaveChangesAsync();
        }

        var records = await RecordsSeed.SeedAsync(database, client.Id);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var desk = new ApplicationUser { UserName = "desk.export@clinic.test", Email = "desk.export@clinic.test", EmailConfirmed = true, DisplayName = "Desk Tester" };
        (await users.CreateAsync(desk, AccountFlows.Password)).Succeeded.ShouldBeTrue();
        await users.AddToRoleAsync(desk, Roles.FrontDesk);
        var actor = new Actor(desk.Id, desk.DisplayName);
        Guid invoiceId;
        await using (var db = database.CreateContext())
        {
            var item = new RetailItem("SER-1", "Hydrating serum", 40.00m);
            db.RetailItems.Add(item);
            var retailTax = await db.TaxClasses.SingleAsync(t => t.Kind == TaxKind.Retail);
            var invoice = Invoice.WalkIn(client.Id, "USD", actor.UserId, DateTimeOffset.UtcNow);
            invoice.AddRetail(item, 1, retailTax, null);
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync();
            invoiceId = invoice.Id;
        }

        var ledger = scope.ServiceProvider.GetRequiredService<Ledger>();
        (await ledger.IssueAsync(invoiceId, actor, CancellationToken.None)).Status.ShouldBe(LedgerStatus.Done);
        (await ledger.TakePaymentAsync(invoiceId, new TenderInput(Tender.Card, 40.00m, "Visa", "4242", "A1B2"), Guid.NewGuid(), actor, CancellationToken.None)).Status.ShouldBe(LedgerStatus.Done);
        await using (var db = database.CreateContext())
        {
            var paymentId = await db.LedgerEntries.Where(e => e.InvoiceId == invoiceId && e.Kind == EntryKind.Payment).Select(e => e.Id).SingleAsync();
            (await ledger.RefundAsync(invoiceId, paymentId, 10.00m, "goodwill", null, Guid.NewGuid(), actor, CancellationToken.None)).Status.ShouldBe(LedgerStatus.Done);
            return new Seeded(records, client, invoiceId, paymentId, desk.Id);
        }
    }

    internal static byte[] Bytes(ZipArchive zip, string name)
    {
        using var stream = (zip.GetEntry(name) ?? throw new ShouldAssertException($"{name} is not in the archive")).Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    internal static string Text(ZipArchive zip, string name) => Encoding.UTF8.GetString(Bytes(zip, name));

    internal static JsonElement Json(ZipArchive zip, string name) => JsonDocument.Parse(Bytes(zip, name)).RootElement;

    internal static (string[] Header, List<Dictionary<string, string>> Rows) Csv(ZipArchive zip, string name)
    {
        using var reader = CsvReader.FromText(Text(zip, name), new CsvReaderOptions { HasHeader = true });
        var rows = new List<Dictionary<string, string>>();
        string[]? header = null;
        while (reader.Read())
        {
            header ??= [.. reader.Headers];
            rows.Add(reader.Headers.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => reader.GetString(x.i)));
        }

        return (header ?? [.. Text(zip, name).Split("\r\n")[0].Split(',')], rows);
    }

    private async Task<ZipArchive> WriteAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var output = new MemoryStream();
        var reports = new List<ClinicArchive.Progress>();
        await scope.ServiceProvider.GetRequiredService<ClinicArchive.Handler>().WriteAsync(output, (p, _) =>
        {
            reports.Add(p);
            return Task.CompletedTask;
        }, CancellationToken.None);
        reports.ShouldNotBeEmpty();
        reports[^1].Done.ShouldBe(reports[^1].Total);
        reports.Select(r => r.Done).ShouldBeInOrder();
        output.Position = 0;
        return new ZipArchive(output, ZipArchiveMode.Read);
    }

    [Fact]
    public async Task The_archive_holds_every_kind_of_record_of_the_clinic_in_csv_and_json_with_the_readmes_columns()
    {
        var s = await SeedClinicAsync(App, Database);
        var r = s.Records;
        using var zip = await WriteAsync();

        // Every file in README, every column in README and in the header of its CSV, the same rows in CSV and JSON.
        var readme = Text(zip, "README.md");
        foreach (var table in ClinicTables.All)
        {
            readme.ShouldContain($"### {table.File}.csv, {table.File}.json");
            var (header, rows) = Csv(zip, table.File + ".csv");
            header.ShouldBe([.. table.Columns.Select(c => c.Name)], $"{table.File}.csv's header");
            var json = Json(zip, table.File + ".json");
            json.GetArrayLength().ShouldBe(rows.Count, $"{table.File}: the same rows in CSV and JSON");
            foreach (var column in table.Columns)
            {
                readme.ShouldContain($"- `{column.Name}`: {column.Meaning}");
            }

            foreach (var row in json.EnumerateArray())
            {
                row.EnumerateObject().Select(p => p.Name).ShouldBe(header);
            }
        }

        foreach (var left in ClinicTables.LeftOutTables)
        {
            readme.ShouldContain($"- `{left.Name}`: {left.Why}");
        }

        zip.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("photos/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .ShouldBe(ClinicTables.All.SelectMany(t => new[] { t.File + ".csv", t.File + ".json" }).Append("README.md").Order(StringComparer.Ordinal));
        readme.ShouldContain("| `clients.csv`, `clients.json` | 2 |");
        readme.ShouldContain("| `photos/` | 2 |");

        // Clients: ids as in MicroSpa, accents and quotes as they are, a formula in the notes defused in CSV, kept in JSON.
        var clients = Csv(zip, "clients.csv").Rows;
        var zoe = clients.Single(c => c["id"] == s.Client.Id.ToString());
        zoe["first_name"].ShouldBe("Zoë");
        zoe["last_name"].ShouldBe("O'Hara");
        zoe["email"].ShouldBe("zoe.ohara@example.com");
        zoe["phone"].ShouldBe("'+1 212 555 0199", "a cell starting with + is defused like a formula");
        zoe["date_of_birth"].ShouldBe("1990-04-12");
        zoe["notes"].ShouldBe("'=HYPERLINK(\"http://evil\") said at the desk");
        Json(zip, "clients.json").EnumerateArray().Single(c => c.GetProperty("id").GetString() == s.Client.Id.ToString())
            .GetProperty("notes").GetString().ShouldBe("=HYPERLINK(\"http://evil\") said at the desk");
        Json(zip, "clients.json").EnumerateArray().Single(c => c.GetProperty("id").GetString() == s.Client.Id.ToString())
            .GetProperty("phone").GetString().ShouldBe("+1 212 555 0199");
        clients.ShouldContain(c => c["id"] == r.Clinic.Client.Id.ToString());

        // Appointments with their areas and history.
        var appointments = Csv(zip, "appointments.csv").Rows;
        appointments.Count.ShouldBe(3);
        appointments.ShouldContain(a => a["id"] == r.Treated.Id.ToString() && a["status"] == "CheckedIn");
        var cancelled = appointments.Single(a => a["id"] == r.Cancelled.Id.ToString());
        cancelled["status"].ShouldBe("Cancelled");
        cancelled["client_id"].ShouldBe(s.Client.Id.ToString());
        cancelled["cancellation_note"].ShouldBe("Travelling");
        DateTimeOffset.Parse(cancelled["starts_at"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(r.Cancelled.StartsAt);
        Csv(zip, "appointment_areas.csv").Rows.ShouldContain(a => a["appointment_id"] == r.Treated.Id.ToString() && a["body_area_id"] == r.Clinic.Cheeks.Id.ToString());
        await using (var db = Database.CreateContext())
        {
            var history = await db.AppointmentEvents.Where(e => e.AppointmentId == r.Cancelled.Id).OrderBy(e => e.Id).Select(e => e.What).ToListAsync();
            history.ShouldNotBeEmpty();
            Csv(zip, "appointment_history.csv").Rows.Where(h => h["appointment_id"] == r.Cancelled.Id.ToString()).Select(h => h["what"]).ShouldBe(history);
        }

        // Charts with their areas, aftercare, plans, progress.
        var chart = Csv(zip, "charts.csv").Rows.Single(c => c["id"] == r.ChartId.ToString());
        chart["cartridge_lot"].ShouldBe("CART-7781");
        chart["status"].ShouldBe("Signed");
        chart["notes"].ShouldBe(RecordsSeed.Notes);
        var area = Csv(zip, "charted_areas.csv").Rows.Single(a => a["treatment_record_id"] == r.ChartId.ToString());
        area["depth_mm"].ShouldBe("0.75");
        area["product_lot"].ShouldBe("HA-2291");
        area["reaction"].ShouldBe(RecordsSeed.Reaction);
        var aftercare = Json(zip, "aftercare_plans.json").EnumerateArray().Single(a => a.GetProperty("id").GetString() == r.AftercareId.ToString());
        aftercare.GetProperty("items").GetArrayLength().ShouldBe(2);
        aftercare.GetProperty("items").GetRawText().ShouldContain("No makeup until tomorrow evening.");
        var plan = Json(zip, "treatment_plans.json").EnumerateArray().Single(p => p.GetProperty("id").GetString() == r.PlanId.ToString());
        plan.GetProperty("planned_sessions").GetInt32().ShouldBe(4);
        plan.GetProperty("area_ids").EnumerateArray().Select(a => a.GetString()).ShouldBe([r.Clinic.Cheeks.Id.ToString()]);
        var score = Csv(zip, "progress_scores.csv").Rows.Single(p => p["treatment_record_id"] == r.ChartId.ToString());
        (score["provider_score"], score["client_rating"], score["scale"]).ShouldBe(("3", "2", "GoodmanBaron"));

        // Consents and screenings with the exact text shown.
        var consent = Csv(zip, "consents.csv").Rows.Single(c => c["id"] == r.Consent.Id.ToString());
        consent["form_body"].ShouldBe(r.Form.Body);
        consent["form_title"].ShouldBe(r.Form.Title);
        consent["photo_consent"].ShouldBe("true");
        var screening = Json(zip, "screenings.json").EnumerateArray().Single(x => x.GetProperty("id").GetString() == r.Screening.Id.ToString());
        var shown = screening.GetProperty("questions_shown");
        shown.ValueKind.ShouldBe(JsonValueKind.Array);
        shown.GetRawText().ShouldContain("isotretinoin");
        await using (var db = Database.CreateContext())
        {
            var questions = await db.Database.SqlQuery<string>($"SELECT questions::text AS \"Value\" FROM screening_questionnaires WHERE version = {r.Screening.QuestionnaireVersion}").SingleAsync();
            JsonSerializer.Serialize(JsonDocument.Parse(questions)).ShouldBe(JsonSerializer.Serialize(shown));
        }

        // Photos as files by id, byte for byte, and described.
        Bytes(zip, $"photos/{r.PhotoId}.jpg").ShouldBe(r.PhotoBytes);
        Bytes(zip, $"photos/{r.OtherPhotoId}.jpg").ShouldBe(r.OtherPhotoBytes);
        Csv(zip, "photos.csv").Rows.Single(p => p["id"] == r.PhotoId.ToString())["client_id"].ShouldBe(s.Client.Id.ToString());

        // Money: the invoice, its line, the payment and the refund on the ledger, amounts as decimals.
        var invoice = Csv(zip, "invoices.csv").Rows.Single(i => i["id"] == s.InvoiceId.ToString());
        invoice["client_id"].ShouldBe(s.Client.Id.ToString());
        invoice["currency"].ShouldBe("USD");
        Csv(zip, "invoice_lines.csv").Rows.Single(l => l["invoice_id"] == s.InvoiceId.ToString())["unit_price"].ShouldBe("40.00");
        var entries = Csv(zip, "ledger_entries.csv").Rows.Where(e => e["invoice_id"] == s.InvoiceId.ToString()).ToList();
        entries.Select(e => (e["kind"], e["amount"])).ShouldBe([("Issued", "40.00"), ("Payment", "40.00"), ("Credit", "10.00"), ("Refund", "10.00")], ignoreOrder: true);
        entries.Single(e => e["kind"] == "Refund")["refund_of_id"].ShouldBe(s.PaymentId.ToString());
        entries.Single(e => e["kind"] == "Payment")["card_last_four"].ShouldBe("4242");
        Json(zip, "ledger_entries.json").EnumerateArray().First(e => e.GetProperty("kind").GetString() == "Refund").GetProperty("amount").GetDecimal().ShouldBe(10.00m);

        // The audit trail (money actions are audited with the ledger).
        var audit = Csv(zip, "audit_trail.csv").Rows;
        await using (var db = Database.CreateContext())
        {
            var refund = await db.AuditEntries.OrderBy(a => a.Id).FirstAsync(a => a.Action == "money.refund");
            var row = audit.Single(a => a["id"] == refund.Id.ToString());
            (row["action"], row["user_name"], row["user_id"]).ShouldBe(("money.refund", "Desk Tester", s.DeskUserId.ToString()));
            audit.Count.ShouldBe(await db.AuditEntries.CountAsync());
        }

        // No secret of any account.
        var all = string.Join("\n", zip.Entries.Where(e => !e.FullName.StartsWith("photos/", StringComparison.Ordinal)).Select(e => Text(zip, e.FullName)));
        await using var users = Database.CreateContext();
        var hash = await users.Users.Where(u => u.Id == s.DeskUserId).Select(u => u.PasswordHash).SingleAsync();
        all.ShouldNotContain(hash!, Case.Sensitive, "no password hash is in the archive");
        Csv(zip, "staff_and_accounts.csv").Rows.Single(u => u["id"] == s.DeskUserId.ToString())["roles"].ShouldBe(Roles.FrontDesk);
    }

    [Fact]
    public async Task Every_table_and_column_of_the_database_is_exported_or_left_out_with_a_reason()
    {
        await using var db = Database.CreateContext();
        var columns = await db.Database.SqlQuery<string>($"""
            SELECT c.table_name || '.' || c.column_name AS "Value" FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
            """).ToListAsync();
        var schema = columns.Select(c => c.Split('.')).GroupBy(c => c[0], c => c[1]).ToDictionary(g => g.Key, g => g.ToHashSet());
        var exported = ClinicTables.All.GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.ToList());
        var leftOut = ClinicTables.LeftOutTables.Select(t => t.Name).ToHashSet();
        foreach (var (table, names) in schema)
        {
            (exported.ContainsKey(table) || leftOut.Contains(table)).ShouldBeTrue($"table {table} is neither exported nor left out with a reason in ClinicTables (add it to the export of the whole clinic, decision 046)");
            if (exported.TryGetValue(table, out var files))
            {
                var covered = files.SelectMany(f => f.Columns.Where(c => c.FromTable).Select(c => c.Name).Concat(f.Omitted.Select(o => o.Name))).ToHashSet();
                names.Except(covered).ShouldBeEmpty($"columns of {table} neither exported nor left out with a reason");
                covered.Except(names).ShouldBeEmpty($"columns of {table} named in ClinicTables but not in the database");
            }
        }

        exported.Keys.Except(schema.Keys).ShouldBeEmpty("exported tables that do not exist");
        ClinicTables.All.ShouldAllBe(t => t.Columns.All(c => !string.IsNullOrWhiteSpace(c.Meaning)));
        ClinicTables.All.Select(t => t.File).ShouldBeUnique();
    }

    [Fact]
    public void The_client_import_guesses_each_clients_csv_column_it_can_fill_and_no_other()
    {
        // clients.csv is meant to be imported again (the round trip of issue 20): its headers are what the import's guesses map.
        var header = ClinicTables.All.Single(t => t.File == "clients").Columns.Select(c => c.Name).ToList();
        var guessed = ClientFields.Propose(header, _ => null);
        header.Zip(guessed).Where(x => x.Second != ClientField.None).ToDictionary(x => x.First, x => x.Second).ShouldBe(new Dictionary<string, ClientField>
        {
            ["id"] = ClientField.ExternalId, ["first_name"] = ClientField.FirstName, ["last_name"] = ClientField.LastName, ["email"] = ClientField.Email,
            ["phone"] = ClientField.Phone, ["date_of_birth"] = ClientField.DateOfBirth, ["notes"] = ClientField.Notes,
        });
    }
}
