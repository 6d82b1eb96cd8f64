using System.Net;
using System.Text;
using CsvHelper;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Web.Infrastructure.Csv;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Import;

/// <summary>
/// The Admin's import of clients, slice one (decisions 043, 044): upload, the guessed and remembered mapping, the dry run's
/// finding for every row with its reason, its CSV; every bad file refused on the file field; nothing written to the
/// clients; only the Admin who uploaded a file opens it; no client data in the log.
/// </summary>
public sealed class ClientImportTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Header = "First Name,Last Name,E-mail,Mobile,DOB,Notes\r\n";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private async Task<Client> OnFileAsync(string first, string last, string? email, string? phone, DateOnly? born = null)
    {
        await using var db = Database.CreateContext();
        var client = new Client(first, last, email, phone, DateTimeOffset.UtcNow.AddYears(-2));
        if (born is { } date)
        {
            client.RecordDateOfBirth(date, DateOnly.FromDateTime(DateTime.UtcNow));
        }

        db.Clients.Add(client);
        await db.SaveChangesAsync();
        return client;
    }

    private async Task<List<(string First, string Last, string? Email, string? Phone, DateOnly? Born, string? Notes)>> ClientsAsync()
    {
        await using var db = Database.CreateContext();
        return [.. (await db.Clients.AsNoTracking().OrderBy(c => c.Id).ToListAsync()).Select(c => (c.FirstName, c.LastName, c.Email, c.Phone, c.DateOfBirth, c.Notes))];
    }

    [Fact]
    public async Task The_dry_run_tells_for_every_row_whether_it_would_be_created_updated_offered_for_merge_or_skipped_and_why()
    {
        await OnFileAsync("Ana", "Nunez", "ana@example.com", "555-0142");
        await OnFileAsync("Bo", "Li", "bo@example.com", null);
        await OnFileAsync("Cy", "Ray", "cy@example.com", "(212) 555-0199");
        await OnFileAsync("Dee", "Park", "dee@example.com", null, new DateOnly(1985, 2, 3));
        await OnFileAsync("Gus", "Hale", "gus@example.com", "555-0150");
        var before = await ClientsAsync();
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var file = Header
            + "Zoë,Martin,zoe@example.com,555-0100,1990-04-12,Prefers mornings\r\n"   // 2 new
            + "ANA,nuñez,Ana@Example.com,,4/12/1990,\r\n"                             // 3 same email and name: the date of birth is new
            + "Robert,Lim,bo@example.com,,,\r\n"                                       // 4 another client's email
            + "Cyrus,Ray,cyrus@other.test,+1 212-555-0199,,\r\n"                       // 5 same phone as Cy Ray
            + "Dee,Park,,555-0177,02/03/1985,\r\n"                                     // 6 same name and birth as Dee Park
            + "Eve,Stone,eve@example.com,,31/31/1990,\r\n"                             // 7 a date that cannot be read
            + "Fay,Hunt,not-an-email,,,\r\n"                                           // 8 an email that is none
            + "Hal,,hal@example.com,,,\r\n"                                            // 9 no last name
            + "Zoe,Marten,ZOE@example.com,,,\r\n"                                      // 10 the same email as line 2
            + "Gus,Hale,gus@example.com,555-0150,,\r\n"                                // 11 on file as it is
            + "Ivy,Chen,,,,\r\n";                                                      // 12 no way to reach her
        var uploaded = await ImportFlows.UploadAsync(admin, Utf8(file));
        uploaded.Status.ShouldBe(HttpStatusCode.Redirect);

        var mapping = await admin.GetAsync(uploaded.Location!);
        mapping.Status.ShouldBe(HttpStatusCode.OK);
        string Chosen(string header) =>
            mapping.Document.QuerySelector($"tr[data-column='{header}'] option[selected]")!.GetAttribute("value")!;
        Chosen("First Name").ShouldBe("FirstName");
        Chosen("Last Name").ShouldBe("LastName");
        Chosen("E-mail").ShouldBe("Email");
        Chosen("Mobile").ShouldBe("Phone");
        Chosen("DOB").ShouldBe("DateOfBirth");
        Chosen("Notes").ShouldBe("Notes");
        mapping.Document.QuerySelector("tr[data-column='First Name']")!.TextContent.ShouldContain("Zoë · ANA · Robert");
        await AssertNoUnlabelledInputsAsync(mapping);

        var mapped = await admin.SubmitAsync(mapping, ImportFlows.Proposed(mapping));
        mapped.Location.ShouldEndWith("/dry-run");
        var dryRun = await admin.FollowAsync(mapped);
        dryRun.Status.ShouldBe(HttpStatusCode.OK);

        ImportFlows.Row(dryRun, 2).ShouldBe(("Create", "A new client."));
        ImportFlows.Row(dryRun, 3).ShouldBe(("Update", "Ana Nunez is on file with this email: the import would change the date of birth."));
        ImportFlows.Row(dryRun, 4).ShouldBe(("Skip", "The email is used by another client on file (Bo Li)."));
        ImportFlows.Row(dryRun, 5).ShouldBe(("Possible duplicate", "May be Cy Ray, on file with the same phone: offered for merge."));
        ImportFlows.Row(dryRun, 6).ShouldBe(("Possible duplicate", "May be Dee Park, on file with the same name and date of birth: offered for merge."));
        ImportFlows.Row(dryRun, 7).ShouldBe(("Skip", "The date of birth “31/31/1990” cannot be read: write it as 12/31/1990 or 1990-12-31."));
        ImportFlows.Row(dryRun, 8).ShouldBe(("Skip", "Enter an email address like name@example.com."));
        ImportFlows.Row(dryRun, 9).ShouldBe(("Skip", "Enter the last name."));
        ImportFlows.Row(dryRun, 10).ShouldBe(("Skip", "The same email as line 2."));
        ImportFlows.Row(dryRun, 11).ShouldBe(("Unchanged", "Gus Hale is on file with this email and these details."));
        ImportFlows.Row(dryRun, 12).ShouldBe(("Skip", "Give an email address or a phone number."));
        int Count(string action) => int.Parse(dryRun.Document.QuerySelector($".import-counts li[data-action='{action}'] .count")!.TextContent,
            System.Globalization.CultureInfo.InvariantCulture);
        (Count("Create"), Count("Update"), Count("Unchanged"), Count("PossibleDuplicate"), Count("Skip")).ShouldBe((1, 1, 1, 2, 6));

        var skipped = await admin.GetAsync(dryRun.Document.QuerySelector(".import-counts li[data-action='Skip'] a")!.GetAttribute("href")!);
        skipped.Document.QuerySelectorAll("table.import-dry-run tbody tr").Select(r => r.GetAttribute("data-line")).ShouldBe(["4", "7", "8", "9", "10", "12"]);

        (await ClientsAsync()).ShouldBe(before, "the dry run writes nothing to the clients");
    }

    [Fact]
    public async Task The_dry_run_downloads_as_csv_with_every_row_and_formula_cells_defused()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var (uploadUrl, dryRun) = await ImportFlows.DryRunAsync(admin, Utf8(Header
            + "Ana,\"=HYPERLINK(\"\"http://evil.test\"\",\"\"click\"\")\",ana@example.com,,,\r\n"
            + "@Bo,Li,,-5550142,,\"Two\r\nlines, one cell\"\r\n"));

        var link = dryRun.Document.QuerySelector("a[href$='dry-run.csv']")!.GetAttribute("href")!;
        link.ShouldBe($"{uploadUrl}/dry-run.csv");
        var response = await admin.Client.GetAsync(link);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName!.ShouldContain("import-dry-run.csv");
        var text = await response.Content.ReadAsStringAsync();

        using var reader = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        rows[0].ShouldBe(["Line", "Action", "First name", "Last name", "Email", "Phone", "Date of birth", "What would happen"]);
        rows.Count.ShouldBe(3);
        rows[1][..4].ShouldBe(["2", "Create", "Ana", "'=HYPERLINK(\"http://evil.test\",\"click\")"], "a name starting with = is defused");
        rows[2][..4].ShouldBe(["3", "Create", "'@Bo", "Li"], "a name starting with @ is defused");
        rows[2][5].ShouldBe("'-5550142", "a phone starting with - is defused");
        text.ShouldNotContain(",=HYPERLINK", Case.Sensitive);
        text.ShouldNotContain(",@Bo", Case.Sensitive);
    }

    [Fact]
    public async Task The_mapping_chosen_for_a_source_is_proposed_for_its_next_file()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        const string file = "Client,Tel,Info,Gender\r\nAna Nunez,555-0142,likes tea,F\r\n";
        var (_, first) = await ImportFlows.DryRunAsync(admin, Utf8(file), "Vagaro", new Dictionary<string, string>
        {
            ["Fields[1]"] = "Phone", ["Fields[2]"] = "Notes", ["DayFirst"] = "true",
        });
        ImportFlows.Row(first, 2).Action.ShouldBe("Create");

        var again = await ImportFlows.UploadAsync(admin, Utf8(file), "vagaro ");
        var mapping = await admin.GetAsync(again.Location!);
        string Chosen(string header) => mapping.Document.QuerySelector($"tr[data-column='{header}'] option[selected]")!.GetAttribute("value")!;
        (Chosen("Client"), Chosen("Tel"), Chosen("Info"), Chosen("Gender")).ShouldBe(("FullName", "Phone", "Notes", "None"));
        mapping.Document.QuerySelector("input[name='DayFirst'][checked]")!.GetAttribute("value").ShouldBe("true");
        mapping.Text.ShouldContain("Columns this source had before keep the field they were given then.");

        var other = await ImportFlows.UploadAsync(admin, Utf8(file), "Mindbody");
        var guessed = await admin.GetAsync(other.Location!);
        guessed.Document.QuerySelector("tr[data-column='Tel'] option[selected]")!.GetAttribute("value").ShouldBe("Phone", "tel is guessed");
        guessed.Document.QuerySelector("tr[data-column='Info'] option[selected]")!.GetAttribute("value").ShouldBe("None", "another source has its own mapping");

        (await admin.GetAsync("/admin/import")).Document.QuerySelectorAll("#import-sources option").Select(o => o.GetAttribute("value"))
            .ShouldBe(["Vagaro"], "a source is kept once a file from it was mapped");
    }

    [Fact]
    public async Task A_mapping_without_names_or_a_way_to_reach_clients_or_with_a_field_twice_is_refused_on_its_columns()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var uploaded = await ImportFlows.UploadAsync(admin, Utf8(Header + "Ana,Nunez,ana@example.com,555-0142,,\r\n"));
        var mapping = await admin.GetAsync(uploaded.Location!);

        var refused = await admin.SubmitAsync(mapping, ImportFlows.Proposed(mapping, new Dictionary<string, string>
        {
            ["Fields[1]"] = "None", ["Fields[2]"] = "None", ["Fields[3]"] = "FirstName", ["Fields[5]"] = "Nonsense",
        }));

        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.FieldMessage("Fields_3").ShouldBe("First name is already filled by the column “First Name”.");
        refused.FieldMessage("Fields_5").ShouldBe("Choose a field from the list.");
        refused.Summary.ShouldContain("Map the first name and the last name columns (or one column of full names).");
        refused.Summary.ShouldContain("Map the email or the phone column: every client needs one way to be reached.");
        refused.Document.QuerySelector("#Fields_3 option[selected]")!.GetAttribute("value").ShouldBe("FirstName", "the form shows what was posted");
        (await admin.GetAsync(uploaded.Location![..uploaded.Location!.LastIndexOf('/')] + "/dry-run")).Location.ShouldBe(uploaded.Location);
    }

    [Fact]
    public async Task A_windows_1252_file_with_semicolons_keeps_its_accented_names()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        var file = windows1252.GetBytes("Prénom;Nom;Courriel\r\nZoë;Müller;zoe@example.com\r\nFrançois;Lefèvre;francois@example.com\r\n");

        var (_, dryRun) = await ImportFlows.DryRunAsync(admin, file, "Logiciel");

        var names = dryRun.Document.QuerySelectorAll("table.import-dry-run tbody tr").Select(r => r.QuerySelectorAll("td")[2].TextContent.Trim());
        names.ShouldBe(["Zoë Müller", "François Lefèvre"]);
        (await admin.GetAsync(dryRun.Document.QuerySelector("a[href$='/mapping']")!.GetAttribute("href")!)).Text
            .ShouldContain("columns separated by semicolons, read as Windows-1252");
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("empty")]
    [InlineData("no header")]
    [InlineData("open quote")]
    [InlineData("blank rows")]
    public async Task A_bad_file_is_refused_with_a_message_on_the_file_field_and_nothing_is_kept(string kind)
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var (file, message) = kind switch
        {
            "binary" => ((byte[])[0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00], ImportFile.NotText),
            "empty" => ([], ImportFile.Empty),
            "no header" => (Utf8("Ana,Nunez,ana@example.com\r\n"), ImportFile.NoHeader),
            "open quote" => (Utf8(Header + "Ana,Nunez,ana@example.com,,,\"never closed\r\nBo,Li,bo@example.com,,,\r\n"),
                "Line 2 has a quote that is never closed, or text after a closing quote. Inside a quoted cell a quote is written twice (\"\"). Fix that line and upload the file again."),
            _ => (Utf8(Header + string.Concat(Enumerable.Repeat(",,,,,\r\n", 200_000))), ImportFile.NoRows),
        };

        var refused = await ImportFlows.UploadAsync(admin, file);

        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.FieldMessage("Form_File").ShouldBe(message);
        refused.Document.QuerySelector("#Form_File")!.GetAttribute("aria-invalid").ShouldBe("true");
        refused.Document.QuerySelector("#Form_SourceName")!.GetAttribute("value").ShouldBe("Old spreadsheet", "what was typed stays");
        await using var db = Database.CreateContext();
        (await db.ImportUploads.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task An_upload_of_100_megabytes_is_refused_with_a_clear_message_and_without_a_500()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        // It says its length: answered at once, the form again with the message on the file field.
        using (var declared = await ImportFlows.FormAsync(admin))
        {
            declared.Add(new GeneratedContent(100L * 1024 * 1024, knownLength: true), "Form.File", "huge.csv");
            var refused = await ImportFlows.PostAsync(admin, declared);
            refused.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
            refused.FieldMessage("Form_File").ShouldBe(ImportFile.TooLarge);
        }

        // It does not say its length (sent in chunks): stopped by the request's limits, a 4xx.
        using (var chunked = await ImportFlows.FormAsync(admin))
        {
            chunked.Add(new GeneratedContent(100L * 1024 * 1024, knownLength: false), "Form.File", "huge.csv");
            var refused = await ImportFlows.PostAsync(admin, chunked);
            ((int)refused.Status).ShouldBeInRange(400, 499);
        }

        // Just above the file limit but within the request's: the handler's own message.
        var above = await ImportFlows.UploadAsync(admin, Utf8(Header + new string('x', ImportFile.MaxBytes)));
        above.Status.ShouldBe(HttpStatusCode.OK);
        above.FieldMessage("Form_File").ShouldBe(ImportFile.TooLarge);

        await using var db = Database.CreateContext();
        (await db.ImportUploads.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Only_an_admin_imports_and_only_the_admin_who_uploaded_a_file_opens_it()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var (uploadUrl, _) = await ImportFlows.DryRunAsync(admin, Utf8(Header + "Ana,Nunez,ana@example.com,,,\r\n"));

        using var other = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        (await other.GetAsync($"{uploadUrl}/mapping")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"{uploadUrl}/dry-run")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.Client.GetAsync($"{uploadUrl}/dry-run.csv")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        foreach (var url in new[] { "/admin/import", $"{uploadUrl}/mapping", $"{uploadUrl}/dry-run", $"{uploadUrl}/dry-run.csv" })
        {
            var refused = await desk.GetAsync(url);
            refused.Status.ShouldBe(HttpStatusCode.Redirect, url);
            refused.Location!.ShouldContain("/account/access-denied");
        }

        // An upload a day old has expired: not found for its owner too.
        await using (var db = Database.CreateContext())
        {
            await db.ImportUploads.ExecuteUpdateAsync(s => s.SetProperty(u => u.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        (await admin.GetAsync($"{uploadUrl}/dry-run")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task No_client_data_from_the_file_reaches_the_log()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        await OnFileAsync("Quentin", "Oakhurst", "quentin.oakhurst@example.com", "555-0111");
        var before = App.Log.Lines.Count;

        var (uploadUrl, dryRun) = await ImportFlows.DryRunAsync(admin, Utf8(Header
            + "Wilhelmina,Zabriskie,wilhelmina.zabriskie@example.com,555-0199,1979-03-04,Allergic to latex\r\n"
            + "Quentin,Oakhurst,quentin.oakhurst@example.com,555-0111,1980-01-02,\r\n"
            + "Yolanda,Brightwater,not-an-email,,31/31/1990,\r\n"), "Zabriskie family spa");
        ImportFlows.Row(dryRun, 2).Action.ShouldBe("Create");
        (await admin.Client.GetAsync($"{uploadUrl}/dry-run.csv")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ImportFlows.UploadAsync(admin, Utf8(Header + "Wilhelmina,Zabriskie,\"open\r\n"));

        var lines = App.Log.Lines.Skip(before).ToList();
        lines.ShouldContain(l => l.Contains("Import upload", StringComparison.Ordinal), "the upload is logged, by its id");
        foreach (var secret in new[] { "Wilhelmina", "Zabriskie", "wilhelmina", "555-0199", "latex", "Oakhurst", "Brightwater", "not-an-email", "clients.csv" })
        {
            lines.ShouldAllBe(l => !l.Contains(secret, StringComparison.OrdinalIgnoreCase), secret);
        }
    }

    private static Task AssertNoUnlabelledInputsAsync(Page page)
    {
        foreach (var select in page.Document.QuerySelectorAll("form.import-mapping select"))
        {
            page.Document.QuerySelector($"label[for='{select.Id}']").ShouldNotBeNull(select.Id);
        }

        return Task.CompletedTask;
    }

    /// <summary>A request body of <paramref name="length"/> bytes made as it is sent (nothing held in memory).</summary>
    private sealed class GeneratedContent(long length, bool knownLength) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("Ana,Nunez,ana@example.com\r\n", 2048)));
            for (long sent = 0; sent < length; sent += chunk.Length)
            {
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, length - sent)));
            }
        }

        protected override bool TryComputeLength(out long result)
        {
            result = length;
            return knownLength;
        }
    }
}
