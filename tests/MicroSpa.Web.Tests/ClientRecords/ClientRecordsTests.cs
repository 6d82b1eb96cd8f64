using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using CsvHelper;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.ClientRecords;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Checkout;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.ClientRecords;

/// <summary>
/// A client's own records (HIPAA right of access): the ZIP from My appointments and from the desk, opened and every
/// file checked against the rows seeded; another client's records never in it; who may ask; the audit trail.
/// </summary>
public sealed class ClientRecordsTests(WebAppFixture fixture) : WebTest(fixture)
{
    internal static async Task<ZipArchive> ZipAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
    }

    private static byte[] Bytes(ZipArchive zip, string name)
    {
        using var stream = (zip.GetEntry(name) ?? throw new ShouldAssertException($"{name} is not in the archive")).Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Text(ZipArchive zip, string name) => Encoding.UTF8.GetString(Bytes(zip, name));

    private static JsonElement Json(ZipArchive zip, string name) => JsonDocument.Parse(Bytes(zip, name)).RootElement;

    private static List<Dictionary<string, string>> Csv(ZipArchive zip, string name)
    {
        using var reader = CsvReader.FromText(Text(zip, name), new CsvReaderOptions { HasHeader = true });
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(reader.Headers.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => reader.GetString(x.i)));
        }

        return rows;
    }

    /// <summary>Everything of the archive as text (PDFs as a reader extracts them, photos left out) to search for another client's data.</summary>
    private static string AllText(ZipArchive zip) => string.Join("\n", zip.Entries.Where(e => !e.FullName.StartsWith("photos/", StringComparison.Ordinal))
        .Select(e => e.FullName.EndsWith(".pdf", StringComparison.Ordinal) ? ReceiptTests.PdfText(Bytes(zip, e.FullName)) : Text(zip, e.FullName)));

    [Fact]
    public async Task A_client_downloads_their_records_and_every_file_matches_what_the_clinic_holds()
    {
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, "Ana", "Nunez");
        await using (var db = Database.CreateContext())
        {
            (await db.Clients.SingleAsync(c => c.Id == client.Id)).Rename("Ana", "Núñez");
            await db.SaveChangesAsync();
        }

        var s = await RecordsSeed.SeedAsync(Database, client.Id);

        var page = await session.GetAsync("/my/appointments");
        var link = page.Document.GetElementById("my-records-download")!;
        link.GetAttribute("href").ShouldBe("/my/records.zip");
        using var response = await session.Client.GetAsync(link.GetAttribute("href"));
        using var zip = await ZipAsync(response);
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldStartWith("my-records-");

        // Every file is described in the README.
        var readme = Text(zip, "README.txt");
        foreach (var entry in zip.Entries)
        {
            var described = entry.FullName.StartsWith("photos/", StringComparison.Ordinal) ? "photos/:"
                : entry.FullName.StartsWith("charts/", StringComparison.Ordinal) ? "charts/*.pdf:"
                : entry.FullName + ":";
            readme.ShouldContain(described, Case.Sensitive, $"README describes {entry.FullName}");
        }

        foreach (var column in ArchiveReadme.AppointmentColumns.Concat(ArchiveReadme.HistoryColumns).Concat(ArchiveReadme.ProgressColumns).Concat(ArchiveReadme.PhotoColumns))
        {
            readme.ShouldContain($"  {column.Name}: ");
        }

        readme.ShouldContain("2 appointments, 1 signed charts, 1 aftercare plans, 1 consents, 1 screenings, 1 progress scores, 1 photos, 1 treatment plans and 1 medical clearances");

        var profile = Json(zip, "client.json");
        profile.GetProperty("id").GetGuid().ShouldBe(client.Id);
        profile.GetProperty("first_name").GetString().ShouldBe("Ana");
        profile.GetProperty("last_name").GetString().ShouldBe("Núñez");
        profile.GetProperty("email").GetString().ShouldBe(client.Email);
        profile.GetProperty("has_portal_account").GetBoolean().ShouldBeTrue();

        // Appointments: service, provider, start and end in the clinic's zone and UTC, status, history.
        var appointments = Csv(zip, "appointments.csv");
        appointments.Select(a => Guid.Parse(a["appointment_id"])).ShouldBe([s.Treated.Id, s.Cancelled.Id]);
        var treated = appointments[0];
        treated["service"].ShouldBe(s.Clinic.Facial.Name);
        treated["provider"].ShouldBe("Maya Lopez");
        treated["areas"].ShouldBe("Cheeks");
        treated["time_zone"].ShouldBe("America/New_York");
        DateTimeOffset.Parse(treated["starts_at_utc"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(s.Treated.StartsAt);
        DateTimeOffset.Parse(treated["ends_at_utc"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(s.Treated.EndsAt);
        DateTime.Parse(treated["starts_at_local"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(TestClinic.Zone.ToLocal(s.Treated.StartsAt));
        DateTime.Parse(treated["starts_at_local"], System.Globalization.CultureInfo.InvariantCulture).TimeOfDay.ShouldBe(new TimeSpan(10, 0, 0));
        treated["status"].ShouldBe("Checked in");
        appointments[1]["status"].ShouldBe("Cancelled");
        appointments[1]["cancellation_reason"].ShouldBe("ClientRequest");
        await using (var db = Database.CreateContext())
        {
            var history = await db.AppointmentEvents.Where(e => e.AppointmentId == s.Cancelled.Id).OrderBy(e => e.At).Select(e => e.What).ToListAsync();
            history.Count.ShouldBeGreaterThan(0);
            Csv(zip, "appointment_history.csv").Where(h => h["appointment_id"] == s.Cancelled.Id.ToString()).Select(h => h["what"]).ShouldBe(history);
        }

        var visits = Json(zip, "appointments.json");
        visits.GetArrayLength().ShouldBe(2);
        visits[1].GetProperty("status").GetString().ShouldBe("Cancelled");
        visits[1].GetProperty("history").GetArrayLength().ShouldBeGreaterThan(0);

        // The signed chart: JSON and a PDF with the depth and the area.
        var chart = Json(zip, "charts.json").EnumerateArray().Single();
        chart.GetProperty("id").GetGuid().ShouldBe(s.ChartId);
        chart.GetProperty("signed_by").GetString().ShouldBe("Maya Lopez");
        chart.GetProperty("device").GetString().ShouldBe("SkinPen 1 (SkinPen Precision)");
        chart.GetProperty("cartridge_lot").GetString().ShouldBe("CART-7781");
        chart.GetProperty("numbing_agent").GetString().ShouldBe("Lidocaine 23%");
        chart.GetProperty("numbing_minutes").GetInt32().ShouldBe(30);
        chart.GetProperty("notes").GetString().ShouldBe(RecordsSeed.Notes);
        var area = chart.GetProperty("areas").EnumerateArray().Single();
        area.GetProperty("area").GetString().ShouldBe("Cheeks");
        area.GetProperty("depth_mm").GetDecimal().ShouldBe(0.75m);
        area.GetProperty("serum").GetString().ShouldBe("Hyaluronic acid serum");
        area.GetProperty("serum_lot").GetString().ShouldBe("HA-2291");
        area.GetProperty("reaction").GetString().ShouldBe(RecordsSeed.Reaction);
        var pdfName = chart.GetProperty("pdf_file").GetString()!;
        var pdf = ReceiptTests.PdfText(Bytes(zip, pdfName));
        pdf.ShouldContain("Cheeks: depth 0.75 mm, 4 passes");
        pdf.ShouldContain("Serum: Hyaluronic acid serum (lot HA-2291)");
        pdf.ShouldContain("Signed by Maya Lopez");
        pdf.ShouldContain("Ana Núñez");

        var aftercare = Json(zip, "aftercare.json").EnumerateArray().Single();
        aftercare.GetProperty("id").GetGuid().ShouldBe(s.AftercareId);
        aftercare.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()).ShouldBe(["Redness for 24 to 48 hours.", "No makeup until tomorrow evening."]);

        // The consent with the exact text signed, and when.
        var consent = Json(zip, "consents.json").EnumerateArray().Single();
        consent.GetProperty("version").GetInt32().ShouldBe(s.Form.Version);
        consent.GetProperty("text").GetString().ShouldBe(s.Form.Body);
        consent.GetProperty("title").GetString().ShouldBe(s.Form.Title);
        consent.GetProperty("photo_consent").GetBoolean().ShouldBeTrue();
        consent.GetProperty("signed_at_utc").GetDateTimeOffset().ShouldBe(s.Consent.SignedAt, TimeSpan.FromMilliseconds(1));
        consent.GetProperty("appointment_ids").EnumerateArray().Select(i => i.GetGuid()).ShouldBe([s.Treated.Id]);

        // The screening with the questions exactly as shown (their version) and the answers.
        await using (var db = Database.CreateContext())
        {
            var shown = await db.ScreeningQuestionnaires.AsNoTracking().SingleAsync(q => q.Version == s.Screening.QuestionnaireVersion);
            var screening = Json(zip, "screenings.json").EnumerateArray().Single();
            screening.GetProperty("questions_version").GetInt32().ShouldBe(shown.Version);
            var answers = screening.GetProperty("answers").EnumerateArray().ToList();
            answers.Select(a => a.GetProperty("question").GetString()).ShouldBe(shown.Questions.Select(q => q.Text));
            answers.Select(a => a.GetProperty("answered").GetString()).ShouldAllBe(a => a == "no");
            answers.Select(a => a.GetProperty("question").GetString()!).ShouldContain(q => q.Contains("6 months", StringComparison.Ordinal), "the washout is written out as the client read it");
        }

        var series = Json(zip, "treatment_plans.json").EnumerateArray().Single();
        series.GetProperty("id").GetGuid().ShouldBe(s.PlanId);
        series.GetProperty("indication").GetString().ShouldBe("AcneScars");
        series.GetProperty("areas").EnumerateArray().Select(a => a.GetString()).ShouldBe(["Cheeks"]);
        series.GetProperty("planned_sessions").GetInt32().ShouldBe(4);
        var exam = Json(zip, "clearances.json").EnumerateArray().Single();
        exam.GetProperty("decision").GetString().ShouldBe("Cleared");
        exam.GetProperty("examiner").GetString().ShouldBe("Dr. Helen Park");
        exam.GetProperty("services_cleared").EnumerateArray().Select(a => a.GetString()).ShouldBe([s.Clinic.Facial.Name]);

        var progress = Csv(zip, "progress.csv").Single();
        progress["area"].ShouldBe("Cheeks");
        progress["scale"].ShouldBe("GoodmanBaron");
        progress["provider_score"].ShouldBe("3");
        progress["your_rating"].ShouldBe("2");

        // The photo byte for byte, and no one else's.
        var photo = Csv(zip, "photos.csv").Single();
        photo["photo_id"].ShouldBe(s.PhotoId.ToString());
        Bytes(zip, photo["file"]).ShouldBe(s.PhotoBytes);
        zip.Entries.Count(e => e.FullName.StartsWith("photos/", StringComparison.Ordinal)).ShouldBe(1);

        // A formula typed into a note stays text in every CSV; nothing of the other client is anywhere.
        var all = AllText(zip);
        all.ShouldNotContain(s.OtherChartId.ToString());
        all.ShouldNotContain(s.OtherPhotoId.ToString());
        all.ShouldNotContain("CART-OTHER-1");
        all.ShouldNotContain(s.Clinic.Client.Email!);
        all.ShouldNotContain("Test Client");
        var otherPhotoStart = s.OtherPhotoBytes[..64];
        foreach (var entry in zip.Entries)
        {
            Bytes(zip, entry.FullName).AsSpan().IndexOf(otherPhotoStart).ShouldBe(-1, $"{entry.FullName} holds none of the other client's photo");
        }
    }

    [Fact]
    public async Task Two_photos_of_one_area_taken_in_the_same_second_are_two_files()
    {
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var s = await RecordsSeed.SeedAsync(Database, client.Id);
        byte[] second = [0xFF, 0xD8, 0xFF, 0xE0, .. Encoding.ASCII.GetBytes("a second before photo of the cheeks"), 0xFF, 0xD9];
        await using (var db = Database.CreateContext())
        {
            var first = await db.Photos.AsNoTracking().SingleAsync(p => p.Id == s.PhotoId);
            var again = MicroSpa.Domain.Plans.Photo.Record(client.Id, s.ChartId, first.BodyAreaId, first.AreaName, first.Kind, "image/jpeg", 40, 30, second.Length, null, "Maya Lopez", first.TakenAt);
            db.Photos.Add(again);
            db.PhotoContents.Add(new MicroSpa.Data.PhotoContent { PhotoId = again.Id, Bytes = second });
            await db.SaveChangesAsync();
        }

        using var response = await session.Client.GetAsync("/my/records.zip");
        using var zip = await ZipAsync(response);

        var listed = Csv(zip, "photos.csv");
        listed.Count.ShouldBe(2);
        listed.Select(p => p["file"]).Distinct().Count().ShouldBe(2, "one file name each: unzipping must not overwrite one with the other");
        zip.Entries.Count(e => e.FullName.StartsWith("photos/", StringComparison.Ordinal)).ShouldBe(2);
        Bytes(zip, listed.Single(p => p["photo_id"] == s.PhotoId.ToString())["file"]).ShouldBe(s.PhotoBytes);
        Bytes(zip, listed.Single(p => p["photo_id"] != s.PhotoId.ToString())["file"]).ShouldBe(second);
    }

    [Fact]
    public async Task The_export_is_audited_for_the_client_with_no_client_data_in_the_log()
    {
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, "Priya", "Raman");
        await RecordsSeed.SeedAsync(Database, client.Id);
        var before = App.Log.Lines.Count;

        using var response = await session.Client.GetAsync("/my/records.zip");
        using var zip = await ZipAsync(response);

        await using var db = Database.CreateContext();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == RecordsDownload.AuditAction);
        entry.ClientId.ShouldBe(client.Id);
        entry.Detail.ShouldBe(RecordsDownload.ByClient);
        entry.UserId.ShouldBe(client.UserId);
        entry.At.ShouldBe(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        var log = string.Join("\n", App.Log.Lines.Skip(before));
        log.ShouldContain(client.Id.ToString());
        log.ShouldNotContain("Priya");
        log.ShouldNotContain("Raman");
        log.ShouldNotContain(client.Email!);
    }

    [Fact]
    public async Task The_medical_director_produces_the_same_archive_for_a_client_who_asks_in_person_audited_as_in_person()
    {
        var (_, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, "Lena", "Ortiz");
        var s = await RecordsSeed.SeedAsync(Database, client.Id);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector, "director.records@clinic.test");

        using (var frontDesk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk))
        {
            var deskPage = await frontDesk.GetAsync($"/front-desk/clients/{client.Id}");
            deskPage.Document.GetElementById("client-records-download").ShouldBeNull("the desk cannot read what the archive holds");
            deskPage.Document.GetElementById("records-in-person")!.TextContent.ShouldContain("the medical director produces the same");
        }

        var profile = await desk.GetAsync($"/clearances/clients/{client.Id}");
        var link = profile.Document.GetElementById("client-records-download")!.GetAttribute("href");
        link.ShouldBe($"/clients/{client.Id}/records.zip");
        using var response = await desk.Client.GetAsync(link);
        using var zip = await ZipAsync(response);

        Json(zip, "client.json").GetProperty("id").GetGuid().ShouldBe(client.Id);
        Json(zip, "charts.json").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(s.ChartId);
        Json(zip, "consents.json").EnumerateArray().Single().GetProperty("text").GetString().ShouldBe(s.Form.Body);
        Bytes(zip, Csv(zip, "photos.csv").Single()["file"]).ShouldBe(s.PhotoBytes);
        AllText(zip).ShouldNotContain("CART-OTHER-1");

        // The other client's archive holds theirs only.
        using var theirs = await ZipAsync(await desk.Client.GetAsync($"/clients/{s.Clinic.Client.Id}/records.zip"));
        Json(theirs, "charts.json").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(s.OtherChartId);
        Bytes(theirs, Csv(theirs, "photos.csv").Single()["file"]).ShouldBe(s.OtherPhotoBytes);
        AllText(theirs).ShouldNotContain("Lena");

        await using var db = Database.CreateContext();
        var entries = await db.AuditEntries.Where(e => e.Action == RecordsDownload.AuditAction).OrderBy(e => e.At).ToListAsync();
        entries.Select(e => (e.ClientId, e.Detail, e.UserName)).ShouldBe([
            (client.Id, RecordsDownload.InPerson, "director.records@clinic.test"),
            (s.Clinic.Client.Id, RecordsDownload.InPerson, "director.records@clinic.test"),
        ]);
        (await desk.Client.GetAsync($"/clients/{Guid.NewGuid()}/records.zip")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Anonymous_visitors_and_other_roles_get_no_archive()
    {
        var (clientSession, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var s = await RecordsSeed.SeedAsync(Database, client.Id);

        using var anonymous = NewSession();
        var signIn = await anonymous.Client.GetAsync("/my/records.zip");
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.Location!.ToString().ShouldContain("/account/sign-in");
        using var script = new HttpRequestMessage(HttpMethod.Get, "/my/records.zip");
        script.Headers.Add("X-Requested-With", "XMLHttpRequest");
        (await anonymous.Client.SendAsync(script)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var deskScript = new HttpRequestMessage(HttpMethod.Get, $"/clients/{client.Id}/records.zip");
        deskScript.Headers.Add("X-Requested-With", "XMLHttpRequest");
        (await anonymous.Client.SendAsync(deskScript)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // A client cannot name another client: the director's address is refused to them.
        using var clientScript = new HttpRequestMessage(HttpMethod.Get, $"/clients/{s.Clinic.Client.Id}/records.zip");
        clientScript.Headers.Add("X-Requested-With", "XMLHttpRequest");
        (await clientSession.Client.SendAsync(clientScript)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The desk and the Admin may not read charts, photos or clearances (decision 021), so they cannot export them;
        // a clinician reads charts but not clearances. A staff member is never a client either.
        foreach (var role in new[] { Roles.FrontDesk, Roles.Admin, Roles.Esthetician, Roles.Nurse, Roles.MedicalDirector })
        {
            using var staff = await AccountFlows.SignedInStaffAsync(App, NewSession, role);
            foreach (var url in role == Roles.MedicalDirector ? ["/my/records.zip"] : new[] { "/my/records.zip", $"/clients/{client.Id}/records.zip" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Add("X-Requested-With", "XMLHttpRequest");
                var answer = await staff.Client.SendAsync(request);
                answer.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{role} {url}");
                answer.Content.Headers.ContentType?.MediaType.ShouldNotBe("application/zip");
            }
        }

        await using var db = Database.CreateContext();
        (await db.AuditEntries.CountAsync(e => e.Action == RecordsDownload.AuditAction)).ShouldBe(0);
    }

    [Fact]
    public async Task Downloads_beyond_the_hourly_limit_are_refused_with_when_to_try_again()
    {
        await using var limited = App.WithWebHostBuilder(b => b.UseSetting("RateLimits:RecordsPerHour", "2"));
        var (_, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        await RecordsSeed.SeedAsync(Database, client.Id);
        using var session = new WebSession(limited.CreateClient(new() { AllowAutoRedirect = false }));
        (await AccountFlows.SignInAsync(session, client.Email!)).Status.ShouldBe(HttpStatusCode.Redirect);

        (await session.Client.GetAsync("/my/records.zip")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await session.Client.GetAsync("/my/records.zip")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var third = await session.Client.GetAsync("/my/records.zip");

        third.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(third.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(60);
        (await third.Content.ReadAsStringAsync()).ShouldContain("minutes and try again");
        await using var db = Database.CreateContext();
        (await db.AuditEntries.CountAsync(e => e.Action == RecordsDownload.AuditAction)).ShouldBe(2);
    }
}
